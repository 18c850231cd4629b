/**
 * least-privilege on CDK: what reaches a function's role (policy statements, `grant*` methods)
 * against the AWS SDK calls its handler makes. Broad or unused statements are narrowed to
 * exactly the calls (`new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources:
 * [table.tableArn] })`), a grant method wider than the calls gives way to a narrower one
 * (`grantReadWriteData` → `grantReadData`), and calls no grant allows are reported with the
 * statement that would allow them.
 */
import * as ts from 'typescript';
import type { FixInput, RuleContext } from '../../engine/rule';
import type { CodeModel } from '../../models/code/model';
import type { CdkModel } from '../../models/cdk';
import { strip } from '../../models/cdk';
import type { CdkFunctionAccess, CdkGrant } from '../shared/cdk-access';
import { cdkAccess } from '../shared/cdk-access';
import { CDK_GRANTS, cdkPropertyOf } from '../shared/cdk-resources';
import type { Need, Target } from '../shared/function-access';
import { actionMatches, isImplicitAction, listText, needCovered, needsText } from '../shared/function-access';
import { isDestructive, judgeStatement, relatedOf, sharedRoleText, shortFile, statementMessage, unresolvedText, narrowTitle, unusedWrites, writesText } from '../shared/least-privilege-text';
import type { CfnValue } from '../shared/fix-text';
import { statementsFor } from '../shared/policy-fix';
import { isReadAction } from '../shared/sdk-iam-actions';
import type { CdkCheck, Edit } from './shared';
import { cdkRef, quoteOf, span } from './shared';
const { isArrayLiteralExpression, isCallExpression, isExpressionStatement, isIdentifier, isPropertyAccessExpression, isVariableDeclaration, isVariableDeclarationList, isVariableStatement } = ts;

export const check: CdkCheck = (ctx, cdk) => {
  const access = cdkAccess(ctx.workspace, ctx.file, cdk);
  if (access.length === 0) return;
  const byFn = new Map(access.map((a) => [a.fn, a]));
  const seen = new Set<CdkGrant>();
  for (const a of access) {
    for (const g of a.grants) {
      if (seen.has(g)) continue;
      seen.add(g);
      const holders = g.holders.map((h) => byFn.get(h)).filter((h): h is CdkFunctionAccess => h !== undefined);
      // Without every holder's code, nothing can be said about what the grant is for.
      if (holders.length !== g.holders.length || holders.some((h) => !h.codeKey)) continue;
      if (g.kind === 'statement') checkStatement(ctx, cdk, g, holders);
      else if (g.kind === 'method') checkMethod(ctx, cdk, g, holders);
    }
    checkMissing(ctx, cdk, a);
  }
};

function holdersText(holders: CdkFunctionAccess[]): string {
  if (holders.length === 1) return holders[0].fn.name;
  const role = holders[0].role;
  return `${listText(holders.map((h) => h.fn.name))}${role ? ` (sharing ${role.name})` : ''}`;
}

function checkStatement(ctx: RuleContext<CodeModel>, cdk: CdkModel, g: CdkGrant, holders: CdkFunctionAccess[]): void {
  const st = g.stmt!;
  const unresolved = holders.flatMap((h) => h.calls.unresolved);
  const verdict = judgeStatement(g, holders.flatMap((h) => h.needs), unresolved);
  const { broad, unused, served } = verdict;
  if (broad.length === 0 && unused.length === 0) return;
  const sf = ctx.model.sourceFile;
  let message = statementMessage(holdersText(holders), holders.length, g.resourceText, verdict);
  message += sharedRoleText(holders.map((h) => ({ name: h.fn.name, needs: h.needs })), served);
  message += unresolvedText(ctx.workspace, unresolved);
  const offending = new Set([...broad, ...unused]);
  const nodes: ts.Node[] = [];
  for (const v of st.actions.values) for (const s of cdk.resolver.strings(v).values) if (offending.has(s.text)) nodes.push(s.node);
  const at = nodes.length === 1 ? nodes[0] : st.kind === 'cdk' ? (st.node as ts.NewExpression).expression : st.node;
  const fix = unresolved.length === 0 && st.kind === 'cdk' ? narrowFix(ctx, cdk, st.node as ts.NewExpression, served, holders) : undefined;
  ctx.report({
    ...span(at, sf),
    resource: holders[0].fn.name,
    message,
    related: relatedOf(ctx.workspace, served, 'calls'),
    fixes: fix ? [fix] : [],
  });
}

/** A grant method wider than the calls need: a narrower one fits, or it allows deletes the code never makes; or one never used. */
function checkMethod(ctx: RuleContext<CodeModel>, cdk: CdkModel, g: CdkGrant, holders: CdkFunctionAccess[]): void {
  const needs = holders.flatMap((h) => h.needs).filter((n) => n.call);
  const unresolved = holders.flatMap((h) => h.calls.unresolved);
  const served = needs.filter((n) => g.actions.some((p) => actionMatches(p, n.action)) && g.covers(n.target, n.scope) !== 'no');
  const service = g.actions[0]?.split(':')[0];
  if (unresolved.some((u) => u.service === undefined || u.service === service)) return;
  const res = g.resource!;
  const name = `${res.id}.${g.method}`;
  const sf = ctx.model.sourceFile;
  let message: string;
  let fix: FixInput | undefined;
  if (served.length === 0) {
    if (g.actions.every(isImplicitAction)) return;
    message = `${holdersText(holders)} is granted ${name}(...), but ${holders.length > 1 ? 'their' : 'its'} code calls none of its actions on ${res.id}.`;
    const stmt = g.call!.parent;
    if (isExpressionStatement(stmt)) fix = { title: `Remove ${name}(...)`, edits: [removeStatement(ctx.text, sf, stmt)] };
  } else {
    if (g.method === 'grant') return;
    const methods = res.type ? CDK_GRANTS[res.type] : undefined;
    if (!methods) return;
    const better = narrowestMethod(methods, served);
    const size = (m: string): number => methods[m]?.actions.length ?? Infinity;
    if (better && better !== g.method && size(better) < size(g.method!)) {
      message = `${holdersText(holders)} is granted ${name}(...), which allows actions its code never calls; it calls only ${needsText(served)}, which ${better} covers.`;
      fix = { title: `Use ${better} instead of ${g.method}`, edits: [{ ...span(g.nameNode!, sf), newText: better }] };
    } else {
      // As on templates: no narrower method, and this one deletes what the code never deletes.
      const writes = unusedWrites(g.actions, served);
      if (!writes.some(isDestructive)) return;
      message = `${holdersText(holders)} is granted ${name}(...), which also allows ${writesText(writes)} that ${holders.length > 1 ? 'their' : 'its'} code never makes; it calls only ${needsText(served)}.`;
      fix = holders.length === 1 ? grantToStatementFix(ctx, cdk, g, holders[0], served) : undefined;
    }
  }
  ctx.report({ ...span(g.nameNode!, sf), resource: holders[0].fn.name, message, related: relatedOf(ctx.workspace, served, 'calls'), fixes: fix ? [fix] : [] });
}

/** The grant method with the fewest actions that allows every need and adds only reads besides. */
function narrowestMethod(methods: Readonly<Record<string, { actions: readonly string[]; parts: readonly string[] }>>, needs: Need[]): string | undefined {
  let bestName: string | undefined;
  let bestSize = Infinity;
  const actions = [...new Set(needs.map((n) => n.action))];
  for (const [name, m] of Object.entries(methods)) {
    const partOf = (n: Need): string => (n.scope === 'index' ? 'index' : n.scope === 'children' ? 'children' : 'self');
    if (!needs.every((n) => m.actions.some((p) => actionMatches(p, n.action)) && m.parts.includes(partOf(n)))) continue;
    const extras = m.actions.filter((p) => !actions.some((a) => a.toLowerCase() === p.toLowerCase()));
    // A wildcard beyond the calls (dynamodb:*) is never narrower, however short its list.
    if (!extras.every((p) => isReadAction(p) && !/^[^:]*:\*$/.test(p))) continue;
    if (m.actions.length < bestSize) {
      bestSize = m.actions.length;
      bestName = name;
    }
  }
  return bestName;
}

/** Calls no grant allows: they fail with AccessDenied. */
function checkMissing(ctx: RuleContext<CodeModel>, cdk: CdkModel, a: CdkFunctionAccess): void {
  if (!a.codeKey || a.opaqueGrants.length > 0) return;
  const missing = a.needs.filter((n) => n.call && needCovered(a, n) === 'no');
  if (missing.length === 0) return;
  const sf = ctx.model.sourceFile;
  const first = missing[0].call!;
  const whereCall = `${shortFile(first.file)}:${first.line + 1}`;
  const fix = addStatementFix(ctx, cdk, a, missing);
  ctx.report({
    ...span(a.fn.idNode!, sf),
    resource: a.fn.name,
    message: `${a.fn.name}'s code calls ${needsText(missing)} (${whereCall}${missing.length > 1 ? ' and more' : ''}), which ${a.role ? `its role ${a.role.name}` : 'its role'} does not allow: ${missing.length > 1 ? 'these calls' : 'the call'} will fail with AccessDenied.`,
    related: relatedOf(ctx.workspace, missing, 'needs'),
    fixes: fix ? [fix] : [],
  });
}

// ---- writing statements ------------------------------------------------------------------------

/** How a fix writes CDK values at one place of the file. */
class Writer {
  readonly edits: Edit[] = [];
  private aws?: string;

  constructor(
    private readonly ctx: RuleContext<CodeModel>,
    private readonly cdk: CdkModel,
    private readonly holders: CdkFunctionAccess[],
    /** Where the written code goes (a node there, and the offset): names must be in scope there. */
    private readonly at: ts.Node,
    private readonly pos: number,
    readonly quote: string,
  ) {}

  /** `new iam.PolicyStatement({ actions: [...], resources: [...] })` for each statement, or undefined. */
  statements(needs: readonly Need[], ctor: string): string[] | undefined {
    const sts = statementsFor(needs);
    if (!sts) return undefined;
    const out: string[] = [];
    for (const s of sts) {
      if (typeof s !== 'object' || !('map' in s)) return undefined;
      const actions = s.map.find(([k]) => k === 'Action')?.[1];
      const resource = s.map.find(([k]) => k === 'Resource')?.[1];
      if (!actions || typeof actions !== 'object' || !('list' in actions) || resource === undefined) return undefined;
      const resources = typeof resource === 'object' && 'list' in resource ? resource.list : [resource];
      const rs = resources.map((r) => this.value(r, needs));
      if (rs.some((r) => r === undefined)) return undefined;
      const as = actions.list.map((x) => this.str(String(x)));
      out.push(`new ${ctor}({ actions: [${as.join(', ')}], resources: [${rs.join(', ')}] })`);
    }
    return out;
  }

  private str(s: string): string {
    const q = this.quote === '`' ? "'" : this.quote;
    return `${q}${s.replace(/\\/g, '\\\\').replace(new RegExp(q, 'g'), `\\${q}`)}${q}`;
  }

  private awsName(): string {
    if (!this.aws) {
      const ref = cdkRef(this.ctx, this.cdk, 'core', 'Aws');
      this.aws = ref.text;
      this.edits.push(...ref.edits);
    }
    return this.aws;
  }

  /** The TypeScript for a template value: `table.tableArn`, `` `${table.tableArn}/index/*` ``. */
  private value(v: CfnValue, needs: readonly Need[]): string | undefined {
    if (typeof v === 'string') return this.str(v);
    if ('Ref' in v) return this.attribute(v.Ref, 'Ref', needs);
    if ('GetAtt' in v) return this.attribute(v.GetAtt[0], v.GetAtt[1], needs);
    if ('Sub' in v) {
      const whole = /^\$\{([^}]+)\}$/.exec(v.Sub);
      if (whole && !whole[1].startsWith('AWS::')) return this.subPart(whole[1], needs);
      let out = '`';
      let last = 0;
      for (const m of v.Sub.matchAll(/\$\{([^}]+)\}/g)) {
        out += v.Sub.slice(last, m.index).replace(/[`\\]/g, '\\$&').replace(/\$(?=\{)/g, '\\$');
        const part = this.subPart(m[1], needs);
        if (part === undefined) return undefined;
        out += `\${${part}}`;
        last = m.index! + m[0].length;
      }
      return `${out}${v.Sub.slice(last).replace(/[`\\]/g, '\\$&')}\``;
    }
    return undefined;
  }

  private subPart(name: string, needs: readonly Need[]): string | undefined {
    const pseudo: Record<string, string> = { 'AWS::Partition': 'PARTITION', 'AWS::Region': 'REGION', 'AWS::AccountId': 'ACCOUNT_ID', 'AWS::URLSuffix': 'URL_SUFFIX' };
    if (pseudo[name]) return `${this.awsName()}.${pseudo[name]}`;
    const dot = name.indexOf('.');
    return dot < 0 ? this.attribute(name, 'Ref', needs) : this.attribute(name.slice(0, dot), name.slice(dot + 1), needs);
  }

  /** `<how the file names the resource>.<its CDK property for the attribute>`, when in scope here. */
  private attribute(id: string, attr: string, needs: readonly Need[]): string | undefined {
    const target = needs.find((n) => n.target.kind === 'resource' && n.target.id === id)?.target as Extract<Target, { kind: 'resource' }> | undefined;
    if (!target) return undefined;
    const prop = cdkPropertyOf(target.type, attr);
    if (!prop) return undefined;
    for (const h of this.holders) {
      const expr = h.resourceExprs.get(id);
      if (expr && inScopeAt(this.cdk, expr, this.at, this.pos)) return `${expr.getText(this.ctx.model.sourceFile)}.${prop}`;
    }
    return undefined;
  }
}

/** Whether an expression (`table`, `this.table`, `props.table`) means the same where `at` is. */
function inScopeAt(cdk: CdkModel, expr: ts.Expression, at: ts.Node, pos: number): boolean {
  let root: ts.Expression = strip(expr);
  while (isPropertyAccessExpression(root)) root = strip(root.expression);
  if (root.kind === ts.SyntaxKind.ThisKeyword) return classOf(root) !== undefined && classOf(root) === classOf(at) && fnScope(root) === fnScope(at);
  if (!isIdentifier(root)) return false;
  const decl = cdk.resolver.declarationOf(root);
  if (!decl) return false;
  const scope = declScope(decl);
  if (!scope) return false;
  return pos >= scope.pos && pos <= scope.end && (decl.end <= pos || ts.isParameter(decl));
}

function classOf(n: ts.Node): ts.Node | undefined {
  for (let p = n.parent; p; p = p.parent) if (ts.isClassLike(p)) return p;
  return undefined;
}

/** The nearest non-arrow function (what `this` means). */
function fnScope(n: ts.Node): ts.Node | undefined {
  for (let p = n.parent; p; p = p.parent) if (ts.isFunctionLike(p) && !ts.isArrowFunction(p)) return p;
  return undefined;
}

/** The block or function a declaration is visible in. */
function declScope(decl: ts.Node): ts.Node | undefined {
  if (ts.isParameter(decl)) return decl.parent;
  for (let p = decl.parent; p; p = p.parent) {
    if (ts.isBlock(p) || ts.isSourceFile(p) || ts.isModuleBlock(p) || ts.isFunctionLike(p) || ts.isCaseBlock(p)) return p;
  }
  return undefined;
}

/** The indentation of the line a node starts on. */
function indentOf(text: string, sf: ts.SourceFile, node: ts.Node): string {
  const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
  const start = sf.getPositionOfLineAndCharacter(line, 0);
  return /^[ \t]*/.exec(text.slice(start, start + 200))![0];
}

/** An edit removing a whole statement with its line. */
function removeStatement(text: string, sf: ts.SourceFile, stmt: ts.Statement): Edit {
  const start = stmt.getStart(sf);
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const onlyBlanksBefore = /^[ \t]*$/.test(text.slice(lineStart, start));
  let end = stmt.getEnd();
  const nl = text.indexOf('\n', end);
  if (onlyBlanksBefore && /^[ \t]*\r?$/.test(text.slice(end, nl < 0 ? text.length : nl))) end = nl < 0 ? text.length : nl + 1;
  return { start: onlyBlanksBefore ? lineStart : start, end, newText: '' };
}

const ADD_METHODS = new Set(['addToRolePolicy', 'addToPrincipalPolicy', 'addToPolicy', 'addStatements']);

/** Replaces a broad `new iam.PolicyStatement(...)` with exactly the served needs (or removes it when nothing is served). */
function narrowFix(ctx: RuleContext<CodeModel>, cdk: CdkModel, node: ts.NewExpression, served: Need[], holders: CdkFunctionAccess[]): FixInput | undefined {
  const sf = ctx.model.sourceFile;
  const parent = node.parent;
  const callStmt = isCallExpression(parent) && isPropertyAccessExpression(parent.expression) && ADD_METHODS.has(parent.expression.name.text) && parent.arguments.length === 1 && isExpressionStatement(parent.parent) ? parent.parent : undefined;
  const inArray = isArrayLiteralExpression(parent) ? parent : undefined;
  const title = narrowTitle(served);
  if (served.length === 0) {
    if (callStmt) return { title, edits: [removeStatement(ctx.text, sf, callStmt)] };
    return undefined;
  }
  const first = node.arguments?.[0];
  const w = new Writer(ctx, cdk, holders, node, node.getStart(sf), first ? quoteOf(firstString(first) ?? first, sf) : "'");
  const sts = w.statements(served, node.expression.getText(sf));
  if (!sts) return undefined;
  const edits: Edit[] = [...w.edits, { ...span(node, sf), newText: sts[0] }];
  if (sts.length > 1) {
    if (callStmt) {
      const call = parent as ts.CallExpression;
      const indent = indentOf(ctx.text, sf, callStmt);
      const recv = (call.expression as ts.PropertyAccessExpression).getText(sf);
      const more = sts.slice(1).map((s) => `\n${indent}${recv}(${s});`).join('');
      edits.push({ start: callStmt.getEnd(), end: callStmt.getEnd(), newText: more });
    } else if (inArray) {
      edits[edits.length - 1] = { ...span(node, sf), newText: sts.join(', ') };
    } else return undefined;
  }
  return { title, edits };
}

function firstString(n: ts.Node): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (x: ts.Node): void => {
    if (found) return;
    if (ts.isStringLiteral(x)) found = x;
    else ts.forEachChild(x, visit);
  };
  visit(n);
  return found;
}

/** Adds `fn.addToRolePolicy(new iam.PolicyStatement(...))` after the statement that makes the function. */
function addStatementFix(ctx: RuleContext<CodeModel>, cdk: CdkModel, a: CdkFunctionAccess, missing: Need[]): FixInput | undefined {
  const decl = a.fn.node.parent;
  if (!isVariableDeclaration(decl) || decl.initializer !== a.fn.node || !isIdentifier(decl.name)) return undefined;
  const list = decl.parent;
  const stmt = isVariableDeclarationList(list) ? list.parent : undefined;
  if (!stmt || !isVariableStatement(stmt)) return undefined;
  const sf = ctx.model.sourceFile;
  const w = roleStatements(ctx, cdk, a, stmt, stmt.getEnd(), decl.name.getText(sf), missing);
  if (!w) return undefined;
  const indent = indentOf(ctx.text, sf, stmt);
  const lines = w.calls.map((c) => `\n${indent}${c}`).join('');
  return { title: 'Allow the calls the code makes', edits: [...w.edits, { start: stmt.getEnd(), end: stmt.getEnd(), newText: lines }] };
}

/**
 * Replaces `table.grantReadWriteData(fn);` with `fn.addToRolePolicy(new iam.PolicyStatement(...))`
 * naming exactly the calls, when the grantee is the function itself.
 */
function grantToStatementFix(ctx: RuleContext<CodeModel>, cdk: CdkModel, g: CdkGrant, holder: CdkFunctionAccess, served: Need[]): FixInput | undefined {
  const call = g.call!;
  const stmt = call.parent;
  const grantee = call.arguments[0];
  if (!isExpressionStatement(stmt) || !grantee || call.arguments.length !== 1) return undefined;
  const reached = cdk.constructsOf({ expr: grantee, env: undefined });
  if (reached.length !== 1 || reached[0] !== holder.fn) return undefined;
  const sf = ctx.model.sourceFile;
  const w = roleStatements(ctx, cdk, holder, stmt, stmt.getStart(sf), grantee.getText(sf), served);
  if (!w) return undefined;
  const text = w.calls.join(`\n${indentOf(ctx.text, sf, stmt)}`);
  return { title: narrowTitle(served), edits: [...w.edits, { start: stmt.getStart(sf), end: stmt.getEnd(), newText: text }] };
}

/**
 * `recv.addToRolePolicy(new iam.PolicyStatement(...));` for each statement the needs take, written
 * for the place `at`/`pos` (names in scope there, the quotes of the function's construct), with
 * the import edits those names need.
 */
function roleStatements(ctx: RuleContext<CodeModel>, cdk: CdkModel, holder: CdkFunctionAccess, at: ts.Node, pos: number, recv: string, needs: Need[]): { calls: string[]; edits: Edit[] } | undefined {
  const sf = ctx.model.sourceFile;
  const str = firstString(holder.fn.node);
  const w = new Writer(ctx, cdk, [holder], at, pos, str ? quoteOf(str, sf) : "'");
  const ctor = cdkRef(ctx, cdk, 'iam', 'PolicyStatement');
  const sts = w.statements(needs, ctor.text);
  if (!sts) return undefined;
  return { calls: sts.map((s) => `${recv}.addToRolePolicy(${s});`), edits: [...ctor.edits, ...w.edits] };
}
