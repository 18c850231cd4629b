// A rule that throws or never returns, injected into the built server and CLI (test-only rules,
// honoured under NODE_ENV=test): reported once, as an info diagnostic and a log line, while every
// other rule still delivers and the server keeps serving.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, HoverRequest } from 'vscode-languageserver-protocol/node';
import { ROOT, TestClient } from './lsp-client';

const HOSTILE_RULES = path.join(ROOT, 'test', 'fixtures', 'rules', 'hostile-rules.cjs');
const CLI = path.join(ROOT, 'server', 'out', 'cli.js');
const TEST_ENV = { NODE_ENV: 'test', SERVERLESS_GUARD_TEST_RULES: HOSTILE_RULES, SERVERLESS_GUARD_TIMEOUT_MS: '1000' };

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  ReportsRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: reports
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: 's3:*'
                Resource: arn:aws:s3:::reports/*
`;

describe('isolation: a rule that throws or overruns, in the built server', function () {
  this.timeout(60_000);
  let dir: string;
  let client: TestClient;
  const uri = (name: string): string => pathToFileURL(path.join(dir, name)).href;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-isolation-'));
    ({ client } = await TestClient.start({ rootUri: pathToFileURL(dir).href, initializationOptions: { debounceMs: 0 }, env: TEST_ENV }));
  });

  after(() => {
    client?.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stops a looping rule, says so once, and still publishes every other rule', async () => {
    const u = uri('template.yaml');
    const text = `${TEMPLATE}# LOOP-ME THROW-ME\n`;
    await client.open(u, 'yaml', text, 1);
    const p = await client.diagnosticsFor(u, 1, 0);
    const codes = p.diagnostics.map((d) => String(d.code)).sort();
    assert.deepEqual(codes, ['iam-wildcard-action', 'test-loops', 'test-throws']);
    const loop = p.diagnostics.find((d) => d.code === 'test-loops')!;
    assert.equal(loop.severity, DiagnosticSeverity.Information);
    assert.match(String(loop.message), /^rule test-loops took too long on this file \(over 1 s\) and was stopped/);
    const thrown = p.diagnostics.find((d) => d.code === 'test-throws')!;
    assert.equal(thrown.severity, DiagnosticSeverity.Information);
    assert.match(String(thrown.message), /^rule test-throws failed on this file/);

    // Edits go on: the rule stays off for the file, the notice stays, the log says it once.
    for (let v = 2; v <= 4; v++) await client.replace(u, `${text}# edit ${v}\n`, v);
    const last = await client.diagnosticsFor(u, 4);
    assert.deepEqual(last.diagnostics.map((d) => String(d.code)).sort(), ['iam-wildcard-action', 'test-loops', 'test-throws']);
    assert.equal(client.logs.filter((l) => /test-loops took too long/.test(l)).length, 1, client.logs.join('\n'));
    assert.equal(client.logs.filter((l) => /test-throws failed/.test(l)).length, 1, client.logs.join('\n'));

    // The server is alive and answers.
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: u }, position: { line: 11, character: 27 } });
    assert.ok(hover, 'no hover after the stop');
    const clean = uri('clean.yaml');
    await client.open(clean, 'yaml', TEMPLATE, 1);
    assert.deepEqual((await client.diagnosticsFor(clean, 1)).diagnostics.map((d) => d.code), ['iam-wildcard-action']);
    assert.equal(await client.stop(), 0);
  });
});

describe('isolation: a rule that throws or overruns, in the built CLI', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-isolation-cli-'));
    fs.writeFileSync(path.join(dir, 'looping.yaml'), `${TEMPLATE}# LOOP-ME\n`);
    fs.writeFileSync(path.join(dir, 'throwing.yaml'), `${TEMPLATE}# THROW-ME\n`);
    fs.writeFileSync(path.join(dir, 'plain.yaml'), TEMPLATE);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finishes the scan, reports the stopped and the failed rule as errors, and keeps every finding', () => {
    const r = spawnSync(process.execPath, [CLI, 'scan', '.', '--format', 'json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...TEST_ENV } });
    assert.equal(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout) as { findings: { ruleId: string; file: string }[]; errors: { file: string; message: string }[] };
    assert.deepEqual(
      out.findings.filter((f) => f.ruleId === 'iam-wildcard-action').map((f) => f.file),
      ['looping.yaml', 'plain.yaml', 'throwing.yaml'],
    );
    assert.deepEqual(out.errors.map((e) => e.file), ['looping.yaml', 'throwing.yaml']);
    assert.match(out.errors[0].message, /^rule test-loops took too long on this file \(over 1 s\) and was stopped/);
    assert.match(out.errors[1].message, /^rule test-throws failed on this file: the test rule threw on purpose/);
    assert.match(r.stderr, /looping\.yaml.*rule test-loops took too long on this file/);
  });
});
