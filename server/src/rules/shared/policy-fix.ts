/**
 * The policies a function needs, written for a template: for each resource its code uses, the
 * narrowest SAM policy template that covers the calls without adding writes, or a scoped
 * statement with exactly the actions called on the resource's ARN. Values are written with
 * fix-text.ts's renderer.
 */
import type { Need, Target } from './function-access';
import { actionMatches } from './function-access';
import type { ArnRecipe } from './resource-arns';
import { ARNS_BY_NAME, ARNS_BY_TYPE, DEFAULT_EVENT_BUS_ARN, NAMED_BY_ARN } from './resource-arns';
import type { CfnValue } from './fix-text';
import { SAM_POLICY_TEMPLATES } from './sam-policy-templates';
import type { ArnScope } from './sdk-iam-actions';
import { isReadAction } from './sdk-iam-actions';

/** The needs on one target. */
export interface NeedGroup {
  service: string;
  target: Target;
  actions: string[];
  scopes: ArnScope[];
  /** Each action with the scope it needs (an action may need several). */
  pairs: [string, ArnScope][];
}

export function groupNeeds(needs: readonly Need[]): NeedGroup[] {
  const groups = new Map<string, NeedGroup>();
  for (const n of needs) {
    const service = n.action.split(':')[0];
    const key = `${service} ${JSON.stringify(n.target)}`;
    const g = groups.get(key) ?? { service, target: n.target, actions: [], scopes: [], pairs: [] };
    if (!g.actions.includes(n.action)) g.actions.push(n.action);
    if (!g.scopes.includes(n.scope)) g.scopes.push(n.scope);
    if (!g.pairs.some(([a, sc]) => a === n.action && sc === n.scope)) g.pairs.push([n.action, n.scope]);
    groups.set(key, g);
  }
  for (const g of groups.values()) g.actions.sort();
  return [...groups.values()];
}

function recipeValue(r: ArnRecipe, id: string): CfnValue {
  if ('ref' in r) return { Ref: id };
  if ('getAtt' in r) return { GetAtt: [id, r.getAtt] };
  return { Sub: r.sub.replace(/\{\}/g, id) };
}

function fromName(pattern: string, name: string, isParameter: boolean): CfnValue {
  const text = pattern.replace('{}', isParameter ? `\${${name}}` : name);
  return text.includes('${') ? { Sub: text } : text;
}

const looksLikeArn = (t: Target): boolean => (t.kind === 'parameter' && /arn/i.test(t.id)) || (t.kind === 'literal' && t.value.startsWith('arn:'));

/** The ARN of a target for a scope, as a template value; undefined when it cannot be written. */
export function arnValue(g: { service: string; target: Target }, scope: ArnScope): CfnValue | undefined {
  const t = g.target;
  if (scope === 'none' || t.kind === 'none') return '*';
  if (t.kind === 'default-bus') return { Sub: DEFAULT_EVENT_BUS_ARN };
  if (t.kind === 'unknown') return undefined;
  if (t.kind === 'resource') {
    const arns = ARNS_BY_TYPE[t.type];
    if (!arns || arns.service !== g.service) return undefined;
    const r = scope === 'self' ? arns.self : arns[scope];
    return r && recipeValue(r, t.id);
  }
  if (looksLikeArn(t)) {
    if (scope !== 'self' || !(g.service in NAMED_BY_ARN)) return undefined;
    return t.kind === 'parameter' ? { Ref: t.id } : t.value;
  }
  const byName = ARNS_BY_NAME[g.service];
  const pattern = byName && (scope === 'self' ? byName.self : byName[scope]);
  if (!pattern) return undefined;
  return fromName(pattern, t.kind === 'parameter' ? t.id : t.value, t.kind === 'parameter');
}

/** The SAM policy template parameter naming a target, and its value. */
function samParameter(g: NeedGroup): { name: string; value: CfnValue } | undefined {
  const t = g.target;
  if (t.kind === 'default-bus') return { name: 'EventBusName', value: 'default' };
  if (t.kind === 'resource') {
    const p = ARNS_BY_TYPE[t.type]?.samParameter;
    return p && ARNS_BY_TYPE[t.type].service === g.service ? { name: p.name, value: recipeValue(p.value, t.id) } : undefined;
  }
  if (t.kind !== 'parameter' && t.kind !== 'literal') return undefined;
  const value: CfnValue = t.kind === 'parameter' ? { Ref: t.id } : t.value;
  const name = looksLikeArn(t) ? NAMED_BY_ARN[g.service]?.samParameter : ARNS_BY_NAME[g.service]?.samParameter;
  return name ? { name, value } : undefined;
}

/** Whether a template resource pattern reaches a scope of the resource named by `${param}`. */
function patternReaches(pattern: string, param: string, scope: ArnScope): boolean {
  if (scope === 'none') return pattern === '*';
  if (pattern === '*') return true;
  const i = pattern.indexOf(`\${${param}}`);
  if (i < 0) return false;
  const rest = pattern.slice(i + param.length + 3);
  if (scope === 'self') return rest === '' || rest === '*';
  if (scope === 'index') return rest === '/index/*' || rest === '/*' || rest === '*';
  return rest === '/*' || rest === '*';
}

/**
 * The narrowest SAM policy template that allows every action of the group on its scopes and adds
 * only read-level actions besides them.
 */
export function pickTemplate(g: NeedGroup): { template: string; parameter: { name: string; value: CfnValue } } | undefined {
  const parameter = samParameter(g);
  if (!parameter) return undefined;
  let bestName: string | undefined;
  let bestSize = Infinity;
  for (const [name, def] of Object.entries(SAM_POLICY_TEMPLATES)) {
    if (def.parameters.length !== 1 || def.parameters[0] !== parameter.name) continue;
    const allows = (action: string, scope: ArnScope): boolean =>
      def.statements.some((s) => s.actions.some((p) => actionMatches(p, action)) && s.resources.some((r) => patternReaches(r, parameter.name, scope)));
    if (!g.pairs.every(([a, s]) => allows(a, s))) continue;
    const all = def.statements.flatMap((s) => s.actions);
    const extras = all.filter((p) => !g.actions.some((a) => a.toLowerCase() === p.toLowerCase()));
    if (!extras.every((p) => isReadAction(p) || g.actions.some((a) => actionMatches(p, a)))) continue;
    if (all.length < bestSize) {
      bestSize = all.length;
      bestName = name;
    }
  }
  return bestName ? { template: bestName, parameter } : undefined;
}

/** The policy items for a set of needs, or undefined when some target's ARN cannot be written. */
export function policyItems(needs: readonly Need[], allowTemplates: boolean): CfnValue[] | undefined {
  const out: CfnValue[] = [];
  for (const g of groupNeeds(needs)) {
    const t = allowTemplates ? pickTemplate(g) : undefined;
    if (t) {
      out.push({ map: [[t.template, { map: [[t.parameter.name, t.parameter.value]] }]] });
      continue;
    }
    const st = statementsOfGroup(g);
    if (!st) return undefined;
    out.push({ map: [['Statement', { list: st }]] });
  }
  return out;
}

/**
 * Scoped statements for a group: the actions that need the same resources share a statement,
 * so a table's reads and its index queries each get exactly their ARN.
 */
export function statementsOfGroup(g: NeedGroup): CfnValue[] | undefined {
  const byResources = new Map<string, { actions: string[]; resources: CfnValue[] }>();
  for (const action of g.actions) {
    const resources: CfnValue[] = [];
    for (const [a, s] of g.pairs) {
      if (a !== action) continue;
      const v = arnValue(g, s);
      if (v === undefined) return undefined;
      if (!resources.some((r) => JSON.stringify(r) === JSON.stringify(v))) resources.push(v);
    }
    const key = JSON.stringify(resources);
    const entry = byResources.get(key) ?? { actions: [], resources };
    entry.actions.push(action);
    byResources.set(key, entry);
  }
  return [...byResources.values()].map(({ actions, resources }) => ({
    map: [
      ['Effect', 'Allow'],
      ['Action', { list: actions }],
      ['Resource', resources.length === 1 ? resources[0] : { list: resources }],
    ],
  }));
}

export function statementsFor(needs: readonly Need[]): CfnValue[] | undefined {
  const out: CfnValue[] = [];
  for (const g of groupNeeds(needs)) {
    const st = statementsOfGroup(g);
    if (!st) return undefined;
    out.push(...st);
  }
  return out;
}
