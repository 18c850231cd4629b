// The server's editor modules on their own: the defense-in-depth judgement of a template, the
// suppression edit for each kind of file, and concepts found from the model.
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../../server/src/engine/analyze';
import { defaultConfig } from '../../server/src/engine/config';
import { defenseInDepth } from '../../server/src/engine/defense-in-depth';
import type { Range } from '../../server/src/engine/finding';
import { parseFile } from '../../server/src/engine/workspace';
import type { ParsedFile } from '../../server/src/engine/workspace';
import { conceptAt } from '../../server/src/lsp/concepts';
import { suppressEdit } from '../../server/src/lsp/suppress-edit';

function template(text: string, file = 'template.yaml'): ParsedFile & { kind: 'template' } {
  const p = parseFile(file, text, file.endsWith('.json') ? 'json' : 'yaml');
  assert.equal(p.kind, 'template', p.kind === 'error' ? p.message : p.kind);
  return p as ParsedFile & { kind: 'template' };
}

function statuses(text: string, file = 'template.yaml'): Record<string, Record<string, string>> {
  const p = template(text, file);
  const { findings } = analyze([{ file, text }], defaultConfig());
  const out: Record<string, Record<string, string>> = {};
  for (const e of defenseInDepth(p.model, findings)) out[e.name] = Object.fromEntries(e.checks.map((c) => [c.control, c.status]));
  return out;
}

describe('defense in depth of a template', () => {
  it('a REST API with WAF, a validator, throttling and access logs; a function with a literal secret', () => {
    const s = statuses(`Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Auth:
        DefaultAuthorizer: AWS_IAM
      MethodSettings:
        - ResourcePath: "/*"
          HttpMethod: "*"
          ThrottlingBurstLimit: 20
          ThrottlingRateLimit: 10
      AccessLogSetting:
        DestinationArn: !GetAtt Logs.Arn
  Validator:
    Type: AWS::ApiGateway::RequestValidator
    Properties:
      RestApiId: !Ref Api
      ValidateRequestBody: true
  Acl:
    Type: AWS::WAFv2::WebACLAssociation
    Properties:
      ResourceArn: !Sub arn:aws:apigateway:\${AWS::Region}::/restapis/\${Api}/stages/prod
      WebACLArn: !GetAtt WebAcl.Arn
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs24.x
      Environment:
        Variables:
          DB_PASSWORD: hunter2hunter2
          DB_SECRET_ARN: arn:aws:secretsmanager:us-east-1:123456789012:secret:db
      Events:
        Get:
          Type: Api
          Properties: { RestApiId: !Ref Api, Path: /x, Method: get }
`);
    assert.deepEqual(s.Api, { waf: 'present', authorizer: 'present', throttling: 'present', validation: 'present', audit: 'present' });
    assert.deepEqual(s.Fn, { 'least-privilege': 'present', encryption: 'present', secrets: 'missing', audit: 'missing' });
  });

  it('an HTTP API: WAF and validation do not apply; CloudFormation methods without auth; a shared role', () => {
    const s = statuses(`{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Http": { "Type": "AWS::ApiGatewayV2::Api", "Properties": { "ProtocolType": "HTTP" } },
    "Route": { "Type": "AWS::ApiGatewayV2::Route", "Properties": { "ApiId": { "Ref": "Http" }, "RouteKey": "GET /orders" } },
    "Rest": { "Type": "AWS::ApiGateway::RestApi", "Properties": {} },
    "Get": { "Type": "AWS::ApiGateway::Method", "Properties": { "RestApiId": { "Ref": "Rest" }, "HttpMethod": "GET", "AuthorizationType": "COGNITO_USER_POOLS" } },
    "Options": { "Type": "AWS::ApiGateway::Method", "Properties": { "RestApiId": { "Ref": "Rest" }, "HttpMethod": "OPTIONS", "AuthorizationType": "NONE" } },
    "Role": { "Type": "AWS::IAM::Role", "Properties": { "ManagedPolicyArns": ["arn:aws:iam::aws:policy/AdministratorAccess"] } },
    "A": { "Type": "AWS::Lambda::Function", "Properties": { "Role": { "Fn::GetAtt": ["Role", "Arn"] }, "TracingConfig": { "Mode": "Active" } } },
    "B": { "Type": "AWS::Lambda::Function", "Properties": { "Role": { "Fn::GetAtt": ["Role", "Arn"] } } }
  }
}`, 'template.json');
    assert.deepEqual(s.Http, { waf: 'n/a', authorizer: 'missing', throttling: 'missing', validation: 'n/a', audit: 'missing' });
    // The OPTIONS preflight needs no authorizer.
    assert.equal(s.Rest.authorizer, 'present');
    assert.equal(s.A['least-privilege'], 'missing');
    assert.equal(s.A.audit, 'present');
    assert.equal(s.B.audit, 'missing');
  });

  it('an implicit SAM API takes its place from its first event; an unknown role is unknown, not missing', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Parameters:
  RoleArn: { Type: String }
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Role: !Ref RoleArn
      Events:
        Get: { Type: HttpApi, Properties: { Path: /x, Method: get } }
`;
    const p = template(text);
    const entries = defenseInDepth(p.model, []);
    const api = entries.find((e) => e.name === 'ServerlessHttpApi')!;
    assert.equal(api.range.start.line, 9);
    assert.equal(api.checks.find((c) => c.control === 'authorizer')?.status, 'missing');
    assert.equal(entries.find((e) => e.name === 'Fn')?.checks.find((c) => c.control === 'least-privilege')?.status, 'unknown');
  });
});

describe('defense in depth of APIs defined in OpenAPI', () => {
  it('an inline body: protected everywhere, open somewhere, or included from elsewhere', () => {
    const s = statuses(`Transform: AWS::Serverless-2016-10-31
Resources:
  Guarded:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Auth:
        Authorizers:
          Pool: { UserPoolArn: !GetAtt Pool.Arn }
      DefinitionBody:
        swagger: '2.0'
        paths:
          /a: { get: { security: [{ Pool: [] }] }, options: { security: [] } }
          /b: { post: { security: [{ Pool: [] }] } }
  Leaky:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Body:
        openapi: 3.0.1
        paths:
          /c: { get: {} }
  Included:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionBody:
        Fn::Transform: { Name: AWS::Include, Parameters: { Location: s3://specs/api.yaml } }
`);
    assert.equal(s.Guarded.authorizer, 'present');
    assert.equal(s.Leaky.authorizer, 'missing');
    assert.equal(s.Included.authorizer, 'unknown');
  });
});

describe('suppression edits', () => {
  const apply = (p: ParsedFile, e: { range: Range; newText: string }) => TextDocument.applyEdits(TextDocument.create('f', 'x', 1, p.text), [e]);
  const lineRange = (line: number): Range => ({ start: { line, character: 4 }, end: { line, character: 8 } });

  it('JSON: appends to an existing ignore list and adds to existing Metadata', () => {
    const text = `{
  "Resources": {
    "A": { "Type": "AWS::IAM::Role", "Metadata": { "serverless-guard": { "ignore": [ { "rule": "x", "reason": "y" } ] } } },
    "B": { "Type": "AWS::IAM::Role", "Metadata": { "owner": "ops" } },
    "C": { "Type": "AWS::IAM::Role", "Metadata": {} }
  }
}`;
    const p = template(text, 't.json');
    for (const [id, expected] of [
      ['A', { 'serverless-guard': { ignore: [{ rule: 'iam-wildcard-action', reason: '' }, { rule: 'x', reason: 'y' }] } }],
      ['B', { 'serverless-guard': { ignore: [{ rule: 'iam-wildcard-action', reason: '' }] }, owner: 'ops' }],
      ['C', { 'serverless-guard': { ignore: [{ rule: 'iam-wildcard-action', reason: '' }] } }],
    ] as const) {
      const s = suppressEdit(p, lineRange(2), 'iam-wildcard-action', id)!;
      const after = apply(p, s.edit);
      const doc = JSON.parse(after) as { Resources: Record<string, { Metadata: unknown }> };
      assert.deepEqual(doc.Resources[id].Metadata, expected, after);
      // The cursor sits between the reason's quotes.
      const o = TextDocument.create('f', 'x', 1, after).offsetAt(s.cursor);
      assert.equal(after.slice(o - 11, o + 1), '"reason": ""', id);
    }
    assert.equal(suppressEdit(p, lineRange(2), 'iam-wildcard-action', null), undefined);
    assert.equal(suppressEdit(p, lineRange(2), 'iam-wildcard-action', 'Nope'), undefined);
  });

  it('TypeScript: not inside a multi-line template literal; YAML: not inside a block scalar', () => {
    const ts = parseFile('h.ts', 'const q = `SELECT *\n  FROM t\n  WHERE id = ${id}`;\nrun(q);\n', 'code');
    assert.equal(suppressEdit(ts, lineRange(2), 'sql-injection', null), undefined);
    const s = suppressEdit(ts, lineRange(3), 'sql-injection', null)!;
    assert.equal(apply(ts, s.edit).split('\n')[3], '// serverless-guard-ignore-next-line sql-injection: ');
    const y = template(`Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: |
        exports.handler = async () => 1;
        // more
      Runtime: nodejs24.x
`);
    assert.equal(suppressEdit(y, lineRange(6), 'x', 'Fn'), undefined);
    assert.equal(apply(y, suppressEdit(y, lineRange(7), 'x', 'Fn')!.edit).split('\n')[7], '      # serverless-guard-ignore-next-line x: ');
  });

  it('keeps CRLF line endings', () => {
    const p = parseFile('h.ts', 'a();\r\n  b();\r\n', 'code');
    const s = suppressEdit(p, lineRange(1), 'sql-injection', null)!;
    assert.equal(apply(p, s.edit), 'a();\r\n  // serverless-guard-ignore-next-line sql-injection: \r\n  b();\r\n');
    assert.deepEqual(s.cursor, { line: 1, character: '  // serverless-guard-ignore-next-line sql-injection: '.length });
  });
});

describe('concepts from the model', () => {
  it('finds keys only inside resources and Globals, and CDK calls only in CDK files', () => {
    const y = template(`Globals:
  Function:
    Role: arn:aws:iam::123456789012:role/x
Resources:
  Fn:
    Type: AWS::Lambda::Url
    Properties:
      Role: x
Outputs:
  Role:
    Value: x
`);
    const off = (line: number, ch: number) => y.lines.offsetAt({ line, character: ch });
    assert.equal(conceptAt(y, off(2, 5))?.concept, 'executionRole');
    assert.equal(conceptAt(y, off(5, 14))?.concept, 'functionUrl');
    assert.equal(conceptAt(y, off(7, 7))?.concept, 'executionRole');
    assert.equal(conceptAt(y, off(9, 3)), undefined);
    assert.equal(conceptAt(y, off(1, 4)), undefined); // `Function` under Globals is a section name
    const cdk = parseFile('s.ts', "const lambda = require('aws-cdk-lib/aws-lambda');\nfn.grantInvoke(role);\n", 'code');
    assert.equal(conceptAt(cdk, cdk.lines.offsetAt({ line: 1, character: 5 }))?.concept, 'resourcePolicy');
  });
});
