/**
 * encryption-default-key on CDK (off by default; for teams that require customer keys): DynamoDB
 * tables left on the AWS owned key, and Lambda environments without a customer key.
 */
import * as ts from 'typescript';
import { strip } from '../../models/cdk';
import type { CdkCheck } from './shared';
import { missingAt, span } from './shared';
const { isCallExpression } = ts;

export const check: CdkCheck = (ctx, cdk) => {
  const sf = ctx.model.sourceFile;
  const r = cdk.resolver;
  for (const t of cdk.ofClass('dynamodb.Table', 'dynamodb.TableV2')) {
    const enc = r.prop(t.props, 'encryption');
    const key = r.prop(t.props, 'encryptionKey');
    if (enc.state === 'unknown' || key.state !== 'absent') continue;
    const message = `${t.name} is encrypted only with the AWS owned key, which you cannot audit or revoke — use a customer managed KMS key.`;
    if (enc.state === 'absent') {
      ctx.report({ ...missingAt(t, sf), resource: t.name, message });
      continue;
    }
    for (const v of r.resolve(enc.hits[0].value)) {
      const e = strip(v.expr);
      const q = cdk.imports.qualify(isCallExpression(e) ? e.expression : e) ?? '';
      if (q === 'dynamodb.TableEncryption.DEFAULT' || q === 'dynamodb.TableEncryptionV2.dynamoOwnedKey') ctx.report({ ...span(e, sf), resource: t.name, message });
    }
  }
  for (const fn of cdk.functions()) {
    const env = r.prop(fn.props, 'environment');
    if (env.state !== 'found' || r.prop(fn.props, 'environmentEncryption').state !== 'absent') continue;
    const hit = env.hits[0];
    ctx.report({
      ...span(hit.element.name ?? hit.element, sf),
      resource: fn.name,
      message: `${fn.name}'s environment variables are encrypted only with the AWS managed key — set environmentEncryption to a customer managed KMS key.`,
    });
  }
};
