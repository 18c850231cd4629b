/** Which resources a value points at (`Ref`, `Fn::GetAtt`, `${X}` in `Fn::Sub`), and resources by type. */
import type { TemplateModel, TemplateResource } from '../../models/template/model';
import type { TNode } from '../../models/template/nodes';
import { get, intrinsicName, isMap, isScalar, isSeq, str } from '../../models/template/nodes';

/** The logical id a value names when it is a `Ref` or `Fn::GetAtt` (or a `!Sub '${X}'` of one). */
export function refTarget(node: TNode | undefined): string | undefined {
  const fn = intrinsicName(node);
  if (!fn || !isMap(node)) return undefined;
  const arg = node.entries[0].value;
  if (fn === 'Ref') return str(arg);
  if (fn === 'Fn::GetAtt') {
    if (isSeq(arg)) return str(arg.items[0]);
    return str(arg)?.split('.')[0];
  }
  if (fn === 'Fn::Sub' && isScalar(arg)) {
    const m = /^\$\{([^}.!]+)(?:\.[^}]*)?\}$/.exec(str(arg) ?? '');
    return m?.[1];
  }
  return undefined;
}

/** Every logical id (or parameter) a subtree refers to, through any intrinsic. */
export function referencedIds(node: TNode | undefined, out = new Set<string>(), depth = 0): Set<string> {
  if (node === undefined || depth > 50) return out;
  if (isScalar(node)) return out;
  if (isSeq(node)) {
    for (const i of node.items) referencedIds(i, out, depth + 1);
    return out;
  }
  const fn = intrinsicName(node);
  if (fn === 'Ref' || fn === 'Fn::GetAtt') {
    // `!Ref Api.Stage` (SAM) names the API's stage: the API is what it points at.
    const id = refTarget(node)?.split('.')[0];
    if (id) out.add(id);
  }
  if (fn === 'Fn::Sub') {
    const arg = node.entries[0].value;
    const text = isScalar(arg) ? str(arg) : isSeq(arg) ? str(arg.items[0]) : undefined;
    for (const m of (text ?? '').matchAll(/\$\{([^}!][^}]*)\}/g)) out.add(m[1].split('.')[0]);
  }
  for (const e of node.entries) referencedIds(e.value, out, depth + 1);
  return out;
}

/** Resources of the given types, in template order. */
export function resourcesOfType(model: TemplateModel, ...types: string[]): TemplateResource[] {
  const set = new Set(types);
  return model.resources.filter((r) => set.has(r.type));
}

/** Groups resources of a type by the resource their `key` property refers to (`RestApiId: !Ref Api`). */
export function byTarget(model: TemplateModel, type: string, key: string): Map<string, TemplateResource[]> {
  const out = new Map<string, TemplateResource[]>();
  for (const r of resourcesOfType(model, type)) {
    const t = refTarget(get(r.properties, key));
    if (!t) continue;
    const list = out.get(t) ?? [];
    list.push(r);
    out.set(t, list);
  }
  return out;
}

const byIdCache = new WeakMap<TemplateModel, Map<string, TemplateResource>>();

/** The template's resources by logical id, built once per model. */
export function resourceById(model: TemplateModel): Map<string, TemplateResource> {
  let m = byIdCache.get(model);
  if (!m) {
    m = new Map(model.resources.map((r) => [r.id, r]));
    byIdCache.set(model, m);
  }
  return m;
}
