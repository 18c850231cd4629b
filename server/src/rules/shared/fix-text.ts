/**
 * Text-level helpers for quick fixes that edit a template in its own syntax (YAML or JSON) and style: values
 * rendered as the file writes them, scalars keeping their quotes, new lines at the indentation of
 * their neighbours, and the logical ids a value refers to. The one place that decides how a
 * string is written as YAML: TemplateEditor (template-edit.ts), which adds entries to maps and
 * lists by structure, and the policy fixes (policy-fix.ts) render through here.
 */
import type { TemplateModel, TemplateResource } from '../../models/template/model';
import type { MapEntry, ScalarNode, TNode } from '../../models/template/nodes';
import { get, intrinsicName, isMap, isSeq, str } from '../../models/template/nodes';

/** A value to write into a template: a string, an intrinsic, or a list or map of values. */
export type CfnValue =
  | string
  | { Ref: string }
  | { GetAtt: [string, string] }
  | { Sub: string }
  | { list: CfnValue[] }
  | { map: [string, CfnValue][] };

/**
 * A string as a YAML scalar: plain when YAML 1.2 would read it back as the same string in block
 * and flow context alike (no indicator first, no `: `, ` #`, brackets or commas, not a boolean,
 * null or number), single-quoted otherwise.
 */
export function yamlScalar(s: string): string {
  const plain =
    /^[A-Za-z0-9_/$.(][^#]*$/.test(s) &&
    !/: |:$| #|[{}[\],]/.test(s) &&
    // Anything that starts like a number may read as one (0x1F, 1_000, 12:30 in YAML 1.1).
    !/^(true|false|yes|no|on|off|null|~|\.inf|\.nan)$|^[-+.]?[0-9]/i.test(s) &&
    s.trim() === s;
  return plain ? s : yamlQuote(s);
}

/** A string single-quoted for YAML. */
export function yamlQuote(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** The value in flow (one-line) form: `!GetAtt T.Arn`, `{"Fn::GetAtt": ["T", "Arn"]}`. */
export function renderInline(v: CfnValue, format: 'yaml' | 'json'): string {
  const json = format === 'json';
  if (typeof v === 'string') return json ? JSON.stringify(v) : yamlScalar(v);
  if ('Ref' in v) return json ? `{ "Ref": ${JSON.stringify(v.Ref)} }` : `!Ref ${v.Ref}`;
  if ('GetAtt' in v) return json ? `{ "Fn::GetAtt": [${v.GetAtt.map((x) => JSON.stringify(x)).join(', ')}] }` : `!GetAtt ${v.GetAtt.join('.')}`;
  if ('Sub' in v) return json ? `{ "Fn::Sub": ${JSON.stringify(v.Sub)} }` : `!Sub ${yamlQuote(v.Sub)}`;
  if ('list' in v) return `[${v.list.map((x) => renderInline(x, format)).join(', ')}]`;
  const entries = v.map.map(([k, x]) => `${json ? JSON.stringify(k) : k}: ${renderInline(x, format)}`);
  return json ? `{ ${entries.join(', ')} }` : `{${entries.join(', ')}}`;
}

/**
 * The value as a YAML block written at `indent` (the column of the key or `- ` that holds it):
 * maps become indented `key: value` lines; everything else stays inline.
 */
export function renderYamlBlock(v: CfnValue, indent: string): string {
  if (typeof v === 'object' && 'map' in v) {
    return v.map
      .map(([k, x]) => {
        const nested = typeof x === 'object' && 'map' in x;
        return nested ? `${k}:\n${indent}  ${renderYamlBlock(x, `${indent}  `)}` : `${k}: ${renderInline(x, 'yaml')}`;
      })
      .join(`\n${indent}`);
  }
  return renderInline(v, 'yaml');
}

/**
 * A value in block YAML, written where a value starts at column `col` (after `- ` or `key: `):
 * maps and lists on their own lines, scalars and intrinsics inline.
 */
export function yamlBlock(v: CfnValue, col: number): string {
  const pad = ' '.repeat(col);
  if (typeof v === 'object' && 'map' in v) {
    return v.map
      .map(([k, x]) => {
        if (typeof x === 'object' && ('map' in x || 'list' in x)) {
          const inner = 'map' in x ? `${pad}  ${yamlBlock(x, col + 2)}` : `${pad}  - ${yamlBlockItems(x.list, col + 2)}`;
          return `${k}:\n${inner}`;
        }
        return `${k}: ${renderInline(x, 'yaml')}`;
      })
      .join(`\n${pad}`);
  }
  if (typeof v === 'object' && 'list' in v) return `- ${yamlBlockItems(v.list, col)}`;
  return renderInline(v, 'yaml');
}

/** List items after the first `- ` at `col` (the column of the dash). */
function yamlBlockItems(items: readonly CfnValue[], col: number): string {
  return items.map((i) => yamlBlock(i, col + 2)).join(`\n${' '.repeat(col)}- `);
}

/** JSON for a value, inline. */
export function jsonValue(v: CfnValue): string {
  if (typeof v === 'object' && 'list' in v) return `[${v.list.map(jsonValue).join(', ')}]`;
  if (typeof v === 'object' && 'map' in v) return `{ ${v.map.map(([k, x]) => `${JSON.stringify(k)}: ${jsonValue(x)}`).join(', ')} }`;
  return renderInline(v, 'json');
}

/** The replacement for a scalar that keeps its quoting: `'*'` becomes `'AWS_IAM'`, `NONE` becomes `AWS_IAM`. */
export function replaceScalarText(text: string, node: ScalarNode, value: string): string {
  const first = text[node.start];
  if (first === '"') return JSON.stringify(value);
  if (first === "'") return yamlQuote(value);
  return yamlScalar(value);
}

/** The whitespace that starts the line holding `offset`. */
export function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))?.[0] ?? '';
}

/** The offset where the line holding `offset` starts. */
export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The column (as spaces) of `offset` within its line, for text that continues a `- ` or `key: ` line. */
export function columnIndent(text: string, offset: number): string {
  return ' '.repeat(offset - lineStartOf(text, offset));
}

/** True when only whitespace and `- ` markers come before `offset` on its line (block YAML). */
export function startsItsLine(text: string, offset: number): boolean {
  return /^[ \t]*(-[ \t]+)*$/.test(text.slice(lineStartOf(text, offset), offset));
}

/** The line break the file uses. */
export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/**
 * Edits that add `key: value` entries to a map next to one of its entries (`before`), in the
 * map's own style: new lines at the entry's indentation in block YAML and pretty JSON, inline
 * otherwise.
 */
export function insertEntriesBefore(
  text: string,
  format: 'yaml' | 'json',
  before: MapEntry,
  entries: [string, CfnValue][],
): { start: number; end: number; newText: string } {
  const eol = eolOf(text);
  if (format === 'yaml' && startsItsLine(text, before.keyStart) && !/-[ \t]+$/.test(text.slice(lineStartOf(text, before.keyStart), before.keyStart))) {
    const indent = columnIndent(text, before.keyStart);
    const lines = entries.map(([k, v]) => `${indent}${k}: ${renderYamlBlock(v, indent)}${eol}`).join('');
    const at = lineStartOf(text, before.keyStart);
    return { start: at, end: at, newText: lines };
  }
  if (format === 'json' && startsItsLine(text, before.keyStart)) {
    const indent = columnIndent(text, before.keyStart);
    const lines = entries.map(([k, v]) => `${JSON.stringify(k)}: ${renderInline(v, 'json')},${eol}${indent}`).join('');
    return { start: before.keyStart, end: before.keyStart, newText: lines };
  }
  const inline = entries.map(([k, v]) => `${format === 'json' ? JSON.stringify(k) : k}: ${renderInline(v, format)}, `).join('');
  return { start: before.keyStart, end: before.keyStart, newText: inline };
}

/**
 * The logical ids a value refers to: `!Ref X`, `!GetAtt X.Arn`, and `${X}` / `${X.Arn}` inside
 * `!Sub` (pseudo parameters and the Sub's own variables left out).
 */
export function referencedIds(node: TNode | undefined): string[] {
  const out = new Set<string>();
  const visit = (n: TNode | undefined, depth: number): void => {
    if (!n || depth > 20) return;
    const fn = intrinsicName(n);
    if (fn === 'Ref') {
      const id = str(get(n, 'Ref'));
      if (id && !id.startsWith('AWS::')) out.add(id);
      return;
    }
    if (fn === 'Fn::GetAtt') {
      const arg = get(n, 'Fn::GetAtt');
      const id = isSeq(arg) ? str(arg.items[0]) : str(arg)?.split('.')[0];
      if (id) out.add(id);
      return;
    }
    if (fn === 'Fn::Sub') {
      const arg = get(n, 'Fn::Sub');
      const template = isSeq(arg) ? str(arg.items[0]) : str(arg);
      const vars = isSeq(arg) ? arg.items[1] : undefined;
      for (const m of (template ?? '').matchAll(/\$\{([^!}][^}]*)\}/g)) {
        const id = m[1].split('.')[0];
        if (!id.startsWith('AWS::') && get(vars, m[1]) === undefined) out.add(id);
      }
      if (isMap(vars)) for (const e of vars.entries) visit(e.value, depth + 1);
      return;
    }
    if (isMap(n)) for (const e of n.entries) visit(e.value, depth + 1);
    else if (isSeq(n)) for (const i of n.items) visit(i, depth + 1);
  };
  visit(node, 0);
  return [...out];
}

/** The template's resources of the given types. */
export function resourcesOfType(model: TemplateModel, types: readonly string[]): TemplateResource[] {
  return model.resources.filter((r) => types.includes(r.type));
}

/** True when a template parameter has this name. */
export function isParameter(model: TemplateModel, name: string): boolean {
  return get(get(model.root, 'Parameters'), name) !== undefined;
}
