/** The built language server over stdio: diagnostics, versions, code actions, hovers, bad input and a clean exit. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionRequest, DiagnosticSeverity, FileChangeType, HoverRequest } from 'vscode-languageserver-protocol/node';
import type { CodeAction, Diagnostic, MarkupContent, Position, Range } from 'vscode-languageserver-protocol/node';
import { TestClient } from './lsp-client';

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: nodejs20.x
      Policies:
        - Statement:
            - Effect: Allow
              Action: "dynamodb:*"
              Resource: "*"
`;

const HANDLER = `import { Client } from 'pg';
const client = new Client();
export const handler = async (event) => {
  const sql = "SELECT * FROM orders WHERE id = '" + event.pathParameters.id + "'";
  return client.query(sql);
};
`;

const MALFORMED = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: [unclosed
      Handler: app.handler
`;

const WORKFLOW = `name: ci
on: [push]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm test
`;

/** The range of the first occurrence of `needle` in `text` (single line). */
function rangeOf(text: string, needle: string, occurrence = 0): Range {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} not in text`);
  const before = text.slice(0, at).split('\n');
  const line = before.length - 1;
  const character = before[line].length;
  return { start: { line, character }, end: { line, character: character + needle.length } };
}

/**
 * Asserts that a finding sits exactly on a scalar: its text, or its text with the quotes written
 * around it (the template model's node for a quoted scalar spans the quotes).
 */
function assertOnScalar(actual: Range, text: string, scalar: string): void {
  const bare = rangeOf(text, scalar);
  const quoted = rangeOf(text, `"${scalar}"`);
  assert.ok(
    JSON.stringify(actual) === JSON.stringify(bare) || JSON.stringify(actual) === JSON.stringify(quoted),
    `range ${JSON.stringify(actual)} is not on the text ${scalar} ${JSON.stringify(bare)}`,
  );
}

function inside(r: Range): Position {
  return { line: r.start.line, character: r.start.character + 1 };
}

function withCode(diags: Diagnostic[], code: string): Diagnostic[] {
  return diags.filter((d) => d.code === code);
}

describe('language server over stdio', function () {
  this.timeout(30_000);
  let dir: string;
  let client: TestClient;
  let settings: Record<string, unknown>;
  const uri = (name: string): string => pathToFileURL(path.join(dir, name)).href;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-protocol-'));
    settings = { enable: true, run: 'onType', debounceMs: 0, rules: {} };
    ({ client } = await TestClient.start({ rootUri: pathToFileURL(dir).href, initializationOptions: { debounceMs: 0 }, settings: () => settings }));
  });

  after(async () => {
    client?.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports a wildcard IAM action on the exact text, with the document version', async () => {
    const u = uri('template.yaml');
    await client.open(u, 'yaml', TEMPLATE, 1);
    const p = await client.diagnosticsFor(u, 1);
    const [d] = withCode(p.diagnostics, 'iam-wildcard-action');
    assert.ok(d, `no iam-wildcard-action in ${JSON.stringify(p.diagnostics)}`);
    assertOnScalar(d.range, TEMPLATE, 'dynamodb:*');
    assert.equal(d.range.start.line, 11);
    assert.equal(d.source, 'serverless-guard');
    assert.equal(d.severity, DiagnosticSeverity.Error);
    assert.equal(d.codeDescription?.href, 'https://github.com/serverless-guard/serverless-guard/blob/main/docs/rules/iam-wildcard-action.md');
    assert.deepEqual((d.data as { ruleId: string; resource: string }).ruleId, 'iam-wildcard-action');
    assert.equal((d.data as { resource: string }).resource, 'OrdersFunction');
    assert.equal(p.version, 1);
  });

  it('shows the rule, its analogy and its layer when hovering inside a finding', async () => {
    const u = uri('template.yaml');
    const range = rangeOf(TEMPLATE, 'dynamodb:*');
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: u }, position: inside(range) });
    assert.ok(hover, 'no hover inside the finding');
    const md = (hover.contents as MarkupContent).value;
    assert.equal((hover.contents as MarkupContent).kind, 'markdown');
    assert.match(md, /a badge that opens every room/);
    assert.match(md, /^> /m);
    assert.match(md, /Defense in depth: Edge → API → \*\*Lambda\*\* → Data → Audit/);
    assert.match(md, /iam-wildcard-action\.md\)/);
    // The message quotes the user's text; markdown characters from it are escaped.
    assert.match(md, /dynamodb:\\\*/);
    const outside = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: u }, position: { line: 0, character: 0 } });
    assert.equal(outside, null);
  });

  it('reports SQL built from request data reaching pg client.query, with quick fixes from data', async () => {
    const u = uri('src/get-order.ts');
    await client.open(u, 'typescript', HANDLER, 1);
    const p = await client.diagnosticsFor(u, 1);
    const [d] = withCode(p.diagnostics, 'sql-injection');
    assert.ok(d, `no sql-injection in ${JSON.stringify(p.diagnostics)}`);
    const data = d.data as { fixes: { title: string; edits: unknown[] }[] };
    assert.ok(data.fixes.length > 0, 'the finding carries its fixes in data');

    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: u },
      range: d.range,
      // The message is changed on purpose: actions are keyed by code and data, never by message text.
      context: { diagnostics: [{ ...d, message: 'edited by the client' }], only: ['quickfix'] },
    })) as CodeAction[];
    // The rule's fixes first, then "Suppress with a reason" and "Explain this risk" (which carry commands).
    assert.equal(actions.filter((a) => !a.command).length, data.fixes.length);
    assert.deepEqual(actions.filter((a) => a.command).map((a) => a.command!.command), ['serverlessGuard.setCursor', 'serverlessGuard.explain']);
    assert.equal(actions[0].title, data.fixes[0].title);
    assert.equal(actions[0].kind, 'quickfix');
    assert.equal(actions[0].isPreferred, true);
    assert.deepEqual(actions[0].edit?.changes?.[u], data.fixes[0].edits);
    assert.equal(actions[0].diagnostics?.[0].code, 'sql-injection');

    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: u }, position: inside(d.range) });
    assert.match((hover?.contents as MarkupContent).value, /order form/);

    const none = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: u },
      range: d.range,
      context: { diagnostics: [{ ...d, data: undefined }] },
    });
    assert.deepEqual(none, []);
  });

  it('gives malformed YAML exactly one diagnostic at the error line, and keeps serving', async () => {
    const u = uri('broken.yaml');
    await client.open(u, 'yaml', MALFORMED, 1);
    const p = await client.diagnosticsFor(u, 1);
    assert.equal(p.diagnostics.length, 1, JSON.stringify(p.diagnostics));
    const [d] = p.diagnostics;
    assert.equal(d.code, 'parse-error');
    assert.equal(d.severity, DiagnosticSeverity.Error);
    assert.ok(d.range.start.line >= 4 && d.range.start.line <= 5, `parse error at line ${d.range.start.line}`);
    // Still alive: a later request is answered.
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: u }, position: { line: 0, character: 0 } });
    assert.equal(hover, null);
  });

  it('says nothing about YAML that is not a template (a GitHub workflow)', async () => {
    const u = uri('.github/workflows/ci.yml');
    await client.open(u, 'yaml', WORKFLOW, 1);
    const p = await client.diagnosticsFor(u, 1);
    assert.deepEqual(p.diagnostics, []);
  });

  it('follows edits: version 2 diagnostics describe the new text', async () => {
    const u = uri('template.yaml');
    const from = client.diagnostics.length;
    const v2 = TEMPLATE.replace('"dynamodb:*"', '\n                - dynamodb:GetItem\n                - "s3:*"').replace('Action: \n', 'Action:\n');
    await client.replace(u, v2, 2);
    const p = await client.diagnosticsFor(u, 2, from);
    assert.equal(p.version, 2);
    const found = withCode(p.diagnostics, 'iam-wildcard-action');
    assert.equal(found.length, 1, JSON.stringify(p.diagnostics));
    assertOnScalar(found[0].range, v2, 's3:*');
    // Nothing was published for version 1 after version 2 arrived.
    assert.ok(client.diagnostics.slice(from).every((x) => x.uri !== u || x.version === 2));

    // A fix of the text clears the finding.
    const v3 = TEMPLATE.replace('"dynamodb:*"', 'dynamodb:GetItem');
    await client.replace(u, v3, 3);
    const p3 = await client.diagnosticsFor(u, 3, from);
    assert.deepEqual(withCode(p3.diagnostics, 'iam-wildcard-action'), []);
  });

  it('applies editor settings and .serverless-guard.json, re-analysing open documents', async () => {
    const u = uri('src/get-order.ts');
    let from = client.diagnostics.length;
    settings = { ...settings, rules: { 'sql-injection': 'warning' } };
    await client.configurationChanged();
    await client.waitFor('sql-injection as a warning', () =>
      client.diagnostics.slice(from).some((p) => p.uri === u && p.diagnostics.some((d) => d.code === 'sql-injection' && d.severity === DiagnosticSeverity.Warning)),
    );

    from = client.diagnostics.length;
    settings = { ...settings, rules: {} };
    fs.writeFileSync(path.join(dir, '.serverless-guard.json'), JSON.stringify({ rules: { 'sql-injection': 'off' } }));
    await client.configurationChanged();
    await client.filesChanged([{ uri: uri('.serverless-guard.json'), type: FileChangeType.Created }]);
    await client.waitFor('sql-injection switched off by the config file', () =>
      client.diagnostics.slice(from).some((p) => p.uri === u && !p.diagnostics.some((d) => d.code === 'sql-injection')),
    );

    from = client.diagnostics.length;
    settings = { ...settings, rules: { 'sql-injection': 'error' } };
    await client.configurationChanged();
    await client.waitFor('editor settings override the config file', () =>
      client.diagnostics.slice(from).some((p) => p.uri === u && p.diagnostics.some((d) => d.code === 'sql-injection' && d.severity === DiagnosticSeverity.Error)),
    );
    fs.rmSync(path.join(dir, '.serverless-guard.json'));
    await client.filesChanged([{ uri: uri('.serverless-guard.json'), type: FileChangeType.Deleted }]);
  });

  it('clears the diagnostics of a closed document', async () => {
    const u = uri('src/get-order.ts');
    const from = client.diagnostics.length;
    await client.close(u);
    await client.waitFor('empty diagnostics after close', () => client.diagnostics.slice(from).some((p) => p.uri === u && p.diagnostics.length === 0));
  });

  it('shuts down cleanly on shutdown + exit', async () => {
    const code = await client.stop();
    assert.equal(code, 0);
    assert.equal(
      client.stderr.join('').trim(),
      '',
      'nothing on stderr',
    );
  });
});

describe('language server without workspace/configuration support', function () {
  this.timeout(30_000);

  it('analyses with the defaults and the initialization options', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-protocol-'));
    const { client, result } = await TestClient.start({ rootUri: pathToFileURL(dir).href, initializationOptions: { debounceMs: 0 } });
    try {
      assert.ok(result.capabilities.hoverProvider);
      const u = pathToFileURL(path.join(dir, 'template.yaml')).href;
      await client.open(u, 'yaml', TEMPLATE, 7);
      const p = await client.diagnosticsFor(u, 7);
      assert.equal(withCode(p.diagnostics, 'iam-wildcard-action').length, 1);
      assert.equal(await client.stop(), 0);
    } finally {
      client.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a save right after an edit (a quick fix then save) still analyses the edit', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-protocol-'));
    const { client } = await TestClient.start({ rootUri: pathToFileURL(dir).href, initializationOptions: { debounceMs: 400 } });
    try {
      const u = pathToFileURL(path.join(dir, 'template.yaml')).href;
      await client.open(u, 'yaml', TEMPLATE, 1);
      const first = await client.diagnosticsFor(u, 1);
      assert.ok(first.diagnostics.some((d) => d.code === 'iam-wildcard-action'));
      // The workspace crawl ends with a refresh of open documents; let it pass first.
      await client.waitFor('the workspace crawl', () => client.logs.some((l) => /indexed \d+ files?/.test(l)));
      await new Promise((r) => setTimeout(r, 500));
      // The save comes within the debounce of the edit, as when an editor applies a fix and saves.
      await client.replace(u, TEMPLATE.replace('dynamodb:*', 'dynamodb:GetItem'), 2);
      await client.save(u);
      const second = await client.diagnosticsFor(u, 2);
      assert.ok(!second.diagnostics.some((d) => d.code === 'iam-wildcard-action'), 'the fixed version is analysed');
      // A save of a version already analysed publishes nothing new.
      const count = client.diagnostics.length;
      await client.save(u);
      await new Promise((r) => setTimeout(r, 600));
      assert.deepEqual(client.diagnostics.slice(count).map((p) => p.version), []);
      assert.equal(await client.stop(), 0);
    } finally {
      client.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('debounces: only the last of quick edits is analysed and published', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-protocol-'));
    const { client } = await TestClient.start({ rootUri: pathToFileURL(dir).href, initializationOptions: { debounceMs: 200 } });
    try {
      const u = pathToFileURL(path.join(dir, 'template.yaml')).href;
      await client.open(u, 'yaml', TEMPLATE, 1);
      await client.diagnosticsFor(u, 1);
      for (let v = 2; v <= 6; v++) await client.replace(u, TEMPLATE.replace('dynamodb:*', `dynamodb:*${' '.repeat(v)}`), v);
      await client.diagnosticsFor(u, 6);
      assert.deepEqual(
        client.diagnostics.filter((p) => p.uri === u).map((p) => p.version),
        [1, 6],
      );
      assert.equal(await client.stop(), 0);
    } finally {
      client.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
