'use strict';
// One activation of the extension, in this fresh Node process, against a fake `vscode` module:
//   node scripts/bench/activation.cjs EXTENSION_JS
// prints one line of JSON: { requireMs, activateMs, totalMs, calls, stubbed }.
//
// What is timed: require() of the bundle (reading, compiling and running its top level, the
// language client library included), then activate() until it returns (it does not wait for
// the language server: the client starts it afterwards). The process exits as soon as
// activate() returns, so no server is started.
// What is not: Node's own start-up, VS Code's extension host (finding the extension, activation
// events, the real API, whose calls cross to the workbench), and the server's start.
//
// The fake implements the members activation uses, each returning at once; `calls` counts the
// calls activate() made into it. The classes the client library extends at load time are empty.
// Any other member is listed in `stubbed`: at the top level an empty class, in a namespace an
// event nobody fires for `on…`, else undefined.
const Module = require('node:module');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const extensionJs = path.resolve(process.argv[2] ?? '');
const calls = new Map();
const stubbed = new Set();

const count = (name) => calls.set(name, (calls.get(name) ?? 0) + 1);
const disposable = () => ({ dispose() {} });
const event = () => () => disposable();

/** A namespace: the listed members; any other `on…` is an event nobody fires (subscribing is counted), anything else undefined. */
function namespace(name, members) {
  return new Proxy(members, {
    get(target, key) {
      if (typeof key !== 'string' || key in target) return target[key];
      stubbed.add(`${name}.${key}`);
      return /^on[A-Z]/.test(key) ? counted(`${name}.${key}`, () => disposable()) : undefined;
    },
  });
}

/** A member that is called: counted, then `impl`. */
const counted = (name, impl) => (...args) => {
  count(name);
  return impl(...args);
};

const LogLevel = { Off: 0, Trace: 1, Debug: 2, Info: 3, Warning: 4, Error: 5 };

function outputChannel(name) {
  const log = () => {};
  return { name, logLevel: LogLevel.Info, onDidChangeLogLevel: event(), trace: log, debug: log, info: log, warn: log, error: log, append: log, appendLine: log, replace: log, clear: log, show: log, hide: log, dispose() {} };
}

class Disposable {
  constructor(callOnDispose) {
    this.callOnDispose = callOnDispose;
  }
  static from(...items) {
    return new Disposable(() => items.forEach((d) => d?.dispose?.()));
  }
  dispose() {
    this.callOnDispose?.();
  }
}

class EventEmitter {
  constructor() {
    this.event = event();
  }
  fire() {}
  dispose() {}
}

/** The oldest VS Code the manifest accepts (the language client checks the version it runs in). */
function engineVersion() {
  try {
    const pkg = require(path.join(path.dirname(extensionJs), '..', '..', 'package.json'));
    return /\d+\.\d+\.\d+/.exec(pkg.engines.vscode)[0];
  } catch {
    return '1.91.0';
  }
}

const members = {
  version: engineVersion(),
  window: namespace('window', {
    createOutputChannel: counted('window.createOutputChannel', outputChannel),
    createStatusBarItem: counted('window.createStatusBarItem', () => ({ text: '', tooltip: '', name: '', command: undefined, show: counted('StatusBarItem.show', () => {}), hide() {}, dispose() {} })),
    showErrorMessage: counted('window.showErrorMessage', async () => undefined),
  }),
  workspace: namespace('workspace', {
    createFileSystemWatcher: counted('workspace.createFileSystemWatcher', () => ({ onDidCreate: event(), onDidChange: event(), onDidDelete: event(), dispose() {} })),
    getConfiguration: counted('workspace.getConfiguration', () => ({ get: (_key, fallback) => fallback, has: () => false, inspect: () => undefined })),
  }),
  languages: namespace('languages', {
    getDiagnostics: counted('languages.getDiagnostics', () => []),
    onDidChangeDiagnostics: counted('languages.onDidChangeDiagnostics', event()),
  }),
  commands: namespace('commands', {
    registerCommand: counted('commands.registerCommand', () => disposable()),
  }),
  StatusBarAlignment: { Left: 1, Right: 2 },
  LogLevel,
  Disposable,
  EventEmitter,
};
// Classes the client library extends or names when it loads: own properties, as in the real
// module (its `import * as` copies the module's own keys), and empty.
for (const name of ['CallHierarchyItem', 'CancellationError', 'CodeAction', 'CodeActionKind', 'CodeLens', 'CompletionItem', 'Diagnostic', 'DocumentLink', 'InlayHint', 'SymbolInformation', 'TypeHierarchyItem']) {
  members[name] = class {};
}

// Everything else at the top level is a class to extend or a value to read: an empty stand-in.
// (Not `__esModule`: the real module has none, and the bundle's interop reads it.)
const vscode = new Proxy(members, {
  get(target, key) {
    if (typeof key !== 'string' || key in target || key === '__esModule' || key === 'then') return target[key];
    stubbed.add(key);
    const Stand = class {};
    target[key] = Stand;
    return Stand;
  },
});

const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};

// The server module path points nowhere: should the client get as far as starting it, it fails.
const context = {
  subscriptions: [],
  extensionPath: path.join(path.dirname(extensionJs), 'no-such-extension-folder'),
  extensionUri: { scheme: 'file', path: '/no-such-extension-folder', fsPath: '/no-such-extension-folder' },
  asAbsolutePath: (p) => path.join('/no-such-extension-folder', p),
  globalState: { get: () => undefined, update: async () => {}, keys: () => [] },
  workspaceState: { get: () => undefined, update: async () => {}, keys: () => [] },
};

const t0 = performance.now();
const extension = require(extensionJs);
const t1 = performance.now();
const returned = extension.activate(context);
const t2 = performance.now();
if (returned && typeof returned.then === 'function') throw new Error('activate() returned a promise: time it to its settling');
process.stdout.write(`${JSON.stringify({ requireMs: t1 - t0, activateMs: t2 - t1, totalMs: t2 - t0, calls: Object.fromEntries(calls), stubbed: [...stubbed].sort(), subscriptions: context.subscriptions.length })}\n`);
process.exit(0);
