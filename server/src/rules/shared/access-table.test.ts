// The hover's access table: a function's calls, with their lines, beside what it is granted.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WorkspaceIndex } from '../../engine/workspace';
import { accessTableAt } from './access-table';
import { withSections } from '../../lsp/hover';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

function indexOf(dir: string): WorkspaceIndex {
  const w = new WorkspaceIndex();
  for (const f of ['template.yaml', 'cdk/lib/orders-stack.ts', 'src/handlers/get-order.ts', 'src/handlers/create-order.ts', 'src/handlers/search-orders.ts']) {
    const file = `${dir}/${f}`;
    w.update(file, fs.readFileSync(path.join(ROOT, file), 'utf8'), f.endsWith('.yaml') ? 'yaml' : 'code');
  }
  return w;
}

/** The 0-based position of the first occurrence of `needle` in a file. */
function positionOf(w: WorkspaceIndex, file: string, needle: string): { line: number; character: number } {
  const p = w.get(file)!;
  return p.lines.positionAt(p.text.indexOf(needle) + 2);
}

describe('access table of a function (hover)', () => {
  it('lists each call with its line beside the grant that allows it, or none (flawed app)', () => {
    const w = indexOf('examples/orders-api');
    const file = 'examples/orders-api/template.yaml';
    const t = accessTableAt(w, file, positionOf(w, file, '  GetOrderFunction:\n'))!;
    assert.equal(t.functionId, 'GetOrderFunction');
    assert.equal(t.codeFile, 'examples/orders-api/src/handlers/get-order.ts');
    assert.deepEqual(
      t.rows.map((r) => [r.action, r.resource, r.line, r.granted]),
      [
        ['dynamodb:GetItem', 'OrdersTable', 18, 'yes'],
        ['events:PutEvents', 'the default event bus', 24, 'no'],
      ],
    );
    assert.deepEqual(t.grants, [{ actions: ['dynamodb:*'], resources: '*', source: 'Policies statement' }]);
    assert.match(t.markdown, /\| `events:PutEvents` \| the default event bus \| get-order\.ts:24 \| \*\*no\*\* \|/);
    assert.match(t.markdown, /\| `dynamodb:GetItem` \| OrdersTable \| get-order\.ts:18 \| yes \(dynamodb:\\\* on \\\*\) \|/);
  });

  it('shows the policy template that grants a call, and every call of the handler (fixed app)', () => {
    const w = indexOf('examples/orders-api-fixed');
    const file = 'examples/orders-api-fixed/template.yaml';
    const t = accessTableAt(w, file, positionOf(w, file, '  CreateOrderFunction:\n'))!;
    assert.deepEqual(
      t.rows.map((r) => [r.action, r.resource, r.line, r.granted, r.by[0]]),
      [
        ['secretsmanager:GetSecretValue', 'the resource in parameter InventoryDbSecretArn', 26, 'yes', 'AWSSecretsManagerGetSecretValuePolicy'],
        ['dynamodb:PutItem', 'OrdersTable', 64, 'yes', 'dynamodb:PutItem on ${OrdersTable.Arn}'],
      ],
    );
  });

  it('is nothing away from a function key, and says why when the code is not in the workspace', () => {
    const w = indexOf('examples/orders-api');
    const file = 'examples/orders-api/template.yaml';
    assert.equal(accessTableAt(w, file, positionOf(w, file, '  OrdersTable:\n')), undefined);
    w.remove('examples/orders-api/src/handlers/get-order.ts');
    const t = accessTableAt(w, file, positionOf(w, file, '  GetOrderFunction:\n'))!;
    assert.match(t.markdown, /Its code was not read: its handler module handlers\/get-order \(under src\/\) is not in the workspace\./);
  });

  it('CDK: the function construct\'s calls beside its statements (flawed stack), on the id or the class', () => {
    const w = indexOf('examples/orders-api');
    const file = 'examples/orders-api/cdk/lib/orders-stack.ts';
    const t = accessTableAt(w, file, positionOf(w, file, "'GetOrderFunction'"))!;
    assert.equal(t.functionId, 'GetOrderFunction');
    assert.equal(t.codeFile, 'examples/orders-api/src/handlers/get-order.ts');
    assert.deepEqual(
      t.rows.map((r) => [r.action, r.resource, r.line, r.granted]),
      [
        ['dynamodb:GetItem', 'OrdersTable', 18, 'yes'],
        ['events:PutEvents', 'the default event bus', 24, 'no'],
      ],
    );
    assert.deepEqual(t.grants, [{ actions: ['dynamodb:*'], resources: '*', source: 'addToRolePolicy statement' }]);
    const onClass = accessTableAt(w, file, positionOf(w, file, "lambda.Function(this, 'CreateOrderFunction'"))!;
    assert.equal(onClass.functionId, 'CreateOrderFunction');
    assert.deepEqual(onClass.rows.map((r) => [r.action, r.granted]), [['dynamodb:PutItem', 'yes']]);
    assert.equal(accessTableAt(w, file, positionOf(w, file, "'OrdersTable'")), undefined);
  });

  it('CDK: grants from grant methods and statements (fixed stack)', () => {
    const w = indexOf('examples/orders-api-fixed');
    const file = 'examples/orders-api-fixed/cdk/lib/orders-stack.ts';
    const t = accessTableAt(w, file, positionOf(w, file, "'GetOrderFunction'"))!;
    assert.deepEqual(
      t.rows.map((r) => [r.action, r.granted, r.by[0]]),
      [
        ['dynamodb:GetItem', 'yes', 'OrdersTable.grantReadData()'],
        ['events:PutEvents', 'yes', 'events:PutEvents on `arn:${Aws.PARTITION}:events:${Aws.REGION}:${Aws.ACCOUNT_ID}:event-bus/default`'],
      ],
    );
    assert.match(t.markdown, /OrdersTable\.grantReadData\(\)/);
  });

  it('joins the table to a finding hover, or stands alone', () => {
    const alone = withSections(null, ['table']);
    assert.deepEqual(alone, { contents: { kind: 'markdown', value: 'table' } });
    const both = withSections({ contents: { kind: 'markdown', value: 'finding' } }, ['table']);
    assert.equal((both!.contents as { value: string }).value, 'finding\n\n---\n\ntable');
  });
});
