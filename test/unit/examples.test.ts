/**
 * The example app in examples/ is the product's showcase: its deliberate flaws must be found
 * where the README says, and its fixed twin must come out clean. The engine reads every file
 * of each folder, as the CLI would.
 *
 * Only the rules listed in EXPECTED are checked line by line, so that rules added later do not
 * break this test; the fixed twin, however, must have no error-severity finding of any rule.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/engine/analyze';
import { resolveConfig } from '../../server/src/engine/config';
import type { AnalysisResult, Finding } from '../../server/src/engine/finding';
import { RULES_BY_ID } from '../../server/src/rules';
import { applyEdits } from '../kit/rule-tester';

const ROOT = path.resolve(__dirname, '..', '..');
const FLAWED = 'examples/orders-api';
const FIXED = 'examples/orders-api-fixed';

/** Every finding of these rules in the flawed app: rule id, file (relative to FLAWED), 1-based line. */
const EXPECTED: readonly (readonly [ruleId: string, file: string, line: number])[] = [
  ['sql-injection', 'src/handlers/create-order.ts', 45], // UPDATE stock … '${order.sku}' (template literal, db.query)
  ['sql-injection', 'src/handlers/create-order.ts', 50], // "INSERT INTO reservations …" + order.sku (`+`, db.execute)
  ['sql-injection', 'src/handlers/search-orders.ts', 29], // "SELECT … customer_id = '" + customerId (`+`, pool.query)
  ['sql-injection', 'src/handlers/search-orders.ts', 37], // `SELECT … customer_id = '${customerId}'` (template literal)
  ['hardcoded-secret', 'cdk/lib/orders-stack.ts', 41], // SecretValue.unsafePlainText('GOCSPX-…')
  ['iam-wildcard-action', 'cdk/lib/orders-stack.ts', 53], // PolicyStatement actions: ['*']
  ['iam-wildcard-resource', 'cdk/lib/orders-stack.ts', 53], // … resources: ['*']
  ['secret-in-environment', 'cdk/lib/orders-stack.ts', 68], // environment: { INVENTORY_DB_PASSWORD }
  ['iam-wildcard-action', 'cdk/lib/orders-stack.ts', 72],
  ['iam-wildcard-resource', 'cdk/lib/orders-stack.ts', 72],
  ['secret-in-environment', 'cdk/lib/orders-stack.ts', 85],
  ['function-url-public', 'cdk/lib/orders-stack.ts', 89], // addFunctionUrl({ authType: NONE })
  ['hardcoded-secret', 'src/handlers/create-order.ts', 20], // accessKeyId: 'AKIA…' in the DynamoDB client
  ['hardcoded-secret', 'src/handlers/create-order.ts', 21], // secretAccessKey beside it
  ['hardcoded-secret', 'template.yaml', 104], // INVENTORY_DB_PASSWORD: a literal password
  ['iam-wildcard-action', 'template.yaml', 85], // GetOrderFunction: Action: dynamodb:*
  ['iam-wildcard-action', 'template.yaml', 120], // CreateOrderFunction: Action: '*'
  ['iam-wildcard-resource', 'template.yaml', 86], // GetOrderFunction: Resource: '*'
  ['iam-wildcard-resource', 'template.yaml', 121], // CreateOrderFunction: Resource: '*'
  ['secret-in-environment', 'template.yaml', 104], // INVENTORY_DB_PASSWORD, a literal
  ['secret-in-environment', 'template.yaml', 142], // REPORTING_DB_PASSWORD, from a NoEcho parameter
  ['function-url-public', 'template.yaml', 147], // SearchOrdersFunction: AuthType NONE
  // deprecated-runtime (lines 36 and 130) is judged against today's date, so it is not pinned here.
  ['least-privilege', 'template.yaml', 79], // GetOrderFunction: events:PutEvents called (get-order.ts) but not granted
  ['least-privilege', 'template.yaml', 85], // GetOrderFunction: dynamodb:* where the code calls only GetItem
  ['least-privilege', 'template.yaml', 120], // CreateOrderFunction: '*' where the code calls only PutItem
  ['least-privilege', 'cdk/lib/orders-stack.ts', 45], // GetOrderFunction: events:PutEvents called but not granted
  ['least-privilege', 'cdk/lib/orders-stack.ts', 53], // GetOrderFunction: dynamodb:* where the code calls only GetItem
  ['least-privilege', 'cdk/lib/orders-stack.ts', 72], // CreateOrderFunction: '*' where the code calls only PutItem
];

const CHECKED_RULES = new Set(EXPECTED.map(([ruleId]) => ruleId));

/** Every file under `dir` (relative to the repository root), `/`-separated, sorted. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const e of fs.readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
      const child = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(child);
      else if (e.isFile()) out.push(child);
    }
  };
  walk(dir);
  return out.sort();
}

function analyzeFolder(dir: string): AnalysisResult {
  const docs = filesUnder(dir).map((file) => ({ file, text: fs.readFileSync(path.join(ROOT, file), 'utf8') }));
  return analyze(docs, resolveConfig());
}

function describeFinding(f: Finding): string {
  return `${f.ruleId} ${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1} (${f.severity}) ${f.message}`;
}

describe('examples/orders-api (the flawed app)', () => {
  let result: AnalysisResult;
  before(() => {
    result = analyzeFolder(FLAWED);
  });

  it('reads every file without errors', () => {
    assert.deepEqual(result.errors, []);
  });

  it('reports exactly the deliberate flaws of the implemented rules', () => {
    const found = result.findings
      .filter((f) => CHECKED_RULES.has(f.ruleId))
      .map((f) => [f.ruleId, f.file, f.range.start.line + 1] as const);
    const expected = EXPECTED.map(([ruleId, file, line]) => [ruleId, `${FLAWED}/${file}`, line] as const);
    const key = (x: readonly [string, string, number]): string => `${x[1]}:${String(x[2]).padStart(5, '0')} ${x[0]}`;
    assert.deepEqual([...found].sort((a, b) => key(a).localeCompare(key(b))), [...expected].sort((a, b) => key(a).localeCompare(key(b))));
  });

  it('reports them unsuppressed, at their rule\'s default severity, with the resource they belong to', () => {
    for (const f of result.findings.filter((x) => CHECKED_RULES.has(x.ruleId))) {
      assert.equal(f.suppressed, false, describeFinding(f));
      assert.equal(f.severity, RULES_BY_ID.get(f.ruleId)?.meta.defaultSeverity, describeFinding(f));
      // Handler code has no resource; templates name the logical id, CDK stacks the construct id.
      if (f.file.includes('/src/')) assert.equal(f.resource, null, describeFinding(f));
      else if (f.file.includes('/cdk/')) assert.match(f.resource ?? '', /^[A-Z][A-Za-z]+$/, describeFinding(f));
      else assert.match(f.resource ?? '', /^(GetOrderFunction|CreateOrderFunction|SearchOrdersFunction)$/, describeFinding(f));
    }
  });
});

describe('examples/orders-api: least-privilege quick fixes', () => {
  it('narrow the SAM functions\' wildcard policies to what their handlers call, and add what is missing', () => {
    const docs = filesUnder(FLAWED).map((file) => ({ file, text: fs.readFileSync(path.join(ROOT, file), 'utf8') }));
    const template = docs.find((d) => d.file.endsWith('template.yaml'))!;
    const before = analyze(docs, resolveConfig()).findings.filter((f) => f.ruleId === 'least-privilege' && f.file === template.file);
    const fixed = applyEdits(template.text, before.flatMap((f) => f.fixes[0]?.edits ?? []));
    assert.match(fixed, /- DynamoDBReadPolicy:\n {12}TableName: !Ref OrdersTable\n/);
    assert.match(fixed, /- EventBridgePutEventsPolicy:\n {12}EventBusName: default\n/);
    assert.match(fixed, /Action:\n {16}- dynamodb:PutItem\n {14}Resource: !GetAtt OrdersTable\.Arn\n/);
    assert.doesNotMatch(fixed, /Action: (dynamodb:\*|'\*')/);
    const after = analyze(docs.map((d) => (d === template ? { ...d, text: fixed } : d)), resolveConfig());
    assert.deepEqual(after.errors, []);
    assert.deepEqual(after.findings.filter((f) => f.file === template.file && (f.ruleId === 'least-privilege' || f.ruleId === 'iam-wildcard-action')).map(describeFinding), []);
  });
});

describe('examples/orders-api-fixed (the fixed twin)', () => {
  let result: AnalysisResult;
  before(() => {
    result = analyzeFolder(FIXED);
  });

  it('reads every file without errors', () => {
    assert.deepEqual(result.errors, []);
  });

  it('has no finding of the rules the flawed app trips', () => {
    assert.deepEqual(result.findings.filter((f) => CHECKED_RULES.has(f.ruleId)).map(describeFinding), []);
  });

  it('has no unsuppressed error-severity finding of any rule', () => {
    assert.deepEqual(result.findings.filter((f) => f.severity === 'error' && !f.suppressed).map(describeFinding), []);
  });

  it('has the same files as the flawed app', () => {
    const names = (dir: string): string[] => filesUnder(dir).map((f) => f.slice(dir.length + 1));
    assert.deepEqual(names(FIXED), names(FLAWED));
  });
});
