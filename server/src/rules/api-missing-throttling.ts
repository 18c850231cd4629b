/** api-missing-throttling: an API stage or route without rate limits. */
import type { Rule, RuleContext } from '../engine/rule';
import type { TemplateModel } from '../models/template/model';
import type { TNode } from '../models/template/nodes';
import { get, getPath, intrinsicName, isMap, isScalar } from '../models/template/nodes';
import { Resolver } from '../models/template/resolve';
import { listItems } from './shared/template-policies';
import { apiStages } from './shared/template-apis';
import { referencedIds, resourcesOfType } from './shared/template-refs';
import { CDK_CHECKS } from './cdk';

const LIMIT_KEYS = ['ThrottlingRateLimit', 'ThrottlingBurstLimit'];
const PLAN_KEYS = ['RateLimit', 'BurstLimit'];

function hasLimits(settings: TNode | undefined, keys = LIMIT_KEYS): boolean {
  return isMap(settings) && keys.some((k) => get(settings, k) !== undefined);
}

/** A list of per-method/per-route settings (a map for HTTP APIs' RouteSettings) where any entry sets a limit. */
function anyLimits(list: TNode | undefined): boolean {
  if (list === undefined) return false;
  // An intrinsic (or a scalar CloudFormation would reject) is unknown, so not reported.
  if (intrinsicName(list) || isScalar(list)) return true;
  const items = isMap(list) ? list.entries.map((e) => e.value) : listItems(list);
  return items.some((i) => hasLimits(i));
}

/** API ids that a usage plan with a Throttle covers (`ApiStages: [{ ApiId: !Ref Api }]`). */
function throttledByUsagePlans(model: TemplateModel): Set<string> {
  const out = new Set<string>();
  for (const plan of resourcesOfType(model, 'AWS::ApiGateway::UsagePlan')) {
    const planWide = hasLimits(get(plan.properties, 'Throttle'), PLAN_KEYS);
    for (const s of listItems(get(plan.properties, 'ApiStages'))) {
      const perMethod = get(s, 'Throttle');
      const stageWide = isMap(perMethod) && perMethod.entries.some((e) => hasLimits(e.value, PLAN_KEYS));
      if (planWide || stageWide) for (const id of referencedIds(get(s, 'ApiId'))) out.add(id);
    }
  }
  return out;
}

function checkTemplate(ctx: RuleContext<TemplateModel>): void {
  const resolver = new Resolver(ctx.model);
  const plans = throttledByUsagePlans(ctx.model);
  for (const stage of apiStages(ctx.model, resolver)) {
    const s = stage.settings;
    let limited: boolean;
    let how: string;
    if (stage.kind === 'rest') {
      limited =
        plans.has(stage.api) ||
        anyLimits(get(s, 'MethodSettings')) ||
        hasLimits(getPath(s, 'Auth', 'UsagePlan', 'Throttle'), PLAN_KEYS);
      how = 'MethodSettings with ThrottlingRateLimit and ThrottlingBurstLimit (or a usage plan with Throttle)';
    } else {
      limited = hasLimits(get(s, 'DefaultRouteSettings')) || anyLimits(get(s, 'RouteSettings'));
      how = 'DefaultRouteSettings with ThrottlingRateLimit and ThrottlingBurstLimit';
    }
    if (limited) continue;
    const name = stage.stageResource?.type.includes('Stage') ? `${stage.resource} (a stage of ${stage.api})` : stage.api;
    ctx.report({
      start: stage.at.start,
      end: stage.at.end,
      resource: stage.resource,
      message: `${name} has no rate limits of its own, only the account-wide default shared by every API in the region — set ${how} in ${stage.where}.`,
    });
  }
}

export const rule: Rule = {
  meta: {
    id: 'api-missing-throttling',
    title: 'API stage without rate limits',
    layer: 'API',
    defaultSeverity: 'info',
    explanation:
      'Without limits of its own, a stage accepts requests up to the account-wide quota that every API in the region ' +
      'shares. One noisy client, a retry storm or a scripted attack can then run up Lambda concurrency and database load, ' +
      'and starve the other APIs of the account. Stage and route throttling (and usage plans per client) cap that at the ' +
      'wall, before any function runs, and answer the excess with 429.',
    analogy:
      'Rate limiting is a token bucket at the castle wall: each request takes a token, tokens refill at a steady rate, ' +
      'and when the bucket is empty the gate waits — per stage, per route, or per client.',
    examples: [
      {
        frontEnd: 'sam',
        bad: 'OrdersApi:\n  Type: AWS::Serverless::Api\n  Properties:\n    StageName: prod',
        good: 'OrdersApi:\n  Type: AWS::Serverless::Api\n  Properties:\n    StageName: prod\n    MethodSettings:\n      - ResourcePath: /*\n        HttpMethod: "*"\n        ThrottlingRateLimit: 100\n        ThrottlingBurstLimit: 50',
      },
      {
        frontEnd: 'cloudformation',
        bad: 'Stage:\n  Type: AWS::ApiGatewayV2::Stage\n  Properties:\n    ApiId: !Ref HttpApi\n    StageName: $default',
        good: 'Stage:\n  Type: AWS::ApiGatewayV2::Stage\n  Properties:\n    ApiId: !Ref HttpApi\n    StageName: $default\n    DefaultRouteSettings:\n      ThrottlingRateLimit: 100\n      ThrottlingBurstLimit: 50',
      },
      {
        frontEnd: 'cdk',
        bad: "new apigw.RestApi(this, 'Orders');",
        good: "new apigw.RestApi(this, 'Orders', { deployOptions: { throttlingRateLimit: 100, throttlingBurstLimit: 50 } });",
      },
    ],
    fixSummary: 'No automatic fix: the right limits depend on the traffic you expect; the message names the setting to add.',
    whenNotToUse: 'Internal or low-traffic APIs where the account-level quota is an accepted limit; turn it off in the configuration.',
  },
  checkTemplate,
  checkCode: CDK_CHECKS['api-missing-throttling'],
};
