/**
 * The defense-in-depth view of one template: for each API and function, which layers of the
 * castle it has (WAF, authorizer, throttling, validation, least-privilege role, encryption,
 * secrets, audit) and which it lacks. A rule's finding wins over what the model shows, so each
 * gap links to the finding that explains it; where no rule covers a control, the model decides.
 */
import type { Layer } from './rule';
import type { Finding, Range } from './finding';
import type { TemplateModel, TemplateResource } from '../models/template/model';
import type { MapNode, TNode } from '../models/template/nodes';
import { get, getPath, intrinsicName, isMap, isScalar, isSeq, str } from '../models/template/nodes';
import { readOpenApi } from '../models/template/openapi';
import type { SamApi } from '../models/template/sam';
import { effectiveProperties, samApis } from '../models/template/sam';

export type Control = 'waf' | 'authorizer' | 'throttling' | 'validation' | 'least-privilege' | 'encryption' | 'secrets' | 'audit';
export type ControlStatus = 'present' | 'missing' | 'n/a' | 'unknown';

export interface Check {
  control: Control;
  layer: Layer;
  status: ControlStatus;
  detail: string;
  range?: Range;
  ruleId?: string;
}

export interface DefenseEntry {
  kind: 'api' | 'function';
  name: string;
  resourceType: string;
  range: Range;
  checks: Check[];
}

export const CONTROL_LAYER: Record<Control, Layer> = {
  waf: 'Edge',
  authorizer: 'API',
  throttling: 'API',
  validation: 'API',
  'least-privilege': 'Lambda',
  encryption: 'Data',
  secrets: 'Data',
  audit: 'Audit',
};

/** The rules whose findings mean a control is missing (some arrive with later releases; their absence costs nothing). */
export const CONTROL_RULES: Record<Control, readonly string[]> = {
  waf: ['api-missing-waf'],
  authorizer: ['api-missing-authorizer', 'function-url-public', 'jwt-authorizer-incomplete'],
  throttling: ['api-missing-throttling'],
  validation: ['api-missing-request-validation'],
  'least-privilege': ['iam-wildcard-action', 'iam-wildcard-resource', 'iam-broad-managed-policy', 'iam-shared-role', 'least-privilege', 'resource-policy-public'],
  encryption: ['encryption-default-key', 'unencrypted-messaging'],
  secrets: ['hardcoded-secret', 'secret-in-environment'],
  audit: ['missing-audit-trail'],
};

const API_CONTROLS: Control[] = ['waf', 'authorizer', 'throttling', 'validation', 'audit'];

/** True when `node` (at any depth) names the logical id `id`: `Ref`, `GetAtt`, `${id}` in a Sub, or the plain name. */
export function refersTo(node: TNode | undefined, id: string): boolean {
  if (node === undefined) return false;
  if (isScalar(node)) {
    const v = str(node);
    return v !== undefined && (v === id || v.startsWith(`${id}.`) || v.includes(`\${${id}}`) || v.includes(`\${${id}.`));
  }
  if (isMap(node)) return node.entries.some((e) => refersTo(e.value, id));
  if (isSeq(node)) return node.items.some((i) => refersTo(i, id));
  return false;
}

const SECRET_NAME = /(pass(word|wd)?|secret|token|api[_-]?key|private[_-]?key|credential|auth)/i;
const BROAD_MANAGED = /(AdministratorAccess|PowerUserAccess|FullAccess)$/;

interface Ctx {
  model: TemplateModel;
  findings: readonly Finding[];
}

function rangeOf(ctx: Ctx, start: number, end: number): Range {
  return ctx.model.lines.range(start, end);
}

function keyRange(ctx: Ctx, res: TemplateResource): Range {
  return rangeOf(ctx, res.entry.keyStart, res.entry.keyEnd);
}

function nodeRange(ctx: Ctx, n: TNode): Range {
  return rangeOf(ctx, n.start, n.end);
}

function inside(r: Range, outer: Range): boolean {
  const after = r.start.line > outer.start.line || (r.start.line === outer.start.line && r.start.character >= outer.start.character);
  const before = r.end.line < outer.end.line || (r.end.line === outer.end.line && r.end.character <= outer.end.character);
  return after && before;
}

/** A finding of one of the control's rules about this resource (by logical id, or by place in the resource's text). */
function findingFor(ctx: Ctx, control: Control, ids: readonly string[], areas: readonly Range[]): Finding | undefined {
  const rules = CONTROL_RULES[control];
  return ctx.findings.find(
    (f) => !f.suppressed && rules.includes(f.ruleId) && ((f.resource !== null && ids.includes(f.resource)) || areas.some((a) => inside(f.range, a))),
  );
}

/** Applies the finding (if any) over the model's own judgement. */
function check(ctx: Ctx, control: Control, ids: readonly string[], areas: readonly Range[], fromModel: Omit<Check, 'control' | 'layer'>): Check {
  const f = findingFor(ctx, control, ids, areas);
  if (f) return { control, layer: CONTROL_LAYER[control], status: 'missing', detail: f.message, range: f.range, ruleId: f.ruleId };
  return { control, layer: CONTROL_LAYER[control], ...fromModel };
}

function resourcesOfType(model: TemplateModel, ...types: string[]): TemplateResource[] {
  return model.resources.filter((r) => types.includes(r.type));
}

// ---------------------------------------------------------------------------------------------
// APIs

interface ApiView {
  id: string;
  kind: 'rest' | 'http' | 'websocket';
  sam: SamApi | undefined;
  resource: TemplateResource | undefined;
  properties: MapNode | undefined;
  /** Where the API is written (its key), or for an implicit SAM API its first event. */
  range: Range;
  resourceType: string;
}

function apis(ctx: Ctx): ApiView[] {
  const out: ApiView[] = [];
  const seen = new Set<string>();
  if (ctx.model.isSam) {
    for (const a of samApis(ctx.model)) {
      const at = a.resource ? keyRange(ctx, a.resource) : a.events[0] ? rangeOf(ctx, a.events[0].entry.keyStart, a.events[0].entry.keyEnd) : undefined;
      if (!at) continue;
      seen.add(a.id);
      out.push({
        id: a.id,
        kind: a.kind,
        sam: a,
        resource: a.resource,
        properties: a.properties,
        range: at,
        resourceType: a.resource?.type ?? (a.kind === 'rest' ? 'AWS::Serverless::Api (implicit)' : 'AWS::Serverless::HttpApi (implicit)'),
      });
    }
  }
  for (const r of resourcesOfType(ctx.model, 'AWS::ApiGateway::RestApi', 'AWS::ApiGatewayV2::Api')) {
    if (seen.has(r.id)) continue;
    const protocol = str(get(r.properties, 'ProtocolType'));
    const kind = r.type === 'AWS::ApiGateway::RestApi' ? 'rest' : protocol === 'WEBSOCKET' ? 'websocket' : 'http';
    out.push({ id: r.id, kind, sam: undefined, resource: r, properties: r.properties, range: keyRange(ctx, r), resourceType: r.type });
  }
  return out;
}

/** Stages of a CloudFormation API (REST or V2). */
function stagesOf(ctx: Ctx, api: ApiView): TemplateResource[] {
  const type = api.kind === 'rest' ? 'AWS::ApiGateway::Stage' : 'AWS::ApiGatewayV2::Stage';
  const key = api.kind === 'rest' ? 'RestApiId' : 'ApiId';
  return resourcesOfType(ctx.model, type).filter((s) => refersTo(get(s.properties, key), api.id));
}

function wafCheck(ctx: Ctx, api: ApiView): Check {
  const areas = [api.range];
  if (api.kind !== 'rest') {
    return check(ctx, 'waf', [api.id], areas, { status: 'n/a', detail: 'AWS WAF attaches to REST APIs, not HTTP or WebSocket APIs; put CloudFront with a web ACL in front if you need one.' });
  }
  const assoc = resourcesOfType(ctx.model, 'AWS::WAFv2::WebACLAssociation', 'AWS::WAFRegional::WebACLAssociation').find((a) =>
    refersTo(get(a.properties, 'ResourceArn'), api.id),
  );
  if (assoc) return check(ctx, 'waf', [api.id], areas, { status: 'present', detail: `web ACL associated by ${assoc.id}`, range: keyRange(ctx, assoc) });
  // Associations are often made in another stack or by Firewall Manager, which the template cannot show.
  return check(ctx, 'waf', [api.id], areas, { status: 'missing', detail: 'no AWS::WAFv2::WebACLAssociation names this API in this template', range: api.range });
}

function authorizerCheck(ctx: Ctx, api: ApiView): Check {
  const ids = [api.id];
  if (api.sam) {
    const defaultAuth = getPath(api.properties, 'Auth', 'DefaultAuthorizer');
    const areas = [api.range, ...api.sam.events.map((e) => rangeOf(ctx, e.entry.keyStart, e.entry.value.end))];
    const open: { name: string; range: Range }[] = [];
    for (const ev of api.sam.events) {
      const auth = str(getPath(ev.properties, 'Auth', 'Authorizer'));
      const protectedRoute = auth !== undefined ? auth !== 'NONE' : defaultAuth !== undefined && str(defaultAuth) !== 'NONE';
      // Preflight requests carry no credentials by design.
      const method = str(get(ev.properties, 'Method'))?.toUpperCase();
      if (!protectedRoute && method !== 'OPTIONS') open.push({ name: `${ev.function.id}.${ev.name}`, range: rangeOf(ctx, ev.entry.keyStart, ev.entry.keyEnd) });
    }
    if (api.sam.events.length === 0 && !defaultAuth) {
      return check(ctx, 'authorizer', ids, areas, openApiAuthorizers(ctx, api) ?? { status: 'unknown', detail: 'no routes in this template (an OpenAPI definition decides)', range: api.range });
    }
    if (open.length > 0) {
      return check(ctx, 'authorizer', ids, areas, {
        status: 'missing',
        detail: `${open.length} of ${api.sam.events.length} routes without an authorizer: ${open.map((o) => o.name).join(', ')}`,
        range: open[0].range,
      });
    }
    const where = defaultAuth ? nodeRange(ctx, defaultAuth) : api.range;
    return check(ctx, 'authorizer', ids, areas, { status: 'present', detail: defaultAuth ? `DefaultAuthorizer: ${str(defaultAuth) ?? '(intrinsic)'}` : 'every route names an authorizer', range: where });
  }
  // CloudFormation: methods (REST) or routes (V2) that point at this API.
  const isRest = api.kind === 'rest';
  const routes = resourcesOfType(ctx.model, isRest ? 'AWS::ApiGateway::Method' : 'AWS::ApiGatewayV2::Route').filter((m) =>
    refersTo(get(m.properties, isRest ? 'RestApiId' : 'ApiId'), api.id),
  );
  if (routes.length === 0) return check(ctx, 'authorizer', ids, [api.range], openApiAuthorizers(ctx, api) ?? { status: 'unknown', detail: 'no methods or routes in this template', range: api.range });
  const open = routes.filter((m) => {
    const node = get(m.properties, 'AuthorizationType');
    const t = str(node);
    // An intrinsic is unknown, and unknown is not a gap.
    if (node !== undefined && t === undefined) return false;
    const method = str(get(m.properties, isRest ? 'HttpMethod' : 'RouteKey'))?.toUpperCase();
    return (t === undefined || t === 'NONE') && method !== 'OPTIONS' && !method?.startsWith('OPTIONS ');
  });
  const areas = [api.range, ...routes.map((r) => keyRange(ctx, r))];
  if (open.length > 0) {
    return check(ctx, 'authorizer', [...ids, ...open.map((o) => o.id)], areas, {
      status: 'missing',
      detail: `${open.length} of ${routes.length} ${isRest ? 'methods' : 'routes'} with AuthorizationType NONE: ${open.map((o) => o.id).join(', ')}`,
      range: keyRange(ctx, open[0]),
    });
  }
  return check(ctx, 'authorizer', ids, areas, { status: 'present', detail: `every ${isRest ? 'method' : 'route'} has an AuthorizationType`, range: api.range });
}

/**
 * 'present' when every operation of the API's inline OpenAPI definition names an authorizer
 * (preflights aside); undefined when the definition is absent or unreadable, or some operation
 * is not plainly protected (api-missing-authorizer reports the open ones).
 */
function openApiAuthorizers(ctx: Ctx, api: ApiView): Omit<Check, 'control' | 'layer'> | undefined {
  const body = get(api.properties, api.sam ? 'DefinitionBody' : 'Body');
  // SAM adds its Auth.Authorizers (and AWS_IAM) to the definition it deploys.
  const samNames = api.sam ? new Set([...(isMap(getPath(api.properties, 'Auth', 'Authorizers')) ? (getPath(api.properties, 'Auth', 'Authorizers') as MapNode).entries.map((e) => e.key) : []), 'AWS_IAM']) : new Set<string>();
  const doc = readOpenApi(body, { externalScheme: (name) => (samNames.has(name) ? 'authorizer' : undefined) });
  if (!doc || !body) return undefined;
  const ops = doc.operations.filter((op) => op.method !== 'OPTIONS');
  if (ops.length === 0 || ops.some((op) => op.security.guard !== 'authorizer')) return undefined;
  return { status: 'present', detail: `every operation of the OpenAPI definition names an authorizer (${ops.length})`, range: nodeRange(ctx, body) };
}

function hasThrottle(n: TNode | undefined): TNode | undefined {
  if (n === undefined) return undefined;
  if (isMap(n)) {
    for (const e of n.entries) {
      if (/^Throttling(Burst|Rate)Limit$|^(Burst|Rate)Limit$/.test(e.key)) return e.value;
      const inner = hasThrottle(e.value);
      if (inner) return inner;
    }
  } else if (isSeq(n)) {
    for (const i of n.items) {
      const inner = hasThrottle(i);
      if (inner) return inner;
    }
  }
  return undefined;
}

function throttlingCheck(ctx: Ctx, api: ApiView): Check {
  const sources: (TNode | undefined)[] = [get(api.properties, 'MethodSettings'), get(api.properties, 'DefaultRouteSettings'), get(api.properties, 'RouteSettings')];
  for (const s of stagesOf(ctx, api)) sources.push(get(s.properties, 'MethodSettings'), get(s.properties, 'DefaultRouteSettings'), get(s.properties, 'RouteSettings'));
  for (const plan of resourcesOfType(ctx.model, 'AWS::ApiGateway::UsagePlan')) {
    if (refersTo(get(plan.properties, 'ApiStages'), api.id)) sources.push(get(plan.properties, 'Throttle'));
  }
  for (const s of sources) {
    const t = hasThrottle(s);
    if (t) return check(ctx, 'throttling', [api.id], [api.range], { status: 'present', detail: 'rate and burst limits set', range: nodeRange(ctx, t) });
  }
  return check(ctx, 'throttling', [api.id], [api.range], { status: 'missing', detail: 'only the account-wide default limits apply', range: api.range });
}

function validationCheck(ctx: Ctx, api: ApiView): Check {
  if (api.kind !== 'rest') return check(ctx, 'validation', [api.id], [api.range], { status: 'n/a', detail: 'HTTP and WebSocket APIs do not validate request bodies; validate in the handler.' });
  const validator = resourcesOfType(ctx.model, 'AWS::ApiGateway::RequestValidator').find((v) => refersTo(get(v.properties, 'RestApiId'), api.id));
  if (validator) return check(ctx, 'validation', [api.id], [api.range], { status: 'present', detail: `request validator ${validator.id}`, range: keyRange(ctx, validator) });
  const validated = api.sam?.events.find((e) => {
    const model = get(e.properties, 'RequestModel');
    return isMap(model) && str(get(model, 'ValidateBody')) !== 'false' && get(model, 'Model') !== undefined;
  });
  if (validated) return check(ctx, 'validation', [api.id], [api.range], { status: 'present', detail: `RequestModel on ${validated.function.id}.${validated.name}`, range: rangeOf(ctx, validated.entry.keyStart, validated.entry.keyEnd) });
  const body = get(api.properties, 'DefinitionBody') ?? get(api.properties, 'Body');
  if (body && getPath(body, 'x-amazon-apigateway-request-validators')) {
    return check(ctx, 'validation', [api.id], [api.range], { status: 'present', detail: 'request validators in the OpenAPI definition', range: nodeRange(ctx, body) });
  }
  return check(ctx, 'validation', [api.id], [api.range], { status: 'missing', detail: 'no request validator or request model', range: api.range });
}

function apiAuditCheck(ctx: Ctx, api: ApiView): Check {
  const candidates: (TNode | undefined)[] = [get(api.properties, 'AccessLogSetting'), get(api.properties, 'AccessLogSettings')];
  for (const s of stagesOf(ctx, api)) candidates.push(get(s.properties, 'AccessLogSetting'), get(s.properties, 'AccessLogSettings'));
  const found = candidates.find((c) => c !== undefined);
  if (found) return check(ctx, 'audit', [api.id], [api.range], { status: 'present', detail: 'access logging on', range: nodeRange(ctx, found) });
  return check(ctx, 'audit', [api.id], [api.range], { status: 'missing', detail: 'no access logs: who called what is not recorded', range: api.range });
}

// ---------------------------------------------------------------------------------------------
// Functions

function environmentOf(props: MapNode | undefined): MapNode | undefined {
  const vars = getPath(props, 'Environment', 'Variables');
  return isMap(vars) ? vars : undefined;
}

function leastPrivilegeCheck(ctx: Ctx, fn: TemplateResource, props: MapNode | undefined, area: Range): Check {
  const ids = [fn.id];
  const role = get(props, 'Role');
  if (role) {
    const roleId = roleTarget(role);
    const roleRes = roleId ? ctx.model.resources.find((r) => r.id === roleId && r.type === 'AWS::IAM::Role') : undefined;
    if (!roleRes) return check(ctx, 'least-privilege', ids, [area], { status: 'unknown', detail: 'the role is defined outside this template', range: nodeRange(ctx, role) });
    const users = ctx.model.resources.filter((r) => (r.type === 'AWS::Lambda::Function' || r.type === 'AWS::Serverless::Function') && refersTo(get(r.properties, 'Role'), roleRes.id));
    const roleArea = rangeOf(ctx, roleRes.entry.keyStart, roleRes.node.end);
    const c = check(ctx, 'least-privilege', [...ids, roleRes.id], [area, roleArea], {
      status: 'present',
      detail: users.length > 1 ? `role ${roleRes.id} is shared by ${users.length} functions` : `own role ${roleRes.id}`,
      range: keyRange(ctx, roleRes),
    });
    if (c.status === 'present' && managedIsBroad(get(roleRes.properties, 'ManagedPolicyArns'))) {
      return { ...c, status: 'missing', detail: `role ${roleRes.id} attaches a broad AWS managed policy` };
    }
    return c;
  }
  const policies = get(props, 'Policies');
  if (managedIsBroad(policies)) return check(ctx, 'least-privilege', ids, [area], { status: 'missing', detail: 'a broad AWS managed policy is attached', range: nodeRange(ctx, policies!) });
  if (fn.type === 'AWS::Serverless::Function') {
    return check(ctx, 'least-privilege', ids, [area], {
      status: 'present',
      detail: policies ? 'its own role from Policies' : 'its own role with basic execution only (logs)',
      range: policies ? nodeRange(ctx, policies) : keyRange(ctx, fn),
    });
  }
  return check(ctx, 'least-privilege', ids, [area], { status: 'unknown', detail: 'no Role', range: keyRange(ctx, fn) });
}

/** The logical id a `Role` value points at: `!GetAtt R.Arn`, `!GetAtt [R, Arn]` or `!Ref R`. */
function roleTarget(role: TNode): string | undefined {
  const getAtt = getPath(role, 'Fn::GetAtt');
  if (isSeq(getAtt)) return str(getAtt.items[0]);
  return (str(getAtt) ?? str(getPath(role, 'Ref')))?.split('.')[0];
}

function managedIsBroad(n: TNode | undefined): boolean {
  if (n === undefined) return false;
  if (isScalar(n)) return BROAD_MANAGED.test(str(n) ?? '');
  if (isSeq(n)) return n.items.some(managedIsBroad);
  if (isMap(n) && intrinsicName(n)) return n.entries.some((e) => managedIsBroad(e.value));
  return false;
}

function encryptionCheck(ctx: Ctx, fn: TemplateResource, props: MapNode | undefined, area: Range): Check {
  const key = get(props, 'KmsKeyArn');
  if (key) return check(ctx, 'encryption', [fn.id], [area], { status: 'present', detail: 'environment encrypted with a customer managed KMS key', range: nodeRange(ctx, key) });
  if (!environmentOf(props)) return check(ctx, 'encryption', [fn.id], [area], { status: 'n/a', detail: 'no environment variables to encrypt', range: keyRange(ctx, fn) });
  return check(ctx, 'encryption', [fn.id], [area], { status: 'present', detail: 'environment encrypted at rest with the AWS managed key (set KmsKeyArn to control who may decrypt)', range: keyRange(ctx, fn) });
}

function secretsCheck(ctx: Ctx, fn: TemplateResource, props: MapNode | undefined, area: Range): Check {
  const vars = environmentOf(props);
  if (vars) {
    for (const e of vars.entries) {
      const v = str(e.value);
      // A literal that looks like a value, not a reference (an ARN, a secret name, a dynamic reference).
      if (SECRET_NAME.test(e.key) && isScalar(e.value) && v && !/^(arn:|\{\{resolve:)/.test(v) && !/(ARN|NAME|ID)$/i.test(e.key)) {
        return check(ctx, 'secrets', [fn.id], [area], { status: 'missing', detail: `${e.key} is a literal in the environment; read it from Secrets Manager`, range: nodeRange(ctx, e.value) });
      }
    }
  }
  return check(ctx, 'secrets', [fn.id], [area], { status: 'present', detail: 'no credentials written into the environment', range: keyRange(ctx, fn) });
}

function functionAuditCheck(ctx: Ctx, fn: TemplateResource, props: MapNode | undefined, area: Range): Check {
  const tracing = get(props, 'Tracing') ?? getPath(props, 'TracingConfig', 'Mode');
  if (str(tracing) === 'Active') return check(ctx, 'audit', [fn.id], [area], { status: 'present', detail: 'X-Ray tracing active', range: nodeRange(ctx, tracing!) });
  return check(ctx, 'audit', [fn.id], [area], { status: 'missing', detail: 'tracing is not active', range: tracing ? nodeRange(ctx, tracing) : keyRange(ctx, fn) });
}

/** A function URL's auth, when the function has one (SAM FunctionUrlConfig or an AWS::Lambda::Url). */
function functionUrlCheck(ctx: Ctx, fn: TemplateResource, props: MapNode | undefined, area: Range): Check | undefined {
  const url = get(props, 'FunctionUrlConfig');
  const urlRes = resourcesOfType(ctx.model, 'AWS::Lambda::Url').find((u) => refersTo(get(u.properties, 'TargetFunctionArn'), fn.id));
  const authType = url ? get(url, 'AuthType') : urlRes ? get(urlRes.properties, 'AuthType') : undefined;
  if (!url && !urlRes) return undefined;
  const ids = urlRes ? [fn.id, urlRes.id] : [fn.id];
  const where = authType ? nodeRange(ctx, authType) : url ? nodeRange(ctx, url) : keyRange(ctx, urlRes!);
  const t = str(authType);
  if (t === 'AWS_IAM') return check(ctx, 'authorizer', ids, [area], { status: 'present', detail: 'function URL requires signed requests (AWS_IAM)', range: where });
  if (t === 'NONE') return check(ctx, 'authorizer', ids, [area], { status: 'missing', detail: 'function URL open to anyone (AuthType NONE)', range: where });
  return check(ctx, 'authorizer', ids, [area], { status: 'unknown', detail: 'function URL auth type is not a literal', range: where });
}

/** Every API and function of a template with the state of its layers. */
export function defenseInDepth(model: TemplateModel, findings: readonly Finding[]): DefenseEntry[] {
  const ctx: Ctx = { model, findings };
  const out: DefenseEntry[] = [];
  for (const api of apis(ctx)) {
    const checks: Check[] = [];
    for (const c of API_CONTROLS) {
      if (c === 'waf') checks.push(wafCheck(ctx, api));
      else if (c === 'authorizer') checks.push(authorizerCheck(ctx, api));
      else if (c === 'throttling') checks.push(throttlingCheck(ctx, api));
      else if (c === 'validation') checks.push(validationCheck(ctx, api));
      else checks.push(apiAuditCheck(ctx, api));
    }
    out.push({ kind: 'api', name: api.id, resourceType: api.resourceType, range: api.range, checks });
  }
  for (const fn of resourcesOfType(model, 'AWS::Serverless::Function', 'AWS::Lambda::Function')) {
    const props = fn.type === 'AWS::Serverless::Function' ? effectiveProperties(model, fn) : fn.properties;
    const area = rangeOf(ctx, fn.entry.keyStart, fn.node.end);
    const checks: Check[] = [];
    const url = functionUrlCheck(ctx, fn, props, area);
    if (url) checks.push(url);
    checks.push(leastPrivilegeCheck(ctx, fn, props, area), encryptionCheck(ctx, fn, props, area), secretsCheck(ctx, fn, props, area), functionAuditCheck(ctx, fn, props, area));
    out.push({ kind: 'function', name: fn.id, resourceType: fn.type, range: keyRange(ctx, fn), checks });
  }
  return out;
}
