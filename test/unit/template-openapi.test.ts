// The inline OpenAPI reader: operations, their effective security and request validators.
import * as assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/engine/text';
import type { TemplateModel } from '../../server/src/models/template/model';
import { getPath } from '../../server/src/models/template/nodes';
import type { OpenApiDoc, ReadOptions } from '../../server/src/models/template/openapi';
import { operationsFor, readOpenApi } from '../../server/src/models/template/openapi';
import { parseTemplate } from '../../server/src/models/template/parse';

/** Parses a template whose resource `Api` holds the definition under `Properties.Body`. */
function bodyOf(text: string, format: 'yaml' | 'json' = 'yaml'): { model: TemplateModel; text: string } {
  const r = parseTemplate(text, format, new LineIndex(text));
  assert.equal(r.kind, 'template', JSON.stringify(r));
  return { model: (r as { model: TemplateModel }).model, text };
}

function read(yamlBody: string, options?: ReadOptions): OpenApiDoc | undefined {
  const indented = yamlBody
    .split('\n')
    .map((l) => (l ? `        ${l}` : l))
    .join('\n');
  const { model } = bodyOf(`AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Api:\n    Type: AWS::ApiGateway::RestApi\n    Properties:\n      Body:\n${indented}`);
  return readOpenApi(getPath(model.root, 'Resources', 'Api', 'Properties', 'Body'), options);
}

/** `METHOD path → guard` for each operation, in order. */
function guards(doc: OpenApiDoc | undefined): string[] {
  assert.ok(doc, 'the definition should be readable');
  return doc.operations.map((op) => `${op.method} ${op.path} → ${op.security.guard}`);
}

describe('inline OpenAPI reader', () => {
  it('lists every operation, with API Gateway\'s catch-all as ANY, and points at the method key', () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Body:
        openapi: 3.0.1
        info: { title: t, version: '1' }
        paths:
          /a:
            parameters: []
            get: {}
            HEAD: {}
            x-amazon-apigateway-any-method: {}
            summary: not an operation
          /b/{id}:
            delete: {}
            options: {}
`;
    const { model } = bodyOf(text);
    const doc = readOpenApi(getPath(model.root, 'Resources', 'Api', 'Properties', 'Body'));
    assert.deepEqual(
      doc?.operations.map((op) => `${op.method} ${op.path}`),
      ['GET /a', 'HEAD /a', 'ANY /a', 'DELETE /b/{id}', 'OPTIONS /b/{id}'],
    );
    const del = doc!.operations[3];
    assert.equal(text.slice(del.entry.keyStart, del.entry.keyEnd), 'delete');
    assert.deepEqual(operationsFor(doc!, 'delete', '/b/{id}').map((op) => op.method), ['DELETE']);
    assert.deepEqual(operationsFor(doc!, 'GET', '/b/{id}'), []);
  });

  it('reads Swagger 2 from JSON, with securityDefinitions', () => {
    const text = `{
  "Resources": {
    "Api": {
      "Type": "AWS::ApiGateway::RestApi",
      "Properties": {
        "Body": {
          "swagger": "2.0",
          "securityDefinitions": { "iam": { "type": "apiKey", "name": "Authorization", "in": "header", "x-amazon-apigateway-authtype": "awsSigv4" } },
          "paths": { "/x": { "get": { "security": [{ "iam": [] }] }, "post": {} } }
        }
      }
    }
  }
}`;
    const { model } = bodyOf(text, 'json');
    const doc = readOpenApi(getPath(model.root, 'Resources', 'Api', 'Properties', 'Body'));
    assert.equal(doc?.version, 'swagger2');
    assert.deepEqual(guards(doc), ['GET /x → authorizer', 'POST /x → open']);
  });

  it('operation security overrides the root; [] and [{}] are open outright; a missing list is open by default', () => {
    const doc = read(`openapi: 3.0.1
security: [{ Users: [] }]
components:
  securitySchemes:
    Users:
      type: apiKey
      name: Authorization
      in: header
      x-amazon-apigateway-authorizer: { type: token, authorizerUri: arn:aws:apigateway:eu-west-1:lambda:path/fn }
paths:
  /inherits: { get: {} }
  /empty: { get: { security: [] } }
  /anonymous: { get: { security: [{}] } }
`);
    assert.deepEqual(guards(doc), ['GET /inherits → authorizer', 'GET /empty → open', 'GET /anonymous → open']);
    assert.deepEqual(
      doc!.operations.map((op) => [op.security.source, op.security.explicitlyOpen, op.security.requirements]),
      [
        ['root', false, 1],
        ['operation', true, 0],
        ['operation', true, 1],
      ],
    );
    const bare = read(`openapi: 3.0.1\npaths:\n  /x: { get: {} }\n`);
    assert.deepEqual(bare!.operations[0].security, { guard: 'open', source: 'none', explicitlyOpen: false, requirements: 0, schemes: [] });
  });

  it('classifies schemes: authorizers, IAM, the x-api-key key, and what it cannot judge', () => {
    const doc = read(`openapi: 3.0.1
components:
  securitySchemes:
    Jwt: { type: oauth2, flows: {}, x-amazon-apigateway-authorizer: { type: jwt, jwtConfiguration: { issuer: https://i, audience: [a] } } }
    Sig: { type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authtype: awsSigv4 }
    Key: { type: apiKey, name: X-API-Key, in: header }
    OtherKey: { type: apiKey, name: X-Partner, in: header }
    Oidc: { type: openIdConnect, openIdConnectUrl: https://i/.well-known/openid-configuration }
    Computed: !If [C, { type: apiKey, name: x-api-key, in: header }, {}]
paths:
  /jwt: { get: { security: [{ Jwt: [read] }] } }
  /sig: { get: { security: [{ Sig: [] }] } }
  /key: { get: { security: [{ Key: [] }] } }
  /key-and-jwt: { get: { security: [{ Key: [] }, { Jwt: [] }] } }
  /other-key: { get: { security: [{ OtherKey: [] }] } }
  /oidc: { get: { security: [{ Oidc: [] }] } }
  /computed: { get: { security: [{ Computed: [] }] } }
  /nowhere: { get: { security: [{ Nowhere: [] }] } }
  /optional: { get: { security: [{}, { Jwt: [] }] } }
  /intrinsic: { get: { security: !If [C, [{ Jwt: [] }], []] } }
`);
    assert.deepEqual(guards(doc), [
      'GET /jwt → authorizer',
      'GET /sig → authorizer',
      'GET /key → api-key',
      'GET /key-and-jwt → authorizer',
      'GET /other-key → unknown',
      'GET /oidc → unknown',
      'GET /computed → unknown',
      'GET /nowhere → unknown',
      'GET /optional → unknown',
      'GET /intrinsic → unknown',
    ]);
  });

  it('asks the caller about names the body does not declare (SAM adds its Authorizers)', () => {
    const doc = read(`swagger: '2.0'\npaths:\n  /x: { post: { security: [{ SamCognito: [] }] } }\n`, {
      externalScheme: (name) => (name === 'SamCognito' ? 'authorizer' : undefined),
    });
    assert.deepEqual(guards(doc), ['POST /x → authorizer']);
  });

  it('is unknown when the definition is included, computed, or not OpenAPI at all', () => {
    assert.equal(read(`Fn::Transform:\n  Name: AWS::Include\n  Parameters: { Location: s3://b/openapi.yaml }\n`), undefined);
    assert.equal(read(`!If [C, { openapi: 3.0.1, paths: {} }, { openapi: 3.0.1, paths: {} }]\n`), undefined);
    assert.equal(read(`info: { title: no version }\npaths: {}\n`), undefined);
    assert.equal(read(`openapi: 3.0.1\npaths:\n  Fn::Transform: { Name: AWS::Include, Parameters: { Location: s3://b/paths.yaml } }\n`), undefined);
    assert.equal(readOpenApi(undefined), undefined);
  });

  it('keeps operations it cannot read as unknown, so that a route there is never called open', () => {
    const doc = read(`openapi: 3.0.1
paths:
  /shared: { $ref: '#/components/pathItems/Shared' }
  /conditional: !If [C, { get: {} }, { get: { security: [] } }]
  /op:
    post: !If [C, { security: [] }, {}]
`);
    assert.deepEqual(guards(doc), ['* /shared → unknown', '* /conditional → unknown', 'POST /op → unknown']);
    assert.deepEqual(operationsFor(doc!, 'get', '/shared').map((op) => op.method), ['*']);
  });

  it('finds the request validator: the operation\'s, else the root\'s, judged by validateRequestBody', () => {
    const doc = read(`swagger: '2.0'
x-amazon-apigateway-request-validators:
  all: { validateRequestBody: true, validateRequestParameters: true }
  params: { validateRequestParameters: true }
  nothing: { validateRequestBody: false, validateRequestParameters: false }
  computed: { validateRequestBody: !Ref ValidateBodies }
x-amazon-apigateway-request-validator: params
paths:
  /root: { post: {} }
  /all: { post: { x-amazon-apigateway-request-validator: all } }
  /nothing: { post: { x-amazon-apigateway-request-validator: nothing } }
  /computed: { post: { x-amazon-apigateway-request-validator: computed } }
  /undeclared: { post: { x-amazon-apigateway-request-validator: strict } }
  /named-by-ref: { post: { x-amazon-apigateway-request-validator: !Ref Validator } }
`);
    assert.deepEqual(
      doc!.operations.map((op) => `${op.path} ${op.validator.status}${op.validator.name ? ` ${op.validator.name}` : ''}`),
      ['/root parameters-only params', '/all body all', '/nothing none nothing', '/computed unknown computed', '/undeclared unknown strict', '/named-by-ref unknown'],
    );
    assert.deepEqual(doc!.rootValidator, { status: 'parameters-only', name: 'params' });
    const none = read(`openapi: 3.0.1\npaths:\n  /x: { put: {} }\n`);
    assert.deepEqual([none!.operations[0].validator, none!.rootValidator], [{ status: 'none' }, { status: 'none' }]);
    const computedTable = read(`openapi: 3.0.1\nx-amazon-apigateway-request-validators: !If [C, {}, {}]\npaths:\n  /x: { put: { x-amazon-apigateway-request-validator: all } }\n`);
    assert.equal(computedTable!.operations[0].validator.status, 'unknown');
  });

  it('notes integrations and a resource policy in the body', () => {
    const doc = read(`openapi: 3.0.1
x-amazon-apigateway-policy: { Version: '2012-10-17', Statement: [] }
paths:
  /x:
    get: { x-amazon-apigateway-integration: { type: mock } }
    put: {}
`);
    assert.deepEqual(doc!.operations.map((op) => op.hasIntegration), [true, false]);
    assert.equal(doc!.hasPolicy, true);
  });
});
