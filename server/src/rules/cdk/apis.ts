/** API Gateway in CDK: REST methods with the API and resource path they hang from, and HTTP API routes. */
import * as ts from 'typescript';
import type { CdkModel, Construct, MethodCall, Val } from '../../models/cdk';
import { strip } from '../../models/cdk';
const { isCallExpression, isIdentifier, isNewExpression, isPropertyAccessExpression } = ts;

export const REST_API_CLASSES = ['apigateway.RestApi', 'apigateway.LambdaRestApi', 'apigateway.SpecRestApi'];

export interface RestMethod {
  call: MethodCall;
  /** The API the method belongs to; undefined when the chain cannot be followed. */
  api?: Construct;
  path: string;
  /** The HTTP method argument as written, and the values it may take. */
  methodArg: ts.Expression;
  verbs: string[];
  /** The method's own options, then `defaultMethodOptions` from its resource up to the API, nearest first. */
  options: Val[];
}

interface Chain {
  api?: Construct;
  parts: string[];
  defaults: Val[];
}

/** Follows `api.root.addResource('orders').addResource('{id}')` (or a variable holding a step) back to the API. */
export function resourceChain(cdk: CdkModel, v: Val, depth = 0): Chain | undefined {
  if (depth > 20) return undefined;
  const t = cdk.resolver.resolve(v)[0];
  if (!t) return undefined;
  const e = strip(t.expr);
  const defaultsOf = (props: Val | undefined): Val[] => cdk.resolver.prop(props, 'defaultMethodOptions').hits.map((h) => h.value);
  const text = (x: ts.Expression | undefined): string => (x ? (cdk.resolver.strings({ expr: x, env: t.env }).values[0]?.text ?? '{?}') : '{?}');
  if (isNewExpression(e)) {
    const c = cdk.constructAt(e, t.env);
    if (!c) return undefined;
    if (REST_API_CLASSES.includes(c.cls)) return { api: c, parts: [], defaults: defaultsOf(c.props) };
    if (c.cls === 'apigateway.Resource' || c.cls === 'apigateway.ProxyResource') {
      const parent = cdk.resolver.prop(c.props, 'parent').hits[0];
      const up = parent && resourceChain(cdk, parent.value, depth + 1);
      if (!up) return undefined;
      const part = c.cls === 'apigateway.ProxyResource' ? '{proxy+}' : text(cdk.resolver.prop(c.props, 'pathPart').hits[0]?.value.expr);
      return { api: up.api, parts: [...up.parts, part], defaults: [...defaultsOf(c.props), ...up.defaults] };
    }
    return undefined;
  }
  if (isPropertyAccessExpression(e) && e.name.text === 'root') return resourceChain(cdk, { expr: e.expression, env: t.env }, depth + 1);
  if (isCallExpression(e) && isPropertyAccessExpression(e.expression)) {
    const method = e.expression.name.text;
    const up = (): Chain | undefined => resourceChain(cdk, { expr: (e.expression as ts.PropertyAccessExpression).expression, env: t.env }, depth + 1);
    const opts = (i: number): Val[] => (e.arguments[i] ? defaultsOf({ expr: e.arguments[i], env: t.env }) : []);
    if (method === 'addResource' || method === 'getResource') {
      const u = up();
      return u && { api: u.api, parts: [...u.parts, text(e.arguments[0])], defaults: [...opts(1), ...u.defaults] };
    }
    if (method === 'resourceForPath') {
      const u = up();
      return u && { api: u.api, parts: [...u.parts, ...text(e.arguments[0]).split('/').filter(Boolean)], defaults: u.defaults };
    }
    if (method === 'addProxy') {
      const u = up();
      return u && { api: u.api, parts: [...u.parts, '{proxy+}'], defaults: [...opts(0), ...u.defaults] };
    }
  }
  return undefined;
}

const methodsMemo = new WeakMap<CdkModel, RestMethod[]>();

/** Every `addMethod` call on a REST API resource (computed once per model: several checks read them). */
export function restMethods(cdk: CdkModel): RestMethod[] {
  const memo = methodsMemo.get(cdk);
  if (memo) return memo;
  const out: RestMethod[] = [];
  methodsMemo.set(cdk, out);
  for (const call of cdk.calls('addMethod')) {
    const arg = call.node.arguments[0];
    if (!arg) continue;
    const chain = resourceChain(cdk, call.receiver);
    const verbs = cdk.resolver.strings({ expr: arg, env: call.env });
    const own = call.node.arguments[2] ? [{ expr: call.node.arguments[2], env: call.env }] : [];
    out.push({
      call,
      api: chain?.api,
      path: chain ? `/${chain.parts.join('/')}` : '',
      methodArg: arg,
      verbs: verbs.complete ? verbs.values.map((v) => v.text.toUpperCase()) : [],
      options: chain ? [...own, ...chain.defaults] : own,
    });
  }
  return out;
}

export type Auth =
  | { kind: 'protected' }
  | { kind: 'unknown' }
  | { kind: 'missing'; apiKey: boolean }
  | { kind: 'none'; node: ts.Expression };

/**
 * Whether REST method options (nearest first) put an authorizer in front: `authorizer`, or an
 * `authorizationType` other than NONE. An options object that cannot be read is unknown.
 */
export function restAuth(cdk: CdkModel, options: Val[], complete: boolean): Auth {
  let apiKey = false;
  let typeSeen = false;
  let authorizerSeen = false;
  for (const o of options) {
    const authorizer = cdk.resolver.prop(o, 'authorizer');
    const type = cdk.resolver.prop(o, 'authorizationType');
    if (authorizer.state === 'unknown' || type.state === 'unknown') return { kind: 'unknown' };
    if (cdk.resolver.bool(cdk.resolver.prop(o, 'apiKeyRequired').hits[0]?.value) === true) apiKey = true;
    if (!typeSeen && type.hits.length) {
      typeSeen = true;
      const ts_ = cdk.resolver.resolve(type.hits[0].value);
      const qs = ts_.map((t) => cdk.imports.qualify(t.expr));
      const none = ts_.find((_t, i) => qs[i] === 'apigateway.AuthorizationType.NONE');
      if (none) return { kind: 'none', node: none.expr };
      if (qs.every((q) => q !== undefined && /^apigateway\.AuthorizationType\.(IAM|COGNITO|CUSTOM)$/.test(q))) return { kind: 'protected' };
      return { kind: 'unknown' };
    }
    if (!authorizerSeen && authorizer.hits.length) {
      authorizerSeen = true;
      const ts_ = cdk.resolver.resolve(authorizer.hits[0].value);
      if (ts_.some((t) => !(isIdentifier(t.expr) && t.expr.text === 'undefined'))) return { kind: 'protected' };
    }
  }
  return complete ? { kind: 'missing', apiKey } : { kind: 'unknown' };
}

/** True for `new HttpNoneAuthorizer()`, which explicitly turns a default authorizer off. */
export function isNoneAuthorizer(cdk: CdkModel, v: Val): ts.Expression | undefined {
  for (const t of cdk.resolver.resolve(v)) {
    const e = strip(t.expr);
    if (isNewExpression(e) && /\.HttpNoneAuthorizer$/.test(cdk.imports.qualify(e.expression) ?? '')) return e;
  }
  return undefined;
}
