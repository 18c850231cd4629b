// Suppressions audited at the command line (built bundle): a suppression without a reason, for an
// unknown rule, or matching nothing is an `invalid-suppression` warning at the suppression; and
// `--no-inline-suppressions` ignores inline ones (Metadata ones still apply) and lists them.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'server', 'out', 'cli.js');

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/orders.handler
      Policies:
        - Statement:
            - Effect: Allow
              # serverless-guard-ignore-next-line iam-wildcard-action: break-glass role, reviewed in SEC-42
              Action: '*'
              Resource: arn:aws:dynamodb:eu-west-1:123456789012:table/Orders
            - Effect: Allow
              Action: 'sqs:*' # serverless-guard-ignore iam-wildcard-action
              Resource: arn:aws:sqs:eu-west-1:123456789012:orders
            - Effect: Allow
              Action: sns:Publish # serverless-guard-ignore iam-wildcard-action: nothing to suppress here
              Resource: arn:aws:sns:eu-west-1:123456789012:orders
  # serverless-guard-ignore-next-line iam-wildcard-actoin: typo in the rule id
  AdminFunction:
    Type: AWS::Serverless::Function
    Metadata:
      serverless-guard:
        ignore:
          - rule: iam-wildcard-action
            reason: operators' break-glass function, reviewed quarterly
    Properties:
      Handler: src/admin.handler
      Policies:
        - Statement:
            - Effect: Allow
              Action: 's3:*'
              Resource: arn:aws:s3:::admin/*
`;

const JSON_TEMPLATE = `{
  "Resources": {
    "ReportsPolicy": {
      "Type": "AWS::IAM::ManagedPolicy",
      "Metadata": { "serverless-guard": { "ignore": [ { "rule": "iam-wildcard-action" } ] } },
      "Properties": {
        "PolicyDocument": { "Statement": [ { "Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::reports/*" } ] }
      }
    }
  }
}
`;

const HANDLER = `import { Pool } from 'pg';
const pool = new Pool();
export const handler = async (event: { pathParameters: { id: string } }) => {
  // serverless-guard-ignore-next-line sql-injection: the id is a UUID checked by the API model
  return pool.query("SELECT * FROM orders WHERE id = '" + event.pathParameters.id + "'");
};
`;

interface Finding {
  ruleId: string;
  severity: string;
  message: string;
  file: string;
  line: number;
  column: number;
  suppressed: boolean;
  suppressionReason?: string;
}

/** The rules these fixtures are about; other rules grow around them and are left out. */
const ABOUT = new Set(['iam-wildcard-action', 'sql-injection', 'invalid-suppression']);

function scan(dir: string, ...args: string[]): { status: number | null; findings: Finding[]; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'scan', '.', '--format', 'json', ...args], { cwd: dir, encoding: 'utf8' });
  const findings = (JSON.parse(r.stdout) as { findings: Finding[] }).findings.filter((f) => ABOUT.has(f.ruleId));
  return { status: r.status, findings, stderr: r.stderr };
}

const brief = (f: Finding) => `${f.file}:${f.line}:${f.column} ${f.ruleId} ${f.severity}${f.suppressed ? ' suppressed' : ''}`;

describe('cli: suppressions are audited', function () {
  this.timeout(30_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-cli-suppress-'));
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'template.yaml'), TEMPLATE);
    fs.writeFileSync(path.join(dir, 'reports.json'), JSON_TEMPLATE);
    fs.writeFileSync(path.join(dir, 'src', 'orders.ts'), HANDLER);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reports a suppression without a reason, with an unknown rule id, or matching nothing, as a warning where it is written', () => {
    const r = scan(dir);
    assert.deepEqual(r.findings.map(brief), [
      'reports.json:5:55 invalid-suppression warning',
      'reports.json:7:75 iam-wildcard-action error',
      'src/orders.ts:5:21 sql-injection error suppressed',
      'template.yaml:12:23 iam-wildcard-action error suppressed',
      'template.yaml:15:23 iam-wildcard-action error',
      'template.yaml:15:31 invalid-suppression warning',
      'template.yaml:18:35 invalid-suppression warning',
      'template.yaml:20:3 invalid-suppression warning',
      'template.yaml:33:23 iam-wildcard-action error suppressed',
    ]);
    const messages = r.findings.filter((f) => f.ruleId === 'invalid-suppression').map((f) => f.message);
    assert.match(messages[0], /gives no reason/);
    assert.match(messages[1], /gives no reason/);
    assert.match(messages[2], /matches no finding; remove it/);
    assert.match(messages[3], /names unknown rule "iam-wildcard-actoin"/);
    // The unsuppressed wildcards fail the scan; the audit alone would only at --fail-on warning.
    assert.equal(r.status, 1);
  });

  it('the audit is a warning: it fails a scan at --fail-on warning, not at the default', () => {
    const clean = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-cli-suppress-only-'));
    try {
      fs.writeFileSync(path.join(clean, 'app.ts'), `export const handler = async () => 1; // serverless-guard-ignore sql-injection: nothing here\n`);
      const atError = scan(clean);
      assert.deepEqual(atError.findings.map(brief), ['app.ts:1:39 invalid-suppression warning']);
      assert.equal(atError.status, 0);
      assert.equal(scan(clean, '--fail-on', 'warning').status, 1);
    } finally {
      fs.rmSync(clean, { recursive: true, force: true });
    }
  });

  it('--no-inline-suppressions ignores inline suppressions, keeps Metadata ones, and lists what it ignored', () => {
    const r = scan(dir, '--no-inline-suppressions');
    assert.equal(r.status, 1);
    assert.deepEqual(r.findings.map(brief), [
      'reports.json:5:55 invalid-suppression warning',
      'reports.json:7:75 iam-wildcard-action error',
      'src/orders.ts:4:3 invalid-suppression info',
      'src/orders.ts:5:21 sql-injection error',
      'template.yaml:11:15 invalid-suppression info',
      'template.yaml:12:23 iam-wildcard-action error',
      'template.yaml:15:23 iam-wildcard-action error',
      'template.yaml:18:35 invalid-suppression info',
      'template.yaml:20:3 invalid-suppression info',
      'template.yaml:33:23 iam-wildcard-action error suppressed',
    ]);
    const listed = r.findings.filter((f) => f.severity === 'info').map((f) => f.message);
    assert.deepEqual(listed, [
      'Inline suppression of sql-injection ignored (--no-inline-suppressions): the id is a UUID checked by the API model',
      'Inline suppression of iam-wildcard-action ignored (--no-inline-suppressions): break-glass role, reviewed in SEC-42',
      'Inline suppression of iam-wildcard-action ignored (--no-inline-suppressions): nothing to suppress here',
      'Inline suppression of iam-wildcard-actoin ignored (--no-inline-suppressions): typo in the rule id',
    ]);
  });
});
