// The surface: the built CLI and server, run over a workspace that would do harm if any of it were
// executed, with every way to reach the network or start a program trapped (test/fixtures/surface/
// trap.cjs, preloaded with --require into the process and its analysis worker). Nothing may be
// called, no workspace module loaded, and the harm's marker file must never appear.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionRequest, HoverRequest } from 'vscode-languageserver-protocol/node';
import { ROOT, TestClient } from './lsp-client';

const TRAP = path.join(ROOT, 'test', 'fixtures', 'surface', 'trap.cjs');
const CLI = path.join(ROOT, 'server', 'out', 'cli.js');
const EXAMPLES = path.join(ROOT, 'examples');

interface TrapEntry {
  thread: number;
  loaded?: string;
  called?: string;
  stack?: string;
}

/** A workspace in which running, importing or requiring anything writes `marker`. */
function writeHostileWorkspace(dir: string, marker: string): void {
  const harm = `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'workspace code ran: ' + __filename)`;
  const files: Record<string, string> = {
    'cdk.json': JSON.stringify({ app: `node -e "${harm.replace(/"/g, '\\"')}"`, context: {} }, null, 2),
    'package.json': JSON.stringify({ name: 'victim', main: 'src/evil.js', scripts: { postinstall: `node -e "${harm.replace(/"/g, '\\"')}"` } }),
    'tsconfig.json': JSON.stringify({ extends: './src/evil.js', compilerOptions: { plugins: [{ name: './src/evil.js' }] } }),
    '.serverless-guard.json': JSON.stringify({ rules: { 'sql-injection': 'error' } }),
    'hostile-config.json': JSON.stringify({ rules: {}, plugins: ['./src/evil.js'], require: './src/evil.js', extends: './src/evil.js' }),
    'bin/app.ts': `import * as cdk from 'aws-cdk-lib';\nimport '../src/evil';\n${harm};\nconst app = new cdk.App();\nnew cdk.Stack(app, 'Victim');\n`,
    'src/evil.js': `${harm};\nconst { Pool } = require('pg');\nconst pool = new Pool();\nexports.handler = async (event) => pool.query("SELECT * FROM t WHERE id = '" + event.body + "'");\n`,
    'src/evil.ts': `import { Pool } from 'pg';\nimport './evil.js';\n${harm.replace('__filename', "'evil.ts'")};\nconst pool = new Pool();\nexport const handler = async (event: { body: string }) => pool.query("SELECT * FROM t WHERE id = '" + event.body + "'");\n`,
    'node_modules/pg/index.js': `${harm};\nexports.Pool = class {};\n`,
    'node_modules/pg/package.json': JSON.stringify({ name: 'pg', main: 'index.js' }),
    'template.yaml': `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  EvilFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: evil.handler
      Runtime: nodejs20.x
      Policies:
        - Statement:
            - Effect: Allow
              Action: '*'
              Resource: '*'
      Environment:
        Variables:
          REGION_HOOK: !Sub 'https://\${AWS::Region}.example.com/'
          HOOK: |
            $(node -e "${harm.replace(/"/g, '\\"')}")
`,
  };
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
}

function readTrap(log: string): TrapEntry[] {
  if (!fs.existsSync(log)) return [];
  return fs
    .readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as TrapEntry);
}

function assertNothingCalled(entries: TrapEntry[], marker: string): void {
  const calls = entries.filter((e) => e.called);
  assert.deepEqual(calls, [], `trapped calls:\n${calls.map((c) => `${c.called} (thread ${c.thread})\n${c.stack}`).join('\n')}`);
  assert.ok(!fs.existsSync(marker), `workspace code ran: ${fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : ''}`);
  // The trap was in place in the main thread and in the analysis worker, so silence means something.
  assert.ok(entries.some((e) => e.loaded && e.thread === 0), 'the trap was not loaded in the main thread');
  assert.ok(entries.some((e) => e.loaded && e.thread > 0), 'the trap was not loaded in the analysis worker');
}

describe('surface: no network, no programs, no workspace code', function () {
  this.timeout(60_000);
  let tmp: string;
  let workspace: string;
  let marker: string;
  let log: string;
  let env: Record<string, string>;

  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-surface-'));
    workspace = path.join(tmp, 'workspace');
    marker = path.join(tmp, 'HARM-DONE');
    log = path.join(tmp, 'trap.log');
    writeHostileWorkspace(workspace, marker);
    env = { SG_TRAP_LOG: log, SG_TRAP_WORKSPACE: workspace };
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('the trap itself works: it records a connection attempt and a workspace require', () => {
    const r = spawnSync(
      process.execPath,
      ['--require', TRAP, '-e', `try { require('node:https').get('https://example.com') } catch {} ; try { require(${JSON.stringify(path.join(workspace, 'src', 'evil.js'))}) } catch {}`],
      { encoding: 'utf8', env: { ...process.env, ...env } },
    );
    assert.equal(r.status, 0, r.stderr);
    const called = readTrap(log).flatMap((e) => (e.called ? [e.called.replace(workspace, '<ws>')] : []));
    assert.ok(called.includes('node:https.get'), called.join(', '));
    assert.ok(called.some((c) => c.startsWith('require <ws>')), called.join(', '));
    // The require went ahead (the trap records, it does not block loading), so the marker proves the harm would be seen.
    assert.ok(fs.existsSync(marker));
  });

  it('the CLI scans the hostile workspace and the examples without calling out or running anything', () => {
    const targets = [workspace, ...(fs.existsSync(EXAMPLES) ? [EXAMPLES] : [])];
    for (const format of ['json', 'sarif', 'text']) {
      const r = spawnSync(process.execPath, ['--require', TRAP, CLI, 'scan', ...targets, '--format', format], {
        cwd: workspace,
        encoding: 'utf8',
        env: { ...process.env, ...env },
      });
      assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
      if (format === 'json') {
        const out = JSON.parse(r.stdout) as { findings: { ruleId: string; file: string }[] };
        // It did read the files: the findings are there.
        assert.ok(out.findings.some((f) => f.ruleId === 'sql-injection' && f.file === 'src/evil.ts'), r.stdout);
        assert.ok(out.findings.some((f) => f.ruleId === 'iam-wildcard-action' && f.file === 'template.yaml'), r.stdout);
      }
    }
    // A configuration that names code to load is refused, and nothing is loaded.
    const bad = spawnSync(process.execPath, ['--require', TRAP, CLI, 'scan', '.', '--config', 'hostile-config.json'], {
      cwd: workspace,
      encoding: 'utf8',
      env: { ...process.env, ...env },
    });
    assert.equal(bad.status, 2, bad.stderr);
    assert.match(bad.stderr, /unknown key "plugins"/);
    assertNothingCalled(readTrap(log), marker);
  });

  it('the server indexes, analyses, hovers and offers fixes in it without calling out or running anything', async () => {
    const { client } = await TestClient.start({
      rootUri: pathToFileURL(workspace).href,
      initializationOptions: { debounceMs: 0 },
      execArgv: ['--require', TRAP],
      env,
      cwd: workspace,
    });
    try {
      await client.waitFor('the workspace to be indexed', () => client.logs.some((l) => /indexed \d+ files/.test(l)));
      const open: [string, string][] = [
        ['src/evil.ts', 'typescript'],
        ['src/evil.js', 'javascript'],
        ['bin/app.ts', 'typescript'],
        ['template.yaml', 'yaml'],
        ['cdk.json', 'json'],
        ['tsconfig.json', 'json'],
        ['.serverless-guard.json', 'json'],
        ['hostile-config.json', 'json'],
      ];
      for (const [name, languageId] of open) {
        const uri = pathToFileURL(path.join(workspace, name)).href;
        const from = client.diagnostics.length;
        await client.open(uri, languageId, fs.readFileSync(path.join(workspace, name), 'utf8'), 1);
        const p = await client.diagnosticsFor(uri, 1, from);
        for (const d of p.diagnostics) {
          await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: d.range.start });
          await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
        }
      }
      const evil = client.diagnostics.find((p) => p.uri.endsWith('src/evil.ts') && p.diagnostics.some((d) => d.code === 'sql-injection'));
      assert.ok(evil, 'the server did analyse the handler');
      assert.equal(await client.stop(), 0);
    } finally {
      client.kill();
    }
    assertNothingCalled(readTrap(log), marker);
  });
});
