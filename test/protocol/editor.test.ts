/**
 * The editor experience at the protocol level, against the built server over stdio: concept
 * hovers, Explain, defense in depth, Scan workspace (progress, cancel), suppress with a reason,
 * every setting and the configuration file, and several workspace folders.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, CodeActionRequest, DiagnosticSeverity, DidSaveTextDocumentNotification, FileChangeType, HoverRequest } from 'vscode-languageserver-protocol/node';
import type { CodeAction, Diagnostic, MarkupContent, Position, Range } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONCEPTS } from '../../server/src/knowledge/layers';
import type { DefenseResult, ExplainResult, ScanWorkspaceResult, SetCursorArgs } from '../../server/src/lsp/protocol';
import { DefenseInDepthRequest, ExplainRequest, ScanWorkspaceRequest } from '../../server/src/lsp/protocol';
import { TestClient } from './lsp-client';

const SAM = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs20.x
Resources:
  OrdersApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Auth:
        DefaultAuthorizer: OrdersJwt
        Authorizers:
          OrdersJwt:
            FunctionArn: !GetAtt AuthFunction.Arn
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/get-order.handler
      Role: !GetAtt OrdersRole.Arn
      KmsKeyArn: !Ref OrdersKey
      FunctionUrlConfig:
        AuthType: AWS_IAM
      Events:
        Get:
          Type: Api
          Properties:
            RestApiId: !Ref OrdersApi
            Path: /orders/{id}
            Method: get
        Health:
          Type: Api
          Properties:
            RestApiId: !Ref OrdersApi
            Path: /health
            Method: get
            Auth:
              Authorizer: NONE
  AdminFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/admin.handler
      Tracing: Active
      Policies:
        - Statement:
            - Effect: Allow
              Action: "dynamodb:*"
              Resource: "*"
  InvokePermission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !Ref OrdersFunction
      Principal: apigateway.amazonaws.com
  OrdersRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
Outputs:
  Role:
    Value: !Ref OrdersRole
`;

const HANDLER = `import { Client } from 'pg';
const client = new Client();
export const handler = async (event: any) => {
  const sql = "SELECT * FROM orders WHERE id = '" + event.pathParameters.id + "'";
  return client.query(sql);
};
`;

const CDK = `import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
export class OrdersStack extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    const fn = new lambda.Function(this, 'Orders', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources: ['*'] }));
    fn.addPermission('Api', { principal: new iam.ServicePrincipal('apigateway.amazonaws.com') });
    fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
  }
}
`;

const NOT_CDK = `const acl = { addPermission(x: string) { return x; } };
export const handler = async () => acl.addPermission('read');
`;

const JSON_TEMPLATE = `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "OrdersRole": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "AssumeRolePolicyDocument": {},
        "Policies": [
          {
            "PolicyName": "all",
            "PolicyDocument": { "Statement": [ { "Effect": "Allow", "Action": "*", "Resource": "*" } ] }
          }
        ]
      }
    }
  }
}
`;

/** The position of the `occurrence`-th `needle`, `offset` characters in. */
function at(text: string, needle: string, offset = 1, occurrence = 0): Position {
  let i = -1;
  for (let n = 0; n <= occurrence; n++) i = text.indexOf(needle, i + 1);
  assert.ok(i >= 0, `${needle} not in text`);
  const before = text.slice(0, i).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length + offset };
}

function write(root: string, rel: string, text: string): string {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return pathToFileURL(file).href;
}

function apply(text: string, edits: { range: Range; newText: string }[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'plaintext', 1, text), edits);
}

function offsetAt(text: string, p: Position): number {
  return TextDocument.create('file:///x', 'plaintext', 1, text).offsetAt(p);
}

const codes = (ds: Diagnostic[]): string[] => ds.map((d) => String(d.code)).sort();
/** The codes among `only`: other rules may find more in these fixtures as the catalog grows. */
const codesOf = (ds: Diagnostic[], ...only: string[]): string[] => codes(ds).filter((c) => only.includes(c));

describe('editor features over stdio', function () {
  this.timeout(60_000);
  let dir: string;
  let client: TestClient;
  let settings: Record<string, unknown>;
  const uri = (rel: string): string => pathToFileURL(path.join(dir, rel)).href;

  const hover = async (u: string, p: Position): Promise<string | null> => {
    const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: u }, position: p });
    return h ? (h.contents as MarkupContent).value : null;
  };

  const actionsFor = async (u: string, d: Diagnostic): Promise<CodeAction[]> =>
    (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: u }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-editor-'));
    write(dir, 'infra/template.yaml', SAM);
    write(dir, 'src/get-order.ts', HANDLER);
    write(dir, 'cdk/stack.ts', CDK);
    write(dir, 'json/template.json', JSON_TEMPLATE);
    write(dir, 'legacy/old-template.yaml', SAM);
    settings = { enable: true, run: 'onType', debounceMs: 0, rules: {}, exclude: ['legacy/**'] };
    ({ client } = await TestClient.start({ rootUri: pathToFileURL(dir).href, initializationOptions: { debounceMs: 0 }, settings: () => settings }));
  });

  after(async () => {
    client?.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('hovers', () => {
    it('explains the key template words without a finding, from the parsed template', async () => {
      const u = uri('infra/template.yaml');
      await client.open(u, 'yaml', SAM, 1);
      await client.diagnosticsFor(u, 1);
      const cases: [string, keyof typeof CONCEPTS, number?][] = [
        ['Policies', 'executionRole'],
        ['Role: !GetAtt', 'executionRole'],
        ['Auth:', 'authorizer'],
        ['Authorizers', 'authorizer'],
        ['AWS::Lambda::Permission', 'resourcePolicy', 5],
        ['FunctionUrlConfig', 'functionUrl'],
        ['KmsKeyArn', 'kmsKey'],
        ['Runtime', 'sharedResponsibility'],
      ];
      for (const [needle, concept, offset] of cases) {
        const md = await hover(u, at(SAM, needle, offset));
        assert.ok(md, `no hover on ${needle}`);
        assert.ok(md.startsWith(`**${CONCEPTS[concept].title}**`), `${needle}: ${md}`);
        assert.ok(md.includes(CONCEPTS[concept].text));
      }
      assert.match((await hover(u, at(SAM, 'Authorizers')))!, /Defense in depth: Edge → \*\*API\*\* → Lambda/);
      // `Role` under Outputs is a name, not a badge; a resource id and a value are not keys.
      assert.equal(await hover(u, at(SAM, 'Role:', 1, 1)), null);
      assert.equal(await hover(u, at(SAM, 'OrdersRole:', 2)), null);
      assert.equal(await hover(u, at(SAM, 'AWS_IAM')), null);
    });

    it('over a finding shows title, why, the analogy, the layer trail and the quick fix', async () => {
      const md = await hover(uri('infra/template.yaml'), at(SAM, 'dynamodb:*', 3));
      assert.ok(md);
      assert.match(md, /^\*\*IAM policy allows every action of a service\*\* \(`iam-wildcard-action`\)/);
      assert.match(md, /execution role decides/);
      assert.match(md, /^> The execution role is the function's badge/m);
      assert.match(md, /Defense in depth: Edge → API → \*\*Lambda\*\* → Data → Audit \(the guards inside\)/);
      assert.match(md, /\*\*Quick fix:\*\* Replaces the wildcard/);
    });

    it('explains CDK calls in a CDK app, and not the same method names elsewhere', async () => {
      const u = uri('cdk/stack.ts');
      await client.open(u, 'typescript', CDK, 1);
      await client.diagnosticsFor(u, 1);
      assert.ok((await hover(u, at(CDK, 'addToRolePolicy', 3)))?.startsWith(`**${CONCEPTS.executionRole.title}**`));
      assert.ok((await hover(u, at(CDK, 'addPermission', 3)))?.startsWith(`**${CONCEPTS.resourcePolicy.title}**`));
      assert.ok((await hover(u, at(CDK, 'addFunctionUrl', 3)))?.startsWith(`**${CONCEPTS.functionUrl.title}**`));
      assert.equal(await hover(u, at(CDK, 'PolicyStatement')), null);
      const other = uri('src/acl.ts');
      await client.open(other, 'typescript', NOT_CDK, 1);
      await client.diagnosticsFor(other, 1);
      assert.equal(await hover(other, at(NOT_CDK, 'addPermission', 2, 1)), null);
    });

    it('on a CDK function construct shows what its handler calls beside what it is granted', async () => {
      const handler = `import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
const db = new DynamoDBClient({});
export const handler = async (e: { id: string }) => db.send(new GetItemCommand({ TableName: 'orders', Key: { id: { S: e.id } } }));
`;
      const h = uri('cdk/src/index.ts');
      await client.open(h, 'typescript', handler, 1);
      await client.diagnosticsFor(h, 1);
      const u = uri('cdk/stack.ts');
      await client.open(u, 'typescript', CDK, 1);
      await client.diagnosticsFor(u, 1);
      const md = await hover(u, at(CDK, "'Orders'", 2));
      assert.ok(md, 'no hover on the construct id');
      assert.match(md, /\*\*Orders: what its code calls and what it is granted\*\* · `least-privilege`/);
      assert.match(md, /\| `dynamodb:GetItem` \| 'orders' \| index\.ts:3 \| yes \(dynamodb:GetItem on \\\*\) \|/);
    });
  });

  describe('Explain this risk', () => {
    it('explains the finding under the cursor with the example for a SAM template', async () => {
      const u = uri('infra/template.yaml');
      const r = await client.connection.sendRequest<ExplainResult | null>(ExplainRequest.method, { uri: u, position: at(SAM, 'dynamodb:*', 2) });
      assert.ok(r);
      assert.equal(r.rule.id, 'iam-wildcard-action');
      assert.equal(r.fileKind, 'sam');
      assert.equal(r.example?.frontEnd, 'sam');
      assert.equal(r.layer?.layer, 'Lambda');
      assert.equal(r.layer?.castlePart, 'the guards inside');
      assert.ok(r.rule.moduleQuestion);
      assert.equal(r.finding?.resource, 'AdminFunction');
      assert.match(r.finding!.message, /dynamodb:\*/);
      assert.equal(r.rule.docsUrl, 'https://github.com/serverless-guard/serverless-guard/blob/main/docs/rules/iam-wildcard-action.md');
    });

    it('explains a finding named by rule and range (the code action), and a rule whose finding is gone', async () => {
      const u = uri('src/get-order.ts');
      await client.open(u, 'typescript', HANDLER, 1);
      const [d] = (await client.diagnosticsFor(u, 1)).diagnostics.filter((x) => x.code === 'sql-injection');
      const r = await client.connection.sendRequest<ExplainResult | null>(ExplainRequest.method, { uri: u, ruleId: 'sql-injection', range: d.range });
      assert.equal(r?.finding?.ruleId, 'sql-injection');
      assert.deepEqual(r?.finding?.range, d.range);
      assert.equal(r?.fileKind, 'handler');
      assert.equal(r?.example?.frontEnd, 'handler');
      assert.ok(r!.finding!.fixes.length > 0, 'the fix travels with the finding for the view\'s button');
      const gone = await client.connection.sendRequest<ExplainResult | null>(ExplainRequest.method, {
        uri: u,
        ruleId: 'sql-injection',
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
      });
      assert.equal(gone?.rule.id, 'sql-injection');
      assert.equal(gone?.finding, null);
      const nothing = await client.connection.sendRequest<ExplainResult | null>(ExplainRequest.method, { uri: u, position: { line: 0, character: 0 } });
      assert.equal(nothing, null);
    });

    it('a malformed range (VS Code\'s Range serialized as an array) names the rule without failing the request', async () => {
      const u = uri('src/get-order.ts');
      await client.open(u, 'typescript', HANDLER, 1);
      const [d] = (await client.diagnosticsFor(u, 1)).diagnostics.filter((x) => x.code === 'sql-injection');
      const r = await client.connection.sendRequest<ExplainResult | null>(ExplainRequest.method, { uri: u, ruleId: 'sql-injection', range: [d.range.start, d.range.end] });
      assert.equal(r?.rule.id, 'sql-injection');
    });

    it('picks the CDK example in a CDK app', async () => {
      const r = await client.connection.sendRequest<ExplainResult | null>(ExplainRequest.method, { uri: uri('cdk/stack.ts'), ruleId: 'iam-wildcard-action' });
      assert.equal(r?.fileKind, 'cdk');
      assert.equal(r?.example?.frontEnd, 'cdk');
    });

    it('is offered as a code action carrying the rule, range and uri', async () => {
      const u = uri('infra/template.yaml');
      const p = client.diagnostics.filter((x) => x.uri === u).at(-1)!;
      const [d] = p.diagnostics.filter((x) => x.code === 'iam-wildcard-action');
      const explain = (await actionsFor(u, d)).find((a) => a.command?.command === 'serverlessGuard.explain');
      assert.ok(explain);
      assert.deepEqual(explain.command!.arguments, [{ uri: u, ruleId: 'iam-wildcard-action', range: d.range }]);
    });
  });

  describe('Suppress with a reason', () => {
    /** Applies the suppress action, types `reason` at the cursor it names, and returns the new text. */
    async function suppress(u: string, text: string, d: Diagnostic, reason: string): Promise<{ inserted: string; typed: string }> {
      const action = (await actionsFor(u, d)).find((a) => a.title === `Suppress ${d.code} with a reason`);
      assert.ok(action, `no suppress action for ${d.code}`);
      const inserted = apply(text, action.edit!.changes![u]);
      const args = action.command!.arguments![0] as SetCursorArgs;
      assert.equal(action.command!.command, 'serverlessGuard.setCursor');
      assert.equal(args.uri, u);
      const o = offsetAt(inserted, args.position);
      return { inserted, typed: inserted.slice(0, o) + reason + inserted.slice(o) };
    }

    it('TypeScript: inserts the comment above the line with its indentation; with a reason the finding is suppressed', async () => {
      const u = uri('src/get-order.ts');
      const [d] = client.diagnostics.filter((x) => x.uri === u).at(-1)!.diagnostics.filter((x) => x.code === 'sql-injection');
      const { inserted, typed } = await suppress(u, HANDLER, d, 'ids are UUIDs checked by the API model');
      assert.equal(inserted.split('\n')[d.range.start.line], '  // serverless-guard-ignore-next-line sql-injection: ');
      await client.replace(u, inserted, 2);
      // Before the reason is typed, the suppression itself asks for one.
      assert.ok(codes((await client.diagnosticsFor(u, 2)).diagnostics).includes('invalid-suppression'));
      await client.replace(u, typed, 3);
      assert.match(typed, /\/\/ serverless-guard-ignore-next-line sql-injection: ids are UUIDs checked by the API model\n/);
      assert.deepEqual(codesOf((await client.diagnosticsFor(u, 3)).diagnostics, 'sql-injection', 'invalid-suppression'), []);
    });

    it('YAML: a # comment at the line\'s indentation', async () => {
      const u = uri('infra/template.yaml');
      const [d] = client.diagnostics.filter((x) => x.uri === u).at(-1)!.diagnostics.filter((x) => x.code === 'iam-wildcard-action');
      const { inserted, typed } = await suppress(u, SAM, d, 'break-glass admin function');
      assert.equal(inserted.split('\n')[d.range.start.line], '              # serverless-guard-ignore-next-line iam-wildcard-action: ');
      await client.replace(u, typed, 2);
      assert.deepEqual(codesOf((await client.diagnosticsFor(u, 2)).diagnostics, 'iam-wildcard-action', 'invalid-suppression'), []);
      await client.replace(u, SAM, 3);
      await client.diagnosticsFor(u, 3);
    });

    it('JSON: the resource\'s Metadata.serverless-guard.ignore entry, cursor inside the reason', async () => {
      const u = uri('json/template.json');
      await client.open(u, 'json', JSON_TEMPLATE, 1);
      const [d] = (await client.diagnosticsFor(u, 1)).diagnostics.filter((x) => x.code === 'iam-wildcard-action');
      assert.ok(d);
      const { inserted, typed } = await suppress(u, JSON_TEMPLATE, d, 'bootstrap role, deleted after setup');
      const parsed = JSON.parse(inserted) as { Resources: { OrdersRole: { Metadata: unknown; Type: string } } };
      assert.deepEqual(parsed.Resources.OrdersRole.Metadata, { 'serverless-guard': { ignore: [{ rule: 'iam-wildcard-action', reason: '' }] } });
      assert.equal(parsed.Resources.OrdersRole.Type, 'AWS::IAM::Role');
      assert.equal(
        (JSON.parse(typed) as { Resources: { OrdersRole: { Metadata: { 'serverless-guard': { ignore: { reason: string }[] } } } } }).Resources.OrdersRole.Metadata['serverless-guard'].ignore[0].reason,
        'bootstrap role, deleted after setup',
      );
      await client.replace(u, typed, 2);
      assert.deepEqual(codesOf((await client.diagnosticsFor(u, 2)).diagnostics, 'iam-wildcard-action', 'invalid-suppression'), []);
      await client.close(u);
    });

    it('is not offered for invalid-suppression itself', async () => {
      const u = uri('src/get-order.ts');
      const text = `// serverless-guard-ignore-next-line sql-injection\n${HANDLER}`;
      await client.replace(u, text, 10);
      const [d] = (await client.diagnosticsFor(u, 10)).diagnostics.filter((x) => x.code === 'invalid-suppression');
      assert.ok(d);
      const titles = (await actionsFor(u, d)).map((a) => a.title);
      assert.ok(!titles.some((t) => t.startsWith('Suppress')), titles.join(', '));
      assert.ok(titles.includes('Explain this risk (invalid-suppression)'));
      await client.replace(u, HANDLER, 11);
      await client.diagnosticsFor(u, 11);
    });
  });

  describe('Show defense in depth', () => {
    it('lists each API and function of the workspace with the layers it has and lacks, linking gaps to findings', async () => {
      const r = await client.connection.sendRequest<DefenseResult>(DefenseInDepthRequest.method, {});
      // The open SAM template and the JSON template on disk; the excluded legacy copy is left alone.
      assert.equal(r.files, 2);
      assert.ok(!r.items.some((i) => i.uri.includes('legacy')));
      const byName = new Map(r.items.map((i) => [i.name, i]));
      const status = (name: string, control: string) => byName.get(name)?.checks.find((c) => c.control === control)?.status;

      const api = byName.get('OrdersApi')!;
      assert.equal(api.kind, 'api');
      assert.equal(status('OrdersApi', 'authorizer'), 'missing'); // /health opts out with NONE
      // api-missing-authorizer reports the route, so the check takes the rule's words and links to its finding.
      const authorizer = api.checks.find((c) => c.control === 'authorizer')!;
      assert.equal(authorizer.ruleId, 'api-missing-authorizer');
      assert.match(authorizer.detail, /GET \/health route on OrdersApi opts out of OrdersApi's default authorizer/);
      assert.equal(status('OrdersApi', 'waf'), 'missing');
      assert.equal(status('OrdersApi', 'throttling'), 'missing');
      assert.equal(status('OrdersApi', 'audit'), 'missing');

      const admin = byName.get('AdminFunction')!;
      const lp = admin.checks.find((c) => c.control === 'least-privilege')!;
      assert.equal(lp.status, 'missing');
      assert.equal(lp.ruleId, 'iam-wildcard-action');
      assert.equal(lp.location?.uri, uri('infra/template.yaml'));
      assert.deepEqual(lp.location?.range.start, { line: at(SAM, '"dynamodb:*"', 0).line, character: at(SAM, '"dynamodb:*"', 0).character });
      assert.equal(status('AdminFunction', 'audit'), 'present');

      // Its function URL needs AWS_IAM, but its /health route opts out of the API's authorizer.
      assert.equal(status('OrdersFunction', 'authorizer'), 'missing');
      assert.equal(status('OrdersFunction', 'encryption'), 'present'); // KmsKeyArn
      assert.equal(status('OrdersFunction', 'audit'), 'missing');
      assert.equal(status('OrdersFunction', 'least-privilege'), 'present');
      // The JSON template's role is not a function: no entry of its own.
      assert.ok(!byName.has('OrdersRole'));
    });
  });

  describe('Scan workspace', () => {
    it('reports progress and publishes diagnostics for files that are not open, leaving excluded files alone', async () => {
      const from = client.diagnostics.length;
      const progressFrom = client.progress.length;
      const r = await client.connection.sendRequest<ScanWorkspaceResult>(ScanWorkspaceRequest.method, { workDoneToken: 'scan-1' });
      assert.equal(r.cancelled, false);
      const mine = client.progress.slice(progressFrom).filter((p) => p.token === 'scan-1');
      assert.equal(mine[0].value.kind, 'begin');
      assert.equal(mine[0].value.cancellable, true);
      assert.equal(mine.at(-1)!.value.kind, 'end');
      assert.ok(mine.some((p) => p.value.kind === 'report' && p.value.percentage === 100));
      // json/template.json is closed now: the scan shows its finding; legacy/ is excluded.
      const published = client.diagnostics.slice(from);
      const json = published.find((p) => p.uri === uri('json/template.json'));
      assert.deepEqual(json && codesOf(json.diagnostics, 'iam-wildcard-action'), ['iam-wildcard-action']);
      assert.ok(!published.some((p) => p.uri.includes('legacy')));
      assert.ok(r.files >= 4, JSON.stringify(r));
      assert.ok(r.findings >= 2, JSON.stringify(r));
    });

    it('after a settings change, refreshes what the scan showed', async () => {
      const from = client.diagnostics.length;
      settings = { ...settings, rules: { 'iam-wildcard-action': 'off', 'iam-wildcard-resource': 'off' } };
      await client.configurationChanged();
      await client.waitFor('the scanned JSON template cleared', () =>
        client.diagnostics.slice(from).some((p) => p.uri === uri('json/template.json') && p.diagnostics.length === 0),
      );
      settings = { ...settings, rules: {} };
      await client.configurationChanged();
    });
  });

  describe('settings', () => {
    it('enable: false clears diagnostics; true brings them back', async () => {
      const u = uri('src/get-order.ts');
      let from = client.diagnostics.length;
      settings = { ...settings, enable: false };
      await client.configurationChanged();
      await client.waitFor('cleared', () => client.diagnostics.slice(from).some((p) => p.uri === u && p.diagnostics.length === 0));
      from = client.diagnostics.length;
      settings = { ...settings, enable: true };
      await client.configurationChanged();
      await client.waitFor('back', () => client.diagnostics.slice(from).some((p) => p.uri === u && codes(p.diagnostics).includes('sql-injection')));
    });

    it('exclude globs leave matching files alone', async () => {
      const u = uri('src/get-order.ts');
      let from = client.diagnostics.length;
      settings = { ...settings, exclude: ['legacy/**', 'src/*.ts'] };
      await client.configurationChanged();
      await client.waitFor('excluded', () => client.diagnostics.slice(from).some((p) => p.uri === u && p.diagnostics.length === 0));
      from = client.diagnostics.length;
      settings = { ...settings, exclude: ['legacy/**'] };
      await client.configurationChanged();
      await client.waitFor('included again', () => client.diagnostics.slice(from).some((p) => p.uri === u && p.diagnostics.length > 0));
    });

    it('maxFileSizeKB skips larger files with a notice', async () => {
      const u = uri('src/get-order.ts');
      let from = client.diagnostics.length;
      settings = { ...settings, maxFileSizeKB: 0.1 };
      await client.configurationChanged();
      await client.waitFor('skipped notice', () =>
        client.diagnostics.slice(from).some((p) => p.uri === u && codes(p.diagnostics).join() === 'skipped' && p.diagnostics[0].severity === DiagnosticSeverity.Information),
      );
      from = client.diagnostics.length;
      delete settings.maxFileSizeKB;
      await client.configurationChanged();
      await client.waitFor('analysed again', () => client.diagnostics.slice(from).some((p) => p.uri === u && codes(p.diagnostics).includes('sql-injection')));
    });

    it('run: onSave analyses on save, not on each edit', async () => {
      const u = uri('src/get-order.ts');
      const from = client.diagnostics.length;
      settings = { ...settings, run: 'onSave' };
      await client.configurationChanged();
      // Let the refresh after the change happen first, so what follows is about the edits only.
      await client.waitFor('the refresh after the change', () => client.diagnostics.slice(from).some((p) => p.uri === u));
      const fixed = HANDLER.replace(`"SELECT * FROM orders WHERE id = '" + event.pathParameters.id + "'"`, `'SELECT * FROM orders'`);
      await client.replace(u, fixed, 20);
      await client.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri: u } });
      const p = await client.diagnosticsFor(u, 20);
      assert.deepEqual(codesOf(p.diagnostics, 'sql-injection'), []);
      // Version 21 is typed but not saved: nothing is published for it.
      await client.replace(u, HANDLER, 21);
      await client.replace(u, fixed, 22);
      await client.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri: u } });
      await client.diagnosticsFor(u, 22);
      assert.ok(!client.diagnostics.some((x) => x.uri === u && x.version === 21));
      settings = { ...settings, run: 'onType' };
      await client.configurationChanged();
      await client.replace(u, HANDLER, 23);
      assert.ok(codes((await client.diagnosticsFor(u, 23)).diagnostics).includes('sql-injection'));
    });

    it('.serverless-guard.json sets severity for the editor; editor settings override it', async () => {
      const u = uri('src/get-order.ts');
      let from = client.diagnostics.length;
      fs.writeFileSync(path.join(dir, '.serverless-guard.json'), JSON.stringify({ rules: { 'sql-injection': 'info' } }));
      await client.filesChanged([{ uri: uri('.serverless-guard.json'), type: FileChangeType.Created }]);
      await client.waitFor('info from the file', () =>
        client.diagnostics.slice(from).some((p) => p.uri === u && p.diagnostics.some((d) => d.code === 'sql-injection' && d.severity === DiagnosticSeverity.Information)),
      );
      from = client.diagnostics.length;
      settings = { ...settings, rules: { 'sql-injection': 'warning' } };
      await client.configurationChanged();
      await client.waitFor('editor wins', () =>
        client.diagnostics.slice(from).some((p) => p.uri === u && p.diagnostics.some((d) => d.code === 'sql-injection' && d.severity === DiagnosticSeverity.Warning)),
      );
      fs.rmSync(path.join(dir, '.serverless-guard.json'));
      settings = { ...settings, rules: {} };
      await client.filesChanged([{ uri: uri('.serverless-guard.json'), type: FileChangeType.Deleted }]);
      await client.configurationChanged();
    });
  });

  // A suite of its own: mocha runs a suite's own tests before its nested suites.
  describe('shutdown', () => {
    it('shuts down cleanly, with nothing on stderr', async () => {
      assert.equal(await client.stop(), 0);
      assert.equal(client.stderr.join('').trim(), '');
    });
  });
});

describe('Scan workspace: cancellation and several folders', function () {
  this.timeout(120_000);
  let root: string;

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-scan-'));
    // Two workspace folders, each with its own configuration file.
    for (let i = 0; i < 300; i++) write(root, `a/src/h${i}.ts`, HANDLER);
    write(root, 'b/template.yaml', SAM);
    write(root, 'b/.serverless-guard.json', JSON.stringify({ rules: { 'iam-wildcard-action': 'info' } }));
  });

  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('stops when the request is cancelled, keeping what it published', async () => {
    const { client } = await TestClient.start({
      rootUri: pathToFileURL(path.join(root, 'a')).href,
      folders: [pathToFileURL(path.join(root, 'a')).href, pathToFileURL(path.join(root, 'b')).href],
      initializationOptions: { debounceMs: 0 },
      settings: () => ({ debounceMs: 0 }),
    });
    try {
      const source = new CancellationTokenSource();
      const result = client.connection.sendRequest<ScanWorkspaceResult>(ScanWorkspaceRequest.method, { workDoneToken: 'scan-c' }, source.token);
      await client.waitFor('the scan under way', () => client.progress.some((p) => p.token === 'scan-c' && p.value.kind === 'report'));
      source.cancel();
      const r = await result;
      assert.equal(r.cancelled, true);
      assert.ok(r.files < 301, `stopped early: ${JSON.stringify(r)}`);
      await client.waitFor('the end of the progress', () => client.progress.some((p) => p.token === 'scan-c' && p.value.kind === 'end'));
      assert.match(client.progress.find((p) => p.token === 'scan-c' && p.value.kind === 'end')!.value.message!, /cancelled/);

      // A full scan covers both folders, each with its own configuration.
      const full = await client.connection.sendRequest<ScanWorkspaceResult>(ScanWorkspaceRequest.method, {});
      assert.equal(full.cancelled, false);
      assert.equal(full.files, 301);
      const sam = client.diagnostics.filter((p) => p.uri === pathToFileURL(path.join(root, 'b', 'template.yaml')).href).at(-1);
      assert.ok(sam);
      assert.deepEqual(sam.diagnostics.filter((d) => d.code === 'iam-wildcard-action').map((d) => d.severity), [DiagnosticSeverity.Information]);
      assert.ok(client.diagnostics.some((p) => p.uri.endsWith('/a/src/h299.ts') && codes(p.diagnostics).includes('sql-injection')));
      assert.equal(await client.stop(), 0);
    } finally {
      client.kill();
    }
  });
});
