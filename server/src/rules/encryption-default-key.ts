/** encryption-default-key: DynamoDB tables and Lambda environments encrypted only with an AWS owned or managed key. */
import type { Rule, RuleContext } from '../engine/rule';
import type { TemplateModel } from '../models/template/model';
import { entry, get, getPath, intrinsicName, isMap } from '../models/template/nodes';
import { Resolver } from '../models/template/resolve';
import { effectiveProperties } from '../models/template/sam';
import { resourcesOfType } from './shared/template-refs';
import { CDK_CHECKS } from './cdk';

const AWS_MANAGED_KEY = /^(arn:[^:]+:kms:[^:]*:[^:]*:)?alias\/aws\//;

function checkTables(ctx: RuleContext<TemplateModel>, resolver: Resolver): void {
  for (const t of resourcesOfType(ctx.model, 'AWS::DynamoDB::Table', 'AWS::Serverless::SimpleTable')) {
    const props = t.type === 'AWS::Serverless::SimpleTable' ? effectiveProperties(ctx.model, t) : t.properties;
    const sse = entry(props, 'SSESpecification');
    const key = entry(sse?.value, 'KMSMasterKeyId');
    const enabled = entry(sse?.value, 'SSEEnabled');
    if (sse && (!isMap(sse.value) || intrinsicName(sse.value))) continue;
    let at = { start: t.entry.keyStart, end: t.entry.keyEnd };
    let what = 'the AWS owned key';
    if (enabled) {
      const vs = resolver.values(enabled.value);
      if (vs === undefined) continue;
      const off = vs.some((v) => v === false || v === 'false');
      if (!off) {
        if (key) {
          const keyValues = resolver.values(key.value);
          if (keyValues === undefined || !keyValues.some((v) => AWS_MANAGED_KEY.test(String(v)))) continue;
          at = { start: key.value.start, end: key.value.end };
        } else at = { start: enabled.keyStart, end: enabled.keyEnd };
        what = 'the AWS managed key (alias/aws/dynamodb)';
      } else at = { start: enabled.value.start, end: enabled.value.end };
    } else if (sse) at = { start: sse.keyStart, end: sse.keyEnd };
    const sam = t.type === 'AWS::Serverless::SimpleTable';
    ctx.report({
      ...at,
      resource: t.id,
      message: sam
        ? `${t.id} is encrypted with ${what}; a SimpleTable cannot name a customer key — use AWS::DynamoDB::Table with SSESpecification.KMSMasterKeyId.`
        : `${t.id} is encrypted with ${what}, which you cannot audit or revoke — set SSESpecification with SSEEnabled: true, SSEType: KMS and KMSMasterKeyId of a customer managed key.`,
    });
  }
}

function checkFunctions(ctx: RuleContext<TemplateModel>): void {
  for (const fn of resourcesOfType(ctx.model, 'AWS::Serverless::Function', 'AWS::Lambda::Function')) {
    const props = fn.type === 'AWS::Serverless::Function' ? effectiveProperties(ctx.model, fn) : fn.properties;
    if (get(props, 'KmsKeyArn') !== undefined) continue;
    const vars = getPath(props, 'Environment', 'Variables');
    if (!isMap(vars) || intrinsicName(vars) || vars.entries.length === 0) continue;
    ctx.report({
      start: fn.entry.keyStart,
      end: fn.entry.keyEnd,
      resource: fn.id,
      message: `${fn.id}'s environment variables are encrypted with the AWS managed key for Lambda — set KmsKeyArn to a customer managed key if your policy requires one (and keep secrets out of environment variables).`,
    });
  }
}

function checkTemplate(ctx: RuleContext<TemplateModel>): void {
  checkTables(ctx, new Resolver(ctx.model));
  checkFunctions(ctx);
}

export const rule: Rule = {
  meta: {
    id: 'encryption-default-key',
    title: 'Data encrypted only with an AWS owned or managed key',
    layer: 'Data',
    defaultSeverity: 'off',
    explanation:
      'DynamoDB tables and Lambda environment variables are always encrypted at rest, by default with a key that AWS owns ' +
      'or manages for you. That protects the disks, but you cannot see that key\'s use in CloudTrail, restrict who may use ' +
      'it, or revoke it. Teams under compliance rules that call for customer managed keys (KMS keys whose policy they write) ' +
      'turn this rule on; it is off by default because the default encryption is sound for most applications.',
    analogy:
      'Encryption is the vault. With the AWS owned key the vault is locked, but the building keeps the only key; with a ' +
      'customer managed key you hold it, decide who may borrow it, and see every time it is used.',
    examples: [
      {
        frontEnd: 'cloudformation',
        bad: 'Orders:\n  Type: AWS::DynamoDB::Table\n  Properties:\n    BillingMode: PAY_PER_REQUEST',
        good: 'Orders:\n  Type: AWS::DynamoDB::Table\n  Properties:\n    BillingMode: PAY_PER_REQUEST\n    SSESpecification:\n      SSEEnabled: true\n      SSEType: KMS\n      KMSMasterKeyId: !Ref DataKey',
      },
      {
        frontEnd: 'sam',
        bad: 'Fn:\n  Type: AWS::Serverless::Function\n  Properties:\n    Environment:\n      Variables:\n        TABLE: !Ref Orders',
        good: 'Fn:\n  Type: AWS::Serverless::Function\n  Properties:\n    KmsKeyArn: !GetAtt DataKey.Arn\n    Environment:\n      Variables:\n        TABLE: !Ref Orders',
      },
      {
        frontEnd: 'cdk',
        bad: "new dynamodb.Table(this, 'Orders', { partitionKey });",
        good: "new dynamodb.Table(this, 'Orders', { partitionKey, encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED, encryptionKey: key });",
      },
    ],
    fixSummary: 'No automatic fix: a customer managed key is a resource with its own key policy; the message names the setting.',
    whenNotToUse: 'Most applications: the default encryption is sound; turn it on only where policy requires customer managed keys.',
  },
  checkTemplate,
  checkCode: CDK_CHECKS['encryption-default-key'],
};
