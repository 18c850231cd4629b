/** jwt-authorizer-incomplete: a JWT authorizer that does not pin the token's issuer or audience. */
import type { Rule, RuleContext } from '../engine/rule';
import type { TemplateModel } from '../models/template/model';
import type { MapEntry, MapNode, TNode } from '../models/template/nodes';
import { entry, get, getPath, intrinsicName, isMap, isSeq, str } from '../models/template/nodes';
import { resourcesOfType } from './shared/template-refs';

interface Missing {
  issuer: boolean;
  audience: boolean;
  /** Where the finding lands. */
  at: { start: number; end: number };
}

/** What a JWT configuration lacks; undefined when it is complete or unknown. */
function missing(config: MapEntry | undefined, owner: MapEntry, issuerKey: string, audienceKey: string): Missing | undefined {
  const at = config ? { start: config.keyStart, end: config.keyEnd } : { start: owner.keyStart, end: owner.keyEnd };
  if (!config) return { issuer: true, audience: true, at };
  const c = config.value;
  if (!isMap(c) || intrinsicName(c)) return undefined;
  const issuer = get(c, issuerKey);
  const audience = entry(c, audienceKey);
  const emptyAudience = audience !== undefined && isSeq(audience.value) && audience.value.items.length === 0;
  const result = { issuer: issuer === undefined, audience: audience === undefined || emptyAudience, at };
  if (emptyAudience && !result.issuer) result.at = { start: audience.value.start, end: audience.value.end };
  return result.issuer || result.audience ? result : undefined;
}

function describe(name: string, m: Missing): string {
  const what = m.issuer && m.audience ? 'an issuer or an audience' : m.issuer ? 'an issuer' : 'an audience';
  const risk = m.audience
    ? 'without an audience it accepts tokens the same identity provider issued to any other app'
    : 'without an issuer it cannot know whose signing keys to trust';
  return `${name} is a JWT authorizer without ${what}: ${risk} — set ${m.issuer ? 'the issuer URL of your identity provider' : ''}${m.issuer && m.audience ? ' and ' : ''}${m.audience ? "your app's client id as the audience" : ''}.`;
}

function checkTemplate(ctx: RuleContext<TemplateModel>): void {
  const seen = new Set<number>();
  const samAuthorizers = (auth: TNode | undefined, apiName: string): void => {
    const authorizers = get(auth, 'Authorizers');
    if (!isMap(authorizers)) return;
    for (const a of authorizers.entries) {
      if (!isMap(a.value) || intrinsicName(a.value) || seen.has(a.keyStart)) continue;
      // HTTP API authorizers are Lambda authorizers when they name a function, JWT otherwise.
      if (get(a.value, 'FunctionArn') !== undefined) continue;
      seen.add(a.keyStart);
      const m = missing(entry(a.value, 'JwtConfiguration'), a, 'issuer', 'audience');
      if (m) ctx.report({ ...m.at, resource: apiName, message: describe(`${a.key} (on ${apiName})`, m) });
    }
  };
  if (ctx.model.isSam) {
    samAuthorizers(getPath(ctx.model.root, 'Globals', 'HttpApi', 'Auth'), 'Globals.HttpApi');
    for (const api of resourcesOfType(ctx.model, 'AWS::Serverless::HttpApi')) samAuthorizers(get(api.properties, 'Auth'), api.id);
  }
  for (const a of resourcesOfType(ctx.model, 'AWS::ApiGatewayV2::Authorizer')) {
    const props: MapNode | undefined = a.properties;
    if (str(get(props, 'AuthorizerType')) !== 'JWT') continue;
    const m = missing(entry(props, 'JwtConfiguration'), a.entry, 'Issuer', 'Audience');
    if (m) ctx.report({ ...m.at, resource: a.id, message: describe(a.id, m) });
  }
}

export const rule: Rule = {
  meta: {
    id: 'jwt-authorizer-incomplete',
    title: 'JWT authorizer without issuer or audience',
    layer: 'API',
    defaultSeverity: 'warning',
    explanation:
      'A JWT authorizer checks a token\'s signature, expiry, issuer and audience. The issuer says whose signing keys to ' +
      'trust; the audience says which app the token was issued for. Leave the audience out and a token your identity ' +
      'provider issued to any other client (another team\'s app, a test client) opens your API too. API Gateway requires ' +
      'both at deployment, so a template without them either fails to deploy or is filled in elsewhere without review.',
    analogy:
      'A JWT authorizer is the guard checking your ID at the door. Without an issuer the guard does not know which ' +
      'authority\'s IDs to accept; without an audience, an ID issued for a different building gets you in.',
    examples: [
      {
        frontEnd: 'sam',
        bad: 'Authorizers:\n  Jwt:\n    IdentitySource: $request.header.Authorization\n    JwtConfiguration:\n      issuer: !Sub https://cognito-idp.${AWS::Region}.amazonaws.com/${UserPool}',
        good: 'Authorizers:\n  Jwt:\n    IdentitySource: $request.header.Authorization\n    JwtConfiguration:\n      issuer: !Sub https://cognito-idp.${AWS::Region}.amazonaws.com/${UserPool}\n      audience: [!Ref UserPoolClient]',
      },
      {
        frontEnd: 'cloudformation',
        bad: 'Jwt:\n  Type: AWS::ApiGatewayV2::Authorizer\n  Properties:\n    AuthorizerType: JWT\n    IdentitySource: [$request.header.Authorization]',
        good: 'Jwt:\n  Type: AWS::ApiGatewayV2::Authorizer\n  Properties:\n    AuthorizerType: JWT\n    IdentitySource: [$request.header.Authorization]\n    JwtConfiguration:\n      Issuer: https://login.example.com/\n      Audience: [orders-web]',
      },
      {
        frontEnd: 'cdk',
        bad: "new HttpJwtAuthorizer('Jwt', issuerUrl);",
        good: "new HttpJwtAuthorizer('Jwt', issuerUrl, { jwtAudience: [client.userPoolClientId] });",
      },
    ],
    fixSummary: 'No automatic fix: the issuer and audience come from your identity provider; the message says which is missing.',
    whenNotToUse: 'Never for a JWT authorizer in use; suppress only on a template fragment that another tool completes.',
  },
  checkTemplate,
};
