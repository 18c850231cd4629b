/**
 * What a template's functions need and what they are granted: each function linked to its
 * handler module (SAM `CodeUri` + `Handler`, Globals merged; CloudFormation `Code` as a local
 * path), the AWS calls of that code with the resources they name traced through the function's
 * environment variables, and the Allow statements that reach the function's role (inline
 * statements, SAM policy templates, a template role's policies).
 */
import type { WorkspaceIndex } from '../../engine/workspace';
import { dirnameKey, joinKey } from '../../engine/paths';
import type { TemplateModel, TemplateResource } from '../../models/template/model';
import type { MapEntry, MapNode, TNode } from '../../models/template/nodes';
import { get, intrinsicName, isMap, isScalar, isSeq, str } from '../../models/template/nodes';
import { Resolver } from '../../models/template/resolve';
import { effectiveProperties } from '../../models/template/sam';
import type { AwsCall, CodeCalls, ResourceName } from './aws-calls';
import { callsOfModuleGraph } from './aws-calls';
import type { ArnScope } from './sdk-iam-actions';
import { IMPLICIT_ACTIONS } from './sdk-iam-actions';
import { SAM_POLICY_TEMPLATES } from './sam-policy-templates';
import { listItems, policyStatements, policyTemplateStatements } from './template-policies';
import { referencedIds as referencedIdSet } from './template-refs';

const referencedIds = (node: TNode | undefined): string[] => [...referencedIdSet(node)];

const CODE_EXTS = ['.ts', '.js', '.mjs', '.cjs', '.mts', '.cts', '.tsx', '.jsx'];
const FUNCTION_TYPES = new Set(['AWS::Serverless::Function', 'AWS::Lambda::Function']);

/** What a call's resource is, in the template's terms. */
export type Target =
  | { kind: 'resource'; id: string; type: string }
  | { kind: 'parameter'; id: string }
  | { kind: 'literal'; value: string }
  | { kind: 'default-bus' }
  | { kind: 'none' }
  | { kind: 'unknown'; why: string };

/** One action a function's code needs, on one target. */
export interface Need {
  action: string;
  target: Target;
  scope: ArnScope;
  /** The call that needs it; absent for what Lambda does as the function (polling an event source). */
  call?: AwsCall;
}

export type Coverage = 'yes' | 'maybe' | 'no';

/** One Allow statement (written, or expanded from a SAM policy template) that reaches a function. */
export interface Grant {
  kind: 'statement' | 'template';
  /** The resource that holds it: the SAM function, the role, or the policy resource. */
  owner: TemplateResource;
  /** The functions whose role it reaches. */
  holders: string[];
  actions: string[];
  /** Where the grant is written: the statement map, or the template entry's key. */
  node: TNode;
  statement?: MapNode;
  /** The `Action` entry of a written statement. */
  actionEntry?: MapEntry;
  /** The policy document holding the statement, and for SAM functions, the `Policies` item. */
  document?: TNode;
  policiesItem?: TNode;
  templateName?: string;
  templateEntry?: MapEntry;
  /** Whether the grant reaches a target with a scope. */
  covers(target: Target, scope: ArnScope): Coverage;
  /** The resources as written, for messages. */
  resourceText: string;
}

export interface FunctionAccess {
  fn: TemplateResource;
  properties: MapNode | undefined;
  /** The handler module's key, when the code was found in the workspace. */
  codeKey?: string;
  /** Why the code was not linked (an image function, a CodeUri on S3, a module not in the workspace). */
  codeMissing?: string;
  calls: CodeCalls;
  needs: Need[];
  grants: Grant[];
  /** Reasons some permissions of the role cannot be read (a role from outside the template, a managed policy). */
  opaqueGrants: string[];
  /** The role resource when the function uses a role of the template. */
  roleId?: string;
}

const EMPTY_CALLS: CodeCalls = { calls: [], unresolved: [], files: [] };

/** Access of every Lambda function of the template whose code can be read. */
export function templateAccess(workspace: WorkspaceIndex, templateKey: string, model: TemplateModel): FunctionAccess[] {
  const resolver = new Resolver(model);
  const byId = new Map(model.resources.map((r) => [r.id, r]));
  const out: FunctionAccess[] = [];
  for (const fn of model.resources) {
    if (!FUNCTION_TYPES.has(fn.type)) continue;
    const properties = fn.type === 'AWS::Serverless::Function' ? effectiveProperties(model, fn) : fn.properties;
    const link = linkCode(workspace, templateKey, fn, properties, resolver);
    const calls = link.key ? callsOfModuleGraph(workspace, link.key) : EMPTY_CALLS;
    const env = environmentOf(properties);
    const needs: Need[] = [];
    for (const call of calls.calls) {
      const target = targetOfName(call.resource, env, 'Environment', (v) => targetOfValue(v, byId, model));
      for (const action of call.actions) needs.push({ action, target, scope: call.scope, call });
    }
    out.push({ fn, properties, codeKey: link.key, codeMissing: link.missing, calls, needs, grants: [], opaqueGrants: [] });
  }
  addPollingNeeds(model, out, byId);
  collectGrants(model, out, resolver, byId);
  return out;
}

/**
 * An event source mapping polls its queue or stream with the function's role: those actions are
 * needed though no code calls them (SAM adds them itself for SQS, Kinesis and DynamoDB events).
 */
function addPollingNeeds(model: TemplateModel, access: FunctionAccess[], byId: Map<string, TemplateResource>): void {
  for (const m of model.resources) {
    if (m.type !== 'AWS::Lambda::EventSourceMapping') continue;
    const fnIds = referencedIds(get(m.properties, 'FunctionName'));
    const source = get(m.properties, 'EventSourceArn');
    if (!source) continue;
    const target = targetOfValue(source, byId, model);
    const service = target.kind === 'resource' ? POLLED_TYPES[target.type] : undefined;
    if (!service) continue;
    for (const a of access) {
      if (!fnIds.includes(a.fn.id)) continue;
      for (const action of IMPLICIT_ACTIONS.filter((x) => x.startsWith(`${service}:`))) a.needs.push({ action, target, scope: 'self' });
    }
  }
}

const POLLED_TYPES: Record<string, string> = { 'AWS::SQS::Queue': 'sqs', 'AWS::Kinesis::Stream': 'kinesis' };

/** Each template's functions as (handler module key, export name), computed once per parsed template. */
const handlerLinks = new WeakMap<TemplateModel, { key: string; exportName: string }[]>();

/**
 * The exports of the code file `codeKey` that a SAM or CloudFormation function of the workspace
 * names as its handler (`Handler: src/orders.getOrder` → getOrder). Only files whose text
 * declares a function are parsed, and code files are looked up without parsing them.
 */
export function templateHandlerExports(workspace: WorkspaceIndex, codeKey: string): Set<string> {
  const out = new Set<string>();
  for (const file of workspace.keys()) {
    if (!/\.(?:ya?ml|json|template)$/i.test(file)) continue;
    const text = workspace.textOf(file);
    if (!text || !/AWS::(?:Serverless|Lambda)::Function/.test(text)) continue;
    const t = workspace.get(file);
    if (t?.kind !== 'template') continue;
    let links = handlerLinks.get(t.model);
    if (!links) {
      links = [];
      const resolver = new Resolver(t.model);
      for (const fn of t.model.resources) {
        if (!FUNCTION_TYPES.has(fn.type)) continue;
        const properties = fn.type === 'AWS::Serverless::Function' ? effectiveProperties(t.model, fn) : fn.properties;
        const link = linkCode(workspace, file, fn, properties, resolver, (c) => workspace.has(c));
        if (link.key && link.exportName) links.push({ key: link.key, exportName: link.exportName });
      }
      handlerLinks.set(t.model, links);
    }
    for (const l of links) if (l.key === codeKey) out.add(l.exportName);
  }
  return out;
}

function linkCode(
  workspace: WorkspaceIndex,
  templateKey: string,
  fn: TemplateResource,
  props: MapNode | undefined,
  resolver: Resolver,
  isCode: (key: string) => boolean = (c) => workspace.get(c)?.kind === 'code',
): { key?: string; missing?: string; exportName?: string } {
  if (str(get(props, 'PackageType')) === 'Image') return { missing: 'it is a container image' };
  const handler = resolver.single(get(props, 'Handler'));
  if (!handler) return { missing: 'its Handler is not a plain value' };
  const dot = handler.lastIndexOf('.');
  if (dot <= 0) return { missing: `its Handler '${handler}' names no module` };
  const module = handler.slice(0, dot);
  const codeNode = fn.type === 'AWS::Serverless::Function' ? get(props, 'CodeUri') : get(props, 'Code');
  if (fn.type === 'AWS::Serverless::Function' && get(props, 'InlineCode') !== undefined) return { missing: 'its code is inline' };
  let codeDir: string | undefined;
  if (codeNode === undefined) codeDir = fn.type === 'AWS::Serverless::Function' ? '.' : undefined;
  else if (isScalar(codeNode)) codeDir = str(codeNode);
  if (codeDir === undefined || /^s3:\/\//.test(codeDir)) return { missing: 'its code is not a local folder' };
  const base = joinKey(dirnameKey(templateKey), codeDir);
  // sam build with esbuild names the TypeScript entry point in Metadata; the Handler names the bundle.
  const entryPoints = get(get(fn.node, 'Metadata'), 'BuildProperties');
  const entries = listItems(get(entryPoints, 'EntryPoints')).map((n) => str(n)).filter((s): s is string => !!s);
  const candidates: string[] = [];
  for (const ep of entries) if (ep.replace(/\.[^./]+$/, '') === module) candidates.push(joinKey(base, ep));
  const stem = joinKey(base, module);
  for (const ext of CODE_EXTS) candidates.push(stem + ext);
  const key = candidates.find(isCode);
  return key ? { key, exportName: handler.slice(dot + 1) } : { missing: `its handler module ${module} (under ${codeDir}) is not in the workspace` };
}

function environmentOf(props: MapNode | undefined): Map<string, TNode> {
  const vars = get(get(props, 'Environment'), 'Variables');
  const out = new Map<string, TNode>();
  if (isMap(vars)) for (const e of vars.entries) out.set(e.key, e.value);
  return out;
}

/** The logical id (or parameter) a value stands for: `!Ref X`, `!GetAtt X.Arn`, `!Sub ${X}`. */
function targetOfValue(node: TNode, byId: Map<string, TemplateResource>, model: TemplateModel): Target {
  if (isScalar(node)) return node.value === null ? { kind: 'unknown', why: 'empty' } : { kind: 'literal', value: String(node.value) };
  const fn = intrinsicName(node);
  let id: string | undefined;
  if (fn === 'Ref') id = str(get(node, 'Ref'));
  else if (fn === 'Fn::GetAtt') {
    const arg = get(node, 'Fn::GetAtt');
    id = isSeq(arg) ? str(arg.items[0]) : str(arg)?.split('.')[0];
  } else if (fn === 'Fn::Sub') {
    const arg = get(node, 'Fn::Sub');
    const m = /^\$\{([A-Za-z0-9]+)(\.[A-Za-z.]+)?\}$/.exec((isScalar(arg) ? str(arg) : undefined) ?? '');
    id = m?.[1];
  }
  if (id === undefined) return { kind: 'unknown', why: 'its value is computed by the template' };
  const res = byId.get(id);
  if (res) return { kind: 'resource', id, type: res.type };
  if (get(get(model.root, 'Parameters'), id) !== undefined) return { kind: 'parameter', id };
  return { kind: 'unknown', why: `${id} is not defined in this template` };
}

/**
 * What a call's resource name is, in a front end's terms: the environment variable it reads is
 * looked up in the function's environment (`environmentWord` names it in messages) and its value
 * read by `valueTarget`.
 */
export function targetOfName<V>(name: ResourceName, env: Map<string, V>, environmentWord: string, valueTarget: (v: V) => Target): Target {
  switch (name.kind) {
    case 'none':
      return { kind: 'none' };
    case 'default-bus':
      return { kind: 'default-bus' };
    case 'literal':
      return { kind: 'literal', value: name.value };
    case 'unknown':
      return { kind: 'unknown', why: name.text ? `named by \`${name.text}\`` : 'not named in the call' };
    case 'env': {
      const v = env.get(name.name);
      if (v === undefined) return { kind: 'unknown', why: `named by ${name.name}, which the function's ${environmentWord} does not set` };
      return valueTarget(v);
    }
  }
}

/** Matches an IAM action pattern (`s3:Get*`, `*`) against an action, case-insensitively. */
export function actionMatches(pattern: string, action: string): boolean {
  if (pattern === '*') return true;
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return re.test(action);
}

export function isImplicitAction(action: string): boolean {
  return IMPLICIT_ACTIONS.some((a) => actionMatches(a, action));
}

/**
 * A resource value as text with `${Id}` / `${Id.Attr}` for references, so one matcher reads
 * `!GetAtt T.Arn`, `!Sub '${T.Arn}/index/*'` and `arn:...:table/${T}` alike. Undefined when the
 * value cannot be read.
 */
function resourceText(node: TNode | undefined, params: Map<string, TNode> = new Map(), depth = 0): string | undefined {
  if (!node || depth > 10) return undefined;
  if (isScalar(node)) return node.value === null ? undefined : String(node.value);
  const fn = intrinsicName(node);
  if (fn === 'Ref') {
    const id = str(get(node, 'Ref'));
    return id ? `\${${id}}` : undefined;
  }
  if (fn === 'Fn::GetAtt') {
    const arg = get(node, 'Fn::GetAtt');
    const parts = isSeq(arg) ? arg.items.map((i) => str(i)) : (str(arg) ?? '').split('.');
    return parts.every((p) => p) ? `\${${parts.join('.')}}` : undefined;
  }
  if (fn === 'Fn::Sub') {
    const arg = get(node, 'Fn::Sub');
    const tpl = isSeq(arg) ? str(arg.items[0]) : str(arg);
    if (tpl === undefined) return undefined;
    const vars = isSeq(arg) ? arg.items[1] : undefined;
    return tpl.replace(/\$\{([^!}][^}]*)\}/g, (m, name: string) => {
      const local = get(vars, name) ?? params.get(name);
      return local !== undefined ? (resourceText(local, new Map(), depth + 1) ?? '${?}') : m;
    });
  }
  if (fn === 'Fn::Join') {
    const arg = get(node, 'Fn::Join');
    if (!isSeq(arg) || arg.items.length !== 2 || !isSeq(arg.items[1])) return undefined;
    const sep = str(arg.items[0]) ?? '';
    const parts = arg.items[1].items.map((i) => resourceText(i, params, depth + 1));
    return parts.every((p) => p !== undefined) ? parts.join(sep) : undefined;
  }
  return undefined;
}

/** Whether the part of an ARN after the resource's name reaches the scope a call needs. */
function scopeCovered(rest: string, scope: ArnScope): Coverage {
  if (rest === '') return scope === 'self' ? 'yes' : 'no';
  if (rest === '*') return 'yes';
  if (rest === '/*') return scope === 'children' || scope === 'index' ? 'yes' : 'no';
  if (rest.startsWith('/index/')) return scope === 'index' ? (rest === '/index/*' ? 'yes' : 'maybe') : 'no';
  if (/[*?]|\$\{/.test(rest)) return 'maybe';
  return scope === 'children' ? 'maybe' : 'no';
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether one written resource (as text, references as `${Id}` / `${Id.Attr}`) reaches a target
 * with a scope. CDK resources are read into the same form (`table.tableArn` is `${OrdersTable.Arn}`).
 */
export function textCovers(text: string | undefined, target: Target, scope: ArnScope): Coverage {
  if (text === undefined) return 'maybe';
  if (text === '*') return 'yes';
  switch (target.kind) {
    case 'unknown':
      return 'maybe';
    case 'none':
      // Actions without resource-level permissions match only `*` (or a pattern that is all wildcards).
      return /^[*:]+$|^arn:\*/.test(text) ? 'maybe' : 'no';
    case 'default-bus':
      return /event-bus\/default$/.test(text) ? 'yes' : /[*?]|\$\{(?!AWS::)/.test(text) ? 'maybe' : 'no';
    case 'resource':
    case 'parameter': {
      const m = new RegExp(`\\$\\{${escapeRegExp(target.id)}(?:\\.[A-Za-z.]+)?\\}`).exec(text);
      if (m) return scopeCovered(text.slice(m.index + m[0].length), scope);
      // A reference to some other resource or parameter, or a literal ARN: it may still match
      // when it holds a wildcard or an unread value.
      return /[*?]|\$\{\?\}/.test(text.replace(/\$\{AWS::[A-Za-z]+\}/g, '')) ? 'maybe' : 'no';
    }
    case 'literal': {
      const i = text.search(new RegExp(`[/:]${target.value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=$|/)`));
      if (i >= 0) return scopeCovered(text.slice(i + 1 + target.value.length), scope);
      return /[*?]|\$\{/.test(text) ? 'maybe' : 'no';
    }
  }
}

export function best(cs: Coverage[]): Coverage {
  return cs.includes('yes') ? 'yes' : cs.includes('maybe') ? 'maybe' : 'no';
}

function statementGrant(owner: TemplateResource, statement: MapNode, document: TNode, policiesItem: TNode | undefined): Grant | undefined {
  if (str(get(statement, 'Effect')) !== 'Allow' || get(statement, 'NotAction') !== undefined || get(statement, 'NotResource') !== undefined) return undefined;
  const actionEntry = statement.entries.find((e) => e.key === 'Action');
  const actions = listItems(actionEntry?.value).map((a) => str(a));
  if (!actionEntry || actions.some((a) => a === undefined)) return undefined;
  const resources = listItems(get(statement, 'Resource')).map((r) => resourceText(r));
  const conditioned = get(statement, 'Condition') !== undefined;
  return {
    kind: 'statement',
    owner,
    holders: [],
    actions: actions as string[],
    node: statement,
    statement,
    actionEntry,
    document,
    policiesItem,
    resourceText: resources.map((r) => r ?? '(a computed value)').join(', ') || '(none)',
    covers: (target, scope) => {
      const c = best(resources.map((r) => textCovers(r, target, scope)));
      // A Condition narrows when the statement applies: it may not apply to this call.
      return conditioned && c === 'yes' ? 'maybe' : c;
    },
  };
}

function collectGrants(model: TemplateModel, access: FunctionAccess[], resolver: Resolver, byId: Map<string, TemplateResource>): void {
  const byFn = new Map(access.map((a) => [a.fn.id, a]));
  const roleHolders = new Map<string, FunctionAccess[]>();
  for (const a of access) {
    const role = get(a.properties, 'Role');
    if (role === undefined) {
      if (a.fn.type === 'AWS::Lambda::Function') a.opaqueGrants.push('its Role is not set');
      continue;
    }
    const ids = referencedIds(role).filter((id) => byId.get(id)?.type === 'AWS::IAM::Role');
    if (ids.length !== 1) {
      a.opaqueGrants.push('its Role is defined outside this template');
      continue;
    }
    a.roleId = ids[0];
    const list = roleHolders.get(ids[0]) ?? [];
    list.push(a);
    roleHolders.set(ids[0], list);
  }
  const samRole = (a: FunctionAccess): string => `${a.fn.id}Role`;
  for (const { resource, statement, document } of policyStatements(model)) {
    if (resource.type === 'AWS::Serverless::Function') {
      const a = byFn.get(resource.id);
      if (!a || a.roleId) continue;
      const item = listItems(get(a.properties, 'Policies')).find((p) => p === document);
      const g = statementGrant(resource, statement, document, item);
      if (g) a.grants.push({ ...g, holders: [a.fn.id] });
      continue;
    }
    // Statements on a role, or on a policy attached to roles.
    const roleIds =
      resource.type === 'AWS::IAM::Role' ? [resource.id] : listItems(get(resource.properties, 'Roles')).flatMap((r) => referencedIds(r));
    for (const roleId of roleIds) {
      const holders = roleHolders.get(roleId) ?? access.filter((a) => !a.roleId && a.fn.type === 'AWS::Serverless::Function' && samRole(a) === roleId);
      if (holders.length === 0) continue;
      const g = statementGrant(resource, statement, document, undefined);
      if (!g) continue;
      const grant = { ...g, holders: holders.map((h) => h.fn.id) };
      for (const h of holders) h.grants.push(grant);
    }
  }
  for (const t of policyTemplateStatements(model, resolver)) {
    const a = byFn.get(t.resource.id);
    if (!a || a.roleId) continue;
    const params = new Map<string, TNode>();
    for (const p of SAM_POLICY_TEMPLATES[t.template]?.parameters ?? []) {
      const v = get(t.entry.value, p);
      if (v) params.set(p, v);
    }
    const texts = t.resources.map((r) => {
      if (r.wildcard) return '*';
      const pattern = r.pattern.replace(/\$\{(Partition|Region|Account)\}/g, (_m, p: string) => `\${AWS::${p === 'Account' ? 'AccountId' : p}}`);
      return pattern.replace(/\$\{([A-Za-z]+)\}/g, (m, p: string) => {
        const v = params.get(p);
        if (!v) return m;
        return resourceText(v) ?? '${?}';
      });
    });
    a.grants.push({
      kind: 'template',
      owner: t.resource,
      holders: [a.fn.id],
      actions: [...t.actions],
      node: t.item,
      policiesItem: t.item,
      templateName: t.template,
      templateEntry: t.entry,
      resourceText: texts.join(', '),
      covers: (target, scope) => best(texts.map((x) => textCovers(x, target, scope))),
    });
  }
  for (const a of access) {
    if (a.roleId) {
      const role = byId.get(a.roleId)!;
      if (get(role.properties, 'ManagedPolicyArns') !== undefined) a.opaqueGrants.push(`${a.roleId} attaches managed policies`);
      continue;
    }
    if (a.fn.type !== 'AWS::Serverless::Function') continue;
    for (const p of listItems(get(a.properties, 'Policies'))) {
      if (isScalar(p) || intrinsicName(p)) a.opaqueGrants.push(`its Policies name a managed policy (${str(p) ?? 'a computed value'})`);
      else if (isMap(p) && p.entries.length === 1 && !SAM_POLICY_TEMPLATES[p.entries[0].key] && get(p, 'Statement') === undefined) {
        a.opaqueGrants.push(`its Policies use ${p.entries[0].key}, a policy template this tool does not read`);
      }
    }
    if (get(a.properties, 'Connectors') !== undefined) a.opaqueGrants.push('it has Connectors');
  }
  for (const r of model.resources) {
    if (r.type !== 'AWS::Serverless::Connector') continue;
    const src = get(get(r.properties, 'Source'), 'Id');
    const id = str(src);
    if (id && byFn.has(id)) byFn.get(id)!.opaqueGrants.push(`the connector ${r.id} grants it access`);
  }
}

/** Whether some grant of the function allows a need: 'no' only when every grant is known not to. */
/** What any front end's grant offers for coverage checks. */
export interface GrantLike {
  actions: readonly string[];
  covers(target: Target, scope: ArnScope): Coverage;
}

export function needCovered(a: { grants: readonly GrantLike[] }, need: Need): Coverage {
  return best(a.grants.filter((g) => g.actions.some((p) => actionMatches(p, need.action))).map((g) => g.covers(need.target, need.scope)));
}

/** A short name of a target for messages. */
export function targetLabel(t: Target, scope: ArnScope): string {
  const base =
    t.kind === 'resource' ? t.id : t.kind === 'parameter' ? `the resource in parameter ${t.id}` : t.kind === 'literal' ? `'${t.value}'` : t.kind === 'default-bus' ? 'the default event bus' : t.kind === 'none' ? '*' : 'a resource it names at run time';
  if (t.kind === 'none' || t.kind === 'unknown') return base;
  if (scope === 'index') return `${base}'s indexes`;
  if (scope === 'children') return `objects in ${base}`;
  return base;
}

/** `a`, `a and b`, `a, b and c`. */
export function listText(xs: readonly string[]): string {
  if (xs.length <= 1) return xs.join('');
  return `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

/** "dynamodb:GetItem and dynamodb:Query on OrdersTable; s3:GetObject on objects in Reports". */
export function needsText(needs: readonly Need[]): string {
  const groups = new Map<string, Set<string>>();
  for (const n of needs) {
    const label = targetLabel(n.target, n.scope);
    const set = groups.get(label) ?? new Set<string>();
    set.add(n.action);
    groups.set(label, set);
  }
  return [...groups].map(([label, actions]) => `${listText([...actions].sort())} on ${label}`).join('; ');
}

/**
 * The evidence from the code: what each function's handler calls, when every handler was read
 * and they differ ("GetOrder calls dynamodb:GetItem on OrdersTable; DeleteOrder calls ...").
 */
export function needsEvidence(fns: readonly { name: string; codeKey?: string; needs: readonly Need[] }[]): string {
  if (fns.length < 2 || fns.some((f) => !f.codeKey)) return '';
  const per = fns.map((f) => {
    const called = f.needs.filter((n) => n.call);
    return { name: f.name, text: called.length > 0 ? needsText(called) : 'no AWS API' };
  });
  if (new Set(per.map((p) => p.text)).size < 2) return '';
  return ` Their code needs different things: ${per.map((p) => `${p.name} calls ${p.text}`).join('; ')}.`;
}
