/**
 * s3-public-access on CDK: a bucket that can become public — `publicReadAccess: true`, a public
 * `accessControl` ACL, block public access turned off (`BLOCK_ACLS`, a `false` setting), or
 * `bucket.grantPublicAccess()`. New buckets block public access by default, so only these count.
 */
import * as ts from 'typescript';
import type { Construct, Val } from '../../models/cdk';
import { strip } from '../../models/cdk';
import type { CdkCheck } from './shared';
import { qualifiedValues, span } from './shared';
const { isNewExpression } = ts;

const PUBLIC_ACLS = new Set(['PUBLIC_READ', 'PUBLIC_READ_WRITE', 'AUTHENTICATED_READ']);
const CFN_PUBLIC_ACLS = new Set(['PublicRead', 'PublicReadWrite', 'AuthenticatedRead']);
const BLOCK_KEYS = ['blockPublicAcls', 'blockPublicPolicy', 'ignorePublicAcls', 'restrictPublicBuckets'];

export const check: CdkCheck = (ctx, cdk) => {
  const sf = ctx.model.sourceFile;
  const r = cdk.resolver;
  const falseSettings = (b: Construct, obj: Val): void => {
    for (const key of BLOCK_KEYS) {
      for (const h of r.prop(obj, key).hits) {
        if (r.bool(h.value) !== false) continue;
        ctx.report({
          ...span(h.value.expr, sf),
          resource: b.name,
          message: `${b.name} turns off ${key}, so a policy or ACL can make it public — keep block public access on.`,
        });
      }
    }
  };
  for (const b of cdk.ofClass('s3.Bucket')) {
    for (const h of r.prop(b.props, 'publicReadAccess').hits) {
      if (r.bool(h.value) !== true) continue;
      const t = r.resolve(h.value)[0];
      ctx.report({
        ...span(t.expr, sf),
        resource: b.name,
        message: `${b.name} allows public read (publicReadAccess), so anyone on the internet can read every object — serve the files through CloudFront with origin access control instead.`,
        fixes: [{ title: 'Turn public read off', edits: [{ ...span(t.expr, sf), newText: 'false' }] }],
      });
    }
    for (const h of r.prop(b.props, 'accessControl').hits) {
      for (const { q, node } of qualifiedValues(cdk, h.value)) {
        const name = q?.replace(/^s3\.BucketAccessControl\./, '');
        if (!q?.startsWith('s3.BucketAccessControl.') || !name || !PUBLIC_ACLS.has(name)) continue;
        ctx.report({ ...span(node, sf), resource: b.name, message: `${b.name} has the public ACL ${name} — keep the bucket private and grant access to specific roles.` });
      }
    }
    for (const h of r.prop(b.props, 'blockPublicAccess').hits) {
      for (const t of r.resolve(h.value)) {
        const e = strip(t.expr);
        const q = cdk.imports.qualify(e);
        if (q === 's3.BlockPublicAccess.BLOCK_ACLS' || q === 's3.BlockPublicAccess.BLOCK_ACLS_ONLY') {
          ctx.report({
            ...span(e, sf),
            resource: b.name,
            message: `${b.name} blocks only public ACLs (${q.replace(/^.*\./, '')}), so a bucket policy can still make it public — use BlockPublicAccess.BLOCK_ALL.`,
          });
        } else if (isNewExpression(e) && cdk.imports.qualify(e.expression) === 's3.BlockPublicAccess' && e.arguments?.[0]) {
          falseSettings(b, { expr: e.arguments[0], env: t.env });
        }
      }
    }
  }
  for (const call of cdk.calls('grantPublicAccess')) {
    const b = cdk.constructsOf(call.receiver).find((c) => c.cls === 's3.Bucket');
    if (!b) continue;
    ctx.report({
      ...span(call.nameNode, sf),
      resource: b.name,
      message: `${b.name}.grantPublicAccess makes its objects readable by anyone on the internet — grant access to specific roles, or serve through CloudFront.`,
    });
  }
  for (const b of cdk.ofClass('s3.CfnBucket')) {
    for (const h of r.prop(b.props, 'publicAccessBlockConfiguration').hits) falseSettings(b, h.value);
    for (const s of r.strings(r.prop(b.props, 'accessControl').hits[0]?.value).values) {
      if (CFN_PUBLIC_ACLS.has(s.text)) ctx.report({ ...span(s.node, sf), resource: b.name, message: `${b.name} has the public ACL ${s.text} — keep the bucket private and grant access to specific roles.` });
    }
  }
};
