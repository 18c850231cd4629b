/**
 * SAM as the transform sees it: `Globals` merged into each function and API, the events of each
 * function, and the implicit `ServerlessRestApi` / `ServerlessHttpApi` that `Api` and `HttpApi`
 * events create when they name no API of their own.
 */
import type { TemplateModel, TemplateResource } from './model';
import type { MapEntry, MapNode, TNode } from './nodes';
import { get, getPath, intrinsicName, isMap, isScalar, str } from './nodes';

const GLOBALS_SECTION: Record<string, string> = {
  'AWS::Serverless::Function': 'Function',
  'AWS::Serverless::Api': 'Api',
  'AWS::Serverless::HttpApi': 'HttpApi',
  'AWS::Serverless::SimpleTable': 'SimpleTable',
  'AWS::Serverless::StateMachine': 'StateMachine',
};

/**
 * The resource's properties with `Globals` merged in, as SAM does: maps merge key by key with the
 * resource winning, lists from Globals come first, scalars from the resource win. Nodes keep
 * their own source offsets, so a finding on a global value lands in `Globals`.
 */
export function effectiveProperties(model: TemplateModel, res: TemplateResource): MapNode | undefined {
  const section = GLOBALS_SECTION[res.type];
  const globals = section && model.isSam ? get(get(model.root, 'Globals'), section) : undefined;
  if (!isMap(globals)) return res.properties;
  if (!res.properties) return globals;
  return mergeMaps(globals, res.properties);
}

function mergeMaps(base: MapNode, over: MapNode): MapNode {
  const entries: MapEntry[] = [];
  const overKeys = new Map(over.entries.map((e) => [e.key, e]));
  for (const b of base.entries) {
    const o = overKeys.get(b.key);
    if (!o) entries.push(b);
    else entries.push({ ...o, value: mergeValues(b.value, o.value) });
  }
  const baseKeys = new Set(base.entries.map((e) => e.key));
  for (const o of over.entries) if (!baseKeys.has(o.key)) entries.push(o);
  return { ...over, entries };
}

function mergeValues(base: TNode, over: TNode): TNode {
  // Intrinsic functions are values, not maps to merge into.
  if (isMap(base) && isMap(over) && !intrinsicName(base) && !intrinsicName(over)) return mergeMaps(base, over);
  if (base.kind === 'seq' && over.kind === 'seq') return { ...over, items: [...base.items, ...over.items] };
  return over;
}

export interface SamEvent {
  function: TemplateResource;
  name: string;
  /** The event's entry under `Events` (where a missing-thing finding lands). */
  entry: MapEntry;
  type: string;
  properties: MapNode | undefined;
}

export function functionEvents(model: TemplateModel, fn: TemplateResource): SamEvent[] {
  const events = get(effectiveProperties(model, fn), 'Events');
  if (!isMap(events)) return [];
  return events.entries
    .filter((e) => isMap(e.value))
    .map((e) => {
      const props = get(e.value, 'Properties');
      return { function: fn, name: e.key, entry: e, type: str(get(e.value, 'Type')) ?? '', properties: isMap(props) ? props : undefined };
    });
}

export const IMPLICIT_REST_API = 'ServerlessRestApi';
export const IMPLICIT_HTTP_API = 'ServerlessHttpApi';

export interface SamApi {
  /** Logical id: the resource's, or ServerlessRestApi / ServerlessHttpApi for the implicit ones. */
  id: string;
  kind: 'rest' | 'http';
  /** The explicit resource; undefined for an implicit API. */
  resource?: TemplateResource;
  /** Properties with Globals merged (Globals.Api / Globals.HttpApi also shape the implicit APIs). */
  properties: MapNode | undefined;
  /** The events that route to this API. */
  events: SamEvent[];
}

const API_TYPES: Record<string, 'rest' | 'http'> = {
  'AWS::Serverless::Api': 'rest',
  'AWS::Serverless::HttpApi': 'http',
};

/** The logical id an event's `RestApiId` / `ApiId` names (`!Ref MyApi`), if any. */
function referencedApi(ev: SamEvent): string | undefined {
  const ref = get(ev.properties, ev.type === 'HttpApi' ? 'ApiId' : 'RestApiId');
  if (ref === undefined) return undefined;
  if (intrinsicName(ref) === 'Ref') return str(get(ref, 'Ref'));
  return isScalar(ref) ? str(ref) : '?';
}

/** SAM APIs, explicit and implicit, with the events routed to each. */
export function samApis(model: TemplateModel): SamApi[] {
  const apis = new Map<string, SamApi>();
  for (const res of model.resources) {
    const kind = API_TYPES[res.type];
    if (kind) apis.set(res.id, { id: res.id, kind, resource: res, properties: effectiveProperties(model, res), events: [] });
  }
  const globalsOf = (section: string): MapNode | undefined => {
    const g = getPath(model.root, 'Globals', section);
    return isMap(g) ? g : undefined;
  };
  for (const fn of model.resources) {
    if (fn.type !== 'AWS::Serverless::Function') continue;
    for (const ev of functionEvents(model, fn)) {
      if (ev.type !== 'Api' && ev.type !== 'HttpApi') continue;
      const kind = ev.type === 'Api' ? 'rest' : 'http';
      const target = referencedApi(ev);
      let api = target ? apis.get(target) : undefined;
      if (!api && !target) {
        const id = kind === 'rest' ? IMPLICIT_REST_API : IMPLICIT_HTTP_API;
        api = apis.get(id);
        if (!api) {
          api = { id, kind, properties: globalsOf(kind === 'rest' ? 'Api' : 'HttpApi'), events: [] };
          apis.set(id, api);
        }
      }
      api?.events.push(ev);
    }
  }
  return [...apis.values()];
}

/** SAM functions with Globals merged. */
export function samFunctions(model: TemplateModel): { resource: TemplateResource; properties: MapNode | undefined }[] {
  return model.resources
    .filter((r) => r.type === 'AWS::Serverless::Function')
    .map((r) => ({ resource: r, properties: effectiveProperties(model, r) }));
}
