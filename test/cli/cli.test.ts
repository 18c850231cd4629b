// The built command line (server/out/cli.js) run as a user runs it, on fixture trees made here.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'server', 'out', 'cli.js');
const CONTRACT_CHECKER = path.resolve(ROOT, '..', 'shared', 'tools', 'check-cli-contract.mjs');
const VERSION: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;

// ---- fixtures ---------------------------------------------------------------------------------

/** A SAM function whose inline policy allows every action; `Action: '*'` is line 15, columns 23-26. */
const SAM_TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Description: Orders service
Resources:
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/orders.handler
      Runtime: nodejs24.x
      CodeUri: .
      Tracing: Active
      Policies:
        - Statement:
            - Effect: Allow
              Action: '*'
              Resource: arn:aws:dynamodb:eu-west-1:123456789012:table/Orders
`;

/** The same, with the wildcard suppressed by a reasoned comment on the line before. */
const SUPPRESSED_TEMPLATE = SAM_TEMPLATE.replace(
  "              Action: '*'\n",
  "              # serverless-guard-ignore-next-line iam-wildcard-action: break-glass role, reviewed in SEC-42\n              Action: '*'\n",
);

/** SQL concatenated from the query string reaches pool.query(): line 7, columns 35-97. */
const SQL_HANDLER = `import { Pool } from 'pg';

const pool = new Pool();

export const handler = async (event: { queryStringParameters: Record<string, string> }) => {
  const status = event.queryStringParameters.status;
  const result = await pool.query("SELECT id, total FROM orders WHERE status = '" + status + "'");
  return { statusCode: 200, body: JSON.stringify(result.rows) };
};
`;

const SAFE_HANDLER = SQL_HANDLER.replace(
  `pool.query("SELECT id, total FROM orders WHERE status = '" + status + "'")`,
  "pool.query('SELECT id, total FROM orders WHERE status = $1', [status])",
);

/** A stand-alone managed policy: only the action wildcard is wrong with it. `s3:*` is line 9, columns 21-25. */
const MANAGED_POLICY = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  ReportsPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: s3:*
            Resource: arn:aws:s3:::reports-bucket/*
`;

const LOG_GROUP = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  OrdersLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: 30
`;

const BROKEN_YAML = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Queue: [
    Type: AWS::SQS::Queue
`;

const WORKFLOW = `name: ci
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: npm test
`;

type Tree = Record<string, string>;

const FIXTURES: Record<string, Tree> = {
  app: {
    'template.yaml': SAM_TEMPLATE,
    'src/orders.ts': SQL_HANDLER,
    'broken.yaml': BROKEN_YAML,
    '.github/workflows/ci.yml': WORKFLOW,
    'node_modules/some-dep/template.yaml': SAM_TEMPLATE,
    'notes.txt': "Action: '*'\n",
  },
  clean: {
    'template.yaml': LOG_GROUP,
    'src/orders.ts': SAFE_HANDLER,
    '.github/workflows/ci.yml': WORKFLOW,
  },
  'warnings-only': {
    '.serverless-guard.json': JSON.stringify({ rules: { 'iam-wildcard-action': 'warning' } }),
    'policy.yaml': MANAGED_POLICY,
  },
  'rule-off': {
    '.serverless-guard.json': JSON.stringify({ rules: { 'iam-wildcard-action': 'off' } }),
    'template.yaml': SAM_TEMPLATE,
    'src/orders.ts': SQL_HANDLER,
  },
  excluded: {
    '.serverless-guard.json': JSON.stringify({ exclude: ['legacy/**', '*.generated.yaml'] }),
    'legacy/policy.yaml': MANAGED_POLICY,
    'stacks/policy.generated.yaml': MANAGED_POLICY,
    'stacks/policy.yaml': MANAGED_POLICY,
  },
  sized: {
    '.serverless-guard.json': JSON.stringify({ maxFileSizeKB: 1 }),
    'big.yaml': MANAGED_POLICY.replace('Resources:', `Description: ${'padding '.repeat(200)}\nResources:`),
    'small.yaml': MANAGED_POLICY,
  },
  suppressed: {
    'template.yaml': SUPPRESSED_TEMPLATE,
  },
  'bad-config': {
    '.serverless-guard.json': JSON.stringify({ rules: { 'no-such-rule': 'error' }, maxFileSizeKB: -1 }),
    'policy.yaml': MANAGED_POLICY,
  },
  links: {
    'stacks/policy.yaml': MANAGED_POLICY,
  },
};

let tmp: string;
const dir = (name: string): string => path.join(tmp, name);

function writeTree(root: string, tree: Tree): void {
  for (const [rel, text] of Object.entries(tree)) {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
}

// ---- running the CLI --------------------------------------------------------------------------

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function sg(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60000,
    env: { ...process.env, NO_COLOR: '', ...env },
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  resource: string | null;
  suppressed: boolean;
  suppressionReason?: string;
}

interface JsonReport {
  tool: string;
  version: string;
  findings: JsonFinding[];
  errors: { file: string; message: string; kind?: string }[];
}

function scanJson(args: string[], cwd: string): Run & { report: JsonReport } {
  const r = sg(['scan', ...args, '--format', 'json'], cwd);
  let report: JsonReport;
  try {
    report = JSON.parse(r.stdout);
  } catch {
    throw new Error(`stdout is not JSON (exit ${r.status}):\n${r.stdout}\n--- stderr ---\n${r.stderr}`);
  }
  return { ...r, report };
}

/** Other rules will grow around these fixtures; tests look at the rules they are about. */
const of = (report: JsonReport, ruleId: string): JsonFinding[] => report.findings.filter((f) => f.ruleId === ruleId);

const WILDCARD_IN_TEMPLATE = {
  ruleId: 'iam-wildcard-action',
  severity: 'error',
  file: 'template.yaml',
  line: 15,
  column: 23,
  endLine: 15,
  endColumn: 26,
  resource: 'OrdersFunction',
  suppressed: false,
};

const SQL_IN_HANDLER = {
  ruleId: 'sql-injection',
  severity: 'error',
  file: 'src/orders.ts',
  line: 7,
  column: 35,
  endLine: 7,
  endColumn: 97,
  resource: null,
  suppressed: false,
};

const position = (f: JsonFinding) => ({
  ruleId: f.ruleId,
  severity: f.severity,
  file: f.file,
  line: f.line,
  column: f.column,
  endLine: f.endLine,
  endColumn: f.endColumn,
  resource: f.resource,
  suppressed: f.suppressed,
});

// ---- tests ------------------------------------------------------------------------------------

describe('cli: serverless-guard scan (built bundle)', function () {
  before(function () {
    this.timeout(180000);
    const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`node scripts/build.mjs failed (exit ${build.status}):\n${build.stdout}${build.stderr}`);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-cli-'));
    for (const [name, tree] of Object.entries(FIXTURES)) writeTree(dir(name), tree);
    // A symlink loop (links/stacks/again → links) and a dangling link that looks like a template.
    fs.symlinkSync('..', path.join(dir('links'), 'stacks', 'again'), 'dir');
    fs.symlinkSync('nowhere.yaml', path.join(dir('links'), 'gone.yaml'));
  });

  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  describe('json', () => {
    it('reports exact positions, keeps going past a broken file, and exits 1 on an error finding', () => {
      const { status, report, stderr } = scanJson([], dir('app'));
      assert.equal(status, 1, stderr);
      assert.equal(report.tool, 'serverless-guard');
      assert.equal(report.version, VERSION);
      assert.deepEqual(of(report, 'iam-wildcard-action').map(position), [WILDCARD_IN_TEMPLATE]);
      assert.deepEqual(of(report, 'sql-injection').map(position), [SQL_IN_HANDLER]);
      assert.match(of(report, 'iam-wildcard-action')[0].message, /OrdersFunction/);
      for (const f of report.findings) {
        assert.equal(typeof f.message, 'string');
        assert.ok(!('suppressionReason' in f), 'suppressionReason only on suppressed findings');
      }
      // The broken file is listed, with a line on stderr; node_modules, the workflow and notes.txt give nothing.
      assert.deepEqual(
        report.errors.map((e) => [e.file, e.kind]),
        [['broken.yaml', 'parse']],
      );
      assert.match(stderr, /^serverless-guard: broken\.yaml:\d+:\d+: .+$/m);
      assert.deepEqual([...new Set(report.findings.map((f) => f.file))].sort(), ['src/orders.ts', 'template.yaml']);
    });

    it('names files relative to the working directory, with forward slashes', () => {
      const { report } = scanJson(['app'], tmp);
      assert.deepEqual(of(report, 'sql-injection').map((f) => f.file), ['app/src/orders.ts']);
      assert.deepEqual(report.errors.map((e) => e.file), ['app/broken.yaml']);
      const abs = scanJson([dir('app')], tmp).report;
      assert.deepEqual(of(abs, 'sql-injection').map((f) => f.file), ['app/src/orders.ts']);
    });

    it('scans only the files named, when files are named', () => {
      const { status, report } = scanJson(['src/orders.ts', 'notes.txt'], dir('app'));
      assert.equal(status, 1);
      assert.deepEqual(report.findings.map(position), [SQL_IN_HANDLER]);
      // A file the engine does not read is passed over with a notice, not read as a template.
      assert.deepEqual(report.errors.map((e) => [e.file, e.kind]), [['notes.txt', 'skipped']]);
    });

    it('exits 0 with no findings', () => {
      const { status, report, stderr } = scanJson([], dir('clean'));
      assert.equal(status, 0, stderr);
      assert.deepEqual(report.findings, []);
      assert.deepEqual(report.errors, []);
    });

    it('fails on warnings only when --fail-on says so', () => {
      const base = scanJson([], dir('warnings-only'));
      assert.equal(base.status, 0, base.stderr);
      assert.deepEqual(
        of(base.report, 'iam-wildcard-action').map((f) => [f.severity, f.file, f.line, f.column, f.endColumn, f.resource]),
        [['warning', 'policy.yaml', 9, 21, 25, 'ReportsPolicy']],
      );
      assert.ok(base.report.findings.every((f) => f.severity !== 'error'));
      assert.equal(scanJson(['--fail-on', 'warning'], dir('warnings-only')).status, 1);
      assert.equal(scanJson(['--fail-on=info'], dir('warnings-only')).status, 1);
    });

    it('drops the findings of a rule set to off in the configuration', () => {
      const { status, report } = scanJson([], dir('rule-off'));
      assert.equal(status, 1);
      assert.deepEqual(of(report, 'iam-wildcard-action'), []);
      assert.deepEqual(of(report, 'sql-injection').map(position), [SQL_IN_HANDLER]);
      // Found at the root of the first scanned folder, also when scanned from elsewhere.
      assert.deepEqual(of(scanJson(['rule-off'], tmp).report, 'iam-wildcard-action'), []);
      // --config points at another file.
      const withConfig = scanJson(['--config', path.join('..', 'rule-off', '.serverless-guard.json')], dir('app')).report;
      assert.deepEqual(of(withConfig, 'iam-wildcard-action'), []);
      assert.equal(of(withConfig, 'sql-injection').length, 1);
    });

    it('skips excluded files, and the default excludes', () => {
      const { report } = scanJson([], dir('excluded'));
      assert.deepEqual(
        of(report, 'iam-wildcard-action').map((f) => f.file),
        ['stacks/policy.yaml'],
      );
      assert.ok(!JSON.stringify(scanJson([], dir('app')).report).includes('node_modules'));
    });

    it('does not read files over maxFileSizeKB, and says so', () => {
      const { status, report } = scanJson([], dir('sized'));
      assert.equal(status, 1);
      assert.deepEqual(of(report, 'iam-wildcard-action').map((f) => f.file), ['small.yaml']);
      assert.equal(report.errors.length, 1);
      assert.equal(report.errors[0].file, 'big.yaml');
      assert.equal(report.errors[0].kind, 'skipped');
      assert.match(report.errors[0].message, /over the 1 KB limit \(maxFileSizeKB\)/);
    });

    it('honours a reasoned suppression comment, and --no-inline-suppressions ignores it', () => {
      const on = scanJson([], dir('suppressed'));
      assert.equal(on.status, 0, on.stderr);
      assert.deepEqual(of(on.report, 'iam-wildcard-action'), [
        {
          ...WILDCARD_IN_TEMPLATE,
          line: 16,
          endLine: 16,
          message: of(on.report, 'iam-wildcard-action')[0]?.message,
          suppressed: true,
          suppressionReason: 'break-glass role, reviewed in SEC-42',
        },
      ]);
      assert.deepEqual(of(on.report, 'invalid-suppression'), []);

      const off = scanJson(['--no-inline-suppressions'], dir('suppressed'));
      assert.equal(off.status, 1);
      assert.deepEqual(of(off.report, 'iam-wildcard-action').map(position), [{ ...WILDCARD_IN_TEMPLATE, line: 16, endLine: 16 }]);
      assert.ok(!('suppressionReason' in of(off.report, 'iam-wildcard-action')[0]));
    });

    it('does not follow symlink loops, and reports a dangling link', () => {
      const { report } = scanJson([], dir('links'));
      assert.deepEqual(of(report, 'iam-wildcard-action').map((f) => f.file), ['stacks/policy.yaml']);
      assert.deepEqual(report.errors.map((e) => [e.file, e.kind]), [['gone.yaml', 'read']]);
    });
  });

  describe('exit 2: bad usage', () => {
    const usage = (args: string[], cwd: string, message: RegExp, hint = true): void => {
      const r = sg(args, cwd);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
      if (hint) assert.match(r.stderr, /serverless-guard --help/);
    };

    it('a path that does not exist', () => usage(['scan', 'template.yaml', 'no-such-dir'], dir('app'), /path does not exist: no-such-dir/, false));
    it('a bad format word', () => usage(['scan', '--format', 'xml'], dir('app'), /unknown format 'xml'/));
    it('a bad --fail-on word', () => usage(['scan', '--fail-on=critical'], dir('app'), /unknown severity 'critical'/));
    it('an unknown flag', () => usage(['scan', '--fromat', 'json'], dir('app'), /unknown option '--fromat' \(did you mean '--format'\?\)/));
    it('a missing value', () => usage(['scan', '--output'], dir('app'), /'--output' needs a value/));
    it('an unknown command', () => usage(['check', '.'], dir('app'), /unknown command 'check'/));
    it('a missing --config file', () => usage(['scan', '--config', 'nope.json'], dir('app'), /configuration file not found: nope\.json/, false));
    it('an internal error, as "internal error" with the cause', () => {
      // Break the formatter from outside: a preload makes JSON.stringify throw.
      const preload = path.join(tmp, 'break-json.js');
      fs.writeFileSync(preload, 'JSON.stringify = () => { throw new Error("formatter exploded"); };\n');
      const r = spawnSync(process.execPath, ['-r', preload, CLI, 'scan', '--format', 'json'], { cwd: dir('clean'), encoding: 'utf8' });
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^serverless-guard: internal error: formatter exploded\n/);
    });
    it('a bad configuration, with its problems listed', () => {
      usage(['scan'], dir('bad-config'), /bad configuration in \.serverless-guard\.json/, false);
      const { stderr } = sg(['scan'], dir('bad-config'));
      assert.match(stderr, /unknown rule id "no-such-rule"/);
      assert.match(stderr, /"maxFileSizeKB" must be a positive number/);
    });
  });

  describe('text', () => {
    it('groups findings by file and ends with the summary line', () => {
      const { status, stdout } = sg(['scan'], dir('app'));
      assert.equal(status, 1);
      assert.match(stdout, /^template\.yaml\n(?:.*\n)*? {2}15:23 {2}error {2}.*OrdersFunction.* {2}iam-wildcard-action$/m);
      assert.match(stdout, /^src\/orders\.ts\n(?:.*\n)*? {2}7:35 {2}error {2}.* {2}sql-injection$/m);
      assert.match(stdout, /^ {2}broken\.yaml:\d+:\d+: .+$/m);
      assert.match(stdout, /^\d+ problems \(\d+ errors, \d+ warnings?, \d+ infos?\) in 4 files; 1 file could not be analysed\n$/m);
      assert.doesNotMatch(stdout, /\x1b\[/, 'no colours when stdout is not a terminal');
    });

    it('counts suppressed findings without listing them', () => {
      const { status, stdout } = sg(['scan'], dir('suppressed'));
      assert.equal(status, 0);
      assert.doesNotMatch(stdout, /iam-wildcard-action/);
      assert.match(stdout, /in 1 file; 1 suppressed; 0 files could not be analysed\n$/);
    });
  });

  describe('sarif', () => {
    it('is SARIF 2.1.0 with every rule, and results that point at them', () => {
      const { status, stdout } = sg(['scan', '--format=sarif'], dir('app'));
      assert.equal(status, 1);
      const sarif = JSON.parse(stdout);
      assert.equal(sarif.version, '2.1.0');
      assert.equal(sarif.runs.length, 1);
      const run = sarif.runs[0];
      assert.equal(run.tool.driver.name, 'Serverless Guard');
      assert.equal(run.tool.driver.version, VERSION);
      const ruleIds = run.tool.driver.rules.map((r: { id: string }) => r.id);
      for (const id of ['iam-wildcard-action', 'invalid-suppression', 'sql-injection']) assert.ok(ruleIds.includes(id), id);
      for (const r of run.tool.driver.rules) {
        assert.match(r.helpUri, new RegExp(`${r.id}\\.md$`));
        assert.ok(r.help.text && r.help.markdown && r.shortDescription.text && r.fullDescription.text, r.id);
        assert.ok(['error', 'warning', 'note', 'none'].includes(r.defaultConfiguration.level), r.id);
      }
      const wildcard = run.results.find((r: { ruleId: string }) => r.ruleId === 'iam-wildcard-action');
      assert.equal(run.tool.driver.rules[wildcard.ruleIndex].id, 'iam-wildcard-action');
      assert.equal(wildcard.level, 'error');
      assert.deepEqual(wildcard.locations[0].physicalLocation, {
        artifactLocation: { uri: 'template.yaml', uriBaseId: '%SRCROOT%' },
        region: { startLine: 15, startColumn: 23, endLine: 15, endColumn: 26 },
      });
      assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, `${new URL(`file://${fs.realpathSync(dir('app'))}`).href}/`);
      assert.deepEqual(
        run.invocations[0].toolExecutionNotifications.map((n: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => n.locations[0].physicalLocation.artifactLocation.uri),
        ['broken.yaml'],
      );
    });

    it('marks suppressed results', () => {
      const sarif = JSON.parse(sg(['scan', '--format', 'sarif'], dir('suppressed')).stdout);
      const wildcard = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'iam-wildcard-action');
      assert.deepEqual(wildcard.suppressions, [{ kind: 'inSource', justification: 'break-glass role, reviewed in SEC-42' }]);
    });
  });

  describe('--output, --help, --version', () => {
    it('writes the report to a file, creating folders, and only the summary to stderr', () => {
      const target = path.join(tmp, 'reports', 'nested', 'scan.json');
      const r = sg(['scan', '--format', 'json', '--output', path.join('..', 'reports', 'nested', 'scan.json')], dir('app'));
      assert.equal(r.status, 1);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^\d+ problems \(\d+ errors?, \d+ warnings?, \d+ infos?\) in 4 files; 1 file could not be analysed$/m);
      const report = JSON.parse(fs.readFileSync(target, 'utf8')) as JsonReport;
      assert.deepEqual(of(report, 'sql-injection').map(position), [SQL_IN_HANDLER]);
    });

    it('prints help and the version', () => {
      const help = sg(['--help'], tmp);
      assert.equal(help.status, 0);
      assert.match(help.stdout, /^Usage: serverless-guard scan \[paths\.\.\.\]/);
      for (const flag of ['--format', '--output', '--fail-on', '--config', '--no-inline-suppressions', '--version']) assert.ok(help.stdout.includes(flag), flag);
      assert.equal(sg(['scan', '-h'], tmp).status, 0);
      const version = sg(['--version'], tmp);
      assert.equal(version.status, 0);
      assert.equal(version.stdout, `${VERSION}\n`);
    });
  });

  describe('shared contract checker', () => {
    it('passes ../shared/tools/check-cli-contract.mjs', function () {
      if (!fs.existsSync(CONTRACT_CHECKER)) {
        // The checker lives beside the repository, not in it; a checkout without ../shared skips.
        console.log(`      skipped: ${CONTRACT_CHECKER} not found`);
        this.skip();
      }
      this.timeout(120000);
      const r = spawnSync(process.execPath, [CONTRACT_CHECKER, dir('app')], { cwd: ROOT, encoding: 'utf8', timeout: 110000 });
      assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
      assert.match(r.stdout, /^contract: ok/m);
    });
  });
});
