/**
 * The command handlers, one factory per entry of the command table (command-table.ts), each with
 * a sensible behaviour when the language server is not running.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { WorkDoneProgress } from 'vscode-languageclient/node';
import { DefenseInDepthRequest, ExplainRequest, ScanWorkspaceRequest } from '../../server/src/lsp/protocol';
import type { DefenseParams, DefenseResult, ExplainParams, ExplainResult, ExplainTarget, ScanWorkspaceResult, SetCursorArgs } from '../../server/src/lsp/protocol';
import { COMMANDS } from './command-table';
import type { CommandName } from './command-table';
import { defenseHtml } from './defense-html';
import { explainHtml } from './explain-html';
import { findingAt, lspRange, pickItems } from './findings';
import type { LspRange } from './findings';
import { GuardPanel } from './panel';

/** What the handlers need from the extension. */
export interface CommandContext {
  extensionUri: vscode.Uri;
  output: vscode.LogOutputChannel;
  /** The client once it runs; undefined when it failed, stopped or is not started. Waits while it is starting. */
  client(): Promise<LanguageClient | undefined>;
  restart(): Promise<void>;
}

export interface ApplyFixArgs {
  uri: string;
  edits: { range: LspRange; newText: string }[];
  /** The document version the edits were computed for; a newer document is left alone. */
  version?: number;
}

type Handler = (...args: unknown[]) => unknown;
type Factory = (ctx: CommandContext) => Handler;

const toRange = (r: LspRange): vscode.Range => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

/** The running client, or a message that says why there is none and how to get one back. */
async function serverOrExplain(ctx: CommandContext): Promise<LanguageClient | undefined> {
  const client = await ctx.client();
  if (client) return client;
  const choice = await vscode.window.showWarningMessage(
    'The Serverless Guard language server is not running, so this command cannot run.',
    'Restart the server',
    'Show output',
  );
  if (choice === 'Restart the server') await ctx.restart();
  else if (choice === 'Show output') ctx.output.show();
  return undefined;
}

let castle: Promise<string> | undefined;
function castleSvg(ctx: CommandContext): Promise<string> {
  castle ??= Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.joinPath(ctx.extensionUri, 'media', 'defense-in-depth.svg'))).then((b) => new TextDecoder().decode(b));
  return castle;
}

function isTarget(x: unknown): x is ExplainTarget {
  const t = x as ExplainTarget | null;
  return typeof t === 'object' && t !== null && typeof t.uri === 'string' && typeof t.ruleId === 'string' && typeof t.range === 'object';
}

/** Which finding to explain: the code action's, the one under the cursor, or one picked from the file's findings. */
async function chooseTarget(arg: unknown): Promise<{ params: ExplainParams; version?: number } | undefined> {
  if (isTarget(arg)) {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === vscode.Uri.parse(arg.uri).toString());
    return { params: { uri: arg.uri, ruleId: arg.ruleId, range: arg.range }, ...(doc ? { version: doc.version } : {}) };
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Serverless Guard: open a file to explain its findings.');
    return undefined;
  }
  const uri = editor.document.uri.toString();
  const version = editor.document.version;
  const diagnostics = vscode.languages.getDiagnostics(editor.document.uri);
  const here = findingAt(diagnostics, editor.selection.active);
  if (here) return { params: { uri, ruleId: String(typeof here.code === 'object' ? here.code.value : here.code), range: lspRange(here.range) }, version };
  const items = pickItems(diagnostics);
  if (items.length === 0) {
    void vscode.window.showInformationMessage('Serverless Guard: no findings in this file.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Explain which finding?', matchOnDescription: true, matchOnDetail: true });
  return picked ? { params: { uri, ruleId: picked.ruleId, range: picked.range }, version } : undefined;
}

const explain: Factory = (ctx) => async (arg) => {
  const target = await chooseTarget(arg);
  if (!target) return;
  const client = await serverOrExplain(ctx);
  if (!client) return;
  const result = await client.sendRequest<ExplainResult | null>(ExplainRequest.method, target.params);
  if (!result) {
    void vscode.window.showInformationMessage('Serverless Guard: nothing to explain here.');
    return;
  }
  const panel = GuardPanel.createOrShow(ctx.extensionUri, 'serverlessGuard.explain', `Explain: ${result.rule.id}`);
  panel.show(explainHtml(result, await castleSvg(ctx), panel.assets()), async (m) => {
    if (m.action === 'open-docs') return vscode.env.openExternal(vscode.Uri.parse(result.rule.docsUrl));
    const fix = m.action === 'apply-fix' && m.index !== undefined ? result.finding?.fixes[m.index] : undefined;
    if (!fix) return undefined;
    const args: ApplyFixArgs = { uri: target.params.uri, edits: fix.edits, ...(target.version !== undefined ? { version: target.version } : {}) };
    return vscode.commands.executeCommand(COMMANDS.applyFix.id, args);
  });
};

const applyFix: Factory = () => async (arg) => {
  const a = arg as ApplyFixArgs | undefined;
  if (!a || typeof a.uri !== 'string' || !Array.isArray(a.edits)) return false;
  const uri = vscode.Uri.parse(a.uri);
  const doc = await vscode.workspace.openTextDocument(uri);
  if (a.version !== undefined && doc.version !== a.version) {
    void vscode.window.showWarningMessage('Serverless Guard: the file changed since this finding was explained; run "Explain this risk" again.');
    return false;
  }
  const edit = new vscode.WorkspaceEdit();
  for (const e of a.edits) edit.replace(uri, toRange(e.range), e.newText);
  return vscode.workspace.applyEdit(edit);
};

const setCursor: Factory = () => async (arg) => {
  const a = arg as SetCursorArgs | undefined;
  if (!a || typeof a.uri !== 'string' || typeof a.position?.line !== 'number') return;
  const uri = vscode.Uri.parse(a.uri);
  const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  const editor = visible ?? (await vscode.window.showTextDocument(uri));
  const p = new vscode.Position(a.position.line, a.position.character);
  editor.selection = new vscode.Selection(p, p);
  editor.revealRange(new vscode.Range(p, p));
  await vscode.window.showTextDocument(editor.document, editor.viewColumn);
};

const scanWorkspace: Factory = (ctx) => async () => {
  const client = await serverOrExplain(ctx);
  if (!client) return undefined;
  const token = `serverlessGuard.scan.${Date.now()}.${Math.random().toString(36).slice(2)}`;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Serverless Guard: scanning the workspace', cancellable: true },
    async (progress, cancel) => {
      let done = 0;
      const sub = client.onProgress(WorkDoneProgress.type, token, (v) => {
        if (v.kind === 'report' && typeof v.percentage === 'number' && v.percentage > done) {
          progress.report({ increment: v.percentage - done, ...(v.message ? { message: v.message } : {}) });
          done = v.percentage;
        }
      });
      try {
        return await client.sendRequest<ScanWorkspaceResult>(ScanWorkspaceRequest.method, { workDoneToken: token }, cancel);
      } catch (e) {
        if (cancel.isCancellationRequested) return undefined;
        throw e;
      } finally {
        sub.dispose();
      }
    },
  );
  if (!result || result.cancelled) {
    void vscode.window.showInformationMessage('Serverless Guard: the scan was cancelled; the findings so far are in the Problems panel.');
    return result;
  }
  const summary = `Serverless Guard: ${result.findings} findings in ${result.filesWithFindings} of ${result.files} files.`;
  void vscode.window.showInformationMessage(summary, 'Show problems').then((c) => c && vscode.commands.executeCommand('workbench.actions.view.problems'));
  return result;
};

const showDefenseInDepth: Factory = (ctx) => async () => {
  const client = await serverOrExplain(ctx);
  if (!client) return undefined;
  const params: DefenseParams = {};
  const result = await client.sendRequest<DefenseResult>(DefenseInDepthRequest.method, params);
  const panel = GuardPanel.createOrShow(ctx.extensionUri, 'serverlessGuard.defenseInDepth', 'Defense in depth');
  const label = (uri: string) => vscode.workspace.asRelativePath(vscode.Uri.parse(uri), true);
  const { html, targets } = defenseHtml(result, label, panel.assets());
  panel.show(html, async (m) => {
    const t = m.action === 'reveal' && m.index !== undefined ? targets[m.index] : undefined;
    if (!t) return;
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(t.uri));
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, selection: toRange(t.range) });
  });
  return result;
};

const showOutput: Factory = (ctx) => () => ctx.output.show();

const restartServer: Factory = (ctx) => () => ctx.restart();

const FACTORIES: Record<CommandName, Factory> = { explain, showDefenseInDepth, scanWorkspace, showOutput, restartServer, applyFix, setCursor };

/** Registers every command of the table. */
export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  return (Object.keys(COMMANDS) as CommandName[]).map((name) => vscode.commands.registerCommand(COMMANDS[name].id, FACTORIES[name](ctx)));
}
