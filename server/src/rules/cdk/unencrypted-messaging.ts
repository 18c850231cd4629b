/** unencrypted-messaging on CDK: SNS topics without a KMS key; SQS queues with encryption turned off. */
import * as ts from 'typescript';
import type { CdkCheck } from './shared';
import { missingAt, qualifiedValues, span } from './shared';
const { isPropertyAccessExpression } = ts;

export const check: CdkCheck = (ctx, cdk) => {
  const sf = ctx.model.sourceFile;
  const r = cdk.resolver;
  for (const t of cdk.ofClass('sns.Topic')) {
    if (r.prop(t.props, 'masterKey').state !== 'absent') continue;
    ctx.report({
      ...missingAt(t, sf),
      resource: t.name,
      message: `${t.name} keeps messages unencrypted at rest (SNS topics are not encrypted by default) — set masterKey to a KMS key.`,
    });
  }
  for (const t of cdk.ofClass('sns.CfnTopic')) {
    if (r.prop(t.props, 'kmsMasterKeyId').state !== 'absent') continue;
    ctx.report({ ...missingAt(t, sf), resource: t.name, message: `${t.name} keeps messages unencrypted at rest — set kmsMasterKeyId.` });
  }
  for (const q of cdk.ofClass('sqs.Queue')) {
    for (const h of r.prop(q.props, 'encryption').hits) {
      for (const v of qualifiedValues(cdk, h.value)) {
        if (v.q !== 'sqs.QueueEncryption.UNENCRYPTED') continue;
        const name = isPropertyAccessExpression(v.node) ? v.node.name : undefined;
        ctx.report({
          ...span(v.node, sf),
          resource: q.name,
          message: `${q.name} turns encryption off (QueueEncryption.UNENCRYPTED) — keep SQS-managed encryption or use a KMS key.`,
          fixes: name ? [{ title: 'Use SQS-managed encryption', edits: [{ ...span(name, sf), newText: 'SQS_MANAGED' }] }] : [],
        });
      }
    }
  }
  for (const q of cdk.ofClass('sqs.CfnQueue')) {
    if (r.prop(q.props, 'kmsMasterKeyId').state !== 'absent') continue;
    for (const h of r.prop(q.props, 'sqsManagedSseEnabled').hits) {
      if (r.bool(h.value) !== false) continue;
      const t = r.resolve(h.value)[0];
      ctx.report({
        ...span(t.expr, sf),
        resource: q.name,
        message: `${q.name} turns encryption off (sqsManagedSseEnabled: false) — keep SQS-managed encryption or set kmsMasterKeyId.`,
        fixes: [{ title: 'Keep SQS-managed encryption', edits: [{ ...span(t.expr, sf), newText: 'true' }] }],
      });
    }
  }
};
