/** S3 buckets and the bucket policies that apply to each (`Bucket: !Ref X`, or the bucket's literal name). */
import type { TemplateModel, TemplateResource } from '../../models/template/model';
import type { MapNode } from '../../models/template/nodes';
import { get, isMap } from '../../models/template/nodes';
import type { Resolver } from '../../models/template/resolve';
import { listItems } from './template-policies';
import { refTarget, resourcesOfType } from './template-refs';

export interface BucketPolicies {
  /** Bucket logical id → the policies naming it. */
  byBucket: Map<string, TemplateResource[]>;
  /** True when some policy names a bucket the template cannot tell (a parameter without default, an import). */
  unknownTarget: boolean;
}

export function bucketPolicies(model: TemplateModel, resolver: Resolver): BucketPolicies {
  const byBucket = new Map<string, TemplateResource[]>();
  const buckets = resourcesOfType(model, 'AWS::S3::Bucket');
  const byName = new Map<string, string>();
  for (const b of buckets) {
    const name = resolver.single(get(b.properties, 'BucketName'));
    if (name) byName.set(name, b.id);
  }
  const ids = new Set(buckets.map((b) => b.id));
  let unknownTarget = false;
  for (const p of resourcesOfType(model, 'AWS::S3::BucketPolicy')) {
    const target = get(p.properties, 'Bucket');
    let id = refTarget(target);
    if (id && !ids.has(id)) id = byName.get(resolver.single(target) ?? '') ?? undefined;
    if (!id) {
      const literal = resolver.single(target);
      id = literal ? byName.get(literal) : undefined;
      // A literal naming no bucket of this template is another stack's bucket; anything else is unknown.
      if (!id && literal === undefined) unknownTarget = true;
    }
    if (!id) continue;
    const list = byBucket.get(id) ?? [];
    list.push(p);
    byBucket.set(id, list);
  }
  return { byBucket, unknownTarget };
}

/** The statements of a bucket policy; undefined when the document is not known (an intrinsic). */
export function policyDocumentStatements(policy: TemplateResource): MapNode[] | undefined {
  const doc = get(policy.properties, 'PolicyDocument');
  if (!isMap(doc)) return undefined;
  const statements = get(doc, 'Statement');
  if (statements === undefined) return [];
  return listItems(statements).filter(isMap);
}
