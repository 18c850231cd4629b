/** api-missing-authorizer: an API route that no authorizer or IAM auth protects. */
import type { FixInput, ReportInput, Rule, RuleContext } from '../engine/rule';
import type { TemplateModel, TemplateResource } from '../models/template/model';
import type { MapNode } from '../models/template/nodes';
import { entry, get, isMap, str } from '../models/template/nodes';
import { Resolver } from '../models/template/resolve';
import type { OpenApiDoc, OpenApiOperation, SchemeKind } from '../models/template/openapi';
import { operationsFor, readOpenApi } from '../models/template/openapi';
import type { SamApi } from '../models/template/sam';
import { samApis } from '../models/template/sam';
import type { FixValue } from './shared/template-edit';
import { TemplateEditor, mapAt, ref } from './shared/template-edit';
import { byTarget, refTarget, resourceById, resourcesOfType } from './shared/template-refs';
import { CDK_CHECKS } from './cdk';

type Exposure = 'open' | 'opt-out' | 'api-key' | 'resource-policy' | 'body-opt-out';

const TODO = {
  issuer: 'https://cognito-idp.<region>.amazonaws.com/<user-pool-id>',
  audience: '<app-client-id>',
  userPoolArn: 'arn:aws:cognito-idp:<region>:<account-id>:userpool/<user-pool-id>',
};

function advice(kind: 'rest' | 'http' | 'websocket'): string {
  return kind === 'http' ? 'add a JWT authorizer (Auth.DefaultAuthorizer) or IAM auth' : 'add a Cognito or Lambda authorizer, or IAM auth';
}

function describe(route: string, exposure: Exposure, apiName: string, kind: 'rest' | 'http' | 'websocket', defaultName?: string): string {
  switch (exposure) {
    case 'opt-out':
      return `${route} opts out of ${apiName}'s default authorizer${defaultName ? ` ${defaultName}` : ''} (NONE), so anyone can call it — remove the override unless the route is meant to be public.`;
    case 'api-key':
      return `${route} is protected only by an API key, which identifies a calling client but does not authenticate a user — ${advice(kind)}.`;
    case 'resource-policy':
      return `${route} has no authorizer; ${apiName}'s resource policy limits where calls come from but does not authenticate callers — ${advice(kind)}.`;
    default:
      return `${route} has no authorizer: anyone who finds the URL can call it — ${advice(kind)}.`;
  }
}

function unattachedNote(apiName: string, names: string[], how: string): string {
  return ` (${apiName} defines the authorizer ${names.join(', ')} but attaches it to nothing, so it protects nothing: ${how})`;
}

// ---------------------------------------------------------------------------------------------
// SAM

function checkSam(ctx: RuleContext<TemplateModel>, resolver: Resolver, editor: TemplateEditor): void {
  for (const api of samApis(ctx.model)) {
    const props = api.properties;
    // An OpenAPI file elsewhere may declare security we cannot see: unknown, so no finding.
    if (get(props, 'DefinitionUri') !== undefined) continue;
    const auth = get(props, 'Auth');
    const authorizerNames = (isMap(get(auth, 'Authorizers')) ? (get(auth, 'Authorizers') as MapNode).entries : []).map((e) => e.key);
    const body = get(props, 'DefinitionBody');
    const doc = body === undefined ? undefined : readOpenApi(body, { externalScheme: (name) => samScheme(name, authorizerNames) });
    // An included or computed definition (AWS::Include, Fn::If) may declare any security: unknown.
    if (body !== undefined && !doc) continue;
    const defaultNode = get(auth, 'DefaultAuthorizer');
    const defaults = defaultNode === undefined ? [] : resolver.values(defaultNode);
    if (defaults === undefined) continue;
    const defaultName = defaults.length === 1 ? String(defaults[0]) : undefined;
    const hasDefault = defaults.some((v) => v !== 'NONE');
    // An authorizer that some event or OpenAPI operation names is attached, even without a default.
    const used = new Set(api.events.map((ev) => str(get(get(ev.properties, 'Auth'), 'Authorizer'))).filter((n): n is string => n !== undefined));
    for (const v of [doc?.rootSecurity, ...(doc?.operations ?? []).map((op) => op.security)]) for (const n of v?.schemes ?? []) used.add(n);
    const unattached = authorizerNames.filter((n) => !used.has(n));
    const apiKeyDefault = resolver.mayBe(get(auth, 'ApiKeyRequired'), 'true');
    const apiPolicy = get(auth, 'ResourcePolicy') !== undefined;
    // SAM writes each event's route into the definition, so a route both in the events and in
    // the body is one route: the event reports it, with the body's security taken into account.
    const eventRoutes = new Set<string>();
    for (const ev of api.events) {
      const method = ev.type === 'HttpApi' && get(ev.properties, 'Method') === undefined ? 'ANY' : resolver.single(get(ev.properties, 'Method'));
      if (method === undefined || method.toUpperCase() === 'OPTIONS') continue;
      let bodyGuard: string | undefined;
      if (doc) {
        const pathNode = get(ev.properties, 'Path');
        const routePath = ev.type === 'HttpApi' && pathNode === undefined ? '$default' : resolver.single(pathNode);
        const ops = routePath === undefined ? [] : operationsFor(doc, method, routePath);
        for (const op of ops) eventRoutes.add(`${op.method} ${op.path}`);
        const verdicts = ops.length > 0 ? ops.map((op) => op.security) : doc.rootSecurity ? [doc.rootSecurity] : [];
        if (verdicts.some((v) => v.guard === 'authorizer' || v.guard === 'unknown')) continue;
        bodyGuard = verdicts.some((v) => v.guard === 'api-key') ? 'api-key' : undefined;
      }
      const evAuth = get(ev.properties, 'Auth');
      const authorizerNode = get(evAuth, 'Authorizer');
      let exposure: Exposure;
      if (authorizerNode !== undefined) {
        const vs = resolver.values(authorizerNode);
        if (vs === undefined || !vs.includes('NONE')) continue;
        exposure = hasDefault ? 'opt-out' : 'open';
      } else {
        if (hasDefault) continue;
        exposure = 'open';
      }
      const evKey = get(evAuth, 'ApiKeyRequired');
      const keyRequired = evKey !== undefined ? resolver.mayBe(evKey, 'true') && !resolver.mayBe(evKey, 'false') : apiKeyDefault;
      if (exposure === 'open' && (keyRequired || bodyGuard === 'api-key')) exposure = 'api-key';
      else if (exposure === 'open' && (apiPolicy || get(evAuth, 'ResourcePolicy') !== undefined)) exposure = 'resource-policy';

      const path = get(ev.properties, 'Path');
      const route = `${ev.function.id}'s ${method.toUpperCase()} ${str(path) ?? (ev.type === 'HttpApi' && !path ? '$default' : '?')} route on ${api.id}`;
      let message = describe(route, exposure, api.id, api.kind, defaultName);
      if (exposure === 'opt-out' && keyRequired) message = message.replace(/\.$/, '') + ' (the API key it requires identifies a client, not a user).';
      if (!hasDefault && unattached.length > 0 && exposure !== 'opt-out') {
        message = message.replace(/\.$/, '') + unattachedNote(api.id, unattached, `set Auth.DefaultAuthorizer or the event's Auth.Authorizer`) + '.';
      } else if (!hasDefault && authorizerNames.length > 0 && exposure !== 'opt-out') {
        message = message.replace(/\.$/, '') + ` (${api.id}'s authorizer ${authorizerNames.join(', ')} protects other routes, not this one: name it in the event's Auth.Authorizer or make it Auth.DefaultAuthorizer).`;
      }
      const at = path ?? { start: ev.entry.keyStart, end: ev.entry.keyEnd };
      const fix = exposure === 'opt-out' ? undefined : samFix(ctx.model, editor, api, authorizerNames);
      ctx.report({ start: at.start, end: at.end, resource: ev.function.id, message, fixes: fix ? [fix] : [] });
    }
    if (doc && api.resource) {
      checkBody(ctx, editor, api.id, api.kind, doc, {
        skip: (op) =>
          eventRoutes.has(`${op.method} ${op.path}`) ||
          // SAM applies Auth.DefaultAuthorizer to every operation of the merged definition that
          // has an x-amazon-apigateway-integration, those written only in DefinitionBody included
          // (samtranslator's set_path_default_authorizer, for Api and HttpApi alike). On a REST API
          // it keeps an authorizer the operation names and adds the default otherwise, even over
          // `security: []`; on an HTTP API it leaves alone an operation whose own security list is
          // not empty. Operations without an integration are left as written.
          (hasDefault && op.hasIntegration && (api.kind === 'rest' || !(op.security.source === 'operation' && op.security.requirements > 0))),
        // Auth.ApiKeyRequired reaches the same operations (set_path_default_apikey_required).
        apiKey: (op) => apiKeyDefault && op.hasIntegration,
        policy: apiPolicy,
        // An HTTP API operation whose own list holds only `{}` keeps it: SAM adds no default there.
        overrides: (op) => (hasDefault && op.hasIntegration ? `${api.id}'s default authorizer${defaultName ? ` ${defaultName}` : ''}` : undefined),
        how: (op) =>
          op.hasIntegration
            ? `name a security scheme with x-amazon-apigateway-authorizer in the operation's security, or set ${api.id}'s Auth.DefaultAuthorizer, which SAM applies to every operation with an integration`
            : `name a security scheme with x-amazon-apigateway-authorizer in the operation's security`,
      });
    }
  }
}

/** Schemes SAM adds to the definition it deploys: its Auth.Authorizers, AWS_IAM, and its API key. */
function samScheme(name: string, authorizerNames: string[]): SchemeKind | undefined {
  if (name === 'AWS_IAM' || authorizerNames.includes(name)) return 'authorizer';
  if (name === 'api_key') return 'api-key';
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Inline OpenAPI definitions (SAM DefinitionBody, API Gateway Body)

interface BodyCheck {
  /** Operations judged elsewhere (a SAM event's route) or protected by something outside the body. */
  skip(op: OpenApiOperation): boolean;
  /** Whether an API key is required on the operation by a setting outside the body. */
  apiKey(op: OpenApiOperation): boolean;
  /** A resource policy set outside the body. */
  policy: boolean;
  /** How to protect the operation, for the message. */
  how(op: OpenApiOperation): string;
  /** What an operation's explicitly empty security overrides outside the body, if anything. */
  overrides?(op: OpenApiOperation): string | undefined;
}

function checkBody(ctx: RuleContext<TemplateModel>, editor: TemplateEditor, apiId: string, kind: 'rest' | 'http', doc: OpenApiDoc, opts: BodyCheck): void {
  const fixScheme = soleAuthorizerScheme(doc);
  for (const op of doc.operations) {
    // Preflight requests carry no credentials by design; '*' stands for a path item we cannot read.
    if (op.method === 'OPTIONS' || op.method === '*') continue;
    const v = op.security;
    if (v.guard === 'authorizer' || v.guard === 'unknown' || opts.skip(op)) continue;
    const route = `${op.method} ${op.path} in ${apiId}'s OpenAPI body`;
    // `security: []` or `[{}]` on the operation, where something else would protect it.
    const overridden =
      v.explicitlyOpen && v.source === 'operation'
        ? (opts.overrides?.(op) ?? (doc.rootSecurity?.guard === 'authorizer' ? "the security that the body's root sets for every operation" : undefined))
        : undefined;
    let exposure: Exposure = v.guard === 'api-key' ? 'api-key' : overridden ? 'body-opt-out' : 'open';
    if (exposure === 'open' && opts.apiKey(op)) exposure = 'api-key';
    if (exposure === 'open' && (opts.policy || doc.hasPolicy)) exposure = 'resource-policy';
    const message =
      exposure === 'body-opt-out'
        ? `${route} opts out of ${overridden} with ${v.requirements === 0 ? 'an empty security list' : 'an empty security requirement ({})'}, so anyone can call it — remove the override unless the route is meant to be public.`
        : describe(route, exposure, apiId, kind).replace(/\.$/, '') + ` (${opts.how(op)}).`;
    const fixes: FixInput[] = [];
    // Only where it fits exactly: the body already protects other operations with one scheme,
    // and this operation has no security list of its own to override.
    if (fixScheme && exposure !== 'body-opt-out' && op.node && get(op.node, 'security') === undefined) {
      fixes.push({ title: `Protect ${op.method} ${op.path} with ${fixScheme}`, edits: [editor.addToMap(op.node, { security: [{ [fixScheme]: [] }] })] });
    }
    ctx.report({ start: op.entry.keyStart, end: op.entry.keyEnd, resource: apiId, message, fixes });
  }
}

/** The one authorizer scheme, declared in the body, that the body's security lists use; undefined when none or several. */
function soleAuthorizerScheme(doc: OpenApiDoc): string | undefined {
  const names = new Set<string>();
  for (const v of [doc.rootSecurity, ...doc.operations.map((op) => op.security)]) {
    if (v?.guard !== 'authorizer') continue;
    for (const n of v.schemes) if (doc.schemes.get(n) === 'authorizer') names.add(n);
  }
  return names.size === 1 ? [...names][0] : undefined;
}

/** The authorizer block for an API kind, with placeholders to fill in. */
function authBlock(api: SamApi): Record<string, FixValue> {
  if (api.kind === 'http') {
    return {
      DefaultAuthorizer: 'JwtAuthorizer',
      Authorizers: {
        JwtAuthorizer: {
          IdentitySource: '$request.header.Authorization',
          JwtConfiguration: { issuer: TODO.issuer, audience: [TODO.audience] },
        },
      },
    };
  }
  const block: Record<string, FixValue> = {
    DefaultAuthorizer: 'CognitoAuthorizer',
    Authorizers: { CognitoAuthorizer: { UserPoolArn: TODO.userPoolArn } },
  };
  // SAM puts the default authorizer on the CORS preflight too unless told not to, and browsers
  // send no token with a preflight.
  if (get(api.properties, 'Cors') !== undefined) block.AddDefaultAuthorizerToCorsPreflight = false;
  return block;
}

/** Adds the authorizer where this API's settings live: its own resource, or Globals for an implicit API. */
function samFix(model: TemplateModel, editor: TemplateEditor, api: SamApi, authorizerNames: string[]): FixInput | undefined {
  const section = api.kind === 'http' ? 'HttpApi' : 'Api';
  const globals = mapAt(model.root, 'Globals');
  const globalSection = mapAt(globals, section);
  const ownProps = api.resource?.properties;
  const ownAuth = mapAt(ownProps, 'Auth');
  const globalAuth = mapAt(globalSection, 'Auth');
  if (authorizerNames.length > 0) {
    // Attach the authorizer that is already defined rather than invent another.
    const target = ownAuth && get(ownAuth, 'Authorizers') !== undefined ? ownAuth : globalAuth && get(globalAuth, 'Authorizers') !== undefined ? globalAuth : undefined;
    if (!target) return undefined;
    return { title: `Make ${authorizerNames[0]} the default authorizer of ${api.id}`, edits: [editor.addToMap(target, { DefaultAuthorizer: authorizerNames[0] })] };
  }
  const block = authBlock(api);
  const title = api.kind === 'http' ? `Add a JWT authorizer to ${api.id}` : `Add a Cognito authorizer to ${api.id}`;
  if (api.resource) {
    if (!ownProps) return undefined;
    return { title, edits: [ownAuth ? editor.addToMap(ownAuth, block) : editor.addToMap(ownProps, { Auth: block })] };
  }
  if (globalAuth) return { title: `${title} (in Globals)`, edits: [editor.addToMap(globalAuth, block)] };
  if (globalSection) return { title: `${title} (in Globals)`, edits: [editor.addToMap(globalSection, { Auth: block })] };
  if (globals) return { title: `${title} (in Globals)`, edits: [editor.addToMap(globals, { [section]: { Auth: block } })] };
  const resourcesAt = model.root.entries.findIndex((e) => e.key === 'Resources');
  if (resourcesAt < 0) return undefined;
  return { title: `${title} (in Globals)`, edits: [editor.addBefore(model.root, resourcesAt, 'Globals', { [section]: { Auth: block } })] };
}

// ---------------------------------------------------------------------------------------------
// Plain CloudFormation

interface CfnAuthorizers {
  byApi: Map<string, TemplateResource[]>;
  used: Set<string>;
}

function cfnAuthorizers(model: TemplateModel, authorizerType: string, routeType: string, apiKey: string): CfnAuthorizers {
  const used = new Set<string>();
  for (const r of resourcesOfType(model, routeType)) {
    const id = refTarget(get(r.properties, 'AuthorizerId'));
    if (id) used.add(id);
  }
  return { byApi: byTarget(model, authorizerType, apiKey), used };
}

function checkCfn(ctx: RuleContext<TemplateModel>, resolver: Resolver, editor: TemplateEditor): void {
  const model = ctx.model;
  const byId = resourceById(model);

  const rest = cfnAuthorizers(model, 'AWS::ApiGateway::Authorizer', 'AWS::ApiGateway::Method', 'RestApiId');
  for (const m of resourcesOfType(model, 'AWS::ApiGateway::Method')) {
    const method = resolver.single(get(m.properties, 'HttpMethod'));
    if (method === undefined || method.toUpperCase() === 'OPTIONS') continue;
    const apiId = refTarget(get(m.properties, 'RestApiId'));
    const route = `${m.id} (${method.toUpperCase()}${apiId ? ` on ${apiId}` : ''})`;
    const policy = apiId !== undefined && get(byId.get(apiId)?.properties, 'Policy') !== undefined;
    const keyOnly = resolver.mayBe(get(m.properties, 'ApiKeyRequired'), 'true');
    report(ctx, resolver, editor, m, route, apiId ?? 'the API', 'rest', rest, keyOnly, policy, (a) =>
      str(get(a.properties, 'Type')) === 'COGNITO_USER_POOLS' ? 'COGNITO_USER_POOLS' : 'CUSTOM',
    );
  }

  const http = cfnAuthorizers(model, 'AWS::ApiGatewayV2::Authorizer', 'AWS::ApiGatewayV2::Route', 'ApiId');
  for (const r of resourcesOfType(model, 'AWS::ApiGatewayV2::Route')) {
    const routeKey = resolver.single(get(r.properties, 'RouteKey'));
    if (routeKey === undefined || /^OPTIONS\s/i.test(routeKey)) continue;
    const apiId = refTarget(get(r.properties, 'ApiId'));
    const protocol = apiId ? resolver.single(get(byId.get(apiId)?.properties, 'ProtocolType')) : undefined;
    // WebSocket APIs authorize the connection: only $connect takes an authorizer.
    if (protocol === 'WEBSOCKET' && routeKey !== '$connect') continue;
    const route = `${r.id} (${routeKey}${apiId ? ` on ${apiId}` : ''})`;
    report(ctx, resolver, editor, r, route, apiId ?? 'the API', protocol === 'WEBSOCKET' ? 'websocket' : 'http', http, false, false, (a) =>
      str(get(a.properties, 'AuthorizerType')) === 'JWT' ? 'JWT' : 'CUSTOM',
    );
  }
}

function report(
  ctx: RuleContext<TemplateModel>,
  resolver: Resolver,
  editor: TemplateEditor,
  res: TemplateResource,
  route: string,
  apiName: string,
  kind: 'rest' | 'http' | 'websocket',
  authorizers: CfnAuthorizers,
  keyOnly: boolean,
  policy: boolean,
  authTypeFor: (a: TemplateResource) => string,
): void {
  const typeEntry = entry(res.properties, 'AuthorizationType');
  // Absent means NONE, the default of both Method and Route.
  if (typeEntry) {
    const vs = resolver.values(typeEntry.value);
    if (vs === undefined || !vs.includes('NONE')) return;
  }
  const exposure: Exposure = keyOnly ? 'api-key' : policy ? 'resource-policy' : 'open';
  let message = describe(route, exposure, apiName, kind);
  const apiId = refTarget(get(res.properties, kind === 'rest' ? 'RestApiId' : 'ApiId'));
  const unattached = (apiId ? authorizers.byApi.get(apiId) ?? [] : []).filter((a) => !authorizers.used.has(a.id));
  let fixes: FixInput[] = [];
  if (unattached.length > 0) {
    message = message.replace(/\.$/, '') + unattachedNote(apiName, unattached.map((a) => a.id), 'set AuthorizationType and AuthorizerId on the routes it should protect') + '.';
    const a = unattached[0];
    if (typeEntry && res.properties && str(typeEntry.value) === 'NONE' && get(res.properties, 'AuthorizerId') === undefined) {
      fixes = [
        {
          title: `Protect ${res.id} with ${a.id}`,
          edits: [editor.replace(typeEntry.value, authTypeFor(a)), editor.addToMap(res.properties, { AuthorizerId: ref(a.id) })],
        },
      ];
    }
  }
  const at: ReportInput = typeEntry
    ? { start: typeEntry.value.start, end: typeEntry.value.end, message }
    : { start: res.entry.keyStart, end: res.entry.keyEnd, message };
  ctx.report({ ...at, resource: res.id, fixes });
}

/** AWS::ApiGateway::RestApi and AWS::ApiGatewayV2::Api whose routes an inline `Body` declares. */
function checkCfnBodies(ctx: RuleContext<TemplateModel>, resolver: Resolver, editor: TemplateEditor): void {
  for (const api of resourcesOfType(ctx.model, 'AWS::ApiGateway::RestApi', 'AWS::ApiGatewayV2::Api')) {
    const body = get(api.properties, 'Body');
    if (body === undefined) continue;
    const v2 = api.type === 'AWS::ApiGatewayV2::Api';
    // WebSocket APIs are not imported from OpenAPI; their $connect route is checked above.
    if (v2 && resolver.single(get(api.properties, 'ProtocolType')) === 'WEBSOCKET') continue;
    const doc = readOpenApi(body);
    if (!doc) continue;
    checkBody(ctx, editor, api.id, v2 ? 'http' : 'rest', doc, {
      skip: () => false,
      apiKey: () => false,
      policy: !v2 && get(api.properties, 'Policy') !== undefined,
      how: () =>
        v2
          ? `name a security scheme with an x-amazon-apigateway-authorizer of type jwt or request, or x-amazon-apigateway-authtype: awsSigv4, in the operation's security`
          : `name a security scheme with x-amazon-apigateway-authorizer, or x-amazon-apigateway-authtype: awsSigv4, in the operation's security`,
    });
  }
}

function checkTemplate(ctx: RuleContext<TemplateModel>): void {
  const resolver = new Resolver(ctx.model);
  const editor = new TemplateEditor(ctx.text, ctx.model);
  if (ctx.model.isSam) checkSam(ctx, resolver, editor);
  checkCfn(ctx, resolver, editor);
  checkCfnBodies(ctx, resolver, editor);
}

export const rule: Rule = {
  meta: {
    id: 'api-missing-authorizer',
    title: 'API route without an authorizer',
    layer: 'API',
    defaultSeverity: 'error',
    explanation:
      'API Gateway passes every request it receives to the function behind a route unless an authorizer, or IAM auth, ' +
      'checks the caller first. A route without one is reachable by anyone who learns its URL, and URLs leak through ' +
      'browser history, logs and front-end bundles. An API key does not change that: it identifies which client app calls ' +
      '(for usage plans), but anyone holding the key passes, and it says nothing about the user. A resource policy limits ' +
      'where calls may come from, not who makes them. An authorizer defined on the API but attached to no route protects ' +
      'nothing. Routes declared in an inline OpenAPI definition (a SAM `DefinitionBody`, an API Gateway `Body`) are ' +
      "checked too: an operation is protected by a `security` scheme with `x-amazon-apigateway-authorizer` or " +
      "`x-amazon-apigateway-authtype` (its own `security`, else the root's), or by SAM's `Auth.DefaultAuthorizer`, which " +
      'SAM applies to every operation with an integration; `security: []` opts out. Definitions included from elsewhere ' +
      'and scheme names declared nowhere are unknown, not findings. CORS preflight (OPTIONS) requests carry no ' +
      'credentials and are rightly left open.',
    analogy:
      'API Gateway is the castle wall and its authorizer the guard at the gate. A JWT authorizer checks your ID at the door, ' +
      'a Lambda authorizer calls your boss to confirm you work here, and IAM auth is your badge opening the door. A route ' +
      'without any of them is a gate with no guard.',
    examples: [
      {
        frontEnd: 'sam',
        bad: 'Events:\n  GetOrder:\n    Type: HttpApi\n    Properties:\n      Path: /orders/{id}\n      Method: get',
        good:
          'OrdersApi:\n  Type: AWS::Serverless::HttpApi\n  Properties:\n    Auth:\n      DefaultAuthorizer: JwtAuthorizer\n      Authorizers:\n        JwtAuthorizer:\n          IdentitySource: $request.header.Authorization\n          JwtConfiguration:\n            issuer: !Sub https://cognito-idp.${AWS::Region}.amazonaws.com/${UserPool}\n            audience: [!Ref UserPoolClient]',
      },
      {
        frontEnd: 'cloudformation',
        bad: 'GetOrderMethod:\n  Type: AWS::ApiGateway::Method\n  Properties:\n    HttpMethod: GET\n    AuthorizationType: NONE',
        good: 'GetOrderMethod:\n  Type: AWS::ApiGateway::Method\n  Properties:\n    HttpMethod: GET\n    AuthorizationType: COGNITO_USER_POOLS\n    AuthorizerId: !Ref CognitoAuthorizer',
      },
      {
        frontEnd: 'cdk',
        bad: "orders.addMethod('GET', new apigw.LambdaIntegration(getOrder));",
        good: "orders.addMethod('GET', new apigw.LambdaIntegration(getOrder), {\n  authorizer: new apigw.CognitoUserPoolsAuthorizer(this, 'Auth', { cognitoUserPools: [pool] }),\n  authorizationType: apigw.AuthorizationType.COGNITO,\n});",
      },
    ],
    fixSummary:
      'Adds an Auth block with a JWT authorizer (HTTP API) or a Cognito authorizer (REST API) and placeholders to fill in, on the API or in Globals for the implicit API; attaches an authorizer that is defined but unused; in an OpenAPI body, names on an unprotected operation the one authorizer scheme the other operations use.',
    whenNotToUse:
      'Routes that are public on purpose (a sign-up form, a public catalogue, a webhook that checks its own signature): suppress with the reason, so reviewers see the decision.',
  },
  checkTemplate,
  checkCode: CDK_CHECKS['api-missing-authorizer'],
};
