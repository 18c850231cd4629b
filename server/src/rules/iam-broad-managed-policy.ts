/**
 * iam-broad-managed-policy: AdministratorAccess, PowerUserAccess, IAMFullAccess or another AWS
 * managed `*FullAccess` policy attached to a SAM function (`Policies`) or a role (`ManagedPolicyArns`).
 */
import type { Rule, RuleContext } from '../engine/rule';
import type { TemplateModel } from '../models/template/model';
import type { TNode } from '../models/template/nodes';
import { get, intrinsicName, isScalar, isSeq, str } from '../models/template/nodes';
import { Resolver } from '../models/template/resolve';
import { listItems } from './shared/template-policies';
import { CDK_CHECKS } from './cdk';

/** For the message: the policy template that usually replaces a service's full-access policy. */
const SCOPED_ALTERNATIVE: Record<string, string> = {
  AmazonDynamoDBFullAccess: 'DynamoDBCrudPolicy or DynamoDBReadPolicy on the table',
  AmazonS3FullAccess: 'S3CrudPolicy or S3ReadPolicy on the bucket',
  AmazonSQSFullAccess: 'SQSSendMessagePolicy or SQSPollerPolicy on the queue',
  AmazonSNSFullAccess: 'SNSPublishMessagePolicy on the topic',
  AWSLambda_FullAccess: 'LambdaInvokePolicy on the function',
  SecretsManagerReadWrite: 'AWSSecretsManagerGetSecretValuePolicy on the secret',
  AmazonKinesisFullAccess: 'KinesisStreamReadPolicy on the stream',
  AWSStepFunctionsFullAccess: 'StepFunctionsExecutionPolicy on the state machine',
};

/**
 * The AWS managed policy a value names, from a bare name (SAM), an ARN, or a `!Sub` of one
 * (`arn:${AWS::Partition}:iam::aws:policy/...`, whose partition stays unknown but whose name does not).
 */
function managedPolicyName(node: TNode, resolver: Resolver): string[] {
  const texts: string[] = [];
  const values = resolver.values(node);
  if (values) texts.push(...values.map(String));
  else if (intrinsicName(node) === 'Fn::Sub') {
    const arg = get(node, 'Fn::Sub');
    const t = isSeq(arg) ? str(arg.items[0]) : str(arg);
    if (t) texts.push(t);
  }
  const names: string[] = [];
  for (const t of texts) {
    const arn = /^arn:(?:\$\{AWS::Partition\}|[^:]+):iam::aws:policy\/(?:.*\/)?([\w+=,.@-]+)$/.exec(t);
    if (arn) names.push(arn[1]);
    // A bare name in SAM Policies is an AWS managed policy; customer policies are always ARNs.
    else if (/^[\w+=,.@-]+$/.test(t) && !t.startsWith('arn')) names.push(t);
  }
  return names;
}

function isBroad(name: string): boolean {
  return name === 'AdministratorAccess' || name === 'PowerUserAccess' || /FullAccess$/.test(name) || /_FullAccess$/.test(name);
}

function checkTemplate(ctx: RuleContext<TemplateModel>): void {
  const resolver = new Resolver(ctx.model);
  for (const res of ctx.model.resources) {
    let values: TNode[] = [];
    if (res.type === 'AWS::Serverless::Function') values = listItems(get(res.properties, 'Policies')).filter((p) => isScalar(p) || intrinsicName(p) !== undefined);
    else if (res.type === 'AWS::IAM::Role') values = listItems(get(res.properties, 'ManagedPolicyArns'));
    else continue;
    const holder = res.type === 'AWS::IAM::Role' ? `role ${res.id}` : res.id;
    for (const v of values) {
      for (const name of new Set(managedPolicyName(v, resolver))) {
        if (!isBroad(name)) continue;
        const what =
          name === 'AdministratorAccess'
            ? 'every action on every resource of the account'
            : name === 'PowerUserAccess'
              ? 'every action outside IAM and Organizations'
              : name === 'IAMFullAccess'
                ? 'every IAM action, which lets it grant itself anything'
                : 'every action of the service on every resource';
        const instead = SCOPED_ALTERNATIVE[name] ? `use ${SCOPED_ALTERNATIVE[name]}` : 'grant only the actions it calls, on its own resources';
        ctx.report({
          start: v.start,
          end: v.end,
          resource: res.id,
          message: `${holder} has the AWS managed policy ${name}, which allows ${what} — ${instead}.`,
        });
      }
    }
  }
}

export const rule: Rule = {
  meta: {
    id: 'iam-broad-managed-policy',
    title: 'Broad AWS managed policy on a function or role',
    layer: 'Lambda',
    defaultSeverity: 'warning',
    explanation:
      'AWS managed policies such as AdministratorAccess, PowerUserAccess and the `*FullAccess` family are written for ' +
      'people exploring a service, not for one function with one job: they grant every action of the service on every ' +
      'resource in the account, and AWS widens them as services grow. A function with such a policy turns any bug or ' +
      'injected input into account-wide access. Attach a SAM policy template scoped to the resource, or an inline ' +
      'statement with the actions the code calls.',
    analogy:
      'The execution role is the function\'s badge. A full-access managed policy is the facility manager\'s master badge, ' +
      'handed to someone who only delivers the mail.',
    examples: [
      {
        frontEnd: 'sam',
        bad: 'Policies:\n  - AmazonDynamoDBFullAccess',
        good: 'Policies:\n  - DynamoDBCrudPolicy:\n      TableName: !Ref OrdersTable',
      },
      {
        frontEnd: 'cloudformation',
        bad: 'ManagedPolicyArns:\n  - !Sub arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess',
        good: 'ManagedPolicyArns:\n  - !Sub arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      },
      {
        frontEnd: 'cdk',
        bad: "role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonS3FullAccess'));",
        good: 'bucket.grantRead(fn);',
      },
    ],
    fixSummary: 'No automatic fix: the message names the scoped SAM policy template that usually replaces the managed policy.',
    whenNotToUse:
      'Roles that people assume for administration, or a deployment role, reviewed elsewhere; suppress with the reason.',
    moduleQuestion:
      'Q3: What is the difference between a Lambda execution role and a resource policy? The execution role is outbound: what the function can do.',
  },
  checkTemplate,
  checkCode: CDK_CHECKS['iam-broad-managed-policy'],
};
