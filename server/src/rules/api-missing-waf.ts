/** api-missing-waf: a REST API stage or CloudFront distribution without a WAF web ACL. */
import type { Rule, RuleContext } from '../engine/rule';
import type { TemplateModel } from '../models/template/model';
import { entry, get, getPath, str } from '../models/template/nodes';
import { Resolver } from '../models/template/resolve';
import { apiStages, isPrivateApi } from './shared/template-apis';
import { referencedIds, resourcesOfType } from './shared/template-refs';
import { CDK_CHECKS } from './cdk';

const ASSOCIATIONS = ['AWS::WAFv2::WebACLAssociation', 'AWS::WAFRegional::WebACLAssociation'];

/**
 * The logical ids that web ACL associations name in their ResourceArn, or undefined when one of
 * them names something the template cannot tell (a parameter, an import): then any API may be
 * the one it protects.
 */
function associatedIds(model: TemplateModel, resolver: Resolver): Set<string> | undefined {
  const out = new Set<string>();
  const ids = new Set(model.resources.map((r) => r.id));
  for (const a of resourcesOfType(model, ...ASSOCIATIONS)) {
    const arn = get(a.properties, 'ResourceArn');
    const named = [...referencedIds(arn)].filter((id) => ids.has(id) || id.startsWith('Serverless'));
    if (named.length === 0) {
      // A literal ARN of an API this template creates cannot exist before it is deployed, so a
      // literal names some other API; anything else is unknown.
      if (resolver.single(arn) !== undefined) continue;
      return undefined;
    }
    for (const id of named) out.add(id);
  }
  return out;
}

function checkTemplate(ctx: RuleContext<TemplateModel>): void {
  const model = ctx.model;
  const resolver = new Resolver(model);
  const protectedIds = associatedIds(model, resolver);
  if (protectedIds) {
    for (const stage of apiStages(model, resolver)) {
      if (stage.kind !== 'rest') continue; // WAF cannot attach to HTTP or WebSocket APIs
      if (isPrivateApi(stage, model, resolver)) continue;
      const stageName = resolver.single(get(stage.settings, 'StageName'));
      // SAM names the stage resource it generates <Api><StageName>Stage (ServerlessRestApiProdStage).
      const samStage = stage.sam ? `${stage.api}${stageName ?? (stage.sam.resource ? '' : 'Prod')}Stage` : '';
      if (protectedIds.has(stage.api) || protectedIds.has(stage.resource) || protectedIds.has(samStage)) continue;
      const name = stage.stageResource?.type === 'AWS::ApiGateway::Stage' ? `${stage.resource} (a stage of ${stage.api})` : stage.api;
      ctx.report({
        start: stage.at.start,
        end: stage.at.end,
        resource: stage.resource,
        message: `${name} has no WAF web ACL in front of it — associate one (AWS::WAFv2::WebACLAssociation with this stage's ARN) with managed rules for SQL injection and bad inputs.`,
      });
    }
  }
  for (const d of resourcesOfType(model, 'AWS::CloudFront::Distribution')) {
    const config = get(d.properties, 'DistributionConfig');
    if (config === undefined || entry(config, 'WebACLId')) continue;
    if (getPath(config, 'Enabled') !== undefined && str(getPath(config, 'Enabled')) === 'false') continue;
    ctx.report({
      start: d.entry.keyStart,
      end: d.entry.keyEnd,
      resource: d.id,
      message: `${d.id} serves the internet with no WAF web ACL — set DistributionConfig.WebACLId to a global (CLOUDFRONT scope) web ACL.`,
    });
  }
}

export const rule: Rule = {
  meta: {
    id: 'api-missing-waf',
    title: 'REST API or CloudFront distribution without a WAF web ACL',
    layer: 'Edge',
    defaultSeverity: 'info',
    explanation:
      'An authorizer checks who is calling, not what they send. AWS WAF inspects the request itself — query strings, ' +
      'headers and bodies — and blocks SQL injection, cross-site scripting, known bad inputs and bot floods before API ' +
      'Gateway invokes anything. REST API stages and CloudFront distributions accept a web ACL; HTTP APIs do not, so put ' +
      'CloudFront with WAF in front of those when they need the same protection (this rule does not report them).',
    analogy:
      'WAF is the moat around the castle: attacks that look like SQL injection never reach the walls (API Gateway), ' +
      'let alone the guards (IAM) or the vault (encrypted data).',
    examples: [
      {
        frontEnd: 'sam',
        bad: 'OrdersApi:\n  Type: AWS::Serverless::Api\n  Properties:\n    StageName: prod',
        good: 'OrdersApiWaf:\n  Type: AWS::WAFv2::WebACLAssociation\n  Properties:\n    ResourceArn: !Sub arn:aws:apigateway:${AWS::Region}::/restapis/${OrdersApi}/stages/prod\n    WebACLArn: !GetAtt ApiWebAcl.Arn',
      },
      {
        frontEnd: 'cloudformation',
        bad: 'Cdn:\n  Type: AWS::CloudFront::Distribution\n  Properties:\n    DistributionConfig:\n      Enabled: true',
        good: 'Cdn:\n  Type: AWS::CloudFront::Distribution\n  Properties:\n    DistributionConfig:\n      Enabled: true\n      WebACLId: !GetAtt EdgeWebAcl.Arn',
      },
      {
        frontEnd: 'cdk',
        bad: "const api = new apigw.RestApi(this, 'Orders');",
        good: "new wafv2.CfnWebACLAssociation(this, 'OrdersWaf', {\n  resourceArn: api.deploymentStage.stageArn,\n  webAclArn: acl.attrArn,\n});",
      },
    ],
    fixSummary: 'No automatic fix: a web ACL and its rules are a resource of their own; the message says what to associate.',
    whenNotToUse:
      'Private REST APIs (not reported), APIs whose web ACL is associated by another stack or by Firewall Manager: suppress with that reason.',
    moduleQuestion: 'Q2: Which API Gateway feature prevents SQL injection attacks reaching your backend? AWS WAF with SQL injection rules.',
  },
  checkTemplate,
  checkCode: CDK_CHECKS['api-missing-waf'],
};
