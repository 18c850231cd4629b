/**
 * The language server entry: LSP wiring only. Each job lives in a module under ./lsp;
 * `node server/out/server.js --stdio` runs it standalone.
 */
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import type { InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { WorkspaceIndex } from './engine/workspace';
import { codeActions } from './lsp/code-actions';
import { Diagnostics } from './lsp/diagnostics';
import { hoverAt, withSections } from './lsp/hover';
import { accessTableAt } from './rules/shared/access-table';
import { LatestFindings } from './lsp/latest-findings';
import { background, guard, logError } from './lsp/safe';
import { Settings } from './lsp/settings';
import { keyOf } from './lsp/uris';
import { WorkspaceFiles } from './lsp/workspace-files';

const connection = createConnection(ProposedFeatures.all);
const log = connection.console;
const documents = new TextDocuments(TextDocument);
const index = new WorkspaceIndex();
const latest = new LatestFindings();
const settings = new Settings(connection);
const diagnostics = new Diagnostics({
  documents,
  settings,
  index,
  latest,
  publish: (params) => void connection.sendDiagnostics(params),
  logger: log,
});
const openKeys = new Map<string, number>();
const files = new WorkspaceFiles({
  index,
  logger: log,
  configFor: (folderUri) => settings.configFor(folderUri),
  folderOf: (uri) => settings.folderOf(uri),
  isOpen: (key) => (openKeys.get(key) ?? 0) > 0,
});

// The last line of defence: a bug on one file is logged and the server keeps serving the others.
process.on('uncaughtException', (e) => logError(log, 'an unexpected error', e));
process.on('unhandledRejection', (e) => logError(log, 'an unexpected asynchronous error', e));

let clientRegistersConfiguration = false;
let clientWatchesFolders = false;

connection.onInitialize((params): InitializeResult => {
  try {
    settings.initialize(params);
    clientRegistersConfiguration = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    clientWatchesFolders = params.capabilities.workspace?.workspaceFolders === true;
  } catch (e) {
    logError(log, 'initialize', e);
  }
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      hoverProvider: true,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'Serverless Guard' },
  };
});

connection.onInitialized(() => {
  if (clientRegistersConfiguration) {
    background(log, 'registering for configuration changes', () => connection.client.register(DidChangeConfigurationNotification.type, { section: 'serverlessGuard' }));
  }
  if (clientWatchesFolders) {
    connection.workspace.onDidChangeWorkspaceFolders((e) =>
      background(log, 'workspace folder change', async () => {
        for (const f of e.removed) files.removeFolder(f.uri);
        const now = settings.workspaceFolders.filter((uri) => !e.removed.some((r) => r.uri === uri)).map((uri) => ({ uri, name: uri }));
        settings.setFolders([...now, ...e.added]);
        await files.crawl(e.added.map((f) => f.uri));
        diagnostics.refreshAll();
      }),
    );
  }
  background(log, 'indexing the workspace', async () => {
    const r = await files.crawl(settings.workspaceFolders);
    log.info(`Serverless Guard: indexed ${r.indexed} files${r.truncated ? ' (stopped at the limit)' : ''}.`);
    // Cross-file rules can now see the whole workspace.
    diagnostics.refreshAll();
  });
});

documents.onDidOpen((e) => {
  const key = keyOf(e.document.uri);
  openKeys.set(key, (openKeys.get(key) ?? 0) + 1);
});
documents.onDidChangeContent((e) => background(log, `analysing ${e.document.uri}`, () => diagnostics.changed(e.document)));
documents.onDidSave((e) => background(log, `analysing ${e.document.uri}`, () => diagnostics.saved(e.document)));
documents.onDidClose((e) =>
  background(log, `closing ${e.document.uri}`, async () => {
    const key = keyOf(e.document.uri);
    const n = (openKeys.get(key) ?? 1) - 1;
    if (n > 0) openKeys.set(key, n);
    else openKeys.delete(key);
    diagnostics.closed(e.document.uri);
    if (n <= 0) {
      await files.documentClosed(e.document.uri);
      diagnostics.refreshAll();
    }
  }),
);

connection.onDidChangeConfiguration((params) =>
  background(log, 'configuration change', () => {
    settings.changed(params.settings ?? null);
    diagnostics.refreshAll();
  }),
);

connection.onDidChangeWatchedFiles((params) =>
  background(log, 'watched file change', async () => {
    let changed = false;
    for (const c of params.changes) {
      if (settings.isConfigFile(c.uri)) {
        settings.configFileChanged();
        changed = true;
        continue;
      }
      const kind = c.type === FileChangeType.Deleted ? 'deleted' : c.type === FileChangeType.Created ? 'created' : 'changed';
      if (await files.fileChanged(c.uri, kind)) changed = true;
    }
    if (changed) diagnostics.refreshAll();
  }),
);

connection.onCodeAction(guard(log, 'code actions', [], (params) => codeActions(params)));

connection.onHover(
  guard(log, 'hover', null, (params) => {
    const doc = documents.get(params.textDocument.uri);
    const findings = doc && latest.get(doc.uri, doc.version);
    const hover = findings ? hoverAt(findings, params.position) : null;
    // On a function's logical id: the actions its code calls beside what it is granted.
    const access = doc && index.textOf(keyOf(doc.uri)) === doc.getText() ? accessTableAt(index, keyOf(doc.uri), params.position) : undefined;
    return withSections(hover, access ? [access.markdown] : []);
  }),
);

connection.onShutdown(() => diagnostics.dispose());

documents.listen(connection);
connection.listen();
