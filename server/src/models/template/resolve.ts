/**
 * Intrinsic functions resolved the way CloudFormation would at deploy time, as far as the
 * template alone allows: `Ref` to a parameter's default, `Fn::Sub` with defaults, `Fn::FindInMap`
 * against `Mappings`, `Fn::Join`/`Fn::Select` of known parts, both branches of `Fn::If`.
 * Anything else (a pseudo parameter, `Fn::GetAtt`, `Fn::ImportValue`, a parameter without
 * default) is unknown: never a finding by itself, never proof of safety.
 */
import type { TemplateModel } from './model';
import type { TNode } from './nodes';
import { get, intrinsicName, isMap, isScalar, isSeq, str } from './nodes';

/** Every value a node may take; `undefined` when any of them is unknown. */
export type Resolved = (string | number | boolean)[] | undefined;

const MAX_VALUES = 16;
const MAX_DEPTH = 20;

export class Resolver {
  constructor(private readonly model: TemplateModel) {}

  /** The possible scalar values of a node. */
  values(node: TNode | undefined, depth = 0): Resolved {
    if (node === undefined || depth > MAX_DEPTH) return undefined;
    if (isScalar(node)) return node.value === null ? undefined : [node.value];
    const fn = intrinsicName(node);
    if (!fn || !isMap(node)) return undefined;
    const arg = node.entries[0].value;
    switch (fn) {
      case 'Ref':
        return this.ref(str(arg), depth);
      case 'Fn::If': {
        if (!isSeq(arg) || arg.items.length !== 3) return undefined;
        const a = this.values(arg.items[1], depth + 1);
        const b = this.values(arg.items[2], depth + 1);
        return a && b ? cap([...a, ...b]) : undefined;
      }
      case 'Fn::Sub':
        return this.sub(arg, depth);
      case 'Fn::FindInMap':
        return this.findInMap(arg, depth);
      case 'Fn::Join': {
        if (!isSeq(arg) || arg.items.length !== 2) return undefined;
        const sep = this.single(arg.items[0], depth);
        const list = arg.items[1];
        if (sep === undefined || !isSeq(list)) return undefined;
        let acc: string[] = [];
        for (const [i, item] of list.items.entries()) {
          const vs = this.values(item, depth + 1);
          if (vs === undefined) return undefined;
          acc = i === 0 ? vs.map(String) : cap(acc.flatMap((a) => vs.map((v) => a + sep + String(v))));
        }
        return list.items.length ? acc : [''];
      }
      case 'Fn::Select': {
        if (!isSeq(arg) || arg.items.length !== 2) return undefined;
        const idx = this.single(arg.items[0], depth);
        const list = arg.items[1];
        if (idx === undefined || !isSeq(list)) return undefined;
        return this.values(list.items[Number(idx)], depth + 1);
      }
      default:
        return undefined;
    }
  }

  /** The value when it is known and has exactly one possibility. */
  single(node: TNode | undefined, depth = 0): string | undefined {
    const vs = this.values(node, depth + 1);
    return vs && vs.length === 1 ? String(vs[0]) : undefined;
  }

  /** True when the node is, or may be (one `Fn::If` branch), the given value. */
  mayBe(node: TNode | undefined, value: string): boolean {
    return (this.values(node) ?? []).some((v) => String(v) === value);
  }

  private ref(name: string | undefined, depth: number): Resolved {
    if (name === undefined) return undefined;
    const param = get(get(this.model.root, 'Parameters'), name);
    if (param === undefined) return undefined;
    return this.values(get(param, 'Default'), depth + 1);
  }

  private sub(arg: TNode, depth: number): Resolved {
    let template: string | undefined;
    let vars: TNode | undefined;
    if (isScalar(arg)) template = str(arg);
    else if (isSeq(arg) && arg.items.length >= 1) {
      template = str(arg.items[0]);
      vars = arg.items[1];
    }
    if (template === undefined) return undefined;
    let unknown = false;
    const out = template.replace(/\$\{([^!}][^}]*)\}/g, (_m, name: string) => {
      const local = get(vars, name);
      const v = local !== undefined ? this.single(local, depth) : name.includes('.') ? undefined : this.ref(name, depth)?.map(String);
      const value = Array.isArray(v) ? (v.length === 1 ? v[0] : undefined) : v;
      if (value === undefined) unknown = true;
      return value ?? '';
    });
    // `${!Literal}` is CloudFormation's escape for a literal `${Literal}`.
    return unknown ? undefined : [out.replace(/\$\{!/g, '${')];
  }

  private findInMap(arg: TNode, depth: number): Resolved {
    if (!isSeq(arg) || arg.items.length < 3) return undefined;
    const [m, k1, k2] = arg.items.map((i) => this.single(i, depth));
    if (m === undefined || k1 === undefined || k2 === undefined) return undefined;
    return this.values(get(get(get(get(this.model.root, 'Mappings'), m), k1), k2), depth + 1);
  }
}

function cap<T>(xs: T[]): T[] {
  return xs.length > MAX_VALUES ? xs.slice(0, MAX_VALUES) : xs;
}
