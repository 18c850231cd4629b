/**
 * resource-policy-public: a resource policy that lets anyone in. `AWS::Lambda::Permission` with
 * Principal `*`, or with a service principal and neither SourceArn nor SourceAccount (the
 * confused deputy); an Allow statement with Principal `*` / `{AWS: '*'}` and no Condition that
 * narrows who, in S3 bucket, SQS queue, SNS topic and API Gateway policies (SAM `Auth.ResourcePolicy`
 * too), and public Lambda layer permissions.
 */
import type { FixInput, Rule, RuleContext } from '../engine/rule';
import type { TemplateModel } from '../models/template/model';
import type { MapNode, TNode } from '../models/template/nodes';
import { entry, get, isMap, str } from '../models/template/nodes';
import { Resolver } from '../models/template/resolve';
import { samApis } from '../models/template/sam';
import type { CfnValue } from './shared/fix-text';
import { insertEntriesBefore, resourcesOfType } from './shared/fix-text';
import { listItems } from './shared/template-policies';
import { CDK_CHECKS } from './cdk';

/** Condition keys that narrow who can use a `*` principal (compared in lower case, as IAM does). */
const RESTRICTING_KEYS = new Set(
  [
    'aws:SourceArn', 'aws:SourceAccount', 'aws:SourceOwner', 'aws:SourceOrgID', 'aws:SourceOrgPaths',
    'aws:PrincipalOrgID', 'aws:PrincipalOrgPaths', 'aws:PrincipalAccount', 'aws:PrincipalArn', 'aws:PrincipalServiceName',
    'aws:SourceVpce', 'aws:SourceVpc', 'aws:SourceIp', 'aws:userid', 'aws:username',
  ].map((k) => k.toLowerCase()),
);

const POLICY_DOCUMENTS: Record<string, string> = {
  'AWS::S3::BucketPolicy': 'PolicyDocument',
  'AWS::SQS::QueuePolicy': 'PolicyDocument',
  'AWS::SNS::TopicPolicy': 'PolicyDocument',
  'AWS::ApiGateway::RestApi': 'Policy',
};

/** Where a service principal's events come from, for the SourceArn the fix adds. */
const SOURCE_OF: Record<string, { types: Record<string, (id: string) => CfnValue> }> = {
  'sns.amazonaws.com': { types: { 'AWS::SNS::Topic': (id) => ({ Ref: id }) } },
  'events.amazonaws.com': { types: { 'AWS::Events::Rule': (id) => ({ GetAtt: [id, 'Arn'] }) } },
  'apigateway.amazonaws.com': {
    types: Object.fromEntries(
      ['AWS::ApiGateway::RestApi', 'AWS::Serverless::Api', 'AWS::ApiGatewayV2::Api', 'AWS::Serverless::HttpApi'].map((t) => [
        t,
        (id: string): CfnValue => ({ Sub: `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${${id}}/*` }),
      ]),
    ),
  },
  'cognito-idp.amazonaws.com': { types: { 'AWS::Cognito::UserPool': (id) => ({ GetAtt: [id, 'Arn'] }) } },
  // S3 is left to a placeholder on purpose: `!GetAtt Bucket.Arn` here and the bucket's notification
  // pointing at the function make a circular dependency.
};

function conditionRestricts(statement: MapNode): boolean {
  const condition = get(statement, 'Condition');
  if (!isMap(condition)) return condition !== undefined; // an intrinsic Condition: unknown, so not a finding
  return condition.entries.some((op) => isMap(op.value) && op.value.entries.some((k) => RESTRICTING_KEYS.has(k.key.toLowerCase())));
}

function actionsOf(statement: MapNode): string {
  const names = listItems(get(statement, 'Action')).map((a) => str(a)).filter((a): a is string => a !== undefined);
  if (names.length === 0) return '';
  return ` to use ${names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`}`;
}

/** The `*` nodes of a statement's Principal: `*`, `{AWS: '*'}`, `{AWS: [..., '*']}`. */
function publicPrincipals(principal: TNode | undefined, resolver: Resolver): TNode[] {
  if (principal === undefined) return [];
  if (!isMap(principal) || get(principal, 'Ref') !== undefined || principal.entries.some((e) => e.key.startsWith('Fn::'))) {
    return resolver.mayBe(principal, '*') ? [principal] : [];
  }
  return listItems(get(principal, 'AWS')).filter((n) => resolver.mayBe(n, '*'));
}

function checkDocument(ctx: RuleContext<TemplateModel>, owner: string, what: string, doc: TNode | undefined, resolver: Resolver, seen: Set<TNode>): void {
  for (const d of listItems(doc)) {
    for (const st of listItems(get(d, 'Statement'))) {
      if (!isMap(st) || seen.has(st) || str(get(st, 'Effect')) !== 'Allow') continue;
      seen.add(st);
      const actions = actionsOf(st);
      const notPrincipal = entry(st, 'NotPrincipal');
      if (notPrincipal && !conditionRestricts(st)) {
        ctx.report({
          start: notPrincipal.keyStart,
          end: notPrincipal.keyEnd,
          resource: owner,
          message: `${owner}'s ${what} allows everyone except the listed principals${actions} (NotPrincipal with Allow) — name the principals that need access.`,
        });
      }
      if (conditionRestricts(st)) continue;
      for (const p of publicPrincipals(get(st, 'Principal'), resolver)) {
        ctx.report({
          start: p.start,
          end: p.end,
          resource: owner,
          message: `${owner}'s ${what} allows anyone (Principal *)${actions} — name the principals, or add a Condition on aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID.`,
        });
      }
    }
  }
}

function checkTemplate(ctx: RuleContext<TemplateModel>): void {
  const { model } = ctx;
  const resolver = new Resolver(model);
  const seen = new Set<TNode>();
  for (const res of model.resources) {
    const props = res.properties;
    if (res.type === 'AWS::Lambda::Permission') checkPermission(ctx, res.id, props, resolver);
    else if (res.type === 'AWS::Lambda::LayerVersionPermission') {
      const principal = get(props, 'Principal');
      if (principal && resolver.mayBe(principal, '*') && get(props, 'OrganizationId') === undefined) {
        ctx.report({
          start: principal.start,
          end: principal.end,
          resource: res.id,
          message: `${res.id} shares the layer with every AWS account (Principal *) — name the accounts, or set OrganizationId.`,
        });
      }
    } else if (POLICY_DOCUMENTS[res.type]) {
      const what = res.type === 'AWS::ApiGateway::RestApi' ? 'resource policy' : 'policy';
      checkDocument(ctx, res.id, what, get(props, POLICY_DOCUMENTS[res.type]), resolver, seen);
    }
  }
  if (model.isSam) {
    for (const api of samApis(model)) {
      if (api.kind !== 'rest') continue;
      const custom = get(get(get(api.properties, 'Auth'), 'ResourcePolicy'), 'CustomStatements');
      if (custom) checkDocument(ctx, api.id, 'resource policy', { kind: 'map', start: custom.start, end: custom.end, entries: [{ key: 'Statement', keyStart: custom.start, keyEnd: custom.start, value: custom }] }, resolver, seen);
    }
  }
}

function checkPermission(ctx: RuleContext<TemplateModel>, id: string, props: MapNode | undefined, resolver: Resolver): void {
  const principalEntry = entry(props, 'Principal');
  if (!principalEntry) return;
  const principal = principalEntry.value;
  const has = (k: string): boolean => get(props, k) !== undefined;
  const narrowed = has('SourceArn') || has('SourceAccount') || has('PrincipalOrgID');
  const values = resolver.values(principal);
  if (!values || narrowed) return;
  const urlAuth = str(get(props, 'FunctionUrlAuthType'));
  if (values.some((v) => String(v) === '*')) {
    const note =
      urlAuth === 'NONE'
        ? ': with FunctionUrlAuthType NONE this makes the function URL public'
        : urlAuth === 'AWS_IAM'
          ? ': any IAM principal of any AWS account that is allowed lambda:InvokeFunctionUrl can call the URL'
          : '';
    ctx.report({
      start: principal.start,
      end: principal.end,
      resource: id,
      message: `${id} lets anyone (Principal *) invoke the function${note} — name the account or service that calls it, with SourceArn or SourceAccount.`,
    });
    return;
  }
  const service = values.map(String).find((v) => /\.amazonaws\.com(\.cn)?$/.test(v));
  if (!service) return;
  ctx.report({
    start: principal.start,
    end: principal.end,
    resource: id,
    message: `${id} lets ${service} invoke the function on behalf of any account's resources (no SourceArn or SourceAccount) — add SourceArn for the ${service.split('.')[0]} resource that calls it, and SourceAccount.`,
    fixes: [sourceFix(ctx, principalEntry, service)],
  });
}

/** Adds `SourceAccount: !Ref AWS::AccountId` and `SourceArn` (the one matching resource, or a placeholder). */
function sourceFix(ctx: RuleContext<TemplateModel>, principalEntry: NonNullable<ReturnType<typeof entry>>, service: string): FixInput {
  const source = SOURCE_OF[service];
  const candidates = source ? resourcesOfType(ctx.model, Object.keys(source.types)) : [];
  const prefix = service.split('.')[0];
  const arn: CfnValue =
    candidates.length === 1
      ? source!.types[candidates[0].type](candidates[0].id)
      : prefix === 's3'
        ? { Sub: 'arn:${AWS::Partition}:s3:::<bucket-name>' }
        : { Sub: `arn:\${AWS::Partition}:${prefix}:\${AWS::Region}:\${AWS::AccountId}:<source>` };
  const named = candidates.length === 1 ? ` (${candidates[0].id})` : '';
  return {
    title: `Allow ${service} only for this account's source${named}: add SourceArn and SourceAccount`,
    edits: [insertEntriesBefore(ctx.text, ctx.model.format, principalEntry, [['SourceAccount', { Ref: 'AWS::AccountId' }], ['SourceArn', arn]])],
  };
}


export const rule: Rule = {
  meta: {
    id: 'resource-policy-public',
    title: 'Resource policy open to anyone',
    layer: 'Lambda',
    defaultSeverity: 'error',
    explanation:
      'A resource policy decides who can call a function or use a bucket, queue, topic or API. Principal `*` without a ' +
      'Condition means every AWS account and, for S3 and API Gateway, anonymous callers on the internet. A service ' +
      'principal such as `s3.amazonaws.com` without SourceArn or SourceAccount is almost as open: the service will ' +
      'invoke your function for any customer\'s bucket or topic that points at it (the confused deputy). Name the ' +
      'principals, and pin service principals to your own resource and account.',
    analogy:
      'The execution role is the function\'s badge; the resource policy is the visitor list at its door. A list that says ' +
      '"anyone" is no list at all, and "the courier" without saying whose courier lets every courier in town deliver.',
    examples: [
      {
        frontEnd: 'sam',
        bad: 'S3InvokePermission:\n  Type: AWS::Lambda::Permission\n  Properties:\n    Action: lambda:InvokeFunction\n    FunctionName: !Ref ResizeFunction\n    Principal: s3.amazonaws.com',
        good: 'S3InvokePermission:\n  Type: AWS::Lambda::Permission\n  Properties:\n    Action: lambda:InvokeFunction\n    FunctionName: !Ref ResizeFunction\n    Principal: s3.amazonaws.com\n    SourceAccount: !Ref AWS::AccountId\n    SourceArn: !Sub arn:${AWS::Partition}:s3:::${UploadsBucketName}',
      },
      {
        frontEnd: 'cloudformation',
        bad: '"PolicyDocument": { "Statement": [ { "Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "*" } ] }',
        good: '"PolicyDocument": { "Statement": [ { "Effect": "Allow", "Principal": { "Service": "sns.amazonaws.com" }, "Action": "sqs:SendMessage", "Resource": "*", "Condition": { "ArnEquals": { "aws:SourceArn": { "Ref": "OrdersTopic" } } } } ] }',
      },
      {
        frontEnd: 'cdk',
        bad: "fn.addPermission('S3', { principal: new iam.ServicePrincipal('s3.amazonaws.com') });",
        good: "fn.addPermission('S3', { principal: new iam.ServicePrincipal('s3.amazonaws.com'), sourceArn: bucket.bucketArn, sourceAccount: this.account });",
      },
    ],
    fixSummary:
      'For a Lambda permission with a service principal, adds `SourceAccount: !Ref AWS::AccountId` and a `SourceArn` for the one matching resource of the template (or a placeholder to fill in).',
    whenNotToUse:
      'A deliberately public asset (a website bucket behind no CDN, a public layer) that you have decided to publish; suppress with that reason.',
    moduleQuestion:
      'Q3: What is the difference between a Lambda execution role and a resource policy? The resource policy is inbound: who can invoke the function.',
  },
  checkTemplate,
  checkCode: CDK_CHECKS['resource-policy-public'],
};
