// The server's stateful parts without a client: settings per document, the workspace crawl and
// watched files, and the debounced, newest-version-wins analysis.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Connection, InitializeParams, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisRunner } from '../../server/src/runner/runner';
import { Diagnostics } from '../../server/src/lsp/diagnostics';
import { LatestFindings } from '../../server/src/lsp/latest-findings';
import { RULES_BY_ID } from '../../server/src/rules';
import { readEditorSettings, Settings } from '../../server/src/lsp/settings';
import { keyOf } from '../../server/src/lsp/uris';
import { WorkspaceFiles } from '../../server/src/lsp/workspace-files';

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - Statement:
            - Effect: Allow
              Action: 's3:*'
              Resource: 'arn:aws:s3:::reports-bucket/*'
      Tracing: Active
`;

const quiet = { error: () => {}, warn: () => {}, info: () => {}, log: () => {} };

/** A connection that answers workspace/configuration with `editor()`, or one that cannot be asked. */
function fakeConnection(editor?: () => unknown): Connection {
  return { console: quiet, workspace: { getConfiguration: async () => editor?.() } } as unknown as Connection;
}

function makeSettings(folder: string, editor?: () => unknown, initializationOptions: unknown = { debounceMs: 0 }): Settings {
  const s = new Settings(fakeConnection(editor), () => new Set(RULES_BY_ID.keys()));
  s.initialize({
    processId: null,
    rootUri: null,
    capabilities: { workspace: { configuration: editor !== undefined } },
    workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'w' }],
    initializationOptions,
  } as InitializeParams);
  return s;
}

function write(root: string, rel: string, text: string): string {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return pathToFileURL(file).href;
}

describe('lsp: settings', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-settings-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps only well-typed editor settings', () => {
    const { settings, layer } = readEditorSettings({
      enable: 'yes',
      run: 'onSave',
      debounceMs: -1,
      maxFileSizeKB: null,
      exclude: ['a/**', 3],
      rules: { 'sql-injection': 'off', 'iam-wildcard-action': 'loud' },
    });
    assert.deepEqual(settings, { run: 'onSave' });
    assert.deepEqual(layer, { exclude: ['a/**'], rules: { 'sql-injection': 'off' } });
  });

  it('layers editor settings over .serverless-guard.json over defaults, per document', async () => {
    write(dir, '.serverless-guard.json', JSON.stringify({ rules: { 'sql-injection': 'warning', 'iam-wildcard-action': 'info' }, exclude: ['legacy/**'], maxFileSizeKB: 10 }));
    let editor: unknown = { rules: { 'iam-wildcard-action': 'off' }, debounceMs: 50, maxFileSizeKB: null };
    const settings = makeSettings(dir, () => editor);
    const doc = pathToFileURL(path.join(dir, 'src', 'a.ts')).href;
    const s = await settings.get(doc);
    assert.deepEqual(s.config.rules, { 'sql-injection': 'warning', 'iam-wildcard-action': 'off' });
    assert.equal(s.config.maxFileSizeKB, 10);
    assert.equal(s.debounceMs, 50);
    assert.equal(s.folderUri, pathToFileURL(dir).href);
    assert.equal(settings.isExcluded(pathToFileURL(path.join(dir, 'legacy', 'x.yaml')).href, s), true);
    assert.equal(settings.isExcluded(doc, s), false);
    assert.equal(settings.peek(doc), s);

    editor = { rules: {} };
    assert.equal((await settings.get(doc)).config.rules['iam-wildcard-action'], 'off', 'cached until a change');
    settings.changed(null);
    assert.equal(settings.peek(doc), undefined);
    assert.equal((await settings.get(doc)).config.rules['iam-wildcard-action'], 'info');

    fs.rmSync(path.join(dir, '.serverless-guard.json'));
    assert.ok(settings.isConfigFile(pathToFileURL(path.join(dir, '.serverless-guard.json')).href));
    settings.configFileChanged();
    assert.deepEqual((await settings.get(doc)).config.rules, {});
  });

  it('uses the defaults and the initialization options when the client cannot be asked', async () => {
    const settings = makeSettings(dir, undefined, { debounceMs: 120 });
    const s = await settings.get(pathToFileURL(path.join(dir, 'a.yaml')).href);
    assert.deepEqual([s.enable, s.run, s.debounceMs, s.config.maxFileSizeKB], [true, 'onType', 120, 5120]);
    assert.equal((await makeSettings(dir, undefined, {}).get('untitled:Untitled-1')).debounceMs, 300);
  });
});

describe('lsp: workspace files', function () {
  // One analysis worker for the whole group (each test has its own folder); starting one takes a while on a busy machine.
  this.timeout(20_000);
  let dir: string;
  const runner = new AnalysisRunner();
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-crawl-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  after(() => runner.dispose());

  function setup(open: Set<string> = new Set()) {
    const index = runner;
    const settings = makeSettings(dir, () => ({ exclude: ['generated/**'] }));
    const files = new WorkspaceFiles({
      runner,
      logger: quiet,
      configFor: (f) => settings.configFor(f),
      folderOf: (u) => settings.folderOf(u),
      isOpen: (k) => open.has(k),
    });
    return { index, files, settings };
  }

  it('indexes templates and code, skipping build output, dependencies, excluded and non-template files', async () => {
    const t = write(dir, 'template.yaml', TEMPLATE);
    const h = write(dir, 'src/app.ts', 'export const handler = async () => 1;\n');
    write(dir, 'node_modules/pkg/template.yaml', TEMPLATE);
    write(dir, 'cdk.out/Stack.template.json', '{"Resources":{}}');
    write(dir, '.aws-sam/build/template.yaml', TEMPLATE);
    write(dir, 'generated/api.yaml', TEMPLATE);
    write(dir, '.github/workflows/ci.yml', 'on: push\njobs: {}\n');
    write(dir, 'package-lock.json', '{"Resources":1}');
    write(dir, 'README.md', '# Resources');
    const { index, files } = setup();
    const r = await files.crawl([pathToFileURL(dir).href]);
    assert.deepEqual(index.files().filter((f) => f.startsWith(keyOf(pathToFileURL(dir).href))).sort(), [h, t].map(keyOf).sort());
    assert.deepEqual(r, { indexed: 2, truncated: false });
    // Read from disk, kept as text: parsed in the worker only when a rule reads it.
    assert.equal(index.textOf(keyOf(t)), TEMPLATE);
    assert.equal(index.kindOf(keyOf(t)), undefined);
  });

  it('follows watched files, but never replaces an open document with disk content', async () => {
    const t = write(dir, 'template.yaml', TEMPLATE);
    const open = new Set<string>();
    const { index, files } = setup(open);
    await files.crawl([pathToFileURL(dir).href]);
    const first = index.textOf(keyOf(t));

    write(dir, 'template.yaml', TEMPLATE.replace("'s3:*'", 's3:GetObject'));
    assert.equal(await files.fileChanged(t, 'changed'), true);
    assert.notEqual(index.textOf(keyOf(t)), first);
    assert.match(index.textOf(keyOf(t))!, /GetObject/);

    open.add(keyOf(t));
    write(dir, 'template.yaml', TEMPLATE);
    assert.equal(await files.fileChanged(t, 'changed'), false);
    assert.match(index.textOf(keyOf(t))!, /GetObject/);
    open.delete(keyOf(t));
    await files.documentClosed(t);
    assert.doesNotMatch(index.textOf(keyOf(t))!, /GetObject/);

    const n = write(dir, 'stacks/nested.yaml', TEMPLATE);
    await files.fileChanged(n, 'created');
    assert.ok(index.has(keyOf(n)));
    fs.rmSync(path.join(dir, 'stacks'), { recursive: true });
    assert.equal(await files.fileChanged(pathToFileURL(path.join(dir, 'stacks')).href, 'deleted'), true);
    assert.equal(index.has(keyOf(n)), false);
    assert.ok(index.has(keyOf(t)));
  });
});

describe('lsp: diagnostics scheduling', function () {
  // One analysis worker for the whole group (each test has its own folder); starting one takes a while on a busy machine.
  this.timeout(20_000);
  let dir: string;
  const runner = new AnalysisRunner();
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-diag-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  after(() => runner.dispose());

  function setup(editor: () => unknown) {
    const docs = new Map<string, TextDocument>();
    const published: PublishDiagnosticsParams[] = [];
    const settings = makeSettings(dir, editor);
    const diagnostics = new Diagnostics({
      documents: { get: (u) => docs.get(u), all: () => [...docs.values()] },
      settings,
      runner,
      latest: new LatestFindings(),
      publish: (p) => published.push(p),
      logger: quiet,
    });
    const edit = (uri: string, text: string, version: number) => {
      const d = TextDocument.create(uri, 'yaml', version, text);
      docs.set(uri, d);
      diagnostics.changed(d);
    };
    return { docs, published, diagnostics, settings, edit };
  }

  const until = async (what: string, check: () => boolean) => {
    const end = Date.now() + 5000;
    while (!check()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };

  it('with a debounce of 0 publishes at once once settings are known', async () => {
    const { published, edit, settings } = setup(() => ({ debounceMs: 0 }));
    const u = pathToFileURL(path.join(dir, 'template.yaml')).href;
    await settings.get(u);
    edit(u, TEMPLATE, 1);
    assert.deepEqual(published.map((p) => [p.version, p.diagnostics.map((d) => d.code)]), [[1, ['iam-wildcard-action']]]);
  });

  it('cancels stale runs: only the newest of quick edits is published', async () => {
    const { published, edit } = setup(() => ({ debounceMs: 30 }));
    const u = pathToFileURL(path.join(dir, 'template.yaml')).href;
    edit(u, TEMPLATE, 1);
    await until('version 1', () => published.some((p) => p.version === 1));
    for (let v = 2; v <= 5; v++) edit(u, TEMPLATE + '#'.repeat(v) + '\n', v);
    await until('version 5', () => published.some((p) => p.version === 5));
    await new Promise((r) => setTimeout(r, 60));
    assert.deepEqual(published.map((p) => p.version), [1, 5]);
  });

  it('a save right after an edit (within the debounce) still gets that version analysed', async () => {
    // The debounce is long, so the save surely lands inside it; the save itself must end the wait.
    const { published, edit, diagnostics, docs, settings } = setup(() => ({ debounceMs: 5000 }));
    const u = pathToFileURL(path.join(dir, 'template.yaml')).href;
    await settings.get(u);
    const started = Date.now();
    edit(u, TEMPLATE, 1);
    diagnostics.saved(docs.get(u)!);
    await until('version 1', () => published.some((p) => p.version === 1));
    // A quick fix, then Ctrl+S: the fixed text is published without waiting for the debounce.
    edit(u, TEMPLATE.replace("'s3:*'", "'s3:GetObject'"), 2);
    diagnostics.saved(docs.get(u)!);
    await until('version 2', () => published.some((p) => p.version === 2));
    assert.ok(Date.now() - started < 5000, 'the saves did not wait for the debounce');
    assert.deepEqual(published.map((p) => [p.version, p.diagnostics.map((d) => d.code)]), [[1, ['iam-wildcard-action']], [2, []]]);
    // A save with nothing pending analyses nothing again.
    diagnostics.saved(docs.get(u)!);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(published.length, 2);
  });

  it('onSave: an edit right after a save, before the settings are known, does not cancel the analysis the save asked for', async () => {
    const { published, edit, diagnostics, docs, settings } = setup(() => ({ debounceMs: 0, run: 'onSave' }));
    const u = pathToFileURL(path.join(dir, 'template.yaml')).href;
    edit(u, TEMPLATE, 1);
    diagnostics.saved(docs.get(u)!);
    edit(u, TEMPLATE.replace("'s3:*'", "'s3:GetObject'"), 2);
    await settings.get(u);
    await until('an analysis', () => published.length > 0);
    assert.deepEqual(published.map((p) => [p.version, p.diagnostics.map((d) => d.code)]), [[2, []]]);
  });

  it('after an edit elsewhere, publishes only the documents whose diagnostics changed; a full refresh publishes all', async () => {
    const { published, edit, diagnostics } = setup(() => ({ debounceMs: 0 }));
    // YAML that is not a template: its own analysis never asks for a refresh of the others.
    const text = 'name: ci\non: push\njobs: {}\n';
    const a = pathToFileURL(path.join(dir, 'a.yaml')).href;
    const b = pathToFileURL(path.join(dir, 'b.yaml')).href;
    edit(a, text, 1);
    edit(b, text, 1);
    await until('both published', () => published.filter((p) => p.version === 1).length === 2);
    // Count the analyses, to know when a refresh has been through a document.
    const analyses = new Map<string, number>();
    const original = runner.analyzeDocument.bind(runner);
    runner.analyzeDocument = (doc, config, options) => {
      analyses.set(doc.file, (analyses.get(doc.file) ?? 0) + 1);
      return original(doc, config, options);
    };
    try {
      const before = published.length;
      diagnostics.refreshAll(a);
      await until('b analysed again', () => (analyses.get(keyOf(b)) ?? 0) >= 1);
      assert.equal(analyses.get(keyOf(a)), undefined, 'a, where the edit was, is not analysed again');
      assert.equal(published.length, before, 'b came out the same and was not sent again');
      diagnostics.refreshAll();
      await until('both analysed again', () => (analyses.get(keyOf(b)) ?? 0) >= 2 && (analyses.get(keyOf(a)) ?? 0) >= 1);
      assert.deepEqual(published.slice(before).map((p) => p.uri).sort(), [a, b].sort());
    } finally {
      runner.analyzeDocument = original;
    }
  });

  it('clears diagnostics when disabled, excluded or closed; onSave waits for the save', async () => {
    let editor: Record<string, unknown> = { debounceMs: 0 };
    const { published, edit, diagnostics, settings, docs } = setup(() => editor);
    const u = pathToFileURL(path.join(dir, 'template.yaml')).href;
    edit(u, TEMPLATE, 1);
    await until('version 1', () => published.length === 1);

    editor = { debounceMs: 0, enable: false };
    settings.changed(null);
    edit(u, TEMPLATE, 2);
    await until('a clear', () => published.length === 2);
    assert.deepEqual(published[1], { uri: u, diagnostics: [] });

    editor = { debounceMs: 0, run: 'onSave' };
    settings.changed(null);
    await settings.get(u);
    edit(u, TEMPLATE, 3);
    edit(u, TEMPLATE, 4);
    assert.equal(published.length, 2, 'no analysis while typing');
    diagnostics.saved(docs.get(u)!);
    assert.equal(published.length, 3);
    assert.equal(published[2].version, 4);

    diagnostics.closed(u);
    assert.deepEqual(published[3], { uri: u, diagnostics: [] });
  });
});
