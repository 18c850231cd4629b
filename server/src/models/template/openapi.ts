/**
 * An inline OpenAPI 3 or Swagger 2 definition read from the template model: the `DefinitionBody`
 * of a SAM API or the `Body` of an API Gateway API. It lists each operation under `paths` with
 * the security and the request validator API Gateway gives it, judged the way API Gateway
 * imports the definition. Whatever the template alone cannot tell (an `AWS::Include` transform,
 * an intrinsic where a value belongs, a scheme name declared nowhere) is unknown, never a guess.
 */
import type { MapEntry, MapNode, TNode } from './nodes';
import { entry, get, intrinsicName, isMap, isScalar, isSeq, str } from './nodes';

/** What stands between a caller and an operation. */
export type Guard =
  /** An authorizer: Lambda, Cognito, JWT, or IAM (SigV4). */
  | 'authorizer'
  /** Only an API key, which identifies a client app, not a user. */
  | 'api-key'
  | 'open'
  | 'unknown';

/** How a named security scheme protects an operation. */
export type SchemeKind = 'authorizer' | 'api-key' | 'unknown';

export interface SecurityVerdict {
  guard: Guard;
  /** Whose `security` list decides: the operation's own, the root's, or none (no list at all). */
  source: 'operation' | 'root' | 'none';
  /** True when the deciding list says "no security" outright: `[]`, or only `{}` requirements. */
  explicitlyOpen: boolean;
  /** How many requirements the deciding list has. */
  requirements: number;
  /** The scheme names the deciding list uses. */
  schemes: string[];
}

export interface ValidatorVerdict {
  /** `body`: a validator with validateRequestBody applies; `parameters-only`: one applies that leaves the body alone. */
  status: 'body' | 'parameters-only' | 'none' | 'unknown';
  /** The validator's name, when one applies. */
  name?: string;
}

export interface OpenApiOperation {
  /** Upper case; `ANY` for `x-amazon-apigateway-any-method`. */
  method: string;
  path: string;
  /** The method's key in the path item: where a finding about the operation lands. */
  entry: MapEntry;
  /** The operation's map; undefined when it is an intrinsic (its security is then unknown). */
  node: MapNode | undefined;
  security: SecurityVerdict;
  validator: ValidatorVerdict;
  /** True when the operation has an `x-amazon-apigateway-integration` (a backend). */
  hasIntegration: boolean;
}

export interface OpenApiDoc {
  version: 'openapi3' | 'swagger2';
  body: MapNode;
  operations: OpenApiOperation[];
  /** The root `security` verdict; undefined when the root has no `security`. */
  rootSecurity: SecurityVerdict | undefined;
  /** The validator the root names for operations that name none (`status: 'none'` when it names none). */
  rootValidator: ValidatorVerdict;
  /** The security schemes the body declares, by name. */
  schemes: Map<string, SchemeKind>;
  /** True when the body carries a resource policy (`x-amazon-apigateway-policy`). */
  hasPolicy: boolean;
}

export interface ReadOptions {
  /**
   * Schemes that exist though the body does not declare them: SAM adds its `Auth.Authorizers`
   * (and `AWS_IAM`) to the definition it deploys.
   */
  externalScheme?(name: string): SchemeKind | undefined;
}

/** The HTTP methods an OpenAPI path item may hold, and API Gateway's catch-all. */
const METHOD_KEYS: Record<string, string> = {
  get: 'GET',
  put: 'PUT',
  post: 'POST',
  delete: 'DELETE',
  patch: 'PATCH',
  head: 'HEAD',
  options: 'OPTIONS',
  'x-amazon-apigateway-any-method': 'ANY',
};

/** A map written out in the template, not an intrinsic function standing for a value. */
function plainMap(n: TNode | undefined): MapNode | undefined {
  return isMap(n) && intrinsicName(n) === undefined ? n : undefined;
}

/**
 * Reads an inline definition; undefined when it cannot be read from the template alone (not a
 * map, an intrinsic such as `Fn::Transform: AWS::Include` or `Fn::If`, no `openapi`/`swagger`
 * version, no plain `paths` map).
 */
export function readOpenApi(body: TNode | undefined, options: ReadOptions = {}): OpenApiDoc | undefined {
  const root = plainMap(body);
  if (!root) return undefined;
  const openapi = str(get(root, 'openapi'));
  const swagger = str(get(root, 'swagger'));
  const version = openapi?.startsWith('3') ? 'openapi3' : swagger?.startsWith('2') ? 'swagger2' : undefined;
  const paths = plainMap(get(root, 'paths'));
  if (!version || !paths) return undefined;

  const schemes = declaredSchemes(root, version);
  const kindOf = (name: string): SchemeKind => {
    if (schemes !== undefined) {
      const declared = schemes.get(name);
      if (declared) return declared;
    }
    return options.externalScheme?.(name) ?? 'unknown';
  };
  const rootSecurityEntry = entry(root, 'security');
  const rootSecurity = rootSecurityEntry ? judgeSecurity(rootSecurityEntry.value, 'root', kindOf) : undefined;
  const validators = validatorTable(root);
  const rootValidator = get(root, 'x-amazon-apigateway-request-validator');

  const operations: OpenApiOperation[] = [];
  for (const p of paths.entries) {
    const item = plainMap(p.value);
    for (const e of item?.entries ?? []) {
      const method = METHOD_KEYS[e.key.toLowerCase()];
      if (!method) continue;
      const node = plainMap(e.value);
      const own = entry(node, 'security');
      const security: SecurityVerdict = !node
        ? { guard: 'unknown', source: 'operation', explicitlyOpen: false, requirements: 0, schemes: [] }
        : own
          ? judgeSecurity(own.value, 'operation', kindOf)
          : (rootSecurity ?? { guard: 'open', source: 'none', explicitlyOpen: false, requirements: 0, schemes: [] });
      const validatorName = node ? (get(node, 'x-amazon-apigateway-request-validator') ?? rootValidator) : undefined;
      operations.push({
        method,
        path: p.key,
        entry: e,
        node,
        security,
        validator: node ? judgeValidator(validatorName, validators) : { status: 'unknown' },
        hasIntegration: node !== undefined && get(node, 'x-amazon-apigateway-integration') !== undefined,
      });
    }
    // A path item behind `$ref` or an intrinsic hides its operations: they are unknown and listed as such.
    if (!item || get(item, '$ref') !== undefined) {
      operations.push({
        method: '*',
        path: p.key,
        entry: p,
        node: undefined,
        security: { guard: 'unknown', source: 'operation', explicitlyOpen: false, requirements: 0, schemes: [] },
        validator: { status: 'unknown' },
        hasIntegration: false,
      });
    }
  }
  return {
    version,
    body: root,
    operations,
    rootSecurity,
    rootValidator: judgeValidator(rootValidator, validators),
    schemes: schemes ?? new Map(),
    hasPolicy: get(root, 'x-amazon-apigateway-policy') !== undefined,
  };
}

/** The operations a route (method and path, as an event or route key names them) may be. */
export function operationsFor(doc: OpenApiDoc, method: string, path: string): OpenApiOperation[] {
  const m = method.toUpperCase();
  return doc.operations.filter((op) => op.path === path && (op.method === m || op.method === '*'));
}

/**
 * The schemes of `components.securitySchemes` (OpenAPI 3) or `securityDefinitions` (Swagger 2);
 * undefined when that section is an intrinsic, so that no name can be judged.
 */
function declaredSchemes(root: MapNode, version: 'openapi3' | 'swagger2'): Map<string, SchemeKind> | undefined {
  const section = version === 'openapi3' ? get(get(root, 'components'), 'securitySchemes') : get(root, 'securityDefinitions');
  const out = new Map<string, SchemeKind>();
  if (section === undefined) return out;
  const map = plainMap(section);
  if (!map) return undefined;
  for (const e of map.entries) out.set(e.key, schemeKind(e.value));
  return out;
}

/** How one security scheme protects what names it. */
export function schemeKind(scheme: TNode): SchemeKind {
  const map = plainMap(scheme);
  if (!map) return 'unknown';
  // A Lambda (token or request), Cognito or JWT authorizer: whatever the scheme's `type`.
  const authorizer = get(map, 'x-amazon-apigateway-authorizer');
  if (authorizer !== undefined) return isMap(authorizer) ? 'authorizer' : 'unknown';
  // `awsSigv4` is IAM auth; `cognito_user_pools` and `custom` name an authorizer.
  const authType = get(map, 'x-amazon-apigateway-authtype');
  if (authType !== undefined) return str(authType) !== undefined ? 'authorizer' : 'unknown';
  const type = str(get(map, 'type'));
  const name = str(get(map, 'name'));
  const where = str(get(map, 'in'));
  // API Gateway's own API key: it identifies the calling app for usage plans, not a user.
  if (type === 'apiKey' && name?.toLowerCase() === 'x-api-key' && (where === undefined || where === 'header')) return 'api-key';
  // oauth2/openIdConnect without API Gateway's JWT configuration, HTTP basic, other keys: not
  // something API Gateway enforces by itself, and not ours to judge.
  return 'unknown';
}

/**
 * Judges a `security` list. API Gateway does not read its requirements as alternatives the way
 * OpenAPI does: a method gets the authorizer named and requires the API key if named (SAM writes
 * `[{ MyAuthorizer: [] }, { api_key: [] }]` to ask for both), so any authorizer named protects.
 */
function judgeSecurity(list: TNode, source: 'operation' | 'root', kindOf: (name: string) => SchemeKind): SecurityVerdict {
  const verdict = (guard: Guard, explicitlyOpen = false, requirements = 0, schemes: string[] = []): SecurityVerdict => ({ guard, source, explicitlyOpen, requirements, schemes });
  if (!isSeq(list)) return verdict('unknown');
  const requirements: MapNode[] = [];
  for (const item of list.items) {
    const req = plainMap(item);
    if (!req) return verdict('unknown', false, list.items.length);
    requirements.push(req);
  }
  const names = requirements.flatMap((r) => r.entries.map((e) => e.key));
  const n = requirements.length;
  if (names.length === 0) return verdict('open', true, n);
  // `{}` beside other requirements makes auth optional in OpenAPI; API Gateway's reading of
  // that mix is not documented, so it is not judged.
  if (requirements.some((r) => r.entries.length === 0)) return verdict('unknown', false, n, names);
  const kinds = names.map(kindOf);
  if (kinds.includes('authorizer')) return verdict('authorizer', false, n, names);
  if (kinds.includes('unknown')) return verdict('unknown', false, n, names);
  return verdict('api-key', false, n, names);
}

/** `x-amazon-apigateway-request-validators`: name → whether it validates the body / the parameters; undefined when unreadable. */
function validatorTable(root: MapNode): Map<string, { body: boolean | undefined; parameters: boolean | undefined }> | undefined {
  const node = get(root, 'x-amazon-apigateway-request-validators');
  const out = new Map<string, { body: boolean | undefined; parameters: boolean | undefined }>();
  if (node === undefined) return out;
  const map = plainMap(node);
  if (!map) return undefined;
  for (const e of map.entries) {
    const v = plainMap(e.value);
    out.set(e.key, v ? { body: flag(get(v, 'validateRequestBody')), parameters: flag(get(v, 'validateRequestParameters')) } : { body: undefined, parameters: undefined });
  }
  return out;
}

/** A boolean flag: absent is false; an intrinsic is unknown. */
function flag(n: TNode | undefined): boolean | undefined {
  if (n === undefined) return false;
  if (!isScalar(n)) return undefined;
  const v = String(n.value).toLowerCase();
  return v === 'true' ? true : v === 'false' ? false : undefined;
}

function judgeValidator(nameNode: TNode | undefined, table: ReturnType<typeof validatorTable>): ValidatorVerdict {
  if (nameNode === undefined) return { status: 'none' };
  const name = str(nameNode);
  if (name === undefined || table === undefined) return { status: 'unknown' };
  const v = table.get(name);
  if (!v || v.body === undefined) return { status: 'unknown', name };
  if (v.body) return { status: 'body', name };
  if (v.parameters === undefined) return { status: 'unknown', name };
  return { status: v.parameters ? 'parameters-only' : 'none', name };
}
