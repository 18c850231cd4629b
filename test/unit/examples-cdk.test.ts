/**
 * The CDK stack of the example app: its deliberate flaws are found by the CDK checks on the
 * lines the FLAW comments mark, and its fixed twin comes out clean. The checks run through a
 * test rule set (one test rule per CDK check), so this holds before and after each rule file
 * calls its check.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/engine/analyze';
import { resolveConfig } from '../../server/src/engine/config';
import type { Finding } from '../../server/src/engine/finding';
import { CDK_CHECKS } from '../../server/src/rules/cdk';
import { clock } from '../../server/src/rules/cdk/deprecated-runtime';
import { cdkTestRule, syntaxErrors } from '../kit/cdk';
import { applyEdits } from '../kit/rule-tester';

const ROOT = path.resolve(__dirname, '..', '..');
const FLAWED = 'examples/orders-api/cdk/lib/orders-stack.ts';
const FIXED = 'examples/orders-api-fixed/cdk/lib/orders-stack.ts';
const APP = 'examples/orders-api/cdk/bin/app.ts';

/** Rules that are off unless a team turns them on (DESIGN.md): the fixed twin need not satisfy them. */
const OFF_BY_DEFAULT = new Set(['encryption-default-key']);

/** Every CDK finding in the flawed stack: rule id, 1-based line, construct id. */
const EXPECTED: readonly (readonly [ruleId: string, line: number, resource: string])[] = [
  ['encryption-default-key', 25, 'OrdersTable'],
  ['hardcoded-secret', 41, 'GoogleSignIn'], // SecretValue.unsafePlainText('GOCSPX-...')
  ['missing-audit-trail', 45, 'GetOrderFunction'],
  ['deprecated-runtime', 47, 'GetOrderFunction'], // NODEJS_20_X
  ['encryption-default-key', 50, 'GetOrderFunction'],
  ['iam-wildcard-action', 53, 'GetOrderFunction'], // dynamodb:*
  ['iam-wildcard-resource', 53, 'GetOrderFunction'],
  ['missing-audit-trail', 55, 'CreateOrderFunction'],
  ['deprecated-runtime', 56, 'CreateOrderFunction'],
  ['encryption-default-key', 61, 'CreateOrderFunction'],
  ['secret-in-environment', 68, 'CreateOrderFunction'], // process.env.INVENTORY_DB_PASSWORD
  ['iam-wildcard-action', 72, 'CreateOrderFunction'], // actions: ['*']
  ['iam-wildcard-resource', 72, 'CreateOrderFunction'],
  ['missing-audit-trail', 74, 'SearchOrdersFunction'],
  ['deprecated-runtime', 76, 'SearchOrdersFunction'], // NODEJS_16_X
  ['encryption-default-key', 81, 'SearchOrdersFunction'],
  ['secret-in-environment', 85, 'SearchOrdersFunction'],
  ['function-url-public', 89, 'SearchOrdersFunction'], // FunctionUrlAuthType.NONE
  ['api-missing-waf', 93, 'OrdersApi'],
  ['api-missing-throttling', 94, 'OrdersApi'],
  ['missing-audit-trail', 94, 'OrdersApi'],
  ['api-missing-authorizer', 97, 'OrdersApi'], // POST /orders
  ['api-missing-request-validation', 97, 'OrdersApi'],
  ['api-missing-authorizer', 98, 'OrdersApi'], // GET /orders/{id}
];

const RULES = Object.keys(CDK_CHECKS).sort().map(cdkTestRule);

function findings(file: string): Finding[] {
  const r = analyze([{ file, text: fs.readFileSync(path.join(ROOT, file), 'utf8') }], resolveConfig(), { rules: RULES });
  assert.deepEqual(r.errors, []);
  return r.findings;
}

describe('examples: the CDK stack through the CDK checks', () => {
  const real = clock.now;
  before(() => {
    // The example's runtimes are judged on a fixed day, so the table's dates decide, not the calendar.
    clock.now = () => new Date('2026-11-25T12:00:00Z');
  });
  after(() => {
    clock.now = real;
  });

  it('finds every deliberate flaw of the flawed stack, on its line, with its construct id', () => {
    const found = findings(FLAWED).map((f) => [f.ruleId, f.range.start.line + 1, f.resource] as const);
    const key = (x: readonly [string, number, string | null]): string => `${String(x[1]).padStart(4, '0')} ${x[0]}`;
    assert.deepEqual([...found].sort((a, b) => key(a).localeCompare(key(b))), [...EXPECTED].sort((a, b) => key(a).localeCompare(key(b))));
  });

  it('finds nothing in the fixed twin but what the off-by-default rules ask for', () => {
    const left = findings(FIXED).filter((f) => !OFF_BY_DEFAULT.has(f.ruleId));
    assert.deepEqual(left.map((f) => `${f.ruleId} ${f.range.start.line + 1} ${f.message}`), []);
  });

  it('finds nothing in the app entry point', () => {
    assert.deepEqual(findings(APP).map((f) => f.ruleId), []);
  });
});

/** Every file of an example folder, read as the CLI reads a scanned folder. */
function folder(dir: string): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (rel: string): void => {
    for (const e of fs.readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
      const child = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(child);
      else out.push({ file: child, text: fs.readFileSync(path.join(ROOT, child), 'utf8') });
    }
  };
  walk(dir);
  return out.sort((a, b) => a.file.localeCompare(b.file));
}

describe('examples: least-privilege on the CDK stack, read with its handlers', () => {
  const only = (docs: { file: string; text: string }[], file: string): Finding[] => {
    const r = analyze(docs, resolveConfig());
    assert.deepEqual(r.errors, []);
    return r.findings.filter((f) => f.file === file && (f.ruleId === 'least-privilege' || f.ruleId === 'iam-wildcard-action'));
  };

  it('reports the wildcard statements and the EventBridge call no statement allows', () => {
    const found = only(folder('examples/orders-api'), FLAWED).filter((f) => f.ruleId === 'least-privilege');
    assert.deepEqual(
      found.map((f) => [f.range.start.line + 1, f.resource, f.message]),
      [
        [45, 'GetOrderFunction', "GetOrderFunction's code calls events:PutEvents on the default event bus (get-order.ts:24), which its role does not allow: the call will fail with AccessDenied."],
        [53, 'GetOrderFunction', 'GetOrderFunction may call dynamodb:* on *; its code calls only dynamodb:GetItem on OrdersTable.'],
        [72, 'CreateOrderFunction', 'CreateOrderFunction may call * on *; its code calls only dynamodb:PutItem on OrdersTable.'],
      ],
    );
    // Each points at the handler's call.
    assert.ok(found[0].related.some((r) => r.file.endsWith('src/handlers/get-order.ts') && r.range.start.line === 23));
  });

  it('narrows both functions to exactly the calls of their handlers with the quick fixes, and the result is clean', () => {
    const docs = folder('examples/orders-api');
    const stack = docs.find((d) => d.file === FLAWED)!;
    const fixes = only(docs, FLAWED).filter((f) => f.ruleId === 'least-privilege');
    const fixed = applyEdits(stack.text, fixes.flatMap((f) => f.fixes[0]?.edits ?? []));
    assert.match(fixed, /getOrderFn\.addToRolePolicy\(new iam\.PolicyStatement\(\{ actions: \['dynamodb:GetItem'\], resources: \[table\.tableArn\] \}\)\);/);
    assert.match(fixed, /createOrderFn\.addToRolePolicy\(new iam\.PolicyStatement\(\{ actions: \['dynamodb:PutItem'\], resources: \[table\.tableArn\] \}\)\);/);
    assert.match(fixed, /getOrderFn\.addToRolePolicy\(new iam\.PolicyStatement\(\{ actions: \['events:PutEvents'\], resources: \[`arn:\$\{Aws\.PARTITION\}:events:\$\{Aws\.REGION\}:\$\{Aws\.ACCOUNT_ID\}:event-bus\/default`\] \}\)\);/);
    assert.match(fixed, /^import \{ [^}]*\bAws\b[^}]*\} from 'aws-cdk-lib';$/m);
    assert.doesNotMatch(fixed, /actions: \['(dynamodb:)?\*'\]/);
    assert.deepEqual(syntaxErrors(FLAWED, fixed), []);
    const after = only(docs.map((d) => (d === stack ? { ...d, text: fixed } : d)), FLAWED);
    assert.deepEqual(after.map((f) => `${f.ruleId} ${f.range.start.line + 1} ${f.message}`), []);
  });

  it('finds the fixed twin granted exactly what its handlers call', () => {
    assert.deepEqual(only(folder('examples/orders-api-fixed'), FIXED).map((f) => `${f.ruleId} ${f.range.start.line + 1} ${f.message}`), []);
  });
});
