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
  WorkDoneProgress,
} from 'vscode-languageserver/node';
import type { CancellationToken, InitializeResult, WorkDoneProgressBegin, WorkDoneProgressEnd, WorkDoneProgressReport } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_MAX_FILE_SIZE_KB } from './engine/config';
import { Diagnostics } from './lsp/diagnostics';
import { LatestFindings } from './lsp/latest-findings';
import { DefenseInDepthRequest, DIAGNOSTIC_SOURCE, ExplainRequest, ScanWorkspaceRequest } from './lsp/protocol';
import { background, guard, logError } from './lsp/safe';
import { WorkspaceScan, defenseView } from './lsp/scan';
import type { ScanOptions } from './lsp/scan';
import { Settings } from './lsp/settings';
import { keyOf } from './lsp/uris';
import { WorkspaceFiles } from './lsp/workspace-files';
import type { EditorDocument } from './runner/protocol';
import { AnalysisRunner } from './runner/runner';
import { runnerOptionsFromEnvironment } from './runner/test-hooks';

const connection = createConnection(ProposedFeatures.all);
const log = connection.console;
const documents = new TextDocuments(TextDocument);
// The engine runs in a worker with a budget per file: a rule that never returns is stopped, not the server.
const runner = new AnalysisRunner({ ...runnerOptionsFromEnvironment(process.env), log: (m) => log.warn(m) });
const latest = new LatestFindings();
const settings = new Settings(connection, () => new Set(runner.ruleIndex().ids));
const diagnostics = new Diagnostics({
  documents,
  settings,
  runner,
  latest,
  publish: (params) => void connection.sendDiagnostics(params),
  logger: log,
});
const openKeys = new Map<string, number>();
const files = new WorkspaceFiles({
  runner,
  logger: log,
  configFor: (folderUri) => settings.configFor(folderUri),
  folderOf: (uri) => settings.folderOf(uri),
  isOpen: (key) => (openKeys.get(key) ?? 0) > 0,
});
/** Settles when the first crawl of the workspace folders is done; workspace-wide requests wait for it. */
let crawled: Promise<unknown> = Promise.resolve();
const scanOptions: ScanOptions = {
  files: runner,
  analyze: (doc, config) => {
    const r = runner.analyzeDocument(doc, config);
    // A file nobody has open need not keep its parse in the worker.
    runner.release(doc.file);
    return r;
  },
  defenseOf: (key, findings) => runner.defense(key, findings),
  settingsFor: (key) => settings.get(settings.folderOf(key) ?? key),
  isExcluded: (key, s) => settings.isExcluded(key, s),
  openFindings: (key) => {
    const doc = documents.all().find((d) => keyOf(d.uri) === key);
    return doc ? (latest.latest(doc.uri) ?? []) : undefined;
  },
  publish: (params) => void connection.sendDiagnostics(params),
  logger: log,
  indexed: () => crawled,
};
const scan = new WorkspaceScan(scanOptions);

/**
 * The document as the editor holds it, for the requests the analysis worker answers about it
 * (hovers, code actions, Explain): parsing it there keeps the compiler and the rules off this thread.
 */
function editorDocument(doc: TextDocument): EditorDocument {
  return { file: keyOf(doc.uri), text: doc.getText(), languageId: doc.languageId, maxFileSizeKB: settings.peek(doc.uri)?.config.maxFileSizeKB ?? DEFAULT_MAX_FILE_SIZE_KB };
}

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
  crawled = (async () => {
    const r = await files.crawl(settings.workspaceFolders);
    log.info(`Serverless Guard: indexed ${r.indexed} files${r.truncated ? ' (stopped at the limit)' : ''}.`);
    // Cross-file rules can now see the whole workspace.
    diagnostics.refreshAll();
  })().catch((e: unknown) => logError(log, 'indexing the workspace', e));
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
      // A file the workspace scan had shown goes back to its scan diagnostics.
      await scan.rescan(e.document.uri);
    }
  }),
);

connection.onDidChangeConfiguration((params) =>
  background(log, 'configuration change', () => {
    settings.changed(params.settings ?? null);
    diagnostics.refreshAll();
    return scan.refreshShown();
  }),
);

connection.onDidChangeWatchedFiles((params) =>
  background(log, 'watched file change', async () => {
    let changed = false;
    let configChanged = false;
    for (const c of params.changes) {
      if (settings.isConfigFile(c.uri)) {
        settings.configFileChanged();
        changed = configChanged = true;
        continue;
      }
      const kind = c.type === FileChangeType.Deleted ? 'deleted' : c.type === FileChangeType.Created ? 'created' : 'changed';
      if (await files.fileChanged(c.uri, kind)) changed = true;
      if (!configChanged) await scan.rescan(c.uri);
    }
    if (changed) diagnostics.refreshAll();
    if (configChanged) await scan.refreshShown();
  }),
);

// Answered in the analysis worker, one request at a time with the analyses: a request that
// arrives while the worker is busy waits for it; one cancelled meanwhile is not sent at all.
connection.onCodeAction(
  guard(log, 'code actions', [], (params, token) => {
    // Every action is for one of this server's diagnostics; the editor asks on every cursor move,
    // mostly where there is none, and then the worker need not be asked.
    if (token.isCancellationRequested || !params.context.diagnostics.some((d) => d.source === DIAGNOSTIC_SOURCE)) return [];
    const doc = documents.get(params.textDocument.uri);
    return runner.codeActions(doc ? editorDocument(doc) : null, params);
  }),
);

connection.onHover(
  guard(log, 'hover', null, (params, token) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || token.isCancellationRequested) return null;
    return runner.hover(editorDocument(doc), params.position, latest.get(doc.uri, doc.version) ?? null);
  }),
);

connection.onRequest(
  ExplainRequest.method,
  guard(log, 'explain', null, (params: ExplainRequest.Params, token: CancellationToken): ExplainRequest.Result => {
    if (token.isCancellationRequested) return null;
    const doc = documents.get(params.uri);
    return runner.explain(keyOf(params.uri), doc ? editorDocument(doc) : null, params, latest.latest(params.uri) ?? []);
  }),
);

connection.onRequest(
  DefenseInDepthRequest.method,
  guard(log, 'defense in depth', { items: [], files: 0 }, (params: DefenseInDepthRequest.Params | null): Promise<DefenseInDepthRequest.Result> => defenseView(scanOptions, params ?? {})),
);

connection.onRequest(ScanWorkspaceRequest.method, (params: ScanWorkspaceRequest.Params | null, token: CancellationToken): Promise<ScanWorkspaceRequest.Result> => {
  const progressToken = params?.workDoneToken;
  const send = (value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd): void => {
    if (progressToken !== undefined) void connection.sendProgress(WorkDoneProgress.type, progressToken, value);
  };
  return scan.run(
    {
      begin: (title, message) => send({ kind: 'begin', title, message, percentage: 0, cancellable: true }),
      report: (percentage, message) => send({ kind: 'report', percentage, message }),
      done: (message) => send({ kind: 'end', message }),
    },
    token,
  );
});

connection.onShutdown(() => {
  diagnostics.dispose();
  runner.dispose();
});

documents.listen(connection);
connection.listen();
