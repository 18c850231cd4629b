/**
 * api-missing-authorizer on CDK: REST methods (`addMethod`, a `LambdaRestApi` proxy) and HTTP API
 * routes (`addRoutes`, `HttpRoute`, `CfnRoute`, `CfnMethod`) that no authorizer or IAM auth
 * protects. OPTIONS (CORS preflight) needs none.
 */
import * as ts from 'typescript';
import type { RuleContext } from '../../engine/rule';
import type { CodeModel } from '../../models/code/model';
import type { CdkModel, Construct, Val } from '../../models/cdk';
import { strip } from '../../models/cdk';
import type { CdkCheck, Edit } from './shared';
import { addConstructProp, addProperty, cdkRef, missingAt, quoteOf, span } from './shared';
import { isNoneAuthorizer, restAuth, restMethods } from './apis';
const { isCallExpression, isClassLike, isObjectLiteralExpression, isPropertyAccessExpression } = ts;

const advice = 'add an authorizer (Cognito, JWT, Lambda) or IAM authorization';

/** The scope expression to create an authorizer stub with: `this` inside a class, else the API's own scope. */
function scopeAt(api: Construct | undefined, at: ts.Node): string {
  for (let n: ts.Node | undefined = at; n; n = n.parent) if (isClassLike(n)) return 'this';
  const a0 = api?.node.arguments?.[0];
  return a0 ? a0.getText() : 'this';
}

function cognitoStub(ctx: RuleContext<CodeModel>, cdk: CdkModel, api: Construct | undefined, at: ts.Node): { text: string; edits: Edit[] } {
  const ref = cdkRef(ctx, cdk, 'apigateway', 'CognitoUserPoolsAuthorizer');
  const id = `${api?.id ?? 'Api'}Authorizer`;
  return { text: `authorizer: new ${ref.text}(${scopeAt(api, at)}, '${id}', { cognitoUserPools: [/* your cognito.UserPool */] })`, edits: ref.edits };
}

function jwtStub(ctx: RuleContext<CodeModel>, cdk: CdkModel): { text: string; edits: Edit[] } {
  const ref = cdkRef(ctx, cdk, 'apigatewayv2-authorizers', 'HttpJwtAuthorizer');
  return { text: `authorizer: new ${ref.text}('JwtAuthorizer', 'https://<issuer>', { jwtAudience: ['<audience>'] })`, edits: ref.edits };
}

/** Edits that add a property to the options argument at `index` of a call, creating the argument if absent. */
function addOption(ctx: RuleContext<CodeModel>, call: ts.CallExpression, index: number, prop: string): Edit[] | undefined {
  const sf = ctx.model.sourceFile;
  const arg = call.arguments[index];
  if (arg) {
    const lit = strip(arg);
    return isObjectLiteralExpression(lit) ? [addProperty(ctx.text, sf, lit, prop)] : undefined;
  }
  const last = call.arguments[call.arguments.length - 1];
  if (!last) return undefined;
  const fill = ', undefined'.repeat(index - call.arguments.length);
  return [{ start: last.getEnd(), end: last.getEnd(), newText: `${fill}, { ${prop} }` }];
}

/** `HttpRouteKey.with('/health', HttpMethod.GET)` → `GET /health`; what is written, otherwise. */
function routeKeyLabel(cdk: CdkModel, v: Val): string {
  const t = cdk.resolver.resolve(v)[0];
  const e = t && strip(t.expr);
  if (e && isCallExpression(e) && /\.HttpRouteKey\.with$/.test(cdk.imports.qualify(e.expression) ?? '')) {
    const path = e.arguments[0] ? cdk.resolver.strings({ expr: e.arguments[0], env: t.env }).values[0]?.text : undefined;
    const verb = e.arguments[1] ? (cdk.imports.qualify(e.arguments[1]) ?? '').replace(/^.*\./, '') : 'ANY';
    if (path !== undefined) return `${verb || 'ANY'} ${path}`;
  }
  return v.expr.getText();
}

export const check: CdkCheck = (ctx, cdk) => {
  const sf = ctx.model.sourceFile;

  for (const m of restMethods(cdk)) {
    if (!m.api || m.api.cls === 'apigateway.SpecRestApi') continue;
    if (m.verbs.length === 0 || m.verbs.every((v) => v === 'OPTIONS')) continue;
    const auth = restAuth(cdk, m.options, true);
    const route = `${m.verbs.join('|')} ${m.path}`;
    if (auth.kind === 'none' && isPropertyAccessExpression(auth.node)) {
      ctx.report({
        ...span(auth.node, sf),
        resource: m.api.name,
        message: `${m.api.name}'s ${route} sets authorizationType NONE: anyone who finds the URL can call it — ${advice}.`,
        fixes: [{ title: 'Require IAM authorization', edits: [{ ...span(auth.node.name, sf), newText: 'IAM' }] }],
      });
    } else if (auth.kind === 'missing') {
      const stub = cognitoStub(ctx, cdk, m.api, m.call.node);
      const add = addOption(ctx, m.call.node, 2, stub.text);
      const iamType = cdkRef(ctx, cdk, 'apigateway', 'AuthorizationType');
      const addIam = addOption(ctx, m.call.node, 2, `authorizationType: ${iamType.text}.IAM`);
      ctx.report({
        ...span(m.methodArg, sf),
        resource: m.api.name,
        message: auth.apiKey
          ? `${m.api.name}'s ${route} is protected only by an API key, which identifies a client but does not authenticate anyone — ${advice}.`
          : `${m.api.name}'s ${route} has no authorizer: anyone who finds the URL can call it — ${advice}.`,
        fixes: [
          ...(add ? [{ title: 'Add a Cognito user pool authorizer (complete the user pool)', edits: [...add, ...stub.edits] }] : []),
          ...(addIam ? [{ title: 'Require IAM authorization', edits: [...addIam, ...iamType.edits] }] : []),
        ],
      });
    }
  }

  // A LambdaRestApi proxies every path (ANY /{proxy+}) unless proxy: false.
  for (const api of cdk.ofClass('apigateway.LambdaRestApi')) {
    const proxy = cdk.resolver.prop(api.props, 'proxy');
    if (proxy.state === 'unknown' || (proxy.state === 'found' && cdk.resolver.bool(proxy.hits[0].value) !== true)) continue;
    const defaults = cdk.resolver.prop(api.props, 'defaultMethodOptions');
    if (defaults.state === 'unknown') continue;
    const auth = restAuth(cdk, defaults.hits.map((h) => h.value), true);
    if (auth.kind === 'none' && isPropertyAccessExpression(auth.node)) {
      ctx.report({
        ...span(auth.node, sf),
        resource: api.name,
        message: `${api.name} proxies every route (ANY /{proxy+}) with authorizationType NONE — ${advice}.`,
        fixes: [{ title: 'Require IAM authorization', edits: [{ ...span(auth.node.name, sf), newText: 'IAM' }] }],
      });
    } else if (auth.kind === 'missing') {
      const stub = cognitoStub(ctx, cdk, api, api.node);
      const edits = defaults.state === 'absent' ? addConstructProp(ctx, cdk, api, `defaultMethodOptions: { ${stub.text} }`) : undefined;
      ctx.report({
        ...missingAt(api, sf),
        resource: api.name,
        message: `${api.name} proxies every route (ANY /{proxy+}) with no authorizer: anyone who finds the URL can call it — ${advice}.`,
        fixes: edits ? [{ title: 'Add a Cognito user pool authorizer for every route (complete the user pool)', edits: [...edits, ...stub.edits] }] : [],
      });
    }
  }

  // HTTP APIs: a route is protected by its own authorizer or the API's defaultAuthorizer.
  const httpAuth = (api: Construct | undefined, own: Val | undefined): 'protected' | 'unknown' | 'missing' | ts.Expression => {
    const a = cdk.resolver.prop(own, 'authorizer');
    if (a.state === 'unknown') return 'unknown';
    if (a.state === 'found') return isNoneAuthorizer(cdk, a.hits[0].value) ?? 'protected';
    if (!api) return 'unknown';
    const d = cdk.resolver.prop(api.props, 'defaultAuthorizer');
    if (d.state === 'unknown') return 'unknown';
    if (d.state === 'found') return isNoneAuthorizer(cdk, d.hits[0].value) ? 'missing' : 'protected';
    return 'missing';
  };
  const verbsOf = (v: Val | undefined): string[] =>
    cdk.resolver.elements(v).values.map((m) => (cdk.imports.qualify(strip(cdk.resolver.resolve(m)[0]?.expr ?? m.expr)) ?? '').replace(/^.*\./, ''));
  const reportRoute = (api: Construct | undefined, at: ts.Node, route: string, auth: ts.Expression | 'missing', fixEdits: Edit[] | undefined): void => {
    const name = api?.name ?? 'This HTTP API';
    ctx.report({
      ...span(auth === 'missing' ? at : auth, sf),
      resource: api?.name ?? null,
      message:
        auth === 'missing'
          ? `${name}'s route ${route} has no authorizer: anyone who finds the URL can call it — ${advice}.`
          : `${name}'s route ${route} turns the authorizer off (HttpNoneAuthorizer) — ${advice}.`,
      fixes: fixEdits ? [{ title: 'Add a JWT authorizer (complete the issuer and audience)', edits: fixEdits }] : [],
    });
  };
  for (const call of cdk.calls('addRoutes')) {
    const api = cdk.constructsOf(call.receiver).find((c) => c.cls === 'apigatewayv2.HttpApi');
    const opts = call.node.arguments[0];
    if (!api || !opts) continue;
    const o: Val = { expr: opts, env: call.env };
    const verbs = verbsOf(cdk.resolver.prop(o, 'methods').hits[0]?.value);
    if (verbs.length > 0 && verbs.every((v) => v === 'OPTIONS')) continue;
    const auth = httpAuth(api, o);
    if (auth === 'protected' || auth === 'unknown') continue;
    const pathHit = cdk.resolver.prop(o, 'path').hits[0];
    const path = pathHit ? (cdk.resolver.strings(pathHit.value).values[0]?.text ?? '{?}') : '{?}';
    const stub = jwtStub(ctx, cdk);
    const lit = strip(opts);
    const edits = auth === 'missing' && isObjectLiteralExpression(lit) ? [addProperty(ctx.text, sf, lit, stub.text), ...stub.edits] : undefined;
    reportRoute(api, pathHit?.value.expr ?? opts, `${verbs.length ? verbs.join('|') : 'ANY'} ${path}`, auth, edits);
  }
  for (const c of cdk.ofClass('apigatewayv2.HttpRoute')) {
    const apiHit = cdk.resolver.prop(c.props, 'httpApi').hits[0];
    const api = apiHit ? cdk.constructsOf(apiHit.value).find((x) => x.cls === 'apigatewayv2.HttpApi') : undefined;
    const keyHit = cdk.resolver.prop(c.props, 'routeKey').hits[0];
    const keyText = keyHit ? routeKeyLabel(cdk, keyHit.value) : c.name;
    if (/^OPTIONS /.test(keyText)) continue;
    const auth = httpAuth(api, c.props);
    if (auth === 'protected' || auth === 'unknown') continue;
    const stub = jwtStub(ctx, cdk);
    const edits = auth === 'missing' ? addConstructProp(ctx, cdk, c, stub.text) : undefined;
    reportRoute(api, keyHit?.value.expr ?? c.idNode ?? c.node, keyText, auth, edits && [...edits, ...stub.edits]);
  }
  // An HTTP API with a default integration has a catch-all $default route.
  for (const api of cdk.ofClass('apigatewayv2.HttpApi')) {
    if (cdk.resolver.prop(api.props, 'defaultIntegration').state !== 'found') continue;
    if (httpAuth(api, undefined) !== 'missing') continue;
    const stub = jwtStub(ctx, cdk);
    const edits = addConstructProp(ctx, cdk, api, stub.text.replace(/^authorizer:/, 'defaultAuthorizer:'));
    ctx.report({
      ...missingAt(api, sf),
      resource: api.name,
      message: `${api.name}'s catch-all $default route has no authorizer: anyone who finds the URL can call it — set a defaultAuthorizer.`,
      fixes: edits ? [{ title: 'Add a default JWT authorizer (complete the issuer and audience)', edits: [...edits, ...stub.edits] }] : [],
    });
  }

  // Raw CloudFormation: CfnMethod / CfnRoute with authorizationType NONE or none at all.
  const cfn = (c: Construct, verbKey: string, skip: (v: string) => boolean, at: ts.Node): void => {
    const verb = cdk.resolver.strings(cdk.resolver.prop(c.props, verbKey).hits[0]?.value);
    if (!verb.complete || verb.values.length === 0 || verb.values.every((v) => skip(v.text))) return;
    const type = cdk.resolver.prop(c.props, 'authorizationType');
    if (type.state === 'unknown') return;
    const label = verb.values.map((v) => v.text).join('|');
    if (type.state === 'absent') {
      const edits = addConstructProp(ctx, cdk, c, `authorizationType: 'AWS_IAM'`);
      ctx.report({
        ...span(at, sf),
        resource: c.name,
        message: `${c.name} (${label}) has no authorizationType, so anyone can call it — ${advice}.`,
        fixes: edits ? [{ title: 'Require IAM authorization (AWS_IAM)', edits }] : [],
      });
      return;
    }
    for (const s of cdk.resolver.strings(type.hits[0].value).values) {
      if (s.text !== 'NONE') continue;
      const q = quoteOf(s.node, sf);
      ctx.report({
        ...span(s.node, sf),
        resource: c.name,
        message: `${c.name} (${label}) sets authorizationType NONE, so anyone can call it — ${advice}.`,
        fixes: [{ title: 'Require IAM authorization (AWS_IAM)', edits: [{ ...span(s.node, sf), newText: `${q}AWS_IAM${q}` }] }],
      });
    }
  };
  for (const c of cdk.ofClass('apigateway.CfnMethod')) cfn(c, 'httpMethod', (v) => v.toUpperCase() === 'OPTIONS', c.idNode ?? c.node);
  for (const c of cdk.ofClass('apigatewayv2.CfnRoute')) {
    const key = cdk.resolver.prop(c.props, 'routeKey').hits[0];
    cfn(c, 'routeKey', (v) => v.startsWith('$') || /^OPTIONS\s/i.test(v), key?.value.expr ?? c.idNode ?? c.node);
  }
};
