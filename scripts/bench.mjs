// Measures the budgets of DESIGN.md ("Budgets") side by side in one run, and prints a table.
//
//   node scripts/bench.mjs [--quick]        (npm run bench builds first, then runs this)
//
// 1. Per-edit analysis in this process: analyzeDocument with a persistent WorkspaceIndex on
//    generated SAM templates and TypeScript handlers of several sizes, each run on a fresh text
//    with one character changed, against a bare parse of the same text (yaml parseDocument with
//    the CloudFormation tags registered; ts.createSourceFile).
// 2. The command line: `node server/out/cli.js scan DIR --format json` over 1,000 generated files.
// 3. The language server: `node server/out/server.js --stdio` with debounceMs 0, from didChange to
//    the publishDiagnostics of that version, on a 3,000-line template and a 1,500-line handler (then
//    a hover on a finding in each);
//    and the server's RSS after indexing the 1,000-file tree.
//
// Budgets are reported as "within" or "over"; they never fail the run. The exit code is 1 only
// when something crashed (the CLI or the server died, the engine reported errors on generated
// input), 0 otherwise.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { cdkStackOfLines, samTemplate, tree, tsHandler } from './bench/generate.mjs';
import { LspClient } from './bench/lsp-client.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const quick = process.argv.includes('--quick');
const RUNS = quick ? 12 : 40;
const WARMUP = quick ? 3 : 8;
const SIZES = [100, 500, 1000, 1500, 3000, 5000];
const TREE_FILES = 1000;
const LSP_EDITS = 30;
const LSP_WARMUP = 5;
const BUDGET_RATIO = 2;
const BUDGET_SCAN_S = 10;
const BUDGET_RSS_MB = 250;
const BUDGET_ACTIVATION_MS = 150;
const ACTIVATION_RUNS = quick ? 5 : 15;
const TEMPLATE_BUDGET_LINES = 3000;
const HANDLER_BUDGET_LINES = 1500;
const CDK_BUDGET_LINES = 1500;

const started = performance.now();
let crashed = false;
const notes = [];
const budgets = [];

function progress(message) {
  process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(1)}s] ${message}\n`);
}

function fail(section, e) {
  crashed = true;
  const message = e instanceof Error ? e.message : String(e);
  notes.push(`${section}: FAILED: ${message}`);
  progress(`${section} failed: ${message}`);
}

// ---------------------------------------------------------------------------------------------
// Statistics and formatting

function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest rank: the smallest value with at least p% of the values at or below it.
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const ms = (v) => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)) : '-');
const ratio = (v) => (Number.isFinite(v) ? `${v.toFixed(2)}x` : '-');
const mb = (v) => (Number.isFinite(v) ? v.toFixed(0) : '-');
const verdict = (ok) => (ok ? 'within' : 'over');

function table(headers, rows, align) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const cell = (v, i) => (align[i] === 'l' ? String(v).padEnd(widths[i]) : String(v).padStart(widths[i]));
  const lines = [headers.map(cell).join('  '), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map((r) => r.map(cell).join('  '))];
  return lines.map((l) => `  ${l.trimEnd()}`).join('\n');
}

/** The text with the character at `offset` replaced: a fresh text per run, as after a keystroke. */
function edited(gen, run) {
  const ch = String.fromCharCode(98 + (run % 25)); // b..z, never the original 'a', never the previous run's
  return gen.text.slice(0, gen.editOffset) + ch + gen.text.slice(gen.editOffset + 1);
}

// ---------------------------------------------------------------------------------------------
// The engine, bundled from server/src on the fly so that `node scripts/bench.mjs` needs no
// TypeScript loader. yaml and typescript come from the same bundle, so the bare parse runs the
// very code the engine runs.

async function loadEngine(tmp) {
  const entry = [
    "export { analyzeDocument } from './server/src/engine/analyze';",
    "export { WorkspaceIndex } from './server/src/engine/workspace';",
    "export { resolveConfig } from './server/src/engine/config';",
    "export { RULES } from './server/src/rules';",
    "export { CDK_CHECKS } from './server/src/rules/cdk';",
    "export { parseDocument } from 'yaml';",
    "import * as ts from 'typescript';",
    'export { ts };',
  ].join('\n');
  const outfile = path.join(tmp, 'engine.cjs');
  await esbuild.build({
    stdin: { contents: entry, resolveDir: root, loader: 'ts', sourcefile: 'bench-engine.ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    logLevel: 'silent',
  });
  return createRequire(import.meta.url)(outfile);
}

// ---------------------------------------------------------------------------------------------
// 1. In-process per-edit analysis

/**
 * CloudFormation's short-form tags, registered as plain pass-through tags. Without them
 * parseDocument still parses a template, but also builds a pretty-printed warning for every
 * `!Ref` and `!GetAtt`, which is work no reader of templates would do and would flatter the ratio.
 */
const CFN_TAGS = ['Ref', 'Sub', 'GetAtt', 'If', 'Join', 'Select', 'FindInMap', 'ImportValue', 'Split', 'Base64', 'Cidr', 'And', 'Or', 'Not', 'Equals', 'Condition', 'GetAZs', 'Transform', 'Length', 'ToJsonString', 'ForEach'].flatMap((name) => [
  { tag: `!${name}`, resolve: (v) => v },
  { tag: `!${name}`, collection: 'seq', resolve: (v) => v },
  { tag: `!${name}`, collection: 'map', resolve: (v) => v },
]);

/** The bare parse the budget compares against: yaml parseDocument; ts.createSourceFile (with parent pointers, as the engine needs). */
function bareParser(engine, kind) {
  const { parseDocument, ts } = engine;
  if (kind === 'template') return (file, text) => parseDocument(text, { customTags: CFN_TAGS });
  return (file, text) => ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
}

/**
 * The registered rules plus the CDK checks that no rule file calls yet, so that a CDK stack is
 * measured with every CDK check running (each rule file's `checkCode` calls its check once wired).
 */
function rulesWithCdkChecks(engine) {
  const { RULES, CDK_CHECKS } = engine;
  const extra = Object.entries(CDK_CHECKS)
    .filter(([id, check]) => !RULES.some((r) => r.meta.id === id && r.checkCode === check))
    // A registered rule's own record (its default severity: encryption-default-key is off), else a stand-in.
    .map(([id, check]) => ({ meta: RULES.find((r) => r.meta.id === id)?.meta ?? { ...RULES[0].meta, id, defaultSeverity: 'warning' }, checkCode: check }));
  return [...RULES, ...extra];
}

function benchInProcess(engine) {
  const { analyzeDocument, WorkspaceIndex, resolveConfig } = engine;
  const config = resolveConfig();
  const cdkRules = rulesWithCdkChecks(engine);
  const rows = [];
  for (const size of SIZES) {
    for (const kind of ['template', 'handler', 'cdk']) {
      const gen = kind === 'template' ? samTemplate(size, size) : kind === 'handler' ? tsHandler(size, size) : cdkStackOfLines(size, size);
      const file = `/bench/${size}/${kind === 'template' ? 'template.yaml' : kind === 'handler' ? 'src/handlers/handler.ts' : 'cdk/lib/stack.ts'}`;
      const options = kind === 'cdk' ? { rules: cdkRules } : {};
      const workspace = new WorkspaceIndex();
      const first = analyzeDocument({ file, text: gen.text }, config, workspace, options);
      if (first.errors.length > 0) fail(`in-process ${kind} ${size}`, new Error(JSON.stringify(first.errors[0])));
      const parse = bareParser(engine, kind);
      const analysis = [];
      const bare = [];
      for (let run = 0; run < WARMUP + RUNS; run++) {
        const text = edited(gen, run);
        let a;
        let p;
        const timeAnalysis = () => {
          const t0 = performance.now();
          analyzeDocument({ file, text }, config, workspace, options);
          a = performance.now() - t0;
        };
        const timeParse = () => {
          const t0 = performance.now();
          parse(file, text);
          p = performance.now() - t0;
        };
        // Alternate the order so that neither side always runs on a cache the other warmed.
        if (run % 2 === 0) {
          timeAnalysis();
          timeParse();
        } else {
          timeParse();
          timeAnalysis();
        }
        if (run >= WARMUP) {
          analysis.push(a);
          bare.push(p);
        }
      }
      const row = {
        kind,
        lines: gen.lines,
        findings: first.findings.length,
        a50: percentile(analysis, 50),
        a95: percentile(analysis, 95),
        p50: percentile(bare, 50),
        p95: percentile(bare, 95),
        rss: process.memoryUsage().rss / 1048576,
      };
      row.ratio = row.a95 / row.p95;
      const budgetLines = kind === 'template' ? TEMPLATE_BUDGET_LINES : kind === 'handler' ? HANDLER_BUDGET_LINES : CDK_BUDGET_LINES;
      row.budget = size === budgetLines ? `<= ${BUDGET_RATIO}x parse: ${verdict(row.ratio <= BUDGET_RATIO)}` : '';
      rows.push(row);
      progress(`in-process ${kind} ${size} lines: p95 ${ms(row.a95)} ms vs parse ${ms(row.p95)} ms`);
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// The generated tree on disk (for the CLI and the server's workspace)

function writeTree(dir) {
  const files = tree(TREE_FILES);
  const counts = { yaml: 0, json: 0, handler: 0, cdk: 0, lines: 0 };
  for (const f of files) {
    const target = path.join(dir, f.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, f.text);
    counts.lines += f.text.split('\n').length - 1;
    if (f.path.endsWith('.yaml')) counts.yaml++;
    else if (f.path.endsWith('.json')) counts.json++;
    else if (f.path.includes('/cdk/')) counts.cdk++;
    else counts.handler++;
  }
  return { files: files.length, ...counts };
}

// ---------------------------------------------------------------------------------------------
// 2. The CLI

function runCli(cli, dir) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [cli, 'scan', dir, '--format', 'json'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    let err = '';
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => {
      err = (err + c.toString('utf8')).slice(-4000);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ seconds: (performance.now() - t0) / 1000, code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: err });
    });
  });
}

async function benchCli(dir, shape) {
  const cli = path.join(root, 'server/out/cli.js');
  if (!fs.existsSync(cli)) {
    notes.push('CLI: server/out/cli.js is not built (npm run build); skipped');
    return undefined;
  }
  const runs = [];
  let report;
  for (let i = 0; i < 3; i++) {
    const r = await runCli(cli, dir);
    if (r.code !== 0 && r.code !== 1) {
      throw new Error(`exit ${r.code ?? r.signal}: ${r.stderr.trim().split('\n').slice(-5).join(' | ')}`);
    }
    runs.push(r.seconds);
    if (i === 0) {
      try {
        const json = JSON.parse(r.stdout);
        report = { findings: json.findings?.length ?? NaN, errors: json.errors?.length ?? NaN, exit: r.code };
        if (report.errors > 0) notes.push(`CLI: ${report.errors} file errors on generated input, e.g. ${JSON.stringify(json.errors[0]).slice(0, 200)}`);
      } catch (e) {
        notes.push(`CLI: --format json output is not JSON (${e.message}); ${r.stdout.length} bytes`);
        report = { findings: NaN, errors: NaN, exit: r.code };
      }
    }
    progress(`CLI scan ${i + 1}: ${r.seconds.toFixed(2)} s, exit ${r.code}`);
    if (r.seconds > 20) break; // slow enough that repeats would blow the run time
  }
  const median = percentile(runs, 50);
  budgets.push({ what: `scan of ${shape.files.toLocaleString('en')} files (CLI, end to end)`, budget: `<= ${BUDGET_SCAN_S} s`, value: `${median.toFixed(2)} s`, ok: median <= BUDGET_SCAN_S });
  return { runs, median, min: Math.min(...runs), ...report };
}

// ---------------------------------------------------------------------------------------------
// 3. The language server

function positionAt(text, offset) {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

async function benchServer(engine, treeDir, openDir) {
  const serverJs = path.join(root, 'server/out/server.js');
  if (!fs.existsSync(serverJs)) {
    notes.push('LSP: server/out/server.js is not built (npm run build); skipped');
    return undefined;
  }
  const progressTokens = new Set();
  let unversioned = false;
  let indexedMessage;
  const client = new LspClient(process.execPath, [serverJs, '--stdio'], {
    cwd: root,
    onServerRequest: (method, params) => {
      if (method === 'workspace/configuration') {
        return (params?.items ?? []).map((item) => (item.section === 'serverlessGuard' ? { debounceMs: 0 } : item.section ? null : { serverlessGuard: { debounceMs: 0 } }));
      }
      if (method === 'window/workDoneProgress/create') progressTokens.add(params?.token);
      return null;
    },
    onNotification: (method, params) => {
      if (method === '$/progress' && params?.value?.kind === 'end') progressTokens.delete(params.token);
      if (method === 'window/logMessage' && /\bindexed \d+ files?\b/i.test(params?.message ?? '')) indexedMessage = params.message;
    },
  });
  try {
    const treeUri = pathToFileURL(treeDir).href;
    const init = await client.request('initialize', {
      processId: process.pid,
      clientInfo: { name: 'serverless-guard-bench' },
      rootUri: treeUri,
      rootPath: treeDir,
      workspaceFolders: [{ uri: treeUri, name: 'bench-tree' }],
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: true, willSave: false },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, dataSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
        },
        window: { workDoneProgress: true },
      },
      initializationOptions: { debounceMs: 0 },
    });
    client.notify('initialized', {});
    client.notify('workspace/didChangeConfiguration', { settings: { serverlessGuard: { debounceMs: 0 } } });

    const sync = init?.capabilities?.textDocumentSync;
    const changeKind = typeof sync === 'number' ? sync : (sync?.change ?? 0);

    // Let the server index the workspace: until it logs "indexed N files", or else until its
    // progress has ended and it has been quiet for two seconds (at most 60 s).
    const idleStart = performance.now();
    while (performance.now() - idleStart < 60_000) {
      await new Promise((r) => setTimeout(r, 100));
      if (client.exited) throw new Error(`the server exited during start-up: ${client.stderr.trim().slice(-500)}`);
      if (indexedMessage) break;
      const quiet = performance.now() - client.lastMessageAt > 2000;
      if (quiet && progressTokens.size === 0 && performance.now() - idleStart > 5000) break;
    }
    const indexSeconds = (performance.now() - idleStart) / 1000;
    // Settle: let the refresh that follows indexing finish before reading the memory.
    await new Promise((r) => setTimeout(r, 500));
    const afterIndex = client.memory();
    if (!indexedMessage) notes.push(`LSP: the server did not log "indexed N files"; waited ${indexSeconds.toFixed(1)} s for it to go quiet instead`);
    progress(`LSP: ${indexedMessage ?? 'initialized'} after ${indexSeconds.toFixed(1)} s, RSS ${mb(afterIndex?.rssMB)} MB`);

    const docs = [
      { name: 'template.yaml', languageId: 'yaml', gen: samTemplate(TEMPLATE_BUDGET_LINES, 42, 'lsp') },
      { name: 'handler.ts', languageId: 'typescript', gen: tsHandler(HANDLER_BUDGET_LINES, 43) },
    ];
    const rows = [];
    for (const doc of docs) {
      const file = path.join(openDir, doc.name);
      fs.writeFileSync(file, doc.gen.text);
      const uri = pathToFileURL(file).href;
      let version = 1;
      const matches = (v, sentAt) => (p) => {
        if (p?.uri !== uri) return false;
        if (p.version === v) return true;
        if (p.version === undefined || p.version === null) {
          unversioned = true;
          return performance.now() >= sentAt;
        }
        return false;
      };
      let t0 = performance.now();
      let waiting = client.waitFor('textDocument/publishDiagnostics', matches(version, t0), 60_000);
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: doc.languageId, version, text: doc.gen.text } });
      const opened = await waiting;
      const openMs = opened.at - t0;
      const diagnostics = opened.params.diagnostics?.length ?? 0;

      const latencies = [];
      const texts = [];
      let last;
      const pos = positionAt(doc.gen.text, doc.gen.editOffset);
      for (let run = 0; run < LSP_WARMUP + LSP_EDITS; run++) {
        const text = edited(doc.gen, run);
        version++;
        const contentChanges =
          changeKind === 2
            ? [{ range: { start: pos, end: { line: pos.line, character: pos.character + 1 } }, text: text[doc.gen.editOffset] }]
            : [{ text }];
        t0 = performance.now();
        waiting = client.waitFor('textDocument/publishDiagnostics', matches(version, t0), 30_000);
        client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
        const got = await waiting;
        if (run >= LSP_WARMUP) {
          latencies.push(got.at - t0);
          texts.push(text);
        }
        last = got;
      }
      // A hover on a finding, as an editor sends when the pointer rests on a squiggle: the
      // memory figure after the edits then includes what hovers load.
      const onFinding = last?.params.diagnostics?.[0]?.range?.start;
      if (onFinding) await client.request('textDocument/hover', { textDocument: { uri }, position: onFinding });
      // The bare parse of the very texts the server analysed, in this process.
      const parse = bareParser(engine, doc.languageId === 'yaml' ? 'template' : 'handler');
      const bare = [];
      for (let i = 0; i < texts.length + LSP_WARMUP; i++) {
        const text = texts[i % texts.length];
        const t = performance.now();
        parse(file, text);
        if (i >= LSP_WARMUP) bare.push(performance.now() - t);
      }
      const row = {
        name: doc.name,
        lines: doc.gen.lines,
        edits: latencies.length,
        diagnostics,
        openMs,
        l50: percentile(latencies, 50),
        l95: percentile(latencies, 95),
        p50: percentile(bare, 50),
        p95: percentile(bare, 95),
      };
      row.ratio = row.l95 / row.p95;
      rows.push(row);
      budgets.push({
        what: `re-analysis p95, ${doc.gen.lines.toLocaleString('en')}-line ${doc.languageId === 'yaml' ? 'template' : 'handler'} (LSP)`,
        budget: `<= ${BUDGET_RATIO}x parse`,
        value: `${ratio(row.ratio)} (${ms(row.l95)} vs ${ms(row.p95)} ms)`,
        ok: row.ratio <= BUDGET_RATIO,
      });
      progress(`LSP ${doc.name}: p95 ${ms(row.l95)} ms vs parse ${ms(row.p95)} ms`);
      client.notify('textDocument/didClose', { textDocument: { uri } });
    }
    const afterEdits = client.memory();
    if (unversioned) notes.push('LSP: some publishDiagnostics carried no version; the first one after each change was taken');
    if (changeKind !== 1 && changeKind !== 2) notes.push(`LSP: the server declared textDocumentSync ${JSON.stringify(sync)}; full-text changes were sent`);
    // The budget is the memory after indexing; after the edits, a bigger heap mostly means V8 has
    // not collected yet (repeated edits level off rather than grow).
    const rss = afterIndex?.rssMB ?? NaN;
    if (Number.isFinite(rss)) {
      budgets.push({ what: `server RSS after indexing the ${TREE_FILES.toLocaleString('en')}-file tree`, budget: `<= ${BUDGET_RSS_MB} MB`, value: `${mb(rss)} MB`, ok: rss <= BUDGET_RSS_MB });
    }
    return { rows, afterIndex, afterEdits, changeKind, indexSeconds, indexedMessage };
  } finally {
    await client.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Extension activation (scripts/bench/activation.mjs runs each measurement in its own process).

function benchActivation() {
  if (!fs.existsSync(path.join(root, 'client', 'out', 'extension.js'))) return undefined;
  progress('measuring extension activation');
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'bench', 'activation.mjs'), String(ACTIVATION_RUNS)], { encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`scripts/bench/activation.mjs failed (exit ${r.status}): ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}`);
  const m = JSON.parse(r.stdout.trim().split('\n').pop());
  const totals = m.loadMs.map((l, i) => l + m.activateMs[i]);
  return { runs: m.runs, load50: percentile(m.loadMs, 50), activate50: percentile(m.activateMs, 50), total50: percentile(totals, 50), total95: percentile(totals, 95) };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'serverless-guard-bench-'));
  const out = [];
  out.push(`Serverless Guard benchmark: node ${process.version}, ${os.availableParallelism?.() ?? os.cpus().length} cores, ${os.platform()}-${os.arch()}, ${new Date().toISOString().slice(0, 10)}${quick ? ' (--quick)' : ''}`);
  try {
    progress('bundling the engine');
    const engine = await loadEngine(tmp);

    let rows = [];
    try {
      rows = benchInProcess(engine);
    } catch (e) {
      fail('in-process', e);
    }
    out.push('');
    out.push(`1. Per-edit analysis in process: analyzeDocument with a persistent WorkspaceIndex, one character changed per run`);
    out.push(`   vs bare parse of the same text (yaml parseDocument with the CloudFormation tags registered; ts.createSourceFile with parent pointers). ms, p50/p95 over ${RUNS} runs after ${WARMUP} warm-up runs.`);
    out.push(
      table(
        ['kind', 'lines', 'findings', 'analyse p50', 'p95', 'parse p50', 'p95', 'ratio p95', 'RSS MB', 'budget'],
        rows.map((r) => [r.kind, r.lines, r.findings, ms(r.a50), ms(r.a95), ms(r.p50), ms(r.p95), ratio(r.ratio), mb(r.rss), r.budget]),
        ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
      ),
    );
    for (const r of rows.filter((x) => x.budget)) {
      budgets.push({ what: `re-analysis p95, ${r.lines.toLocaleString('en')}-line ${r.kind} (in process)`, budget: `<= ${BUDGET_RATIO}x parse`, value: `${ratio(r.ratio)} (${ms(r.a95)} vs ${ms(r.p95)} ms)`, ok: r.ratio <= BUDGET_RATIO });
    }

    const treeDir = path.join(tmp, 'tree');
    const openDir = path.join(tmp, 'open');
    fs.mkdirSync(openDir, { recursive: true });
    progress(`writing ${TREE_FILES} files`);
    const shape = writeTree(treeDir);
    const shapeText = `${shape.files} files: ${shape.yaml} SAM templates (YAML), ${shape.json} CloudFormation JSON, ${shape.handler} handlers, ${shape.cdk} CDK stacks; ${shape.lines.toLocaleString('en')} lines`;

    out.push('');
    out.push(`2. CLI: node server/out/cli.js scan DIR --format json, end to end (${shapeText})`);
    try {
      const cli = await benchCli(treeDir, shape);
      if (cli) {
        out.push(
          table(
            ['runs', 'median s', 'min s', 'findings', 'errors', 'exit', 'budget'],
            [[cli.runs.length, cli.median.toFixed(2), cli.min.toFixed(2), cli.findings, cli.errors, cli.exit, `<= ${BUDGET_SCAN_S} s: ${verdict(cli.median <= BUDGET_SCAN_S)}`]],
            ['r', 'r', 'r', 'r', 'r', 'r', 'l'],
          ),
        );
      } else out.push('  skipped (not built)');
    } catch (e) {
      fail('CLI', e);
      out.push('  FAILED (see notes)');
    }

    out.push('');
    out.push(`3. Language server: server/out/server.js --stdio, debounceMs 0, workspace = the ${TREE_FILES}-file tree;`);
    out.push(`   ms from didChange to the publishDiagnostics of that version, ${LSP_EDITS} edits after ${LSP_WARMUP} warm-up edits, vs bare parse of the same texts here.`);
    try {
      const lsp = await benchServer(engine, treeDir, openDir);
      if (lsp) {
        out.push(
          table(
            ['document', 'lines', 'edits', 'diags', 'open ms', 'p50', 'p95', 'parse p50', 'p95', 'ratio p95', 'budget'],
            lsp.rows.map((r) => [r.name, r.lines, r.edits, r.diagnostics, ms(r.openMs), ms(r.l50), ms(r.l95), ms(r.p50), ms(r.p95), ratio(r.ratio), `<= ${BUDGET_RATIO}x parse: ${verdict(r.ratio <= BUDGET_RATIO)}`]),
            ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
          ),
        );
        const rss = lsp.afterIndex?.rssMB ?? NaN;
        out.push(
          `  server RSS after indexing: ${mb(rss)} MB` +
            (Number.isFinite(rss) ? ` (budget <= ${BUDGET_RSS_MB} MB: ${verdict(rss <= BUDGET_RSS_MB)})` : ' (not readable on this OS)') +
            `; after the edits and a hover on a finding ${mb(lsp.afterEdits?.rssMB)} MB, peak ${mb(lsp.afterEdits?.peakMB)} MB`,
        );
        out.push(`  indexing: ${lsp.indexedMessage ? `"${lsp.indexedMessage.replace(/^Serverless Guard:\s*/, '')}"` : 'no "indexed" log line'} after ${lsp.indexSeconds.toFixed(1)} s; text sync: ${lsp.changeKind === 2 ? 'incremental (one-character range edits)' : 'full text'}`);
      } else out.push('  skipped (not built)');
    } catch (e) {
      fail('LSP', e);
      out.push('  FAILED (see notes)');
    }

    out.push('');
    out.push(`4. Extension activation: a fresh node process loads client/out/extension.js and runs activate() against a stand-in`);
    out.push(`   vscode API (scripts/bench/activation.mjs); VS Code's own extension-host start is not included. ms over ${ACTIVATION_RUNS} processes.`);
    try {
      const act = benchActivation();
      if (act) {
        out.push(
          table(
            ['runs', 'load p50', 'activate p50', 'total p50', 'total p95', 'budget'],
            [[act.runs, ms(act.load50), ms(act.activate50), ms(act.total50), ms(act.total95), `<= ${BUDGET_ACTIVATION_MS} ms: ${verdict(act.total95 <= BUDGET_ACTIVATION_MS)}`]],
            ['r', 'r', 'r', 'r', 'r', 'l'],
          ),
        );
        budgets.push({ what: 'extension activation p95 (load + activate, stand-in API)', budget: `<= ${BUDGET_ACTIVATION_MS} ms`, value: `${ms(act.total95)} ms`, ok: act.total95 <= BUDGET_ACTIVATION_MS });
      } else out.push('  skipped (not built)');
    } catch (e) {
      fail('activation', e);
      out.push('  FAILED (see notes)');
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  out.push('');
  out.push('Budgets (DESIGN.md "Budgets"; ratios are measured side by side in this run)');
  out.push(table(['measurement', 'budget', 'measured', 'verdict'], budgets.map((b) => [b.what, b.budget, b.value, verdict(b.ok)]), ['l', 'l', 'l', 'l']));
  if (notes.length > 0) {
    out.push('');
    out.push('Notes');
    for (const n of notes) out.push(`  - ${n}`);
  }
  out.push('');
  out.push(`total ${((performance.now() - started) / 1000).toFixed(1)} s`);
  process.stdout.write(out.join('\n') + '\n');
  process.exitCode = crashed ? 1 : 0;
}

main().catch((e) => {
  process.stderr.write(`bench crashed: ${e?.stack ?? e}\n`);
  process.exitCode = 1;
});
