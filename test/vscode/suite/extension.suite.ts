/**
 * The extension seen through the VS Code API, in a real extension host: diagnostics, code
 * actions, hovers and commands. Runs under VS Code desktop (npm run test:vscode) and inside
 * code-server's extension host (npm run test:e2e). The workspace is a copy of examples/.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { skipWith } from './skip';

const EXTENSION_ID = 'serverless-guard.serverless-guard';
const SOURCE = 'serverless-guard';
const HANDLER = 'orders-api/src/handlers/search-orders.ts';
const TEMPLATE = 'orders-api/template.yaml';

function workspaceFile(rel: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need the examples folder open as the workspace');
  return vscode.Uri.joinPath(folder.uri, ...rel.split('/'));
}

function ruleId(d: vscode.Diagnostic): string {
  return String(typeof d.code === 'object' && d.code !== null ? d.code.value : d.code);
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** Resolves with our diagnostics for `uri` once `ok` holds for them (checked now and at every change). */
function diagnosticsWhen(uri: vscode.Uri, ok: (ds: vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 90_000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const ds = ours(uri);
      if (!ok(ds)) return false;
      cleanup();
      resolve(ds);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`expected ${what} within ${timeoutMs / 1000} s; have ${JSON.stringify(ours(uri).map((d) => `${ruleId(d)}@${d.range.start.line + 1}`))}`));
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      sub.dispose();
    };
    check();
  });
}

const withRule = (id: string) => (ds: vscode.Diagnostic[]) => ds.some((d) => ruleId(d) === id);

/** The analogy of a rule, from its generated docs page ("## The picture", a quote). */
function analogyFromDocs(root: string, id: string): string | undefined {
  const file = path.join(root, 'docs', 'rules', `${id}.md`);
  if (!fs.existsSync(file)) return undefined;
  const m = /## The picture\s+((?:>.*\n?)+)/.exec(fs.readFileSync(file, 'utf8'));
  return m?.[1].replace(/^>\s?/gm, '').replace(/\s+/g, ' ').trim();
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n')
    .replace(/^>\s?/gm, '')
    .replace(/\s+/g, ' ');
}

describe('Serverless Guard in a VS Code extension host', function () {
  this.timeout(120_000);
  let extension: vscode.Extension<unknown>;

  before(async () => {
    const found = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(found, `${EXTENSION_ID} is not loaded`);
    extension = found;
    await extension.activate();
  });

  it('activates', () => {
    assert.equal(extension.isActive, true);
  });

  it('reports sql-injection on the flawed handler, with its docs link', async () => {
    const uri = workspaceFile(HANDLER);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const ds = await diagnosticsWhen(uri, withRule('sql-injection'), 'sql-injection on the handler');
    const d = ds.find((x) => ruleId(x) === 'sql-injection')!;
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    const code = d.code as { value: string; target: vscode.Uri };
    assert.match(code.target.toString(), /sql-injection/);
  });

  it('reports iam-wildcard-action on the SAM template', async () => {
    const uri = workspaceFile(TEMPLATE);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const ds = await diagnosticsWhen(uri, withRule('iam-wildcard-action'), 'iam-wildcard-action on the template');
    const text = (await vscode.workspace.openTextDocument(uri)).getText(ds.find((d) => ruleId(d) === 'iam-wildcard-action')!.range);
    // The finding lands on the offending value: the wildcard itself.
    assert.match(text, /\*/);
  });

  it('hover over a finding shows the rule analogy', async function () {
    const analogy = analogyFromDocs(extension.extensionPath, 'sql-injection');
    if (!analogy) skipWith(this, 'docs/rules/sql-injection.md is not beside the extension (a packaged install); the browser test checks the hover');
    const uri = workspaceFile(HANDLER);
    const [d] = (await diagnosticsWhen(uri, withRule('sql-injection'), 'sql-injection on the handler')).filter((x) => ruleId(x) === 'sql-injection');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, d.range.start);
    assert.ok(hoverText(hovers).includes(analogy), `the hover lacks the analogy; it says: ${hoverText(hovers).slice(0, 400)}`);
  });

  it('the parameterized-query quick fix rewrites the query and clears its finding', async () => {
    const uri = workspaceFile(HANDLER);
    const doc = await vscode.workspace.openTextDocument(uri);
    const before = (await diagnosticsWhen(uri, withRule('sql-injection'), 'sql-injection on the handler')).filter((x) => ruleId(x) === 'sql-injection');
    const target = before[before.length - 1];
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, target.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => /parameterized query/i.test(a.title));
    assert.ok(fix?.edit, `no parameterized-query fix among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
    const line = target.range.start.line;
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(doc.lineAt(line).text, /\$1/);
    assert.doesNotMatch(doc.lineAt(line).text, /\$\{customerId\}/);
    await diagnosticsWhen(uri, (ds) => ds.filter((d) => ruleId(d) === 'sql-injection').length === before.length - 1 && !ds.some((d) => ruleId(d) === 'sql-injection' && d.range.start.line === line), 'one sql-injection finding fewer after the fix');
  });

  it('every contributed command is registered', async () => {
    const contributed: { command: string }[] = (extension.packageJSON as { contributes?: { commands?: { command: string }[] } }).contributes?.commands ?? [];
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.map((c) => c.command).filter((c) => !registered.has(c));
    assert.deepEqual(missing, []);
  });

  it('"Explain this risk" opens the Explain view for the finding under the cursor', async function () {
    const contributed: { command: string }[] = (extension.packageJSON as { contributes?: { commands?: { command: string }[] } }).contributes?.commands ?? [];
    if (!contributed.some((c) => c.command === 'serverlessGuard.explain')) skipWith(this, 'the extension does not contribute serverlessGuard.explain in this build');
    const uri = workspaceFile(HANDLER);
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const [d] = (await diagnosticsWhen(uri, withRule('sql-injection'), 'sql-injection on the handler')).filter((x) => ruleId(x) === 'sql-injection');
    editor.selection = new vscode.Selection(d.range.start, d.range.start);
    const opened = new Promise<void>((resolve, reject) => {
      const has = () => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputWebview));
      if (has()) return resolve();
      const timer = setTimeout(() => {
        sub.dispose();
        reject(new Error('no webview tab opened within 60 s of serverlessGuard.explain'));
      }, 60_000);
      const sub = vscode.window.tabGroups.onDidChangeTabs(() => {
        if (has()) {
          clearTimeout(timer);
          sub.dispose();
          resolve();
        }
      });
    });
    await vscode.commands.executeCommand('serverlessGuard.explain');
    await opened;
  });
});
