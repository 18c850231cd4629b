// SAM semantics (Globals, events, implicit APIs) and intrinsic resolution.
import * as assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/engine/text';
import { parseTemplate } from '../../server/src/models/template/parse';
import type { TemplateModel } from '../../server/src/models/template/model';
import { get, getPath, str } from '../../server/src/models/template/nodes';
import { Resolver } from '../../server/src/models/template/resolve';
import { effectiveProperties, functionEvents, samApis, samFunctions } from '../../server/src/models/template/sam';

function model(text: string): TemplateModel {
  const r = parseTemplate(text, 'yaml', new LineIndex(text));
  assert.equal(r.kind, 'template', JSON.stringify(r));
  return (r as { model: TemplateModel }).model;
}

const APP = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage:
    Type: String
    Default: prod
  TableName:
    Type: String
  Runtime:
    Type: String
    Default: nodejs20.x
Mappings:
  Sizes:
    prod: { Memory: 1024 }
    dev: { Memory: 256 }
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Globals:
  Function:
    Runtime: !Ref Runtime
    Tracing: Active
    Environment:
      Variables:
        STAGE: !Ref Stage
    Layers: [arn:aws:lambda:eu-west-1:123456789012:layer:common:3]
  HttpApi:
    Auth:
      DefaultAuthorizer: Jwt
Resources:
  GetOrder:
    Type: AWS::Serverless::Function
    Properties:
      Handler: get.handler
      MemorySize: !FindInMap [Sizes, !Ref Stage, Memory]
      Environment:
        Variables:
          TABLE: !Ref TableName
      Layers: [arn:aws:lambda:eu-west-1:123456789012:layer:extra:1]
      Events:
        Get:
          Type: Api
          Properties: { Path: '/orders/{id}', Method: get }
        Http:
          Type: HttpApi
          Properties: { Path: /v2/orders, Method: get }
  PutOrder:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs18.x
      Events:
        Put:
          Type: Api
          Properties: { Path: /orders, Method: put, RestApiId: !Ref OrdersApi }
        Queue:
          Type: SQS
          Properties: { Queue: !GetAtt Q.Arn }
  OrdersApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: !Sub '\${Stage}-v1'
      Name: !Join ['-', [orders, !Ref Stage, !If [IsProd, live, test]]]
`;

describe('SAM semantics', () => {
  const m = model(APP);
  const r = new Resolver(m);

  it('merges Globals into each function: maps by key, lists Globals first, the resource wins', () => {
    const [get0, put] = samFunctions(m);
    assert.equal(get0.resource.id, 'GetOrder');
    assert.equal(str(getPath(get0.properties, 'Tracing')), 'Active');
    assert.deepEqual(getPath(get0.properties, 'Environment', 'Variables')?.kind, 'map');
    const vars = getPath(get0.properties, 'Environment', 'Variables');
    assert.deepEqual(vars && vars.kind === 'map' ? vars.entries.map((e) => e.key) : [], ['STAGE', 'TABLE']);
    const layers = get(get0.properties, 'Layers');
    assert.deepEqual(layers && layers.kind === 'seq' ? layers.items.map(str) : [], [
      'arn:aws:lambda:eu-west-1:123456789012:layer:common:3',
      'arn:aws:lambda:eu-west-1:123456789012:layer:extra:1',
    ]);
    assert.equal(str(get(put.properties, 'Runtime')), 'nodejs18.x');
    // The global value keeps its place in the text, so a finding on it lands in Globals.
    const runtime = get(get0.properties, 'Runtime');
    assert.ok(runtime && APP.slice(runtime.start, runtime.end) === '!Ref Runtime');
  });

  it('lists events and finds the implicit and explicit APIs', () => {
    const fn = m.resources.find((x) => x.id === 'GetOrder')!;
    assert.deepEqual(functionEvents(m, fn).map((e) => [e.name, e.type]), [['Get', 'Api'], ['Http', 'HttpApi']]);
    const apis = samApis(m);
    assert.deepEqual(
      apis.map((a) => [a.id, a.kind, a.events.map((e) => `${e.function.id}.${e.name}`)]),
      [
        ['OrdersApi', 'rest', ['PutOrder.Put']],
        ['ServerlessRestApi', 'rest', ['GetOrder.Get']],
        ['ServerlessHttpApi', 'http', ['GetOrder.Http']],
      ],
    );
    const http = apis.find((a) => a.id === 'ServerlessHttpApi')!;
    assert.equal(str(getPath(http.properties, 'Auth', 'DefaultAuthorizer')), 'Jwt');
  });

  it('resolves Ref to parameter defaults, Sub, FindInMap, Join and both branches of If', () => {
    const api = m.resources.find((x) => x.id === 'OrdersApi')!;
    const fn = m.resources.find((x) => x.id === 'GetOrder')!;
    assert.deepEqual(r.values(get(api.properties, 'StageName')), ['prod-v1']);
    assert.deepEqual(r.values(get(api.properties, 'Name')), ['orders-prod-live', 'orders-prod-test']);
    assert.deepEqual(r.values(get(fn.properties, 'MemorySize')), [1024]);
    assert.equal(r.single(get(effectiveProperties(m, fn), 'Runtime')), 'nodejs20.x');
  });

  it('leaves what the template cannot tell unknown', () => {
    const fn = m.resources.find((x) => x.id === 'GetOrder')!;
    assert.equal(r.values(getPath(fn.properties, 'Environment', 'Variables', 'TABLE')), undefined, 'a parameter without default');
    const put = m.resources.find((x) => x.id === 'PutOrder')!;
    assert.equal(r.values(getPath(put.properties, 'Events', 'Queue', 'Properties', 'Queue')), undefined, 'GetAtt');
    assert.equal(r.mayBe(getPath(put.properties, 'Events', 'Queue', 'Properties', 'Queue'), '*'), false);
  });
});
