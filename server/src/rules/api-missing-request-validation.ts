/** api-missing-request-validation: a REST method that takes a body without a request validator or model. */
import type { Rule, RuleContext } from '../engine/rule';
import type { TemplateModel } from '../models/template/model';
import type { TNode } from '../models/template/nodes';
import { entry, get, isMap, isScalar } from '../models/template/nodes';
import { Resolver } from '../models/template/resolve';
import { samApis } from '../models/template/sam';
import { listItems } from './shared/template-policies';
import { resourcesOfType } from './shared/template-refs';
import { CDK_CHECKS } from './cdk';

/**
 * Methods that carry a request body. A GET or DELETE can be validated too (query strings,
 * headers), but reporting every read-only route would bury the findings that matter.
 */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'ANY', 'X-AMAZON-APIGATEWAY-ANY-METHOD']);

/** SAM `RequestParameters`: strings, or maps `{ method.request.x: { Required: true } }`. */
function requiresParameters(params: TNode | undefined, resolver: Resolver): boolean {
  return listItems(params).some((p) => isMap(p) && p.entries.some((e) => resolver.mayBe(get(e.value, 'Required'), 'true')));
}

function checkSam(ctx: RuleContext<TemplateModel>, resolver: Resolver): void {
  for (const api of samApis(ctx.model)) {
    if (api.kind !== 'rest') continue; // HTTP APIs have no request validators
    // An OpenAPI definition can declare x-amazon-apigateway-request-validators we do not read.
    if (get(api.properties, 'DefinitionBody') !== undefined || get(api.properties, 'DefinitionUri') !== undefined) continue;
    for (const ev of api.events) {
      const method = resolver.single(get(ev.properties, 'Method'))?.toUpperCase();
      if (method === undefined || !BODY_METHODS.has(method)) continue;
      const model = get(ev.properties, 'RequestModel');
      if (model !== undefined && (!isMap(model) || get(model, 'Model') !== undefined)) continue;
      if (requiresParameters(get(ev.properties, 'RequestParameters'), resolver)) continue;
      const path = get(ev.properties, 'Path');
      ctx.report({
        start: ev.entry.keyStart,
        end: ev.entry.keyEnd,
        resource: ev.function.id,
        message: `${ev.function.id}'s ${method}${isScalar(path) ? ` ${String(path.value)}` : ''} route on ${api.id} passes any request body to the function — add a RequestModel with ValidateBody: true (a schema in the API's Models) so API Gateway rejects malformed input.`,
      });
    }
  }
}

function checkCfn(ctx: RuleContext<TemplateModel>, resolver: Resolver): void {
  for (const m of resourcesOfType(ctx.model, 'AWS::ApiGateway::Method')) {
    const method = resolver.single(get(m.properties, 'HttpMethod'))?.toUpperCase();
    if (method === undefined || !BODY_METHODS.has(method)) continue;
    if (get(m.properties, 'RequestValidatorId') !== undefined) continue;
    const models = entry(m.properties, 'RequestModels');
    const message = models
      ? `${m.id} (${method}) has RequestModels but no RequestValidatorId, and API Gateway only checks requests against a model when a validator is attached — add an AWS::ApiGateway::RequestValidator with ValidateRequestBody: true.`
      : `${m.id} (${method}) passes any request body to its integration — add RequestModels and a RequestValidatorId (AWS::ApiGateway::RequestValidator) so API Gateway rejects malformed input.`;
    ctx.report({ start: m.entry.keyStart, end: m.entry.keyEnd, resource: m.id, message });
  }
}

function checkTemplate(ctx: RuleContext<TemplateModel>): void {
  const resolver = new Resolver(ctx.model);
  if (ctx.model.isSam) checkSam(ctx, resolver);
  checkCfn(ctx, resolver);
}

export const rule: Rule = {
  meta: {
    id: 'api-missing-request-validation',
    title: 'REST method without request validation',
    layer: 'API',
    defaultSeverity: 'info',
    explanation:
      'A REST API can check each request against a JSON schema (a model) and required parameters before it invokes ' +
      'anything, answering malformed requests with 400 at no cost to your function. Without a validator, every oversized, ' +
      'mistyped or hostile body reaches your code, which then has to defend itself alone. Validation is not a substitute ' +
      'for parameterised queries, but it narrows what can arrive. HTTP APIs have no validators and are not reported; ' +
      'methods without a body (GET, DELETE) are not reported either.',
    analogy:
      'Request validation is the form at the gate with fixed boxes: a request that does not fit the boxes is turned away ' +
      'before it reaches the kitchen.',
    examples: [
      {
        frontEnd: 'sam',
        bad: 'Events:\n  Create:\n    Type: Api\n    Properties:\n      RestApiId: !Ref OrdersApi\n      Path: /orders\n      Method: post',
        good: 'Events:\n  Create:\n    Type: Api\n    Properties:\n      RestApiId: !Ref OrdersApi\n      Path: /orders\n      Method: post\n      RequestModel:\n        Model: NewOrder\n        Required: true\n        ValidateBody: true',
      },
      {
        frontEnd: 'cloudformation',
        bad: 'CreateOrder:\n  Type: AWS::ApiGateway::Method\n  Properties:\n    HttpMethod: POST\n    RequestModels: { application/json: !Ref NewOrderModel }',
        good: 'CreateOrder:\n  Type: AWS::ApiGateway::Method\n  Properties:\n    HttpMethod: POST\n    RequestModels: { application/json: !Ref NewOrderModel }\n    RequestValidatorId: !Ref BodyValidator',
      },
      {
        frontEnd: 'cdk',
        bad: "orders.addMethod('POST', integration);",
        good: "orders.addMethod('POST', integration, {\n  requestModels: { 'application/json': newOrderModel },\n  requestValidatorOptions: { validateRequestBody: true },\n});",
      },
    ],
    fixSummary: 'No automatic fix: the schema of your requests is yours to write; the message names what to add.',
    whenNotToUse: 'Methods whose integration validates on its own (a Step Functions or proxy integration with its own schema checks).',
  },
  checkTemplate,
  checkCode: CDK_CHECKS['api-missing-request-validation'],
};
