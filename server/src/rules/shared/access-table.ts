/**
 * The access table of a function (template or CDK), for hovers: each AWS action its code calls
 * (with the line of the call) beside whether its role allows it, and what the role grants. Structured data for any
 * front end, and the same as markdown.
 */
import type { Node } from 'typescript';
import type { Position } from '../../engine/finding';
import type { WorkspaceIndex } from '../../engine/workspace';
import { cdkModelOf } from '../../models/cdk';
import type { CodeCalls } from './aws-calls';
import type { CdkFunctionAccess } from './cdk-access';
import { cdkAccess } from './cdk-access';
import type { Coverage, FunctionAccess, GrantLike, Need } from './function-access';
import { actionMatches, needCovered, targetLabel, templateAccess } from './function-access';

export interface AccessRow {
  action: string;
  resource: string;
  /** The call's file (index key) and 1-based line; absent for what Lambda does for the function. */
  file?: string;
  line?: number;
  granted: Coverage;
  /** The grants that allow it. */
  by: string[];
}

export interface AccessTable {
  functionId: string;
  codeFile?: string;
  /** Why there is no table of calls (the code was not found). */
  codeMissing?: string;
  rows: AccessRow[];
  grants: { actions: string[]; resources: string; source: string }[];
  unresolved: { file: string; line: number; reason: string }[];
  /** Why what the role grants is not fully known. */
  opaque: string[];
  markdown: string;
}

const baseName = (key: string): string => decodeURIComponent(key.replace(/^.*[/\\]/, ''));

/** Text from the user's files, safe inside a markdown table cell or code span. */
function cell(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, '\\$&').replace(/\r?\n/g, ' ');
}

/** What a table is built from: a template function's access or a CDK function's, in common terms. */
interface AccessSource {
  name: string;
  codeKey?: string;
  codeMissing?: string;
  needs: readonly Need[];
  grants: readonly (GrantLike & { resourceText: string; label: string; source: string })[];
  unresolved: CodeCalls['unresolved'];
  opaque: readonly string[];
}

function build(a: AccessSource): AccessTable {
  const rows: AccessRow[] = [];
  const seen = new Set<string>();
  for (const n of a.needs) {
    const resource = targetLabel(n.target, n.scope);
    const key = `${n.action} ${resource} ${n.call?.file}:${n.call?.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const by = a.grants.filter((g) => g.actions.some((p) => actionMatches(p, n.action)) && g.covers(n.target, n.scope) !== 'no').map((g) => g.label);
    const covered = needCovered(a, n);
    rows.push({ action: n.action, resource, file: n.call?.file, line: n.call ? n.call.line + 1 : undefined, granted: a.opaque.length > 0 && covered === 'no' ? 'maybe' : covered, by });
  }
  const grants = a.grants.map((g) => ({ actions: [...g.actions], resources: g.resourceText, source: g.source }));
  const unresolved = a.unresolved.map((u) => ({ file: u.file, line: u.line + 1, reason: u.reason }));
  const table: AccessTable = { functionId: a.name, codeFile: a.codeKey, codeMissing: a.codeMissing, rows, grants, unresolved, opaque: [...a.opaque], markdown: '' };
  table.markdown = markdownOf(table);
  return table;
}

/** A function's access in common terms; `describe` names each grant the way its front end writes it. */
function sourceOf<G extends GrantLike & { resourceText: string }>(
  name: string,
  a: { codeKey?: string; codeMissing?: string; needs: readonly Need[]; grants: readonly G[]; calls: CodeCalls; opaqueGrants: readonly string[] },
  describe: (g: G) => { label: string; source: string },
): AccessSource {
  return {
    name,
    codeKey: a.codeKey,
    codeMissing: a.codeMissing,
    needs: a.needs,
    grants: a.grants.map((g) => ({ actions: g.actions, covers: g.covers, resourceText: g.resourceText, ...describe(g) })),
    unresolved: a.calls.unresolved,
    opaque: a.opaqueGrants,
  };
}

function fromTemplate(a: FunctionAccess): AccessSource {
  return sourceOf(a.fn.id, a, (g) => ({
    label: g.kind === 'template' ? g.templateName! : `${g.actions.join(', ')} on ${g.resourceText}`,
    source: g.kind === 'template' ? g.templateName! : g.owner.id === a.fn.id ? 'Policies statement' : `${g.owner.id} statement`,
  }));
}

function fromCdk(a: CdkFunctionAccess): AccessSource {
  return sourceOf(a.fn.name, a, (g) => ({
    label: g.kind === 'statement' ? `${g.actions.join(', ')} on ${g.resourceText}` : `${g.source}()`,
    source: g.kind === 'statement' ? g.source : `${g.source}()`,
  }));
}

function markdownOf(t: AccessTable): string {
  const parts: string[] = [`**${cell(t.functionId)}: what its code calls and what it is granted** · \`least-privilege\``];
  if (!t.codeFile) {
    parts.push(`Its code was not read: ${cell(t.codeMissing ?? 'not found')}.`);
  } else if (t.rows.length === 0) {
    parts.push(`Its code (${cell(baseName(t.codeFile))}) makes no AWS SDK call that was recognised.`);
  } else {
    const mark = (c: Coverage): string => (c === 'yes' ? 'yes' : c === 'maybe' ? 'maybe' : '**no**');
    const lines = ['| action | resource | call | granted |', '|---|---|---|---|'];
    for (const r of t.rows) {
      const where = r.file ? `${cell(baseName(r.file))}:${r.line}` : '(Lambda, for the function)';
      lines.push(`| \`${cell(r.action)}\` | ${cell(r.resource)} | ${where} | ${mark(r.granted)}${r.by.length ? ` (${cell(r.by[0])})` : ''} |`);
    }
    parts.push(lines.join('\n'));
  }
  if (t.grants.length > 0) {
    parts.push(`Granted:\n${t.grants.map((g) => `- ${cell(g.actions.join(', '))} on ${cell(g.resources)} (${cell(g.source)})`).join('\n')}`);
  } else if (t.opaque.length === 0) {
    parts.push('Granted: nothing beyond what Lambda itself adds.');
  }
  if (t.opaque.length > 0) parts.push(`Not fully known: ${t.opaque.map(cell).join('; ')}.`);
  if (t.unresolved.length > 0) {
    parts.push(`Calls that could not be read:\n${t.unresolved.map((u) => `- ${cell(baseName(u.file))}:${u.line}: ${cell(u.reason)}`).join('\n')}`);
  }
  return parts.join('\n\n');
}

/**
 * The access table of the function at `position`: a template function's logical id, or a CDK
 * function construct (its id or its class) in a CDK file of the index.
 */
export function accessTableAt(workspace: WorkspaceIndex, file: string, position: Position): AccessTable | undefined {
  const parsed = workspace.get(file);
  if (!parsed) return undefined;
  const offset = parsed.lines.offsetAt(position);
  if (parsed.kind === 'code') {
    const cdk = cdkModelOf(parsed.model.sourceFile);
    if (!cdk.isCdk) return undefined;
    const sf = parsed.model.sourceFile;
    // On the construct's id or its class name; read only when the cursor is on a function.
    const on = (n: Node): boolean => offset >= n.getStart(sf) && offset <= n.getEnd();
    const hit = cdk.functions().find((c) => c.idNode && (on(c.idNode) || on(c.node.expression)));
    if (!hit) return undefined;
    const a = cdkAccess(workspace, file, cdk).find((x) => x.fn === hit);
    return a && build(fromCdk(a));
  }
  if (parsed.kind !== 'template') return undefined;
  const fn = parsed.model.resources.find((r) => offset >= r.entry.keyStart && offset <= r.entry.keyEnd);
  if (!fn || (fn.type !== 'AWS::Serverless::Function' && fn.type !== 'AWS::Lambda::Function')) return undefined;
  const a = templateAccess(workspace, file, parsed.model).find((x) => x.fn.id === fn.id);
  return a && build(fromTemplate(a));
}
