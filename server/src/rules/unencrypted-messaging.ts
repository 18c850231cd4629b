/** unencrypted-messaging: SQS queues with encryption turned off, SNS topics without a KMS key. */
import type { Rule, RuleContext } from '../engine/rule';
import type { TemplateModel } from '../models/template/model';
import { entry, get, isMap } from '../models/template/nodes';
import { Resolver } from '../models/template/resolve';
import { TemplateEditor } from './shared/template-edit';
import { resourcesOfType } from './shared/template-refs';
import { CDK_CHECKS } from './cdk';

function checkTemplate(ctx: RuleContext<TemplateModel>): void {
  const resolver = new Resolver(ctx.model);
  const editor = new TemplateEditor(ctx.text, ctx.model);
  // SQS encrypts new queues with SQS-owned keys unless SqsManagedSseEnabled is false (since 2022).
  for (const q of resourcesOfType(ctx.model, 'AWS::SQS::Queue')) {
    if (get(q.properties, 'KmsMasterKeyId') !== undefined) continue;
    const sse = entry(q.properties, 'SqsManagedSseEnabled');
    if (!sse || !(resolver.values(sse.value) ?? []).some((v) => v === false || v === 'false')) continue;
    ctx.report({
      start: sse.value.start,
      end: sse.value.end,
      resource: q.id,
      message: `${q.id} turns off server-side encryption, so its messages rest unencrypted — remove SqsManagedSseEnabled: false or set KmsMasterKeyId.`,
      fixes: sse.value.kind === 'scalar' ? [{ title: 'Turn SQS-managed encryption back on', edits: [editor.replace(sse.value, true)] }] : [],
    });
  }
  // SNS topics are not encrypted at rest unless a KMS key is named.
  for (const t of resourcesOfType(ctx.model, 'AWS::SNS::Topic')) {
    if (get(t.properties, 'KmsMasterKeyId') !== undefined) continue;
    const props = t.properties;
    const edit = props ? editor.addToMap(props, { KmsMasterKeyId: 'alias/aws/sns' }) : isMap(t.node) ? editor.addToMap(t.node, { Properties: { KmsMasterKeyId: 'alias/aws/sns' } }) : undefined;
    ctx.report({
      start: t.entry.keyStart,
      end: t.entry.keyEnd,
      resource: t.id,
      message: `${t.id} stores messages without encryption at rest (SNS topics are not encrypted by default) — set KmsMasterKeyId (alias/aws/sns, or a customer key for cross-account publishers).`,
      fixes: edit ? [{ title: 'Encrypt the topic with the AWS managed key (alias/aws/sns)', edits: [edit] }] : [],
    });
  }
}

export const rule: Rule = {
  meta: {
    id: 'unencrypted-messaging',
    title: 'SQS queue or SNS topic without encryption at rest',
    layer: 'Data',
    defaultSeverity: 'info',
    explanation:
      'Messages between functions often carry the same personal or business data as the tables they come from. SQS ' +
      'encrypts queues by default (SQS-managed keys) unless a template turns that off; SNS topics are not encrypted at rest ' +
      'until you name a KMS key. With a key, reading the stored messages also requires permission to use the key, which ' +
      'adds a second lock and an audit trail of its use.',
    analogy:
      'Encryption at rest is the vault of the castle: messages waiting in a queue or topic are valuables left in a ' +
      'corridor unless they are locked away too.',
    examples: [
      {
        frontEnd: 'cloudformation',
        bad: 'OrderEvents:\n  Type: AWS::SNS::Topic',
        good: 'OrderEvents:\n  Type: AWS::SNS::Topic\n  Properties:\n    KmsMasterKeyId: alias/aws/sns',
      },
      {
        frontEnd: 'sam',
        bad: 'Jobs:\n  Type: AWS::SQS::Queue\n  Properties:\n    SqsManagedSseEnabled: false',
        good: 'Jobs:\n  Type: AWS::SQS::Queue\n  Properties:\n    KmsMasterKeyId: !Ref QueueKey',
      },
      {
        frontEnd: 'cdk',
        bad: "new sns.Topic(this, 'OrderEvents');",
        good: "new sns.Topic(this, 'OrderEvents', { masterKey: kms.Alias.fromAliasName(this, 'SnsKey', 'alias/aws/sns') });",
      },
    ],
    fixSummary: 'Sets KmsMasterKeyId: alias/aws/sns on an SNS topic; turns SQS-managed encryption back on for a queue.',
    whenNotToUse:
      'Topics that publish to services which cannot use a KMS key of yours (some cross-account or third-party subscribers) — suppress with the reason.',
  },
  checkTemplate,
  checkCode: CDK_CHECKS['unencrypted-messaging'],
};
