/**
 * iam-wildcard-resource: `Resource: "*"` (or a SAM policy template given `*` as its table,
 * bucket, queue... name) for actions that can be scoped to a resource. Actions that only accept
 * `*` (shared/star-only-actions.ts) are not findings, nor are Deny statements.
 */
import type { FixInput, Rule, RuleContext } from '../engine/rule';
import type { TemplateModel } from '../models/template/model';
import type { TNode } from '../models/template/nodes';
import { entry, get, isScalar, isSeq, str } from '../models/template/nodes';
import { Resolver } from '../models/template/resolve';
import { isStarOnlyAction } from './shared/star-only-actions';
import type { CfnValue } from './shared/fix-text';
import { lineIndent, renderInline, replaceScalarText, resourcesOfType, startsItsLine } from './shared/fix-text';
import { listItems, policyStatements, policyTemplateStatements } from './shared/template-policies';
import { CDK_CHECKS } from './cdk';

/** How to write the ARN of a template resource that an action of the service acts on. */
const ARN_OF: Record<string, { types: Record<string, (id: string) => CfnValue>; noun: string }> = {
  dynamodb: {
    noun: 'table',
    types: {
      'AWS::DynamoDB::Table': (id) => ({ GetAtt: [id, 'Arn'] }),
      // SimpleTable has no Arn attribute; its Ref is the table name.
      'AWS::Serverless::SimpleTable': (id) => ({ Sub: `arn:\${AWS::Partition}:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/\${${id}}` }),
    },
  },
  sqs: { noun: 'queue', types: { 'AWS::SQS::Queue': (id) => ({ GetAtt: [id, 'Arn'] }) } },
  sns: { noun: 'topic', types: { 'AWS::SNS::Topic': (id) => ({ Ref: id }) } },
  s3: { noun: 'bucket', types: { 'AWS::S3::Bucket': (id) => ({ GetAtt: [id, 'Arn'] }) } },
  lambda: {
    noun: 'function',
    types: { 'AWS::Lambda::Function': (id) => ({ GetAtt: [id, 'Arn'] }), 'AWS::Serverless::Function': (id) => ({ GetAtt: [id, 'Arn'] }) },
  },
  states: {
    noun: 'state machine',
    types: { 'AWS::StepFunctions::StateMachine': (id) => ({ Ref: id }), 'AWS::Serverless::StateMachine': (id) => ({ Ref: id }) },
  },
  secretsmanager: { noun: 'secret', types: { 'AWS::SecretsManager::Secret': (id) => ({ Ref: id }) } },
  kinesis: { noun: 'stream', types: { 'AWS::Kinesis::Stream': (id) => ({ GetAtt: [id, 'Arn'] }) } },
  events: { noun: 'event bus', types: { 'AWS::Events::EventBus': (id) => ({ GetAtt: [id, 'Arn'] }) } },
  kms: { noun: 'key', types: { 'AWS::KMS::Key': (id) => ({ GetAtt: [id, 'Arn'] }) } },
  logs: { noun: 'log group', types: { 'AWS::Logs::LogGroup': (id) => ({ GetAtt: [id, 'Arn'] }) } },
};

/** A policy template's name parameter, and how to name a template resource for it. */
const TEMPLATE_PARAMETER: Record<string, { noun: string; types: Record<string, (id: string) => CfnValue> }> = {
  TableName: { noun: 'table', types: { 'AWS::DynamoDB::Table': (id) => ({ Ref: id }), 'AWS::Serverless::SimpleTable': (id) => ({ Ref: id }) } },
  BucketName: { noun: 'bucket', types: { 'AWS::S3::Bucket': (id) => ({ Ref: id }) } },
  QueueName: { noun: 'queue', types: { 'AWS::SQS::Queue': (id) => ({ GetAtt: [id, 'QueueName'] }) } },
  TopicName: { noun: 'topic', types: { 'AWS::SNS::Topic': (id) => ({ GetAtt: [id, 'TopicName'] }) } },
  FunctionName: {
    noun: 'function',
    types: { 'AWS::Lambda::Function': (id) => ({ Ref: id }), 'AWS::Serverless::Function': (id) => ({ Ref: id }) },
  },
  StreamName: { noun: 'stream', types: { 'AWS::Kinesis::Stream': (id) => ({ Ref: id }) } },
  SecretArn: { noun: 'secret', types: { 'AWS::SecretsManager::Secret': (id) => ({ Ref: id }) } },
  StateMachineName: {
    noun: 'state machine',
    types: { 'AWS::StepFunctions::StateMachine': (id) => ({ GetAtt: [id, 'Name'] }), 'AWS::Serverless::StateMachine': (id) => ({ GetAtt: [id, 'Name'] }) },
  },
  KeyId: { noun: 'key', types: { 'AWS::KMS::Key': (id) => ({ Ref: id }) } },
  EventBusName: { noun: 'event bus', types: { 'AWS::Events::EventBus': (id) => ({ Ref: id }) } },
};

const S3_OBJECT_ACTION = /^s3:(\w*Object\w*|AbortMultipartUpload|ListMultipartUploadParts)$/i;

function listActions(actions: readonly string[]): string {
  if (actions.includes('*')) return 'every action';
  return actions.length <= 3 ? actions.join(', ') : `${actions.slice(0, 3).join(', ')} and ${actions.length - 3} more`;
}

function serviceOf(action: string): string {
  return action.split(':')[0].toLowerCase();
}

/** The one template resource of the right type, if there is exactly one. */
function onlyResource(model: TemplateModel, types: Record<string, (id: string) => CfnValue>): { id: string; value: CfnValue } | undefined {
  const found = resourcesOfType(model, Object.keys(types));
  if (found.length !== 1) return undefined;
  return { id: found[0].id, value: types[found[0].type](found[0].id) };
}

function checkTemplate(ctx: RuleContext<TemplateModel>): void {
  const { model } = ctx;
  const resolver = new Resolver(model);

  for (const { resource, statement } of policyStatements(model)) {
    // Deny narrows access; an Effect given by an intrinsic is unknown. Neither is a finding.
    if (str(get(statement, 'Effect')) !== 'Allow' || get(statement, 'NotAction') !== undefined) continue;
    const actionNodes = listItems(get(statement, 'Action'));
    const actions = actionNodes.map((a) => (isScalar(a) ? str(a) : undefined)).filter((a): a is string => a !== undefined);
    const scoped = actions.filter((a) => !isStarOnlyAction(a));
    if (scoped.length === 0) continue;
    const starOnly = actions.filter((a) => isStarOnlyAction(a));
    // Scoping a statement that also holds `*`-only actions would break those; it has to be split.
    const split = starOnly.length > 0 ? ` Move ${listActions(starOnly)} (which only accept *) to a statement of their own.` : '';
    const condition = get(statement, 'Condition') !== undefined ? ' (its Condition limits when, not what)' : '';
    const resourceValue = get(statement, 'Resource');
    for (const item of listItems(resourceValue)) {
      if (!resolver.mayBe(item, '*')) continue;
      ctx.report({
        start: item.start,
        end: item.end,
        resource: resource.id,
        message: `${resource.id}'s policy allows ${listActions(scoped)} on every resource (*)${condition} — scope it to the ARNs of what it uses.${split}`,
        fixes: starOnly.length > 0 || actions.length !== actionNodes.length ? [] : scopeFixes(ctx, scoped, item, resourceValue),
      });
    }
    const notResource = entry(statement, 'NotResource');
    if (notResource) {
      ctx.report({
        start: notResource.keyStart,
        end: notResource.keyEnd,
        resource: resource.id,
        message: `${resource.id}'s policy allows ${listActions(scoped)} on every resource except those listed (NotResource with Allow) — list the resources it uses instead.`,
      });
    }
  }

  // SAM policy templates: a `*` name widens the template to every table, bucket, queue...
  const seen = new Set<TNode>();
  for (const t of policyTemplateStatements(model, resolver)) {
    const scoped = t.actions.filter((a) => !isStarOnlyAction(a));
    if (scoped.length === 0) continue;
    for (const r of t.resources) {
      if (!r.wildcard || !r.node || !r.parameter || seen.has(r.node)) continue;
      seen.add(r.node);
      const param = TEMPLATE_PARAMETER[r.parameter];
      const noun = param?.noun ?? 'resource';
      ctx.report({
        start: r.node.start,
        end: r.node.end,
        resource: t.resource.id,
        message: `${t.resource.id}'s ${t.template} has ${r.parameter} '*', which grants it on every ${noun} of the account — name the ${noun} it uses.`,
        fixes: templateParameterFixes(ctx, r.node, r.parameter),
      });
    }
  }
}

/** Scope a `*` to the ARN of the one matching resource of the template, or to a placeholder ARN. */
function scopeFixes(ctx: RuleContext<TemplateModel>, actions: string[], item: TNode, resourceValue: TNode | undefined): FixInput[] {
  const { model, text } = ctx;
  if (!isScalar(item)) return [];
  const services = [...new Set(actions.map(serviceOf))];
  const service = services.length === 1 ? services[0] : undefined;
  const target = service && ARN_OF[service] ? onlyResource(model, ARN_OF[service].types) : undefined;
  let values: CfnValue[];
  let title: string;
  if (target && service === 's3') {
    const objects = actions.some((a) => S3_OBJECT_ACTION.test(a));
    const bucket = actions.some((a) => !S3_OBJECT_ACTION.test(a));
    const objectArn: CfnValue = { Sub: `\${${target.id}.Arn}/*` };
    values = objects && bucket ? [target.value, objectArn] : objects ? [objectArn] : [target.value];
    title = `Scope the statement to ${target.id}`;
  } else if (target) {
    values = [target.value];
    title = `Scope the statement to ${target.id}`;
  } else {
    const s = service ?? '<service>';
    const noun = `<${service ? (ARN_OF[service]?.noun ?? 'resource').replace(/ /g, '-') : 'resource'}>`;
    // S3 ARNs carry neither region nor account.
    values = [{ Sub: s === 's3' ? `arn:\${AWS::Partition}:s3:::${noun}` : `arn:\${AWS::Partition}:${s}:\${AWS::Region}:\${AWS::AccountId}:${noun}` }];
    title = `Scope the statement to the ARN of what it uses (fill in the placeholder)`;
  }
  const format = model.format;
  const inList = isSeq(resourceValue) && resourceValue.items.includes(item);
  const edits: FixInput['edits'] = [];
  if (values.length === 1) {
    edits.push({ start: item.start, end: item.end, newText: renderInline(values[0], format) });
  } else if (!inList) {
    edits.push({ start: item.start, end: item.end, newText: renderInline({ list: values }, format) });
  } else {
    edits.push({ start: item.start, end: item.end, newText: renderInline(values[0], format) });
    const block = format === 'yaml' && startsItsLine(text, item.start);
    const rest = values.slice(1).map((v) => renderInline(v, format));
    const sep = block ? `\n${lineIndent(text, item.start)}- ` : ', ';
    edits.push({ start: item.end, end: item.end, newText: rest.map((r) => sep + r).join('') });
  }
  return [{ title, edits }];
}

/** `TableName: '*'` becomes `TableName: !Ref OrdersTable` when the template has one table, else a placeholder. */
function templateParameterFixes(ctx: RuleContext<TemplateModel>, node: TNode, parameter: string): FixInput[] {
  // A `*` that comes from a parameter default is the parameter's business; only literals are rewritten.
  if (!isScalar(node)) return [];
  const param = TEMPLATE_PARAMETER[parameter];
  const target = param ? onlyResource(ctx.model, param.types) : undefined;
  if (target) {
    return [{ title: `Scope ${parameter} to ${target.id}`, edits: [{ start: node.start, end: node.end, newText: renderInline(target.value, ctx.model.format) }] }];
  }
  const placeholder = `<${parameter}>`;
  return [{ title: `Name the ${param?.noun ?? 'resource'} it uses (fill in ${placeholder})`, edits: [{ start: node.start, end: node.end, newText: replaceScalarText(ctx.text, node, placeholder) }] }];
}

export const rule: Rule = {
  meta: {
    id: 'iam-wildcard-resource',
    title: 'IAM policy grants actions on every resource',
    layer: 'Lambda',
    defaultSeverity: 'warning',
    explanation:
      'Most AWS actions can be limited to named resources: one table, one bucket, one queue. `Resource: "*"` grants the ' +
      'actions on every such resource in the account, today\'s and tomorrow\'s, so a function meant to read the orders ' +
      'table can read the users table too once it is tricked into it. The same holds for a SAM policy template given `*` ' +
      'as its table or bucket name. Some actions (`xray:PutTraceSegments`, `cloudwatch:PutMetricData`, ' +
      '`ec2:DescribeNetworkInterfaces`, `s3:ListAllMyBuckets`...) accept only `*`; those are left alone, and so are Deny ' +
      'statements.',
    analogy:
      'The execution role is the function\'s badge. `Resource: "*"` is a badge that opens that kind of door on every floor, ' +
      'when the function only needs the one room it works in.',
    examples: [
      {
        frontEnd: 'sam',
        bad: 'Policies:\n  - Statement:\n      - Effect: Allow\n        Action: [dynamodb:GetItem, dynamodb:PutItem]\n        Resource: "*"',
        good: 'Policies:\n  - Statement:\n      - Effect: Allow\n        Action: [dynamodb:GetItem, dynamodb:PutItem]\n        Resource: !GetAtt OrdersTable.Arn',
      },
      {
        frontEnd: 'cloudformation',
        bad: '"PolicyDocument": { "Statement": [ { "Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*" } ] }',
        good: '"PolicyDocument": { "Statement": [ { "Effect": "Allow", "Action": "sqs:SendMessage", "Resource": { "Fn::GetAtt": ["OrdersQueue", "Arn"] } } ] }',
      },
      {
        frontEnd: 'cdk',
        bad: "fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources: ['*'] }));",
        good: "fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [table.tableArn] }));",
      },
    ],
    fixSummary:
      'Scopes the `*` to the ARN of the one resource of that service in the template (`!GetAtt OrdersTable.Arn`, a bucket\'s ' +
      'objects for object actions), or to a placeholder ARN to fill in; a policy template\'s `*` name becomes `!Ref` to the one table or bucket.',
    whenNotToUse:
      'When the function really works across resources it cannot know in advance (an admin tool that lists every queue) and the ' +
      'actions are read-only; suppress with that reason, ideally with a Condition that narrows it.',
    moduleQuestion:
      'Q3: What is the difference between a Lambda execution role and a resource policy? The execution role is outbound: what the function can do, and to which resources.',
  },
  checkTemplate,
  checkCode: CDK_CHECKS['iam-wildcard-resource'],
};
