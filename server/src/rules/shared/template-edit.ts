/**
 * Quick-fix edits for templates that keep the file's own style: YAML block or flow maps with
 * the indentation already in use, JSON pretty-printed with the same indent unit or kept on one
 * line. Values to insert are plain data plus `Intrinsic`s, written as `!Ref X` in YAML and
 * `{ "Ref": "X" }` in JSON.
 */
import type { FixInput } from '../../engine/rule';
import type { TemplateModel } from '../../models/template/model';
import type { MapEntry, MapNode, SeqNode, TNode } from '../../models/template/nodes';
import { get, isMap } from '../../models/template/nodes';
import { yamlQuote, yamlScalar } from './fix-text';
import { resourceById } from './template-refs';

export class Intrinsic {
  constructor(
    readonly fn: 'Ref' | 'GetAtt' | 'Sub',
    readonly arg: string,
  ) {}
}
export const ref = (id: string): Intrinsic => new Intrinsic('Ref', id);
export const getAtt = (id: string, attr: string): Intrinsic => new Intrinsic('GetAtt', `${id}.${attr}`);
export const sub = (text: string): Intrinsic => new Intrinsic('Sub', text);

export type FixValue = string | number | boolean | Intrinsic | FixValue[] | { [key: string]: FixValue };
export type Edit = FixInput['edits'][number];

/** One template's text and format, with what the edits need to match its style. */
export class TemplateEditor {
  readonly eol: string;
  /** The indent step of the YAML (or JSON) file: the column of the first resource's key. */
  readonly step: number;

  constructor(
    readonly text: string,
    readonly model: TemplateModel,
  ) {
    this.eol = text.includes('\r\n') ? '\r\n' : '\n';
    const section = model.root.entries.find((e) => e.key === 'Resources');
    const first = section && isMap(section.value) ? section.value.entries[0] : undefined;
    const step = section && first ? this.keyColumn(first.keyStart) - this.keyColumn(section.keyStart) : 2;
    this.step = step > 0 && step <= 8 ? step : 2;
  }

  get json(): boolean {
    return this.model.format === 'json';
  }

  column(offset: number): number {
    return offset - this.lineStart(offset);
  }

  /**
   * The column where a key's entry begins: the key itself, or the tag or anchor written before it
   * (`!Ref Name:`, `&base Name:`), which the model's key range leaves out.
   */
  keyColumn(keyStart: number): number {
    const start = this.lineStart(keyStart);
    const m = /^([ \t]*(?:-[ \t]+)*)(?:[!&]\S*[ \t]+)+$/.exec(this.text.slice(start, keyStart));
    return m ? m[1].length : this.column(keyStart);
  }

  lineStart(offset: number): number {
    let i = offset;
    while (i > 0 && this.text[i - 1] !== '\n' && this.text[i - 1] !== '\r') i--;
    return i;
  }

  lineEnd(offset: number): number {
    let i = offset;
    while (i < this.text.length && this.text[i] !== '\n' && this.text[i] !== '\r') i++;
    return i;
  }

  private isFlow(map: MapNode | SeqNode): boolean {
    const c = this.text[map.start];
    return c === '{' || c === '[';
  }

  /** Adds entries at the end of a map (a resource's Properties, an Auth block, Globals). */
  addToMap(map: MapNode, entries: Record<string, FixValue>): Edit {
    if (this.json) return this.jsonAdd(map, entries);
    if (this.isFlow(map) || map.entries.length === 0) {
      const inner = Object.entries(entries).map(([k, v]) => `${yamlKey(k)}: ${this.yamlFlow(v)}`).join(', ');
      const last = map.entries[map.entries.length - 1];
      if (last) return { start: last.value.end, end: last.value.end, newText: `, ${inner}` };
      const at = map.start + 1;
      return { start: at, end: at, newText: ` ${inner} ` };
    }
    const indent = this.keyColumn(map.entries[0].keyStart);
    const last = map.entries[map.entries.length - 1];
    const at = this.lineEnd(Math.max(last.value.end, last.keyEnd));
    const lines = Object.entries(entries).flatMap(([k, v]) => this.yamlEntry(k, v, indent));
    return { start: at, end: at, newText: this.eol + lines.join(this.eol) };
  }

  /** Adds a map entry right after an existing one (a new resource beside the one it serves). */
  addAfterEntry(e: MapEntry, key: string, value: FixValue): Edit {
    if (this.json) {
      const at = e.value.end;
      const indent = this.keyColumn(e.keyStart);
      return { start: at, end: at, newText: `,${this.eol}${' '.repeat(indent)}${JSON.stringify(key)}: ${this.jsonText(value, indent)}` };
    }
    const indent = this.keyColumn(e.keyStart);
    const at = this.lineEnd(Math.max(e.value.end, e.keyEnd));
    return { start: at, end: at, newText: this.eol + this.yamlEntry(key, value, indent).join(this.eol) };
  }

  /** Adds a top-level section before an existing one (Globals before Resources). */
  addBefore(map: MapNode, index: number, key: string, value: FixValue): Edit {
    const e = map.entries[index];
    const indent = this.keyColumn(e.keyStart);
    if (this.json) {
      const at = e.keyStart;
      return { start: at, end: at, newText: `${JSON.stringify(key)}: ${this.jsonText(value, indent)},${this.eol}${' '.repeat(indent)}` };
    }
    const at = this.lineStart(e.keyStart);
    return { start: at, end: at, newText: this.yamlEntry(key, value, indent).join(this.eol) + this.eol };
  }

  /** Appends an item to a list (a policy's Statement). */
  addToSeq(seq: SeqNode, item: FixValue): Edit {
    if (this.json) {
      const last = seq.items[seq.items.length - 1];
      if (!last) {
        const at = seq.start + 1;
        return { start: at, end: at, newText: ` ${JSON.stringify(toJson(item))} ` };
      }
      const multiLine = this.lineStart(last.start) !== this.lineStart(seq.start);
      const indent = this.column(last.start);
      const text = multiLine ? `,${this.eol}${' '.repeat(indent)}${this.jsonText(item, indent)}` : `, ${JSON.stringify(toJson(item))}`;
      return { start: last.end, end: last.end, newText: text };
    }
    if (this.isFlow(seq) || seq.items.length === 0) {
      const lastItem = seq.items[seq.items.length - 1];
      if (lastItem) return { start: lastItem.end, end: lastItem.end, newText: `, ${this.yamlFlow(item)}` };
      const at = this.text.lastIndexOf(']', seq.end);
      return { start: at, end: at, newText: this.yamlFlow(item) };
    }
    const last = seq.items[seq.items.length - 1];
    const dash = this.text.lastIndexOf('-', seq.items[0].start);
    const indent = this.column(dash);
    const at = this.lineEnd(last.end);
    return { start: at, end: at, newText: this.eol + this.yamlItem(item, indent).join(this.eol) };
  }

  /** Replaces a node's text with a scalar value, in the file's syntax. */
  replace(node: TNode, value: FixValue): Edit {
    return { start: node.start, end: node.end, newText: this.json ? JSON.stringify(toJson(value)) : this.yamlFlow(value) };
  }

  // --- YAML -----------------------------------------------------------------------------------

  private yamlEntry(key: string, value: FixValue, indent: number): string[] {
    const pad = ' '.repeat(indent);
    if (isCollection(value) && !isEmpty(value)) {
      const children = Array.isArray(value)
        ? value.flatMap((v) => this.yamlItem(v, indent + this.step))
        : Object.entries(value).flatMap(([k, v]) => this.yamlEntry(k, v, indent + this.step));
      return [`${pad}${yamlKey(key)}:`, ...children];
    }
    return [`${pad}${yamlKey(key)}: ${this.yamlFlow(value)}`];
  }

  private yamlItem(value: FixValue, indent: number): string[] {
    const pad = ' '.repeat(indent);
    if (isCollection(value) && !Array.isArray(value) && !isEmpty(value)) {
      const lines = Object.entries(value).flatMap(([k, v]) => this.yamlEntry(k, v, indent + 2));
      return [`${pad}- ${lines[0].trimStart()}`, ...lines.slice(1)];
    }
    return [`${pad}- ${this.yamlFlow(value)}`];
  }

  private yamlFlow(value: FixValue): string {
    if (value instanceof Intrinsic) return `!${value.fn} ${value.fn === 'Sub' ? yamlQuote(value.arg) : value.arg}`;
    if (Array.isArray(value)) return `[${value.map((v) => this.yamlFlow(v)).join(', ')}]`;
    if (typeof value === 'object') return `{ ${Object.entries(value).map(([k, v]) => `${yamlKey(k)}: ${this.yamlFlow(v)}`).join(', ')} }`;
    if (typeof value === 'string') return yamlScalar(value);
    return String(value);
  }

  // --- JSON -----------------------------------------------------------------------------------

  private jsonAdd(map: MapNode, entries: Record<string, FixValue>): Edit {
    const pairs = Object.entries(entries);
    const last = map.entries[map.entries.length - 1];
    if (!last) {
      const at = map.start + 1;
      return { start: at, end: at, newText: ` ${pairs.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(toJson(v))}`).join(', ')} ` };
    }
    const multiLine = this.lineStart(last.keyStart) !== this.lineStart(map.start);
    if (!multiLine) {
      return { start: last.value.end, end: last.value.end, newText: pairs.map(([k, v]) => `, ${JSON.stringify(k)}: ${JSON.stringify(toJson(v))}`).join('') };
    }
    const indent = this.keyColumn(last.keyStart);
    const text = pairs.map(([k, v]) => `,${this.eol}${' '.repeat(indent)}${JSON.stringify(k)}: ${this.jsonText(v, indent)}`).join('');
    return { start: last.value.end, end: last.value.end, newText: text };
  }

  /** Pretty JSON whose continuation lines sit under `indent`. */
  private jsonText(value: FixValue, indent: number): string {
    return JSON.stringify(toJson(value), null, this.step).split('\n').join(this.eol + ' '.repeat(indent));
  }
}

function isCollection(v: FixValue): v is FixValue[] | { [key: string]: FixValue } {
  return typeof v === 'object' && !(v instanceof Intrinsic);
}

function isEmpty(v: FixValue[] | { [key: string]: FixValue }): boolean {
  return Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0;
}

function toJson(v: FixValue): unknown {
  if (v instanceof Intrinsic) {
    if (v.fn === 'GetAtt') {
      const dot = v.arg.indexOf('.');
      return { 'Fn::GetAtt': [v.arg.slice(0, dot), v.arg.slice(dot + 1)] };
    }
    return { [v.fn === 'Ref' ? 'Ref' : `Fn::${v.fn}`]: v.arg };
  }
  if (Array.isArray(v)) return v.map(toJson);
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toJson(x)]));
  return v;
}

function yamlKey(k: string): string {
  return yamlScalar(k);
}

/** The map under a key, when it is a map. */
export function mapAt(node: TNode | undefined, key: string): MapNode | undefined {
  const v = get(node, key);
  return isMap(v) ? v : undefined;
}

/** A logical id not yet used in the template, from a preferred one. */
export function freshId(model: TemplateModel, preferred: string): string {
  const used = resourceById(model);
  if (!used.has(preferred)) return preferred;
  for (let i = 2; ; i++) if (!used.has(`${preferred}${i}`)) return `${preferred}${i}`;
}
