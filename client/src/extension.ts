/**
 * The VS Code entry: registers the commands and the status item, and starts the Serverless
 * Guard language server without waiting for it, so activation stays light; the server does
 * the work in its own process.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind } from 'vscode-languageclient/node';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { DEFAULT_DEBOUNCE_MS, SETTINGS_SECTION } from '../../server/src/lsp/protocol';
import type { InitializationOptions } from '../../server/src/lsp/protocol';
import { registerCommands } from './commands';
import { countFindings, statusText } from './findings';

const LANGUAGES = ['yaml', 'json', 'jsonc', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact'];
/** Every file a template, stack or handler can live in; the server re-reads them when they change on disk. */
const WATCHED_FILES = '**/*.{yaml,yml,json,template,ts,tsx,js,jsx,mjs,cjs,mts,cts}';
const CONFIG_FILE = '**/.serverless-guard.json';
/** Configuration files read for hardcoded secrets. */
const DOTENV_PATTERNS = ['**/.env', '**/.env.*'];
/** Diagnostics arrive in bursts (a workspace scan publishes one file at a time); the count is redrawn once per burst. */
const STATUS_REDRAW_MS = 150;

let client: LanguageClient | undefined;
/** Settles when the client has started or failed to; a client that is still starting cannot be stopped. */
let starting: Promise<void> | undefined;

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, watchers: vscode.FileSystemWatcher[]): LanguageClient {
  const serverModule = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const debounceMs = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<number>('debounceMs', DEFAULT_DEBOUNCE_MS);
  const initializationOptions: InitializationOptions = { debounceMs };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...LANGUAGES.flatMap((language) => [
        { scheme: 'file', language },
        { scheme: 'untitled', language },
      ]),
      // dotenv files have no language of their own in every VS Code version; match them by name.
      ...DOTENV_PATTERNS.map((pattern) => ({ scheme: 'file', pattern })),
    ],
    synchronize: { fileEvents: watchers },
    initializationOptions,
    outputChannel: output,
  };
  return new LanguageClient('serverlessGuard', 'Serverless Guard', serverOptions, clientOptions);
}

function start(c: LanguageClient, output: vscode.LogOutputChannel): Promise<void> {
  return c.start().catch((e: unknown) => {
    // VS Code doesn't show a notification when an extension fails to activate, so we do it ourselves.
    const message = e instanceof Error ? e.message : String(e);
    output.error(`The Serverless Guard language server failed to start: ${message}`);
    void vscode.window.showErrorMessage(`Serverless Guard: the language server failed to start (${message}). See the "Serverless Guard" output for details.`);
  });
}

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('Serverless Guard', { log: true });
  const watchers = [vscode.workspace.createFileSystemWatcher(WATCHED_FILES), vscode.workspace.createFileSystemWatcher(CONFIG_FILE)];
  context.subscriptions.push(output, ...watchers);

  client = createClient(context, output, watchers);
  // Not awaited: activation returns at once and the server starts in its own process meanwhile.
  starting = start(client, output);

  context.subscriptions.push(
    ...registerCommands({
      extensionUri: context.extensionUri,
      output,
      client: async () => {
        await starting;
        return client?.state === State.Running ? client : undefined;
      },
      restart: async () => {
        await starting;
        const old = client;
        if (old?.isRunning()) await old.stop().catch(() => undefined);
        client = createClient(context, output, watchers);
        starting = start(client, output);
        await starting;
      },
    }),
  );

  const status = vscode.window.createStatusBarItem('serverlessGuard.findings', vscode.StatusBarAlignment.Left, 50);
  status.name = 'Serverless Guard findings';
  status.command = 'workbench.actions.view.problems';
  let redraw: ReturnType<typeof setTimeout> | undefined;
  const update = () => {
    redraw = undefined;
    const s = statusText(countFindings(vscode.languages.getDiagnostics().map(([, d]) => d)));
    status.text = s.text;
    status.tooltip = s.tooltip;
    status.show();
  };
  update();
  context.subscriptions.push(
    status,
    vscode.languages.onDidChangeDiagnostics(() => {
      redraw ??= setTimeout(update, STATUS_REDRAW_MS);
    }),
    { dispose: () => redraw !== undefined && clearTimeout(redraw) },
  );
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  await starting;
  if (c?.isRunning()) await c.stop();
}
