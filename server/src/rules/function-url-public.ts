/** function-url-public: a Lambda function URL with `AuthType: NONE` (SAM `FunctionUrlConfig`, `AWS::Lambda::Url`). */
import type { Rule, RuleContext } from '../engine/rule';
import type { TemplateModel } from '../models/template/model';
import type { TNode } from '../models/template/nodes';
import { get, isScalar, str } from '../models/template/nodes';
import { Resolver } from '../models/template/resolve';
import { effectiveProperties } from '../models/template/sam';
import { replaceScalarText } from './shared/fix-text';
import { CDK_CHECKS } from './cdk';

function checkTemplate(ctx: RuleContext<TemplateModel>): void {
  const resolver = new Resolver(ctx.model);
  const seen = new Set<TNode>();
  for (const res of ctx.model.resources) {
    let auth: TNode | undefined;
    if (res.type === 'AWS::Serverless::Function') auth = get(get(effectiveProperties(ctx.model, res), 'FunctionUrlConfig'), 'AuthType');
    else if (res.type === 'AWS::Lambda::Url') auth = get(res.properties, 'AuthType');
    // A URL set in Globals is reported once, where it is written.
    if (!auth || seen.has(auth) || !resolver.mayBe(auth, 'NONE')) continue;
    seen.add(auth);
    const literal = isScalar(auth) && str(auth) === 'NONE' ? auth : undefined;
    ctx.report({
      start: auth.start,
      end: auth.end,
      resource: res.id,
      message: `${res.id}'s function URL has AuthType NONE: anyone on the internet who finds the URL can call it — use AWS_IAM, or put the function behind an API with an authorizer.`,
      fixes: literal
        ? [{ title: 'Require IAM-signed requests (AuthType: AWS_IAM)', edits: [{ start: auth.start, end: auth.end, newText: replaceScalarText(ctx.text, literal, 'AWS_IAM') }] }]
        : [],
    });
  }
}

export const rule: Rule = {
  meta: {
    id: 'function-url-public',
    title: 'Lambda function URL without authentication',
    layer: 'API',
    defaultSeverity: 'error',
    explanation:
      'A function URL with `AuthType: NONE` is a public HTTPS endpoint: anyone who learns the URL can invoke the function, ' +
      'with no authorizer, no throttling per client, no WAF and no request validation in front of it, and every call is ' +
      'billed to you. `AWS_IAM` requires requests signed with AWS credentials that the resource policy allows. For ' +
      'end users, put the function behind API Gateway with a JWT or Lambda authorizer instead.',
    analogy:
      'The resource policy is the visitor list at the function\'s door. AuthType NONE takes the door off its hinges: no ' +
      'badge, no ID, no list — anyone walking by can come in.',
    examples: [
      {
        frontEnd: 'sam',
        bad: 'FunctionUrlConfig:\n  AuthType: NONE',
        good: 'FunctionUrlConfig:\n  AuthType: AWS_IAM',
      },
      {
        frontEnd: 'cloudformation',
        bad: '"OrdersUrl": { "Type": "AWS::Lambda::Url", "Properties": { "AuthType": "NONE", "TargetFunctionArn": { "Ref": "OrdersFunction" } } }',
        good: '"OrdersUrl": { "Type": "AWS::Lambda::Url", "Properties": { "AuthType": "AWS_IAM", "TargetFunctionArn": { "Ref": "OrdersFunction" } } }',
      },
      {
        frontEnd: 'cdk',
        bad: 'fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });',
        good: 'fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });',
      },
    ],
    fixSummary: 'Sets AuthType to AWS_IAM, so only callers with signed requests that the resource policy allows get in.',
    whenNotToUse:
      'A deliberately public webhook that verifies its own signatures in code (a payment provider callback); suppress with that reason.',
    moduleQuestion:
      'Q3: What is the difference between a Lambda execution role and a resource policy? The resource policy is inbound: who can invoke the function.',
  },
  checkTemplate,
  checkCode: CDK_CHECKS['function-url-public'],
};
