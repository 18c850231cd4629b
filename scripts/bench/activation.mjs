// Extension activation, measured outside VS Code: in a fresh Node process, the time to load the
// bundled client/out/extension.js and run its activate() against a stand-in for the `vscode`
// module (every API call returns at once; the language client's start, which is not awaited by
// activate, does not spawn the server). VS Code's own cost of loading an extension host and
// reading the manifest is not included; the figure is what the extension adds.
//
//   node scripts/bench/activation.mjs [runs]     prints one JSON line: { runs, loadMs[], activateMs[] }
//   node scripts/bench/activation.mjs --once     (internal) one measurement in this process
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const EXTENSION = path.join(root, 'client', 'out', 'extension.js');
/** The lowest VS Code the manifest accepts (the language client checks the version it runs in). */
const VSCODE_VERSION = String(createRequire(import.meta.url)(path.join(root, 'package.json')).engines.vscode).replace(/^[^0-9]*/, '');

/**
 * A stand-in for any part of the vscode API: callable, constructible, awaitable as undefined,
 * and every property is another stand-in; enums read as numbers.
 */
function stub(name = 'vscode') {
  const target = function () {};
  const assigned = new Map();
  return new Proxy(target, {
    set(_t, prop, value) {
      assigned.set(prop, value);
      return true;
    },
    get(_t, prop) {
      if (assigned.has(prop)) return assigned.get(prop);
      if (prop === 'then') return undefined;
      if (prop === Symbol.toPrimitive) return () => 0;
      if (prop === Symbol.iterator) return function* () {};
      if (prop === 'dispose') return () => {};
      if (prop === 'length') return 0;
      if (typeof prop === 'symbol') return undefined;
      return stub(`${name}.${prop}`);
    },
    apply() {
      return stub(`${name}()`);
    },
    construct() {
      return stub(`new ${name}`);
    },
  });
}

/** Top-level names of the vscode API that bundled `import * as vscode` code copies as own properties. */
const API_NAMES = [
  'commands', 'comments', 'debug', 'env', 'extensions', 'l10n', 'languages', 'notebooks', 'scm', 'tasks', 'tests', 'window', 'workspace',
  'CancellationTokenSource', 'CodeAction', 'CodeActionKind', 'CodeLens', 'CompletionItem', 'Diagnostic', 'DiagnosticRelatedInformation',
  'DiagnosticSeverity', 'DiagnosticTag', 'Disposable', 'EventEmitter', 'FileSystemError', 'Hover', 'Location', 'MarkdownString',
  'NotebookCellKind', 'Position', 'ProgressLocation', 'Range', 'RelativePattern', 'Selection', 'SnippetString', 'StatusBarAlignment',
  'TextEdit', 'ThemeColor', 'ThemeIcon', 'TreeItem', 'Uri', 'ViewColumn', 'WorkspaceEdit',
];

function once() {
  const require = createRequire(import.meta.url);
  const Module = require('node:module');
  const named = { __esModule: true, version: VSCODE_VERSION, ...Object.fromEntries(API_NAMES.map((n) => [n, stub(`vscode.${n}`)])) };
  const any = (t, p) => (typeof p === 'string' && !(p in t) && p !== 'then' && p !== '__esModule' ? stub(`vscode.${p}`) : t[p]);
  // Bundled ES-module interop copies own properties onto an object whose prototype is the
  // module's: the prototype answers every other name.
  const proto = new Proxy({}, { get: any });
  const vscode = new Proxy(named, { get: any, getPrototypeOf: () => proto });
  const load = Module._load;
  Module._load = function (request, parent, isMain) {
    if (request === 'vscode') return vscode;
    return load.call(this, request, parent, isMain);
  };
  const context = {
    subscriptions: [],
    extensionUri: vscode.Uri.file(path.join(root)),
    extensionPath: root,
    asAbsolutePath: (p) => path.join(root, p),
    globalState: vscode.Memento,
    workspaceState: vscode.Memento,
    storageUri: undefined,
    logUri: vscode.Uri,
  };
  const t0 = performance.now();
  const ext = require(EXTENSION);
  const t1 = performance.now();
  ext.activate(context);
  const t2 = performance.now();
  process.stdout.write(`${JSON.stringify({ loadMs: t1 - t0, activateMs: t2 - t1, subscriptions: context.subscriptions.length })}\n`);
  // The language client's start is pending on the stand-in; nothing else keeps the process.
  process.exit(0);
}

function many(runs) {
  const loadMs = [];
  const activateMs = [];
  let subscriptions = 0;
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--once'], { encoding: 'utf8', timeout: 30_000 });
    if (r.status !== 0) throw new Error(`activation run failed (exit ${r.status}): ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    const m = JSON.parse(r.stdout.trim().split('\n').pop());
    loadMs.push(m.loadMs);
    activateMs.push(m.activateMs);
    subscriptions = m.subscriptions;
  }
  process.stdout.write(`${JSON.stringify({ runs, loadMs, activateMs, subscriptions })}\n`);
}

if (process.argv.includes('--once')) once();
else many(Number(process.argv[2] ?? 10));
