/**
 * The VS Code entry: starts the Serverless Guard language server and nothing else, so
 * activation stays light; the server does the work in its own process.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { DEFAULT_DEBOUNCE_MS, SETTINGS_SECTION } from '../../server/src/lsp/protocol';
import type { InitializationOptions } from '../../server/src/lsp/protocol';

const LANGUAGES = ['yaml', 'json', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact'];
/** Every file a template, stack or handler can live in; the server re-reads them when they change on disk. */
const WATCHED_FILES = '**/*.{yaml,yml,json,template,ts,tsx,js,jsx,mjs,cjs,mts,cts}';
const CONFIG_FILE = '**/.serverless-guard.json';
/** Configuration files read for hardcoded secrets. */
const DOTENV_PATTERNS = ['**/.env', '**/.env.*'];

let client: LanguageClient | undefined;
/** Settles when the client has started or failed to; a client that is still starting cannot be stopped. */
let starting: Promise<void> | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const serverModule = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const outputChannel = vscode.window.createOutputChannel('Serverless Guard', { log: true });
  context.subscriptions.push(outputChannel);
  const watchers = [vscode.workspace.createFileSystemWatcher(WATCHED_FILES), vscode.workspace.createFileSystemWatcher(CONFIG_FILE)];
  context.subscriptions.push(...watchers);

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
    outputChannel,
  };

  client = new LanguageClient('serverlessGuard', 'Serverless Guard', serverOptions, clientOptions);
  // Not awaited: activation returns at once and the server starts in its own process meanwhile.
  starting = client.start().catch((e: unknown) => {
    // VS Code doesn't show a notification when an extension fails to activate, so we do it ourselves.
    const message = e instanceof Error ? e.message : String(e);
    outputChannel.error(`The Serverless Guard language server failed to start: ${message}`);
    void vscode.window.showErrorMessage(`Serverless Guard: the language server failed to start (${message}). See the "Serverless Guard" output for details.`);
  });
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  await starting;
  if (c?.isRunning()) await c.stop();
}
