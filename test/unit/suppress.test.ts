// Suppressions: inline comments in code and YAML, template Metadata, and their audit (invalid-suppression).
import * as assert from 'node:assert/strict';
import { analyze } from '../../server/src/engine/analyze';
import { resolveConfig } from '../../server/src/engine/config';

const handler = (comment: string): string => `import { Client } from 'pg';
const client = new Client();
export const handler = async (event) => {
  ${comment}
  return client.query("SELECT * FROM t WHERE id = '" + event.pathParameters.id + "'");
};
`;

const template = (metadata: string): string => `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  AdminFunction:
    Type: AWS::Serverless::Function
${metadata}    Properties:
      Policies:
        - Statement:
            - Effect: Allow
              Action: '*'
              Resource: 'arn:aws:s3:::reports-bucket/*'
      Tracing: Active
`;

function scan(file: string, text: string, opts: { inline?: boolean; rules?: Record<string, 'off' | 'error'> } = {}) {
  return analyze([{ file, text }], resolveConfig({ rules: opts.rules ?? {} }), { inlineSuppressions: opts.inline });
}

describe('suppressions', () => {
  it('a next-line comment with a reason suppresses the finding and keeps it, marked', () => {
    const r = scan('h.ts', handler('// serverless-guard-ignore-next-line sql-injection: ids are validated by the API model'));
    const f = r.findings.filter((x) => x.ruleId === 'sql-injection');
    assert.equal(f.length, 1);
    assert.equal(f[0].suppressed, true);
    assert.equal(f[0].suppressionReason, 'ids are validated by the API model');
    assert.deepEqual(r.findings.filter((x) => x.ruleId === 'invalid-suppression'), []);
  });

  it('an end-of-line YAML comment suppresses a template finding', () => {
    const text = template('').replace("Action: '*'", "Action: '*' # serverless-guard-ignore iam-wildcard-action: break-glass admin tool, reviewed quarterly");
    const r = scan('template.yaml', text);
    assert.deepEqual(r.findings.map((f) => [f.ruleId, f.suppressed]), [['iam-wildcard-action', true]]);
  });

  it('Metadata on the resource suppresses its findings', () => {
    const r = scan('template.yaml', template("    Metadata:\n      serverless-guard:\n        ignore:\n          - rule: iam-wildcard-action\n            reason: admin function for operators only\n"));
    assert.deepEqual(r.findings.map((f) => [f.ruleId, f.suppressed, f.resource]), [['iam-wildcard-action', true, 'AdminFunction']]);
  });

  it('a suppression without a reason does not suppress and is reported', () => {
    const r = scan('h.ts', handler('// serverless-guard-ignore-next-line sql-injection'));
    assert.deepEqual(r.findings.map((f) => [f.ruleId, f.suppressed, f.range.start.line]), [
      ['invalid-suppression', false, 3],
      ['sql-injection', false, 4],
    ]);
    assert.match(r.findings[0].message, /gives no reason/);
  });

  it('an unknown rule id is reported', () => {
    const r = scan('h.ts', handler('// serverless-guard-ignore-next-line sql-injektion: typo'));
    assert.deepEqual(r.findings.map((f) => f.ruleId), ['invalid-suppression', 'sql-injection']);
    assert.match(r.findings[0].message, /unknown rule "sql-injektion"/);
  });

  it('a suppression that matches nothing is reported', () => {
    const r = scan('template.yaml', template("    Metadata:\n      serverless-guard:\n        ignore:\n          - rule: sql-injection\n            reason: leftover\n"));
    const kinds = r.findings.map((f) => [f.ruleId, f.suppressed]);
    assert.deepEqual(kinds, [['invalid-suppression', false], ['iam-wildcard-action', false]]);
    assert.match(r.findings[0].message, /matches no finding/);
  });

  it('a suppression for a rule switched off is not reported as unused', () => {
    const r = scan('h.ts', handler('// serverless-guard-ignore-next-line sql-injection: reviewed'), { rules: { 'sql-injection': 'off' } });
    assert.deepEqual(r.findings, []);
  });

  it('--no-inline-suppressions ignores comments but lists them', () => {
    const r = scan('h.ts', handler('// serverless-guard-ignore-next-line sql-injection: reviewed'), { inline: false });
    assert.deepEqual(r.findings.map((f) => [f.ruleId, f.severity, f.suppressed]), [
      ['invalid-suppression', 'info', false],
      ['sql-injection', 'error', false],
    ]);
  });
});
