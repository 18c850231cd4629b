/** api-missing-request-validation: a REST method (a resource, a SAM event or an OpenAPI operation) that takes a body without a request validator or model. */
import type { Rule, RuleContext } from '../engine/rule';
import type { TemplateModel } from '../models/template/model';
import type { TNode } from '../models/template/nodes';
import { entry, get, isMap, isScalar } from '../models/template/nodes';
import type { OpenApiDoc, OpenApiOperation } from '../models/template/openapi';
import { operationsFor, readOpenApi } from '../models/template/openapi';
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
    // An OpenAPI file elsewhere can declare validators we cannot see.
    if (get(api.properties, 'DefinitionUri') !== undefined) continue;
    const body = get(api.properties, 'DefinitionBody');
    const doc = body === undefined ? undefined : readOpenApi(body);
    // An included or computed definition (AWS::Include, Fn::If) is unknown.
    if (body !== undefined && !doc) continue;
    // SAM writes each event's route into the definition: a route both in the events and in the
    // body is one route, reported once, on the event.
    const eventRoutes = new Set<string>();
    for (const ev of api.events) {
      const method = resolver.single(get(ev.properties, 'Method'))?.toUpperCase();
      if (method === undefined || !BODY_METHODS.has(method)) continue;
      const path = get(ev.properties, 'Path');
      if (doc) {
        const routePath = resolver.single(path);
        const ops = routePath === undefined ? [] : operationsFor(doc, method, routePath);
        for (const op of ops) eventRoutes.add(`${op.method} ${op.path}`);
        // The operation's validator, or the body's default one for a route the body does not list.
        const verdicts = ops.length > 0 ? ops.map((op) => op.validator.status) : [doc.rootValidator.status];
        if (verdicts.some((v) => v === 'body' || v === 'unknown')) continue;
      }
      const model = get(ev.properties, 'RequestModel');
      if (model !== undefined && (!isMap(model) || get(model, 'Model') !== undefined)) continue;
      if (requiresParameters(get(ev.properties, 'RequestParameters'), resolver)) continue;
      ctx.report({
        start: ev.entry.keyStart,
        end: ev.entry.keyEnd,
        resource: ev.function.id,
        message: `${ev.function.id}'s ${method}${isScalar(path) ? ` ${String(path.value)}` : ''} route on ${api.id} passes any request body to the function — add a RequestModel with ValidateBody: true (a schema in the API's Models) so API Gateway rejects malformed input.`,
      });
    }
    if (doc && api.resource) checkBody(ctx, api.id, doc, (op) => eventRoutes.has(`${op.method} ${op.path}`));
  }
}

/** Body-carrying operations of an inline OpenAPI definition that no validator checks the body of. */
function checkBody(ctx: RuleContext<TemplateModel>, apiId: string, doc: OpenApiDoc, skip: (op: OpenApiOperation) => boolean): void {
  const schema = doc.version === 'swagger2' ? 'an `in: body` parameter with a schema' : 'a requestBody schema';
  for (const op of doc.operations) {
    if (!BODY_METHODS.has(op.method) || skip(op)) continue;
    const v = op.validator;
    if (v.status === 'body' || v.status === 'unknown') continue;
    const route = `${op.method} ${op.path} in ${apiId}'s OpenAPI body`;
    const how = `name a validator with validateRequestBody: true (declared in x-amazon-apigateway-request-validators) in the operation's or the body's x-amazon-apigateway-request-validator, and give the operation ${schema}, so API Gateway rejects malformed input.`;
    const message =
      v.status === 'parameters-only'
        ? `${route} is checked by the request validator ${v.name}, which validates parameters but not the body, so any request body reaches its integration — ${how}`
        : `${route} passes any request body to its integration — ${how}`;
    ctx.report({ start: op.entry.keyStart, end: op.entry.keyEnd, resource: apiId, message });
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
  for (const api of resourcesOfType(ctx.model, 'AWS::ApiGateway::RestApi')) {
    const doc = readOpenApi(get(api.properties, 'Body'));
    if (doc) checkBody(ctx, api.id, doc, () => false);
  }
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
      'for parameterised queries, but it narrows what can arrive. In an inline OpenAPI definition (a SAM `DefinitionBody`, ' +
      'a RestApi `Body`), a validator is declared in `x-amazon-apigateway-request-validators` and chosen by ' +
      '`x-amazon-apigateway-request-validator` on the operation or the root; it checks bodies only with ' +
      '`validateRequestBody: true`. HTTP APIs have no validators and are not reported; methods without a body (GET, ' +
      'DELETE) are not reported either.',
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
