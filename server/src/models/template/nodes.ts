/**
 * The template model's tree: YAML and JSON read into one shape, every node with its source
 * offsets. Short-form tags are normalised to their long form, so `!Ref X` reads as the map
 * `{ Ref: X }` and `!GetAtt A.B` as `{ 'Fn::GetAtt': 'A.B' }`; rules see one form.
 */

export interface NodeBase {
  /** Offset of the first character of the node's text (for a tagged node, of the tag). */
  start: number;
  /** Offset just past the node's text. */
  end: number;
}

export interface MapEntry {
  key: string;
  keyStart: number;
  keyEnd: number;
  value: TNode;
}

export interface MapNode extends NodeBase {
  kind: 'map';
  entries: MapEntry[];
  /** Set when this map stands for a short-form tag, e.g. 'Ref' for `!Ref X`. */
  shortForm?: string;
}

export interface SeqNode extends NodeBase {
  kind: 'seq';
  items: TNode[];
}

export interface ScalarNode extends NodeBase {
  kind: 'scalar';
  value: string | number | boolean | null;
  /** For YAML, whether the scalar was quoted; JSON strings count as quoted. */
  quoted: boolean;
}

export type TNode = MapNode | SeqNode | ScalarNode;

export function isMap(n: TNode | undefined): n is MapNode {
  return n !== undefined && n.kind === 'map';
}
export function isSeq(n: TNode | undefined): n is SeqNode {
  return n !== undefined && n.kind === 'seq';
}
export function isScalar(n: TNode | undefined): n is ScalarNode {
  return n !== undefined && n.kind === 'scalar';
}

/** The entry of a map with the given key (the last one if the key repeats, as CloudFormation does). */
export function entry(map: TNode | undefined, key: string): MapEntry | undefined {
  if (!isMap(map)) return undefined;
  for (let i = map.entries.length - 1; i >= 0; i--) if (map.entries[i].key === key) return map.entries[i];
  return undefined;
}

export function get(map: TNode | undefined, key: string): TNode | undefined {
  return entry(map, key)?.value;
}

/** Follows a path of keys through nested maps. */
export function getPath(node: TNode | undefined, ...keys: string[]): TNode | undefined {
  let n = node;
  for (const k of keys) n = get(n, k);
  return n;
}

/** The scalar's value as a string, or undefined for non-scalars and null. */
export function str(n: TNode | undefined): string | undefined {
  if (!isScalar(n) || n.value === null) return undefined;
  return String(n.value);
}

/** A node that CloudFormation treats as a list: a sequence, or a single value standing for a list of one. */
export function asList(n: TNode | undefined): TNode[] {
  if (n === undefined) return [];
  return isSeq(n) ? n.items : [n];
}

/** The intrinsic function a one-key map stands for (`Ref`, `Fn::Sub`, ...), if any. */
export function intrinsicName(n: TNode | undefined): string | undefined {
  if (!isMap(n) || n.entries.length !== 1) return undefined;
  const k = n.entries[0].key;
  return k === 'Ref' || k === 'Condition' || k.startsWith('Fn::') ? k : undefined;
}
