/** s3-insecure-transport on CDK: a bucket without `enforceSSL: true` (or its own Deny on aws:SecureTransport). */
import * as ts from 'typescript';
import type { CdkCheck } from './shared';
import { addConstructProp, missingAt, span } from './shared';

export const check: CdkCheck = (ctx, cdk) => {
  const sf = ctx.model.sourceFile;
  // Buckets that get a Deny on aws:SecureTransport = false by hand are covered.
  const denied = new Set<ts.Node>();
  for (const st of cdk.statements()) {
    if (st.effect === 'Deny' && st.owner && /aws:SecureTransport/.test(st.node.getText(sf))) denied.add(st.owner.node);
  }
  for (const b of cdk.ofClass('s3.Bucket')) {
    if (denied.has(b.node)) continue;
    const hit = cdk.resolver.prop(b.props, 'enforceSSL');
    if (hit.state === 'unknown') continue;
    const message = `${b.name} accepts requests without TLS — set enforceSSL: true so its policy denies plain HTTP.`;
    if (hit.state === 'absent') {
      const edits = addConstructProp(ctx, cdk, b, 'enforceSSL: true');
      ctx.report({ ...missingAt(b, sf), resource: b.name, message, fixes: edits ? [{ title: 'Deny requests without TLS (enforceSSL: true)', edits }] : [] });
      continue;
    }
    if (cdk.resolver.bool(hit.hits[0].value) !== false) continue;
    const t = cdk.resolver.resolve(hit.hits[0].value)[0];
    ctx.report({ ...span(t.expr, sf), resource: b.name, message, fixes: [{ title: 'Deny requests without TLS (enforceSSL: true)', edits: [{ ...span(t.expr, sf), newText: 'true' }] }] });
  }
};
