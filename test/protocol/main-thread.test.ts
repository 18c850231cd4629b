// The language server's own thread never loads the compiler or the rules: hovers, code actions,
// Explain and the defense view are answered by the analysis worker, on the text the editor shows.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { CancellationTokenSource, CodeActionRequest, HoverRequest } from 'vscode-languageserver-protocol/node';
import type { CodeAction, Diagnostic, Hover, MarkupContent, Position } from 'vscode-languageserver-protocol/node';
import { DefenseInDepthRequest, ExplainRequest } from '../../server/src/lsp/protocol';
import type { DefenseResult, ExplainResult } from '../../server/src/lsp/protocol';
import { ROOT, SERVER, TestClient } from './lsp-client';

const RECORDER = path.join(ROOT, 'test', 'fixtures', 'runner', 'main-thread-modules.cjs');

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
      Policies:
        - Statement:
            - Effect: Allow
              Action: 'dynamodb:*'
              Resource: '*'
`;
const STACK = `import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
export function wire(fn: lambda.Function): void {
  fn.grantInvoke(new iam.ServicePrincipal('events.amazonaws.com'));
}
`;
const HANDLER = `import { Pool } from 'pg';
const pool = new Pool();
export const handler = async (event: any) => pool.query("SELECT * FROM t WHERE id = '" + event.pathParameters.id + "'");
`;

function at(text: string, needle: string, after = 1): Position {
  const offset = text.indexOf(needle) + after;
  assert.ok(offset >= after, needle);
  const lines = text.slice(0, offset).split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

const markdown = (h: Hover | null): string => (h ? (h.contents as MarkupContent).value : '');

describe("the language server's own thread: no compiler, no rules", function () {
  this.timeout(60_000);

  it('builds server.ts with no compiler, rule, model or request module in its graph, and nothing left to load at run time', async () => {
    // Built apart from scripts/build.mjs and with nothing external but Node's own modules: whatever
    // server.ts can reach, eagerly or through a later require, shows up in this graph.
    const r = await esbuild.build({
      entryPoints: [path.join(ROOT, 'server', 'src', 'server.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      metafile: true,
      logLevel: 'silent',
      absWorkingDir: ROOT,
      outfile: path.join(os.tmpdir(), 'sg-server-graph.js'),
    });
    const inputs = Object.keys(r.metafile.inputs);
    assert.ok(inputs.includes('server/src/runner/runner.ts'), inputs.join('\n'));
    const heavy = inputs.filter((f) =>
      /^node_modules\/(typescript|yaml)\/|^server\/src\/(rules|models|knowledge)\/|^server\/src\/lsp\/(hover|code-actions|explain|concepts|suppress-edit|document-requests)\.ts$|^server\/src\/engine\/(analyze|workspace|defense-in-depth)\.ts$/.test(f),
    );
    assert.deepEqual(heavy, []);
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    const external = Object.values(r.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external && !builtins.has(i.path)).map((i) => i.path));
    assert.deepEqual(external, []);
  });

  it("serves hovers, code actions, Explain and the defense view with nothing but server.js loaded on the server's thread", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-main-thread-'));
    const log = path.join(dir, 'modules.json');
    const ws = path.join(dir, 'ws');
    fs.mkdirSync(path.join(ws, 'src'), { recursive: true });
    fs.writeFileSync(path.join(ws, 'template.yaml'), TEMPLATE);
    const uri = (name: string) => pathToFileURL(path.join(ws, name)).href;
    const { client } = await TestClient.start({
      rootUri: pathToFileURL(ws).href,
      initializationOptions: { debounceMs: 0 },
      execArgv: ['--require', RECORDER],
      env: { SG_MODULES_LOG: log },
    });
    try {
      await client.waitFor('the workspace to be indexed', () => client.logs.some((l) => /indexed \d+ files/.test(l)));
      const opened = async (name: string, languageId: string, text: string): Promise<Diagnostic[]> => {
        const from = client.diagnostics.length;
        await client.open(uri(name), languageId, text, 1);
        return (await client.diagnosticsFor(uri(name), 1, from)).diagnostics;
      };
      const templateDiagnostics = await opened('template.yaml', 'yaml', TEMPLATE);
      const handlerDiagnostics = await opened('src/app.ts', 'typescript', HANDLER);
      await opened('src/stack.ts', 'typescript', STACK);

      // A finding's hover, a template concept and a CDK concept (the last two parse the text).
      const wildcard = templateDiagnostics.find((d) => d.code === 'iam-wildcard-action')!;
      assert.ok(wildcard, JSON.stringify(templateDiagnostics));
      const onFinding = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri('template.yaml') }, position: wildcard.range.start });
      assert.match(markdown(onFinding), /iam-wildcard-action/);
      const policies = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri('template.yaml') }, position: at(TEMPLATE, 'Policies') });
      assert.match(markdown(policies), /badge/i);
      const grant = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri('src/stack.ts') }, position: at(STACK, 'grantInvoke') });
      assert.match(markdown(grant), /visitor list/i);

      // Code actions on a handler's finding: its suppression is written from the parsed code.
      const sql = handlerDiagnostics.find((d) => d.code === 'sql-injection')!;
      assert.ok(sql, JSON.stringify(handlerDiagnostics));
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: uri('src/app.ts') },
        range: sql.range,
        context: { diagnostics: [sql] },
      })) as CodeAction[];
      const suppress = actions.find((a) => a.title === 'Suppress sql-injection with a reason');
      assert.ok(suppress, actions.map((a) => a.title).join(', '));
      assert.equal(suppress.edit!.changes![uri('src/app.ts')][0].newText, '// serverless-guard-ignore-next-line sql-injection: \n');

      // Explain (the file kind comes from parsing the code) and the defense view.
      const explained = await client.connection.sendRequest<ExplainResult | null>(ExplainRequest.method, { uri: uri('src/stack.ts'), ruleId: 'resource-policy-public' });
      assert.equal(explained?.fileKind, 'cdk');
      const defense = await client.connection.sendRequest<DefenseResult>(DefenseInDepthRequest.method, {});
      assert.equal(defense.files, 1);
      assert.equal(defense.items.find((i) => i.name === 'OrdersFunction')?.checks.find((c) => c.control === 'least-privilege')?.status, 'missing');

      assert.equal(await client.stop(), 0);
    } finally {
      client.kill();
    }
    const loaded = JSON.parse(fs.readFileSync(log, 'utf8')) as string[];
    fs.rmSync(dir, { recursive: true, force: true });
    assert.deepEqual(loaded, [SERVER]);
  });

  it('answers on a new unsaved file and on a file over the size limit, and gives nothing to a request cancelled before it ran', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-main-thread-'));
    const { client } = await TestClient.start({ rootUri: pathToFileURL(dir).href, initializationOptions: { debounceMs: 0 }, settings: () => ({ maxFileSizeKB: 2 }) });
    try {
      // Never saved, never indexed: the hover parses the text the editor holds.
      const untitled = 'untitled:Untitled-1';
      await client.open(untitled, 'typescript', STACK, 1);
      await client.diagnosticsFor(untitled, 1);
      const grant = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: untitled }, position: at(STACK, 'grantInvoke') });
      assert.match(markdown(grant), /visitor list/i);

      // Over maxFileSizeKB: skipped with a notice, and nothing is parsed for its requests either.
      const big = pathToFileURL(path.join(dir, 'big.yaml')).href;
      const bigText = `${TEMPLATE}# ${'x'.repeat(3 * 1024)}\n`;
      await client.open(big, 'yaml', bigText, 1);
      const notice = (await client.diagnosticsFor(big, 1)).diagnostics;
      assert.deepEqual(notice.map((d) => d.code), ['skipped']);
      assert.equal(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: big }, position: at(bigText, 'Policies') }), null);
      assert.deepEqual(await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: big }, range: notice[0].range, context: { diagnostics: notice } }), []);
      assert.equal((await client.connection.sendRequest<ExplainResult | null>(ExplainRequest.method, { uri: big, position: at(bigText, 'Policies') })), null);

      // A hover cancelled while the server was busy analysing an edit is not sent to the worker.
      const file = pathToFileURL(path.join(dir, 'template.yaml')).href;
      await client.open(file, 'yaml', TEMPLATE, 1);
      const wildcard = (await client.diagnosticsFor(file, 1)).diagnostics.find((d) => d.code === 'iam-wildcard-action')!;
      const edited = `${TEMPLATE}# edited\n`;
      const from = client.diagnostics.length;
      void client.replace(file, edited, 2);
      const source = new CancellationTokenSource();
      const cancelled = client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: file }, position: wildcard.range.start }, source.token);
      source.cancel();
      assert.equal(await cancelled, null);
      await client.diagnosticsFor(file, 2, from);
      const next = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: file }, position: wildcard.range.start });
      assert.match(markdown(next), /iam-wildcard-action/);
      assert.deepEqual(client.logs.filter((l) => /failed|stopped/.test(l)), []);
      assert.equal(await client.stop(), 0);
    } finally {
      client.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
