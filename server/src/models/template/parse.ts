/** Reads a YAML or JSON CloudFormation/SAM template into the template tree (nodes.ts), every node with exact source offsets. */
import {
  Composer,
  Parser,
  Scalar,
  YAMLMap,
  YAMLSeq,
  isAlias as yIsAlias,
  isMap as yIsMap,
  isPair as yIsPair,
  isScalar as yIsScalar,
  isSeq as yIsSeq,
} from 'yaml';
import type { Alias, CollectionTag, CST, Document, Node as YNode, Pair, ScalarTag } from 'yaml';
import type { LineIndex } from '../../engine/text';
import type { TemplateDetection, TemplateModel, TemplateResource } from './model';
import { entry, get, isMap, isScalar, isSeq } from './nodes';
import type { MapEntry, MapNode, ScalarNode, SeqNode, TNode } from './nodes';

export type TemplateParseResult =
  | { kind: 'template'; model: TemplateModel }
  | { kind: 'not-template'; reason: string }
  | { kind: 'error'; message: string; start: number; end: number };

/** Deeper than this is no real template, and past it recursion could exhaust the JS stack. */
const MAX_DEPTH = 500;
/**
 * Nodes that alias expansion may produce. Only copies count: the nodes written out in the
 * source are bounded by the text's size already, while a few lines of aliases can expand to
 * billions of nodes ("billion laughs").
 */
const MAX_EXPANDED_NODES = 200_000;

const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

/** CloudFormation's short-form tags (without the `!`). */
const CFN_TAGS = [
  'Ref', 'Sub', 'GetAtt', 'If', 'Join', 'Select', 'FindInMap', 'ImportValue', 'Split', 'Base64', 'Cidr',
  'And', 'Or', 'Not', 'Equals', 'Condition', 'GetAZs', 'Transform', 'Length', 'ToJsonString', 'ForEach',
];
const CFN_TAG_SET = new Set(CFN_TAGS);

/** The long-form key a short-form tag stands for: `!Ref` is `Ref`, `!Condition` is `Condition`, the rest `Fn::<Name>`. */
function longFormKey(name: string): string {
  return name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
}

/**
 * Registering the tags tells `yaml` they are known, so it resolves them quietly instead of
 * warning "Unresolved tag" for each; scalars keep their text as written (CloudFormation reads
 * `!Ref 012` as the name "012").
 */
const CUSTOM_TAGS: Array<ScalarTag | CollectionTag> = CFN_TAGS.flatMap((name): Array<ScalarTag | CollectionTag> => [
  { tag: `!${name}`, default: false, resolve: (value: string) => value },
  { tag: `!${name}`, default: false, collection: 'seq', nodeClass: YAMLSeq },
  { tag: `!${name}`, default: false, collection: 'map', nodeClass: YAMLMap },
]);

const YAML_OPTIONS = {
  // CloudFormation reads YAML 1.2: `2010-09-09` is a string, `yes` is not a boolean.
  version: '1.2' as const,
  schema: 'core',
  customTags: CUSTOM_TAGS,
  // Keep repeated keys, as for JSON, rather than failing the whole file: `entry()` then takes the
  // last one, as CloudFormation does, and rules still see everything else.
  uniqueKeys: false,
};

/** Text that could be a template; used to decide whether a file that fails to parse is worth an error. */
const TEMPLATE_HINT = /AWSTemplateFormatVersion|AWS::|\bResources\b/;

/** A failure found while building the tree (too deep, alias bomb, unknown alias, JSON syntax). */
class ParseFailure extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
  }
}

/** Parses `text` and decides whether it is a CloudFormation/SAM template. Never throws. */
export function parseTemplate(text: string, format: 'yaml' | 'json', lines: LineIndex): TemplateParseResult {
  let root: TNode | undefined;
  try {
    const read = format === 'json' ? readJson(text) : readYaml(text);
    if (read.kind !== 'tree') return read;
    root = read.root;
  } catch (e) {
    if (!(e instanceof ParseFailure)) {
      // Out of memory or stack inside `yaml`, or a bug: report it on the file rather than
      // crash the caller.
      const message = e instanceof RangeError ? `the template is too large or too deeply nested to read (${e.message})` : String(e);
      return { kind: 'error', message, start: 0, end: 0 };
    }
    // A file that does not parse and shows no sign of being a template (a tsconfig.json with
    // comments, a half-typed workflow) is not ours to complain about.
    if (!TEMPLATE_HINT.test(text)) {
      return { kind: 'not-template', reason: `not valid ${format === 'json' ? 'JSON' : 'YAML'} (${e.message}) and nothing suggests a template` };
    }
    return { kind: 'error', message: e.message, start: e.start, end: Math.max(e.start, e.end) };
  }
  const detection = looksLikeTemplate(root);
  if (!detection.template) return { kind: 'not-template', reason: detection.reason };
  if (!isMap(root)) return { kind: 'not-template', reason: 'the top level is not a map' }; // for the type checker
  return { kind: 'template', model: buildModel(root, format, lines) };
}

/** Whether a parsed document is a CloudFormation/SAM template rather than some other YAML/JSON file. */
export function looksLikeTemplate(root: TNode): TemplateDetection {
  if (!isMap(root)) {
    return { template: false, reason: `the top level is ${root.kind === 'seq' ? 'a list' : 'a single value'}, not a map` };
  }
  if (entry(root, 'AWSTemplateFormatVersion')) return { template: true };
  if (namesSamTransform(get(root, 'Transform'))) return { template: true };
  const resources = get(root, 'Resources');
  if (isMap(resources)) {
    // Any `Type` with `::` covers AWS::, Alexa::, Custom:: and third-party registry types.
    if (resources.entries.some((e) => resourceType(e.value).includes('::'))) return { template: true };
    return { template: false, reason: 'Resources has no entry with a CloudFormation Type such as AWS::S3::Bucket' };
  }
  // Note: the Serverless Framework's lowercase `resources:` is not `Resources` and lands here.
  return { template: false, reason: 'no AWSTemplateFormatVersion, SAM Transform or Resources section' };
}

function namesSamTransform(transform: TNode | undefined): boolean {
  const isSam = (n: TNode | undefined) => isScalar(n) && n.value === SAM_TRANSFORM;
  // A map Transform (`{ Name: AWS::Include, ... }`) is a macro call, not the SAM transform.
  return isSam(transform) || (isSeq(transform) && transform.items.some(isSam));
}

function resourceType(resource: TNode): string {
  const type = get(resource, 'Type');
  return isScalar(type) && typeof type.value === 'string' ? type.value : '';
}

function buildModel(root: MapNode, format: 'yaml' | 'json', lines: LineIndex): TemplateModel {
  const resources: TemplateResource[] = [];
  const section = get(root, 'Resources');
  if (isMap(section)) {
    for (const e of section.entries) {
      if (!isMap(e.value)) continue;
      const properties = get(e.value, 'Properties');
      resources.push({
        id: e.key,
        entry: e,
        type: resourceType(e.value),
        properties: isMap(properties) ? properties : undefined,
        node: e.value,
      });
    }
  }
  return { kind: 'template', format, root, isSam: namesSamTransform(get(root, 'Transform')), resources, lines };
}

type ReadResult = { kind: 'tree'; root: TNode } | { kind: 'not-template'; reason: string };

const EMPTY: ReadResult = { kind: 'not-template', reason: 'the file is empty (or only comments)' };

/**
 * A plain scalar that `yaml` reads as a number is kept as a number only when nothing is lost;
 * `012` (an account id), `0x1F`, `+1`, `.inf` or a 20-digit integer keep their source text.
 */
const DECIMAL = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$/;
function numberOrSource(value: number, source: string): number | string {
  if (!Number.isFinite(value) || !DECIMAL.test(source)) return source;
  if (/^-?[0-9]+$/.test(source) && !Number.isSafeInteger(value)) return source;
  return value;
}

// ---------------------------------------------------------------------------------------------
// YAML

function readYaml(text: string): ReadResult {
  // Parser and Composer rather than parseDocument: the CST tokens are needed again to find
  // where each tag starts, since `yaml` keeps no tag offsets on the nodes.
  const tokens = Array.from(new Parser().parse(text));
  // Before composing: `yaml` composes recursively and runs out of stack near 800 levels.
  const tags = scanCst(tokens);
  const docs: Document.Parsed[] = Array.from(new Composer(YAML_OPTIONS).compose(tokens, true, text.length));
  if (docs.length > 1) return { kind: 'not-template', reason: 'multi-document YAML' };
  const doc = docs[0];
  if (!doc) return EMPTY;
  if (doc.errors.length > 0) {
    // The earliest in the file: the others often follow from it.
    let first = doc.errors[0];
    for (const e of doc.errors) if (e.pos[0] < first.pos[0]) first = e;
    throw new ParseFailure(first.message.split('\n')[0], first.pos[0], first.pos[1]);
  }
  const contents = doc.contents;
  if (!contents || (yIsScalar(contents) && contents.value === null)) return EMPTY;
  return { kind: 'tree', root: new YamlReader(text, tags).read(contents, 0, 0) };
}

/** Whether `node` is a block map whose first key has a tag (`!Sub\n  !Foo k: v`). */
function firstKeyTagged(node: YNode): boolean {
  if (!yIsMap(node) || node.flow) return false;
  const first = node.items[0] as Pair | undefined;
  const key = first?.key as YNode | null | undefined;
  return typeof key?.tag === 'string' && !yIsAlias(key);
}

/** Sorted offsets and lengths of every tag token in a CST. */
interface CstTags {
  starts: number[];
  lengths: number[];
}

const CST_COLLECTIONS = new Set(['block-map', 'block-seq', 'flow-collection']);

/**
 * One pass over the CST: collects the tag tokens and rejects nesting past MAX_DEPTH. The
 * parser builds the CST without recursion, so this (with an explicit stack) is safe at any depth.
 */
function scanCst(tokens: CST.Token[]): CstTags {
  const found: Array<[number, number]> = [];
  const stack: Array<[unknown, number]> = tokens.map((t): [unknown, number] => [t, 0]);
  while (stack.length > 0) {
    const [t, depth] = stack.pop()!;
    if (Array.isArray(t)) {
      for (const x of t) stack.push([x, depth]);
      continue;
    }
    if (t === null || typeof t !== 'object') continue;
    const token = t as { type?: unknown; offset?: unknown; source?: unknown };
    if (token.type === 'tag' && typeof token.offset === 'number' && typeof token.source === 'string') {
      found.push([token.offset, token.source.length]);
      continue;
    }
    let childDepth = depth;
    if (typeof token.type === 'string' && CST_COLLECTIONS.has(token.type)) {
      childDepth = depth + 1;
      if (childDepth > MAX_DEPTH && typeof token.offset === 'number') {
        throw new ParseFailure(`the template is nested more than ${MAX_DEPTH} levels deep`, token.offset, token.offset + 1);
      }
    }
    for (const v of Object.values(t)) if (v !== null && typeof v === 'object') stack.push([v, childDepth]);
  }
  found.sort((a, b) => a[0] - b[0]);
  return { starts: found.map((f) => f[0]), lengths: found.map((f) => f[1]) };
}

/** Walks the `yaml` AST into TNodes, expanding aliases within the node and depth limits. */
class YamlReader {
  /** Each anchor's converted tree; an alias copies it, so inner aliases stay resolved as at the anchor. */
  private readonly anchors = new Map<string, TNode>();
  private expanded = 0;

  constructor(
    private readonly text: string,
    private readonly tags: CstTags,
  ) {}

  read(node: unknown, depth: number, fallbackOffset: number): TNode {
    if (node === null || node === undefined) {
      // A pair with no value (`? key` or `{ key }`): an empty scalar where the value would be.
      return { kind: 'scalar', value: null, quoted: false, start: fallbackOffset, end: fallbackOffset };
    }
    const range = (node as YNode).range ?? [fallbackOffset, fallbackOffset, fallbackOffset];
    if (depth > MAX_DEPTH) {
      throw new ParseFailure(`the template is nested more than ${MAX_DEPTH} levels deep`, range[0], range[1]);
    }
    if (yIsAlias(node)) return this.alias(node, depth);
    let out: TNode;
    if (yIsScalar(node)) out = this.scalar(node, range[0], range[1]);
    else if (yIsMap(node)) out = this.map(node.items as Pair[], depth, range[0], range[1], node.flow === true);
    else if (yIsSeq(node)) out = this.seq(node.items, depth, range[0], range[1], node.flow === true);
    else if (yIsPair(node)) {
      // `[ a: 1 ]`: a one-pair map inside a flow sequence.
      const keyStart = (node.key as YNode | null)?.range?.[0] ?? fallbackOffset;
      out = this.map([node as Pair], depth, keyStart, keyStart, false);
    } else {
      out = { kind: 'scalar', value: null, quoted: false, start: range[0], end: range[1] };
    }

    const yNode = node as YNode;
    if (typeof yNode.tag === 'string') out = this.wrapTag(yNode.tag, out, depth, firstKeyTagged(yNode));
    if (yNode.anchor) this.anchors.set(yNode.anchor, out);
    return out;
  }

  private scalar(node: Scalar, start: number, end: number): ScalarNode {
    const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
    const source = typeof node.source === 'string' ? node.source : String(node.value);
    let value: ScalarNode['value'];
    const v: unknown = node.value;
    if (typeof v === 'number') value = node.type === Scalar.PLAIN ? numberOrSource(v, source) : v;
    else if (typeof v === 'string' || typeof v === 'boolean' || v === null) value = v;
    else value = source; // e.g. `!!binary`, or a timestamp under a `%YAML 1.1` directive
    if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) end = this.trimEnd(start, end);
    return { kind: 'scalar', value, quoted, start, end };
  }

  private map(pairs: Pair[], depth: number, start: number, end: number, flow: boolean): MapNode {
    const entries: MapEntry[] = [];
    for (const pair of pairs) {
      const key = pair.key as YNode | null;
      const keyRange = key?.range;
      const keyEnd = keyRange ? keyRange[1] : start;
      // Read the value even under a skipped key, so that anchors inside it are registered.
      const value = this.read(pair.value, depth + 1, keyEnd);
      if (!yIsScalar(key) || !keyRange) continue; // complex or alias keys: no CloudFormation meaning
      // The source text, not the resolved value: `012:` is the key "012", not "12".
      const name = typeof key.source === 'string' ? key.source : String(key.value);
      entries.push({ key: name, keyStart: keyRange[0], keyEnd, value });
    }
    // A block collection's range runs on over the line break and trailing comments; end it at
    // its last child instead.
    if (!flow) end = entries.length > 0 ? Math.max(entries[entries.length - 1].value.end, entries[entries.length - 1].keyEnd) : this.trimEnd(start, end);
    return { kind: 'map', entries, start, end };
  }

  private seq(items: unknown[], depth: number, start: number, end: number, flow: boolean): SeqNode {
    const out: TNode[] = [];
    for (const item of items) out.push(this.read(item, depth + 1, start));
    if (!flow) end = out.length > 0 ? out[out.length - 1].end : this.trimEnd(start, end);
    return { kind: 'seq', items: out, start, end };
  }

  /** `!Sub x` becomes `{ 'Fn::Sub': x }` starting at the tag; other tags (`!!str`, `!Foo`) are dropped. */
  private wrapTag(tag: string, content: TNode, depth: number, skipOne: boolean): TNode {
    const name = tag.startsWith('!') ? tag.slice(1) : '';
    if (!CFN_TAG_SET.has(name)) return content;
    if (depth + 1 > MAX_DEPTH) {
      throw new ParseFailure(`the template is nested more than ${MAX_DEPTH} levels deep`, content.start, content.end);
    }
    const [keyStart, keyEnd] = this.tagBefore(content.start, skipOne);
    return {
      kind: 'map',
      entries: [{ key: longFormKey(name), keyStart, keyEnd, value: content }],
      shortForm: name,
      start: keyStart,
      end: Math.max(content.end, keyEnd),
    };
  }

  /**
   * The tag token of a node starting at `offset`: the last tag before it, since only props
   * (tag, anchor), spaces and comments can stand between a node and its tag. The one exception
   * is a block map, whose range starts at its first key but after that key's tag (`skipOne`).
   */
  private tagBefore(offset: number, skipOne: boolean): [number, number] {
    const starts = this.tags.starts;
    let lo = 0;
    let hi = starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] < offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (skipOne) found--;
    // An empty tagged value (`!Ref` and nothing) starts where its tag ends, so `<` still finds it.
    return found < 0 ? [offset, offset] : [starts[found], starts[found] + this.tags.lengths[found]];
  }

  private alias(node: Alias, depth: number): TNode {
    const [start, end] = node.range ?? [0, 0];
    const target = this.anchors.get(node.source);
    if (!target) {
      throw new ParseFailure(`unknown alias *${node.source}: no anchor &${node.source} before it`, start, end);
    }
    const copy = this.copy(target, depth, start, end);
    copy.start = start;
    copy.end = end;
    return copy;
  }

  /** A deep copy of an anchored tree, counted against the expansion budget; errors land on the alias. */
  private copy(n: TNode, depth: number, aliasStart: number, aliasEnd: number): TNode {
    if (++this.expanded > MAX_EXPANDED_NODES) {
      throw new ParseFailure(`the template expands to more than ${MAX_EXPANDED_NODES} nodes (alias bomb?)`, aliasStart, aliasEnd);
    }
    if (depth > MAX_DEPTH) {
      throw new ParseFailure(`the template is nested more than ${MAX_DEPTH} levels deep`, aliasStart, aliasEnd);
    }
    switch (n.kind) {
      case 'scalar':
        return { ...n };
      case 'seq':
        return { ...n, items: n.items.map((i) => this.copy(i, depth + 1, aliasStart, aliasEnd)) };
      case 'map':
        return { ...n, entries: n.entries.map((e) => ({ ...e, value: this.copy(e.value, depth + 1, aliasStart, aliasEnd) })) };
    }
  }

  private trimEnd(start: number, end: number): number {
    while (end > start && /\s/.test(this.text[end - 1])) end--;
    return end;
  }
}

// ---------------------------------------------------------------------------------------------
// JSON

function readJson(text: string): ReadResult {
  const reader = new JsonReader(text);
  return reader.document();
}

/**
 * A strict RFC 8259 recursive-descent parser. Hand-written because JSON.parse keeps no offsets,
 * and its messages ("Unexpected token") do not say what to fix.
 */
class JsonReader {
  private pos = 0;

  constructor(private readonly text: string) {}

  document(): ReadResult {
    if (this.text.charCodeAt(0) === 0xfeff) this.pos = 1; // a BOM; offsets stay in the original text
    this.skipSpace();
    if (this.pos >= this.text.length) return EMPTY;
    const root = this.value(0);
    this.skipSpace();
    if (this.pos < this.text.length) {
      const [token, end] = this.tokenAt(this.pos);
      throw new ParseFailure(`Unexpected token '${token}' after the end of the JSON value`, this.pos, end);
    }
    return { kind: 'tree', root };
  }

  private value(depth: number): TNode {
    const c = this.text[this.pos];
    switch (c) {
      case '{':
        return this.object(depth);
      case '[':
        return this.array(depth);
      case '"': {
        const s = this.string();
        return { kind: 'scalar', value: s.value, quoted: true, start: s.start, end: s.end };
      }
      case undefined:
        throw this.endOfFile();
      case "'":
        throw new ParseFailure('Strings must use double quotes in JSON', this.pos, this.pos + 1);
      default:
        if (c === '-' || (c >= '0' && c <= '9')) return this.number();
        return this.literal();
    }
  }

  private object(depth: number): MapNode {
    const start = this.pos;
    this.checkDepth(depth, start);
    this.pos++;
    const entries: MapEntry[] = [];
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return { kind: 'map', entries, start, end: this.pos };
    }
    for (;;) {
      this.skipSpace();
      const c = this.text[this.pos];
      if (c !== '"') {
        if (c === undefined) throw this.endOfFile();
        if (c === '}' && entries.length > 0) throw new ParseFailure("Unexpected token '}' (trailing comma?)", this.pos, this.pos + 1);
        if (c === "'") throw new ParseFailure('Strings must use double quotes in JSON', this.pos, this.pos + 1);
        const [token, end] = this.tokenAt(this.pos);
        if (/^[A-Za-z_$]/.test(token)) throw new ParseFailure(`Property names must be double-quoted strings: '${token}'`, this.pos, end);
        throw new ParseFailure(`Unexpected token '${token}' (expected a property name)`, this.pos, end);
      }
      const key = this.string();
      this.skipSpace();
      if (this.text[this.pos] !== ':') this.unexpected("':' after the property name");
      this.pos++;
      this.skipSpace();
      const value = this.value(depth + 1);
      entries.push({ key: key.value, keyStart: key.start, keyEnd: key.end, value });
      this.skipSpace();
      const sep = this.text[this.pos];
      this.pos++;
      if (sep === '}') return { kind: 'map', entries, start, end: this.pos };
      if (sep !== ',') {
        this.pos--;
        this.unexpected("',' or '}'");
      }
    }
  }

  private array(depth: number): SeqNode {
    const start = this.pos;
    this.checkDepth(depth, start);
    this.pos++;
    const items: TNode[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return { kind: 'seq', items, start, end: this.pos };
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === ']' && items.length > 0) {
        throw new ParseFailure("Unexpected token ']' (trailing comma?)", this.pos, this.pos + 1);
      }
      items.push(this.value(depth + 1));
      this.skipSpace();
      const sep = this.text[this.pos];
      this.pos++;
      if (sep === ']') return { kind: 'seq', items, start, end: this.pos };
      if (sep !== ',') {
        this.pos--;
        this.unexpected("',' or ']'");
      }
    }
  }

  private checkDepth(depth: number, at: number): void {
    if (depth > MAX_DEPTH) throw new ParseFailure(`the template is nested more than ${MAX_DEPTH} levels deep`, at, at + 1);
  }

  /** A string token; `start`/`end` include the quotes. */
  private string(): { value: string; start: number; end: number } {
    const text = this.text;
    const start = this.pos;
    let i = start + 1;
    let value = '';
    let runStart = i; // the plain run of characters since the last escape, copied in one slice
    for (;;) {
      if (i >= text.length) throw new ParseFailure('Unterminated string', start, text.length);
      const code = text.charCodeAt(i);
      if (code === 0x22 /* " */) {
        value += text.slice(runStart, i);
        this.pos = i + 1;
        return { value, start, end: this.pos };
      }
      if (code === 0x0a || code === 0x0d) {
        // Most often a missing closing quote, so point at the string rather than the line break.
        throw new ParseFailure('Unterminated string', start, i);
      }
      if (code < 0x20) {
        const hex = code.toString(16).toUpperCase().padStart(4, '0');
        throw new ParseFailure(`Control character U+${hex} must be escaped in a JSON string`, i, i + 1);
      }
      if (code !== 0x5c /* \ */) {
        i++;
        continue;
      }
      value += text.slice(runStart, i);
      const esc = text[i + 1];
      switch (esc) {
        case '"': value += '"'; break;
        case '\\': value += '\\'; break;
        case '/': value += '/'; break;
        case 'b': value += '\b'; break;
        case 'f': value += '\f'; break;
        case 'n': value += '\n'; break;
        case 'r': value += '\r'; break;
        case 't': value += '\t'; break;
        case 'u': {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9A-Fa-f]{4}$/.test(hex)) throw new ParseFailure('Invalid Unicode escape: \\u needs four hex digits', i, Math.min(i + 6, text.length));
          // Each \uXXXX is one UTF-16 code unit, so a surrogate pair written as two escapes
          // joins into one character by concatenation.
          value += String.fromCharCode(parseInt(hex, 16));
          i += 4;
          break;
        }
        case undefined:
          throw new ParseFailure('Unterminated string', start, text.length);
        default:
          throw new ParseFailure(`Invalid escape sequence '\\${esc}'`, i, i + 2);
      }
      i += 2;
      runStart = i;
    }
  }

  private number(): ScalarNode {
    const start = this.pos;
    const re = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?/y;
    re.lastIndex = start;
    const m = re.exec(this.text);
    const end = m ? start + m[0].length : start;
    // `01`, `1.`, `-` or `1e`: the grammar stops early; report the whole run as the bad number.
    if (!m || /[0-9A-Za-z.+-]/.test(this.text[end] ?? '')) {
      const [token, tokenEnd] = this.tokenAt(start);
      throw new ParseFailure(`Invalid number '${token}'`, start, tokenEnd);
    }
    this.pos = end;
    return { kind: 'scalar', value: numberOrSource(Number(m[0]), m[0]), quoted: false, start, end };
  }

  private literal(): ScalarNode {
    const start = this.pos;
    const [token, end] = this.tokenAt(start);
    const values: Record<string, boolean | null> = { true: true, false: false, null: null };
    if (!Object.prototype.hasOwnProperty.call(values, token)) throw new ParseFailure(`Unexpected token '${token}'`, start, end);
    this.pos = end;
    return { kind: 'scalar', value: values[token], quoted: false, start, end };
  }

  private skipSpace(): void {
    const text = this.text;
    for (;;) {
      const c = text.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
        this.pos++;
      } else if (c === 0x2f /* / */ && (text[this.pos + 1] === '/' || text[this.pos + 1] === '*')) {
        const block = text[this.pos + 1] === '*';
        let end = block ? text.indexOf('*/', this.pos + 2) : text.slice(this.pos).search(/[\r\n]/);
        end = end < 0 ? text.length : block ? end + 2 : this.pos + end;
        throw new ParseFailure('Comments are not allowed in JSON templates', this.pos, end);
      } else {
        return;
      }
    }
  }

  /** The word or single character at `at`, for messages, and where it ends. */
  private tokenAt(at: number): [string, number] {
    const m = /[A-Za-z0-9_$.+-]+/y;
    m.lastIndex = at;
    const word = m.exec(this.text);
    if (word) return [word[0], at + word[0].length];
    const ch = String.fromCodePoint(this.text.codePointAt(at) ?? 0);
    return [ch, at + ch.length];
  }

  private unexpected(expected: string): never {
    if (this.pos >= this.text.length) throw this.endOfFile();
    const [token, end] = this.tokenAt(this.pos);
    throw new ParseFailure(`Unexpected token '${token}' (expected ${expected})`, this.pos, end);
  }

  private endOfFile(): ParseFailure {
    return new ParseFailure('Unexpected end of file', this.text.length, this.text.length);
  }
}
