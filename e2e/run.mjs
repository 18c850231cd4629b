// npm run test:e2e: the packaged extension in a real VS Code. Builds the VSIX, installs it into
// code-server (127.0.0.1, a free port, throwaway user-data and extensions folders), opens a copy
// of examples/ in headless Chromium and checks through the UI what a user sees: squiggles, the
// Problems panel, a hover with the analogy, quick fixes from the light bulb, the Explain view,
// Restricted Mode. Then the extension-host suite (test/vscode) runs inside code-server too.
// Screenshots of every step, and of every failure, go to e2e/screenshots/. The last line printed
// is the summary.
//   node e2e/run.mjs [--keep]      (--keep leaves the temp folder for a look afterwards)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { E2E_DIR, NODE24, installExtension, missingTools, startCodeServer } from './lib/code-server.mjs';
import { assert, expect } from './lib/expect.mjs';
import { applyEdits, fixesOf, publishedDiagnostics, ruleIdOf } from './lib/oracle.mjs';
import { LspTrace, traceLogLevel } from './lib/lsp-trace.mjs';
import { leftovers, onStopAll, stopAll } from './lib/procs.mjs';
import { Runner, skip } from './lib/runner.mjs';
import { SQUIGGLE, Workbench } from './lib/workbench.mjs';

const ROOT = path.dirname(E2E_DIR);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'];
const HANDLER = 'orders-api/src/handlers/search-orders.ts';
const TEMPLATE = 'orders-api/template.yaml';
const CDK_STACK = 'orders-api/cdk/lib/orders-stack.ts';
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const EXTENSION_ID = `${PKG.publisher}.${PKG.name}`;
const EXTENSION_DIR_NAME = `${EXTENSION_ID}-${PKG.version}`;

/** User settings for every session: a quiet, predictable workbench. TypeScript's own checks are off so the only squiggles are ours. */
const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'chat.disableAIFeatures': true,
  'update.mode': 'none',
  'typescript.validate.enable': false,
  'javascript.validate.enable': false,
  'files.autoSave': 'off',
  'editor.hover.delay': 200,
  'serverlessGuard.debounceMs': 100,
};

const started = Date.now();
const keep = process.argv.includes('--keep');
const runner = new Runner(path.join(E2E_DIR, 'screenshots'));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-e2e-'));
// Also on a signal (procs.mjs stops the processes first, then exits).
process.once('exit', () => {
  if (!keep) fs.rmSync(tmp, { recursive: true, force: true });
});

function sh(cmd, args, what) {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status ?? r.signal}):\n${`${r.stdout}${r.stderr}`.trim().split('\n').slice(-30).join('\n')}`);
  return r.stdout;
}

function copyExamples(name) {
  const dir = path.join(tmp, name);
  fs.cpSync(path.join(ROOT, 'examples'), dir, { recursive: true });
  return dir;
}

/** The analogy and title of a rule, from its generated docs page (the same record the hover renders). */
function ruleDocs(id) {
  const md = fs.readFileSync(path.join(ROOT, 'docs', 'rules', `${id}.md`), 'utf8');
  const analogy = /## The picture\s+((?:>.*\n?)+)/.exec(md)?.[1].replace(/^>\s?/gm, '').replace(/\s+/g, ' ').trim();
  const title = /^\*\*(.+)\*\*$/m.exec(md)?.[1];
  assert(analogy && title, `docs/rules/${id}.md has no title or analogy`);
  return { analogy, title };
}

async function browserSession(name) {
  const context = await chromium.launchPersistentContext(path.join(tmp, `chromium-${name}`), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 900 },
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await context.close().catch(() => {});
  };
  onStopAll(close);
  const page = context.pages()[0] ?? (await context.newPage());
  runner.page = page;
  return { page, wb: new Workbench(page), close };
}

/** Rows of the Problems panel that stand for `d` (a published diagnostic) in `file`. */
const problemFor = (rows, file, d) => rows.some((p) => p.file === file && p.ruleId === ruleIdOf(d) && p.line === d.range.start.line + 1 && p.column === d.range.start.character + 1);

async function checkSquiggles(wb, file, diagnostics) {
  await wb.openFile(file);
  const bySeverity = new Map();
  for (const d of diagnostics) {
    const cls = SQUIGGLE[d.severity ?? 1];
    bySeverity.set(cls, [...new Set([...(bySeverity.get(cls) ?? []), d.range.start.line + 1])]);
  }
  for (const [cls, lines] of bySeverity) await wb.waitForSquiggles(lines, cls);
  // The first finding in view for the screenshot.
  await wb.goTo(diagnostics[0].range.start.line + 1, diagnostics[0].range.start.character + 1);
}

/** The diagnostics the editor's client received for `uri`, in brief: the document's version, the published version, the findings of `rule`. */
function publishedState(trace, uri, rule) {
  const { version, published } = trace.state(uri);
  const of = (published?.diagnostics ?? []).filter((x) => x.source === 'serverless-guard' && ruleIdOf(x) === rule);
  return { version, publishedVersion: published?.version, [rule]: of.map((x) => `${x.range.start.line + 1}:${x.range.start.character + 1}`) };
}

/**
 * Applies `fix` of diagnostic `d` in `file` from the light bulb, saves, and checks the file on
 * disk and the finding's end: in the diagnostics the server published to the editor for the
 * fixed version of the document (from the client's message trace, so neither another file nor
 * an older publication can stand in for it), then in the editor's squiggles.
 */
async function applyFixThroughUi(wb, trace, ws, file, d, fix) {
  const abs = path.join(ws, file);
  const uri = pathToFileURL(abs).href;
  const before = fs.readFileSync(abs, 'utf8');
  const expected = applyEdits(before, fix.edits);
  assert(expected !== before, `the fix "${fix.title}" changes nothing`);
  const rule = ruleIdOf(d);
  const at = `${d.range.start.line + 1}:${d.range.start.character + 1}`;
  const current = (s) => s.version !== undefined && s.publishedVersion === s.version;
  const stateBefore = await expect(() => publishedState(trace, uri, rule), (s) => current(s) && s[rule].includes(at), `the diagnostics published for ${file} to hold ${rule} at ${at}`);
  await wb.openFile(file);
  await wb.applyFromLightBulb(d.range.start.line + 1, d.range.start.character + 1, fix.title);
  await wb.save();
  await expect(() => fs.readFileSync(abs, 'utf8'), (text) => text === expected, `${file} on disk to be the fixed text`, 30_000);
  // The newest version the editor sent is the fixed text (nothing edits the file after the fix); its own publication decides.
  const stateAfter = await expect(() => publishedState(trace, uri, rule), (s) => current(s) && s.version > stateBefore.version, `diagnostics published for the fixed ${file} (a version after ${stateBefore.version})`);
  assert(!stateAfter[rule].includes(at) && stateAfter[rule].length === stateBefore[rule].length - 1, `the fixed ${file} (version ${stateAfter.version}) has ${rule} at [${stateAfter[rule].join(', ')}], before the fix at [${stateBefore[rule].join(', ')}]: expected one fewer, none at ${at}`);
  const cls = SQUIGGLE[d.severity ?? 1];
  await wb.goTo(d.range.start.line + 1, 1);
  await expect(() => wb.squiggles(cls), (s) => !s.some((q) => q.line === d.range.start.line + 1), `no ${cls} squiggle left on line ${d.range.start.line + 1}`);
  // Show where the fix wrote, for the screenshot (it may be away from the finding: a key added to the API, say).
  const first = [...fix.edits].sort((a, b) => a.range.start.line - b.range.start.line)[0];
  await wb.goTo(first.range.start.line + 1, 1);
  return { before, after: expected };
}

async function main() {
  const missing = missingTools(CHROMIUM);
  if (missing) {
    runner.fail('e2e tools', new Error(missing));
    return;
  }
  console.log(`e2e: code-server ${JSON.parse(fs.readFileSync(path.join(E2E_DIR, 'node_modules', 'code-server', 'package.json'), 'utf8')).version} on Node ${sh(NODE24, ['--version'], 'node24 --version').trim()}, ${path.basename(CHROMIUM)}; temp ${tmp}`);

  const extensionsDir = path.join(tmp, 'extensions');
  let vsix;
  const ok = await runner.step('build and package the VSIX', async () => {
    sh(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], 'npm run build');
    sh(process.execPath, [path.join(ROOT, 'scripts', 'package.mjs'), '--out', path.join(tmp, 'vsix')], 'packaging the VSIX');
    vsix = path.join(tmp, 'vsix', `${PKG.name}-${PKG.version}.vsix`);
    assert(fs.existsSync(vsix), `${vsix} was not written`);
  });
  if (!ok) return;
  if (!(await runner.step('install the VSIX into code-server', async () => {
    installExtension(vsix, { dir: path.join(tmp, 'install'), extensionsDir });
    assert(fs.existsSync(path.join(extensionsDir, EXTENSION_DIR_NAME, 'package.json')), `${EXTENSION_DIR_NAME} is not in the extensions folder`);
  }))) return;
  const installed = path.join(extensionsDir, EXTENSION_DIR_NAME);
  const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
  const commands = new Map((manifest.contributes?.commands ?? []).map((c) => [c.command, c]));

  // What the server publishes for the three files: the expectations of the UI steps below.
  const ws = copyExamples('workspace');
  let expected;
  if (!(await runner.step('the language server of the installed VSIX reports the examples\' flaws', async () => {
    expected = await publishedDiagnostics(NODE24, path.join(installed, 'server', 'out', 'server.js'), ws, [HANDLER, TEMPLATE, CDK_STACK]);
    const ids = (f) => expected.get(f).map(ruleIdOf);
    assert(ids(HANDLER).includes('sql-injection'), `no sql-injection on ${HANDLER}: ${ids(HANDLER)}`);
    assert(expected.get(HANDLER).some((d) => fixesOf(d).some((f) => /parameterized query/i.test(f.title))), `no "parameterized query" fix on ${HANDLER}`);
    assert(ids(TEMPLATE).includes('iam-wildcard-action'), `no iam-wildcard-action on ${TEMPLATE}: ${ids(TEMPLATE)}`);
    for (const f of [HANDLER, TEMPLATE, CDK_STACK]) console.log(`    ${f}: ${[...new Set(ids(f))].join(', ') || 'none'}`);
  }))) return;

  // ---- Session 1: a trusted workspace (trust is switched off, so everything is trusted).
  // The client's message trace is on: the quick-fix steps follow the diagnostics the server publishes.
  // The debounce is longer than a quick fix takes to be saved, so the save itself has to bring the
  // fixed file's diagnostics (as it must for a user who fixes and saves at once).
  const cs = await startCodeServer({
    dir: path.join(tmp, 'session-trusted'),
    extensionsDir,
    folder: ws,
    settings: { ...BASE_SETTINGS, 'security.workspace.trust.enabled': false, 'serverlessGuard.trace.server': 'verbose', 'serverlessGuard.debounceMs': 2000 },
  });
  const trace = new LspTrace(cs.userDataDir, EXTENSION_ID, 'Serverless Guard');
  const { wb, close } = await browserSession('trusted');
  try {
    if (!(await runner.step('the workbench opens the examples', async (r) => {
      await wb.open(cs.url, ws, traceLogLevel(EXTENSION_ID));
      await r.screenshot('workbench');
    }))) return;

    await runner.step('squiggles on the flawed handler', async (r) => {
      await checkSquiggles(wb, HANDLER, expected.get(HANDLER));
      await r.screenshot('handler-squiggles');
    });
    await runner.step('squiggles on the SAM template', async (r) => {
      await checkSquiggles(wb, TEMPLATE, expected.get(TEMPLATE));
      await r.screenshot('template-squiggles');
    });
    await runner.step('squiggles on the CDK stack', async (r) => {
      if (expected.get(CDK_STACK).length === 0) skip(`the language server reports no finding on ${CDK_STACK} in this build (CDK checks not merged yet)`);
      await checkSquiggles(wb, CDK_STACK, expected.get(CDK_STACK));
      await r.screenshot('cdk-squiggles');
    });
    await runner.step('the Problems panel lists the expected rule ids', async (r) => {
      await wb.showProblems();
      const all = [...expected].flatMap(([file, ds]) => ds.map((d) => ({ file, d })));
      await expect(() => wb.problems(), (rows) => all.every(({ file, d }) => problemFor(rows, file, d)), `every published finding in the Problems panel: ${all.map(({ file, d }) => `${file} ${ruleIdOf(d)}@${d.range.start.line + 1}`).join('; ')}`);
      const rows = await wb.problems();
      for (const id of ['sql-injection', 'iam-wildcard-action']) assert(rows.some((p) => p.ruleId === id), `${id} is not in the Problems panel`);
      await r.screenshot('problems-panel');
    });

    await runner.step('a hover on a finding shows the rule\'s analogy', async (r) => {
      const d = expected.get(HANDLER).find((x) => ruleIdOf(x) === 'sql-injection');
      await wb.openFile(HANDLER);
      const text = await wb.hoverSquiggle(d.range.start.line + 1, ruleDocs('sql-injection').analogy);
      assert(text.includes('sql-injection'), 'the hover does not name the rule');
      await r.screenshot('hover-analogy');
      await wb.dismissHover();
    });

    await runner.step('quick fix "parameterized query" from the light bulb', async (r) => {
      const candidates = expected.get(HANDLER).filter((d) => fixesOf(d).some((f) => /parameterized query/i.test(f.title)));
      const d = candidates[candidates.length - 1];
      const fix = fixesOf(d).find((f) => /parameterized query/i.test(f.title));
      const { after } = await applyFixThroughUi(wb, trace, ws, HANDLER, d, fix);
      const line = after.split('\n')[d.range.start.line];
      assert(/\$1/.test(line) && !/\$\{customerId\}/.test(line), `the fixed line is not parameterized: ${line.trim()}`);
      console.log(`    line ${d.range.start.line + 1} now: ${line.trim()}`);
      // Scroll to the placeholders, so the screenshot shows the rewritten query.
      await wb.goTo(d.range.start.line + 1, line.indexOf('$1') + 1);
      await r.screenshot('quick-fix-parameterized-query');
    });

    await runner.step('a quick fix on the SAM template from the light bulb', async (r) => {
      const withFix = expected.get(TEMPLATE).filter((d) => fixesOf(d).length > 0);
      if (withFix.length === 0) skip(`no finding on ${TEMPLATE} carries a quick fix in this build (${[...new Set(expected.get(TEMPLATE).map(ruleIdOf))].join(', ')}); template fixes not merged yet`);
      // A security fix first (a public function URL, an open route), else the most severe finding with a fix.
      const d = withFix.find((x) => ruleIdOf(x) === 'function-url-public') ?? withFix.find((x) => ruleIdOf(x) === 'api-missing-authorizer') ?? [...withFix].sort((a, b) => (a.severity ?? 1) - (b.severity ?? 1))[0];
      console.log(`    applying "${fixesOf(d)[0].title}" (${ruleIdOf(d)}, line ${d.range.start.line + 1})`);
      await applyFixThroughUi(wb, trace, ws, TEMPLATE, d, fixesOf(d)[0]);
      await r.screenshot('quick-fix-template');
    });

    await runner.step('least privilege on the CDK stack: the quick fix narrows a wildcard statement to what the handler calls', async (r) => {
      const d = expected.get(CDK_STACK).find((x) => ruleIdOf(x) === 'least-privilege' && fixesOf(x).some((f) => /^Allow only what the code calls/.test(f.title)));
      if (!d) skip(`no least-privilege finding with a narrowing fix on ${CDK_STACK} in this build`);
      const fix = fixesOf(d).find((f) => /^Allow only what the code calls/.test(f.title));
      console.log(`    applying "${fix.title}" (line ${d.range.start.line + 1})`);
      const { after } = await applyFixThroughUi(wb, trace, ws, CDK_STACK, d, fix);
      const line = after.split('\n')[d.range.start.line];
      assert(/actions: \['dynamodb:GetItem'\], resources: \[table\.tableArn\]/.test(line), `the statement is not narrowed to GetItem on the table: ${line.trim()}`);
      console.log(`    line ${d.range.start.line + 1} now: ${line.trim()}`);
      await r.screenshot('quick-fix-cdk-least-privilege');
    });

    await runner.step('"Serverless Guard: Explain this risk" opens the Explain view', async (r) => {
      const cmd = commands.get('serverlessGuard.explain');
      if (!cmd) skip('the extension does not contribute serverlessGuard.explain in this build (the Explain view not merged yet)');
      const label = `${cmd.category ? `${cmd.category}: ` : ''}${cmd.title}`;
      const remaining = (await expect(() => wb.problems(), (rows) => rows.some((p) => p.file === HANDLER && p.ruleId === 'sql-injection'), `a sql-injection left on ${HANDLER}`)).find((p) => p.file === HANDLER && p.ruleId === 'sql-injection');
      await wb.openFile(HANDLER);
      await wb.goTo(remaining.line, remaining.column);
      await wb.runCommand(label);
      const { title, analogy } = ruleDocs('sql-injection');
      const text = (await wb.webviewText(analogy)).replace(/\s+/g, ' ');
      assert(text.includes(title), `the Explain view does not show the rule title "${title}"`);
      await r.screenshot('explain-view');
    });
  } finally {
    await close();
    await cs.stop();
  }

  // ---- Session 2: Restricted Mode (workspace trust on, the user declines).
  const restrictedWs = copyExamples('workspace-restricted');
  const cs2 = await startCodeServer({ dir: path.join(tmp, 'session-restricted'), extensionsDir, folder: restrictedWs, settings: { ...BASE_SETTINGS, 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'always' } });
  const s2 = await browserSession('restricted');
  try {
    await runner.step('Restricted Mode: the user does not trust the workspace', async (r) => {
      await s2.page.goto(`${cs2.url}/?folder=${encodeURIComponent(restrictedWs)}`);
      const dialog = s2.page.locator('.monaco-dialog-box').filter({ hasText: /trust the authors/i });
      await dialog.waitFor({ state: 'visible', timeout: 60_000 });
      await r.screenshot('trust-prompt');
      await dialog.getByRole('button', { name: /No, I don.t trust/i }).click();
      await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
      await s2.page.locator('.statusbar, .monaco-workbench .banner').filter({ hasText: 'Restricted Mode' }).first().waitFor({ state: 'visible', timeout: 30_000 });
      await r.screenshot('restricted-mode');
    });
    await runner.step('Restricted Mode: findings still appear', async (r) => {
      const w = s2.wb;
      await s2.page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
      await checkSquiggles(w, HANDLER, expected.get(HANDLER));
      await w.showProblems();
      await expect(() => w.problems(), (rows) => expected.get(HANDLER).every((d) => problemFor(rows, HANDLER, d)), `the handler's findings in the Problems panel in Restricted Mode`);
      assert(await s2.page.locator('.statusbar').filter({ hasText: 'Restricted Mode' }).count(), 'the status bar no longer says Restricted Mode');
      await r.screenshot('restricted-mode-findings');
    });
  } finally {
    await s2.close();
    await cs2.stop();
  }

  // ---- Session 3: the extension-host suite (test/vscode) inside code-server's extension host.
  await extensionHostSuite();
}

async function extensionHostSuite() {
  const results = path.join(tmp, 'vscode-test-results.json');
  const hostWs = copyExamples('workspace-host');
  let cs3;
  let s3;
  const ok = await runner.step('extension-host suite: build and start', async () => {
    sh(process.execPath, [path.join(ROOT, 'test', 'vscode', 'build.mjs')], 'building test/vscode');
    cs3 = await startCodeServer({
      dir: path.join(tmp, 'session-host'),
      extensionsDir: path.join(tmp, 'extensions-empty'),
      settings: { ...BASE_SETTINGS, 'security.workspace.trust.enabled': false },
      env: { SERVERLESS_GUARD_TEST_RESULTS: results },
      developmentHost: true,
    });
    s3 = await browserSession('host');
    // The web workbench takes development options from its URL payload, as VS Code does when it
    // opens an extension development host window; remote paths carry the server's authority.
    const remote = (p) => `vscode-remote://127.0.0.1:${cs3.port}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(ROOT)],
      ['extensionTestsPath', remote(path.join(ROOT, 'test', 'vscode', 'out', 'index.js'))],
    ]);
    await s3.page.goto(`${cs3.url}/?folder=${encodeURIComponent(hostWs)}&payload=${encodeURIComponent(payload)}`);
  });
  try {
    if (!ok) return;
    let report;
    await runner.step('extension-host suite: results', async () => {
      report = await expect(() => JSON.parse(fs.readFileSync(results, 'utf8')), (x) => x?.done === true, `the suite's results in ${results}`, 300_000);
      assert(report.results.length > 0, `the suite ran no test${report.error ? `: ${report.error}` : ''}`);
    });
    for (const t of report?.results ?? []) {
      await runner.step(`extension host: ${t.title}`, async () => {
        if (t.state === 'skipped') skip(t.reason ?? 'skipped');
        if (t.state === 'failed') throw new Error(t.error);
      });
    }
    if (report?.error) runner.fail('extension-host suite', new Error(report.error));
  } finally {
    await s3?.close();
    await cs3?.stop();
  }
}

let exitCode = 0;
try {
  await main();
} catch (e) {
  await runner.screenshot('FAILED-run');
  runner.fail('e2e run', e);
} finally {
  await stopAll();
  const left = leftovers(tmp);
  if (left.length) runner.fail('every started process stopped', new Error(`still running:\n${left.join('\n')}`));
  if (!keep) fs.rmSync(tmp, { recursive: true, force: true });
  exitCode = runner.failed > 0 ? 1 : 0;
  console.log(runner.summary((Date.now() - started) / 1000));
}
process.exit(exitCode);
