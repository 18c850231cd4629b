// The analysis runner: the engine in a worker thread, a budget per file, and a rule that throws
// or never returns stopped and reported while every other rule still delivers.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { resolveConfig } from '../../server/src/engine/config';
import { AnalysisRunner, STOP_EVERYWHERE_AFTER } from '../../server/src/runner/runner';
import { runnerOptionsFromEnvironment } from '../../server/src/runner/test-hooks';

const ROOT = path.resolve(__dirname, '..', '..');
export const HOSTILE_RULES = path.join(ROOT, 'test', 'fixtures', 'rules', 'hostile-rules.cjs');

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  ReportsRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: reports
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: 's3:*'
                Resource: arn:aws:s3:::reports/*
`;

const HANDLER = `import { Pool } from 'pg';
const pool = new Pool();
export const handler = async (event) => pool.query("SELECT * FROM t WHERE id = '" + event.pathParameters.id + "'");
`;

const config = resolveConfig();
const ids = (r: { findings: { ruleId: string }[] }) => r.findings.map((f) => f.ruleId);
const ruleErrors = (r: { errors: { kind: string; ruleId?: string; message: string }[] }) =>
  r.errors.filter((e) => e.kind === 'rule').map((e) => `${e.ruleId}: ${e.message}`);

describe('analysis runner: isolation', function () {
  // Looping cases wait out a short budget (1 s) and start a new worker; one runner serves the cases in order.
  this.timeout(60_000);
  let runner: AnalysisRunner;
  let logs: string[];
  before(() => {
    logs = [];
    runner = new AnalysisRunner({ timeoutMs: 1_000, testRules: HOSTILE_RULES, log: (m) => logs.push(m) });
  });
  after(() => runner.dispose());

  it('gives the same findings as the engine, for templates and handlers', () => {
    const t = runner.analyzeDocument({ file: 'template.yaml', text: TEMPLATE }, config);
    const h = runner.analyzeDocument({ file: 'app.js', text: HANDLER }, config);
    assert.deepEqual(ids(t), ['iam-wildcard-action']);
    assert.deepEqual(ids(h), ['sql-injection']);
    assert.deepEqual([t.errors, h.errors], [[], []]);
    assert.equal(runner.restarts, 0);
  });

  it('reports a rule that throws, once per file, and keeps the other rules', () => {
    const r = runner.analyzeDocument({ file: 'thrown.yaml', text: `${TEMPLATE}# THROW-ME\n` }, config);
    assert.deepEqual(ids(r), ['iam-wildcard-action']);
    assert.deepEqual(ruleErrors(r), ['test-throws: rule test-throws failed on this file: the test rule threw on purpose']);
    assert.equal(runner.restarts, 0);
  });

  it('stops a rule that never returns, names it, re-runs the file without it, and gives the new worker the index back', () => {
    const r = runner.analyzeDocument({ file: 'looped.yaml', text: `${TEMPLATE}# LOOP-ME THROW-ME COUNT-ME\n` }, config);
    assert.equal(runner.restarts, 1);
    assert.deepEqual(ids(r), ['test-counts', 'iam-wildcard-action']);
    assert.deepEqual(ruleErrors(r).sort(), [
      'test-loops: rule test-loops took too long on this file (over 1 s) and was stopped; the other rules ran',
      'test-throws: rule test-throws failed on this file: the test rule threw on purpose',
    ]);
    // template.yaml, app.js and thrown.yaml were replayed into the new worker: cross-file rules still see them.
    assert.deepEqual(r.findings.filter((f) => f.ruleId === 'test-counts').map((f) => f.message), ['the index holds 4 files']);
    assert.deepEqual(ids(runner.analyze('app.js', config)), ['sql-injection']);

    // It stays off for that file: the next edit costs no second wait, and still says why.
    const again = runner.analyzeDocument({ file: 'looped.yaml', text: `${TEMPLATE}# LOOP-ME again\n` }, config);
    assert.deepEqual(ids(again), ['iam-wildcard-action']);
    assert.deepEqual(ruleErrors(again), ['test-loops: rule test-loops took too long on this file (over 1 s) and was stopped; the other rules ran']);
    assert.equal(runner.restarts, 1);
  });

  it(`stops a rule for every file once it overran on ${STOP_EVERYWHERE_AFTER} files, so a scan ends`, () => {
    const docs = Array.from({ length: STOP_EVERYWHERE_AFTER + 1 }, (_, i) => ({ file: `t${i}.yaml`, text: `${TEMPLATE}# LOOP-ME ${i}\n` }));
    const r = runner.analyzeAll(docs, config);
    // looped.yaml was the first of the three.
    assert.equal(runner.restarts, STOP_EVERYWHERE_AFTER);
    assert.equal(r.findings.filter((f) => f.ruleId === 'iam-wildcard-action').length, docs.length);
    const loopErrors = r.errors.filter((e) => e.ruleId === 'test-loops');
    assert.equal(loopErrors.length, docs.length);
    assert.match(loopErrors[docs.length - 1].message, /did not run on this file: it took too long on 3 other files/);
    assert.equal(logs.filter((m) => /stopped for every file/.test(m)).length, 1);
  });

  it('a file the engine passes over (too large) is dropped from the index', () => {
    assert.ok(runner.has('template.yaml'));
    const big = runner.index({ file: 'template.yaml', text: TEMPLATE + `# ${'x'.repeat(2048)}\n` }, resolveConfig({ maxFileSizeKB: 1 }));
    assert.equal(big.error?.kind, 'skipped');
    assert.equal(runner.has('template.yaml'), false);
  });
});

describe("analysis runner: the editor's requests", function () {
  this.timeout(60_000);
  const STAND_IN = path.join(ROOT, 'test', 'fixtures', 'runner', 'stalling-worker.cjs');
  const doc = (file: string, text: string) => ({ file, text, maxFileSizeKB: 5120 });
  const markdown = (h: { contents: unknown } | null) => (h?.contents as { value?: string } | undefined)?.value ?? '';

  it('answers hovers, code actions, Explain and the defense view after a rule was stopped and the worker replaced', () => {
    const logs: string[] = [];
    const runner = new AnalysisRunner({ timeoutMs: 1_000, testRules: HOSTILE_RULES, log: (m) => logs.push(m) });
    try {
      const text = `${TEMPLATE}# LOOP-ME\n`;
      const r = runner.analyzeDocument({ file: 'looped.yaml', text }, config);
      assert.equal(runner.restarts, 1);
      const f = r.findings.find((x) => x.ruleId === 'iam-wildcard-action')!;
      const hover = runner.hover(doc('looped.yaml', text), f.range.start, r.findings);
      assert.match(markdown(hover), /iam-wildcard-action|wildcard/i);
      const diagnostic = { range: f.range, source: 'serverless-guard', code: f.ruleId, message: f.message, data: { ruleId: f.ruleId, resource: f.resource, fixes: f.fixes, suppressed: false } };
      const actions = runner.codeActions(doc('looped.yaml', text), { textDocument: { uri: 'looped.yaml' }, range: f.range, context: { diagnostics: [diagnostic] } });
      assert.ok(actions.some((a) => a.title === 'Suppress iam-wildcard-action with a reason'), actions.map((a) => a.title).join(', '));
      assert.equal(runner.explain('looped.yaml', null, { uri: 'looped.yaml', position: f.range.start }, r.findings)?.rule.id, 'iam-wildcard-action');
      assert.ok(runner.defense('looped.yaml', r.findings));
      assert.equal(runner.defense('missing.yaml', []), undefined);
      assert.equal(runner.restarts, 1);
      assert.deepEqual(logs.filter((m) => /failed|stopped/.test(m) && !/test-loops/.test(m)), []);
    } finally {
      runner.dispose();
    }
  });

  it('gives a request that overruns nothing, within its budget, and serves the next one from a new worker given the index back', () => {
    const logs: string[] = [];
    const runner = new AnalysisRunner({ timeoutMs: 500, workerPath: STAND_IN, log: (m) => logs.push(m) });
    try {
      runner.index({ file: 'a.yaml', text: TEMPLATE }, config);
      runner.index({ file: 'b.yaml', text: TEMPLATE }, config);
      let started = Date.now();
      assert.equal(runner.hover(doc('a.yaml', `${TEMPLATE}# STALL-ME\n`), { line: 0, character: 0 }, null), null);
      assert.ok(Date.now() - started < 10_000);
      assert.equal(runner.restarts, 1);
      assert.deepEqual(logs, ['Serverless Guard: the hover of a.yaml took longer than 0.5 s and was stopped; requests about this text get no answer until it changes.']);
      // The same text is not tried again: no second wait, no second restart.
      started = Date.now();
      assert.equal(runner.hover(doc('a.yaml', `${TEMPLATE}# STALL-ME\n`), { line: 0, character: 0 }, null), null);
      assert.ok(Date.now() - started < 400, 'the same text waited out its budget again');
      assert.equal(runner.restarts, 1);
      // The next text is answered by the new worker, which holds the index again.
      assert.equal(markdown(runner.hover(doc('a.yaml', TEMPLATE), { line: 0, character: 0 }, null)), 'stand-in hover, 2 indexed');
    } finally {
      runner.dispose();
    }
  });

  it('gives a request that fails nothing, with a log line, and keeps the worker', () => {
    const logs: string[] = [];
    const runner = new AnalysisRunner({ timeoutMs: 500, workerPath: STAND_IN, log: (m) => logs.push(m) });
    try {
      assert.equal(runner.hover(doc('a.yaml', '# FAIL-ME'), { line: 0, character: 0 }, null), null);
      assert.deepEqual(runner.codeActions(null, { textDocument: { uri: 'a.yaml' }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } }), []);
      assert.equal(runner.explain('a.yaml', doc('a.yaml', TEMPLATE), { uri: 'a.yaml' }, []), null);
      assert.equal(logs.length, 3, logs.join('\n'));
      assert.ok(logs.every((m) => /failed: Error: the stand-in failed on purpose/.test(m)), logs.join('\n'));
      assert.equal(runner.restarts, 0);
      assert.equal(markdown(runner.hover(doc('a.yaml', TEMPLATE), { line: 0, character: 0 }, null)), 'stand-in hover, 0 indexed');
    } finally {
      runner.dispose();
    }
  });
});

describe('analysis runner: where test rules may come from', () => {
  it('honours extra rules only under NODE_ENV=test and from an absolute path', () => {
    assert.deepEqual(runnerOptionsFromEnvironment({ SERVERLESS_GUARD_TEST_RULES: HOSTILE_RULES }), {});
    assert.deepEqual(runnerOptionsFromEnvironment({ NODE_ENV: 'test', SERVERLESS_GUARD_TEST_RULES: 'rules.cjs' }), {});
    assert.deepEqual(runnerOptionsFromEnvironment({ NODE_ENV: 'test', SERVERLESS_GUARD_TEST_RULES: HOSTILE_RULES }), { testRules: HOSTILE_RULES });
    assert.deepEqual(runnerOptionsFromEnvironment({ SERVERLESS_GUARD_TIMEOUT_MS: '2500' }), { timeoutMs: 2500 });
    assert.deepEqual(runnerOptionsFromEnvironment({ SERVERLESS_GUARD_TIMEOUT_MS: 'soon' }), {});
  });
});
