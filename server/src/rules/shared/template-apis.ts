/**
 * The deployed API stages a template makes, whichever way it writes them: SAM APIs (explicit, or
 * the implicit ServerlessRestApi / ServerlessHttpApi that events create) and the plain
 * CloudFormation `AWS::ApiGateway::Stage` / `AWS::ApiGatewayV2::Stage`. Stage-level rules
 * (throttling, access logs, WAF) read their settings here.
 */
import type { TemplateModel, TemplateResource } from '../../models/template/model';
import type { MapNode } from '../../models/template/nodes';
import { get, isMap, str } from '../../models/template/nodes';
import type { Resolver } from '../../models/template/resolve';
import type { SamApi } from '../../models/template/sam';
import { samApis } from '../../models/template/sam';
import { refTarget, resourceById, resourcesOfType } from './template-refs';

export interface ApiStage {
  /** The API's logical id (ServerlessRestApi / ServerlessHttpApi for implicit SAM APIs). */
  api: string;
  kind: 'rest' | 'http' | 'websocket';
  /** The logical id the finding names: the SAM API, the Stage, or for an implicit API the first function routed to it. */
  resource: string;
  /** Where a finding about something missing lands: the resource's key, or the first event's key for an implicit API. */
  at: { start: number; end: number };
  /** The properties that hold the stage settings: the SAM API's (Globals merged) or the Stage's. */
  settings: MapNode | undefined;
  sam?: SamApi;
  /** The explicit resource (SAM API or CloudFormation Stage); undefined for implicit APIs. */
  stageResource?: TemplateResource;
  /** How the text names this setting's home, for messages: "Globals.Api", "its Properties". */
  where: string;
}

export function apiStages(model: TemplateModel, resolver: Resolver): ApiStage[] {
  const out: ApiStage[] = [];
  if (model.isSam) {
    for (const api of samApis(model)) {
      if (api.resource) {
        out.push({
          api: api.id,
          kind: api.kind,
          resource: api.id,
          at: { start: api.resource.entry.keyStart, end: api.resource.entry.keyEnd },
          settings: api.properties,
          sam: api,
          stageResource: api.resource,
          where: `${api.id}'s Properties`,
        });
      } else if (api.events.length > 0) {
        const ev = api.events[0];
        out.push({
          api: api.id,
          kind: api.kind,
          resource: ev.function.id,
          at: { start: ev.entry.keyStart, end: ev.entry.keyEnd },
          settings: api.properties,
          sam: api,
          where: api.kind === 'rest' ? 'Globals.Api' : 'Globals.HttpApi',
        });
      }
    }
  }
  const byId = resourceById(model);
  for (const stage of resourcesOfType(model, 'AWS::ApiGateway::Stage', 'AWS::ApiGatewayV2::Stage')) {
    const v2 = stage.type === 'AWS::ApiGatewayV2::Stage';
    const api = refTarget(get(stage.properties, v2 ? 'ApiId' : 'RestApiId')) ?? '?';
    const protocol = v2 ? resolver.single(get(byId.get(api)?.properties, 'ProtocolType')) : undefined;
    out.push({
      api,
      kind: !v2 ? 'rest' : protocol === 'WEBSOCKET' ? 'websocket' : 'http',
      resource: stage.id,
      at: { start: stage.entry.keyStart, end: stage.entry.keyEnd },
      settings: stage.properties,
      stageResource: stage,
      where: `${stage.id}'s Properties`,
    });
  }
  return out;
}

/** Whether a REST API is private (reachable only from a VPC), for SAM and CloudFormation. */
export function isPrivateApi(stage: ApiStage, model: TemplateModel, resolver: Resolver): boolean {
  const props = stage.sam ? stage.settings : resourceById(model).get(stage.api)?.properties;
  const ec = get(props, 'EndpointConfiguration');
  const types = isMap(ec) ? (get(ec, 'Types') ?? get(ec, 'Type')) : ec;
  const values = resolver.values(types) ?? (isMap(types) ? undefined : []);
  if (types && 'items' in types) return types.items.some((t) => str(t) === 'PRIVATE');
  return (values ?? []).some((v) => v === 'PRIVATE');
}
