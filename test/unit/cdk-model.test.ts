// The CDK model: imports resolved by name in every form, constructs and their ids, value flow
// through consts, spreads, helpers and stack props, policy statement owners, and the per-file cache.
import * as assert from 'node:assert/strict';
import * as ts from 'typescript';
import { cdkModelOf } from '../../server/src/models/cdk';

function model(text: string, file = 'stack.ts') {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS);
  return cdkModelOf(sf);
}

describe('CDK model', () => {
  it('resolves classes through every import form', () => {
    const forms: [string, string][] = [
      ["import * as iam from 'aws-cdk-lib/aws-iam';", 'new iam.Role(this, "R", {})'],
      ["import { aws_iam as iam } from 'aws-cdk-lib';", 'new iam.Role(this, "R", {})'],
      ["import { aws_iam } from 'aws-cdk-lib';", 'new aws_iam.Role(this, "R", {})'],
      ["import * as cdk from 'aws-cdk-lib';", 'new cdk.aws_iam.Role(this, "R", {})'],
      ["import { Role as R2 } from 'aws-cdk-lib/aws-iam';", 'new R2(this, "R", {})'],
      ["import * as iam from '@aws-cdk/aws-iam';", 'new iam.Role(this, "R", {})'],
      ["import iam = require('aws-cdk-lib/aws-iam');", 'new iam.Role(this, "R", {})'],
      ["const iam = require('aws-cdk-lib/aws-iam');", 'new iam.Role(this, "R", {})'],
      ["const { Role } = require('aws-cdk-lib/aws-iam');", 'new Role(this, "R", {})'],
    ];
    for (const [imp, expr] of forms) {
      const m = model(`${imp}\nexport class S { constructor() { ${expr}; } }\n`);
      assert.ok(m.isCdk, imp);
      assert.deepEqual(m.constructs.map((c) => [c.cls, c.id]), [['iam.Role', 'R']], imp);
    }
  });

  it('leaves files without CDK imports alone, and other libraries with the same class names', () => {
    const m = model("import { Role } from './my-roles';\nexport const r = new Role(this, 'R', {});\n");
    assert.equal(m.isCdk, false);
    assert.deepEqual(m.constructs, []);
    const mixed = model("import { Stack } from 'aws-cdk-lib';\nimport { Function } from './local';\nnew Function(this, 'F', {});\n");
    assert.deepEqual(mixed.constructs, []);
  });

  it('reads construct ids through consts and template literals stay unknown', () => {
    const m = model(`import * as sqs from 'aws-cdk-lib/aws-sqs';
const ID = 'Jobs';
export function f(scope: any, suffix: string) {
  new sqs.Queue(scope, ID);
  new sqs.Queue(scope, \`Dlq\${suffix}\`);
}
`);
    assert.deepEqual(m.constructs.map((c) => [c.id, c.name]), [['Jobs', 'Jobs'], [undefined, '`Dlq${suffix}`']]);
  });

  it('follows values through spreads, destructuring, helpers, loops and the stack props', () => {
    const m = model(`import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Stack } from 'aws-cdk-lib';
const base = { runtime: lambda.Runtime.NODEJS_18_X, memorySize: 128 };
const { memorySize } = base;
function make(scope: any, id: string, runtime: lambda.Runtime) {
  return new lambda.Function(scope, id, { ...base, runtime, memorySize });
}
class S extends Stack {
  constructor(scope: any, id: string, props: { rt: lambda.Runtime }) {
    super(scope, id);
    make(this, 'A', lambda.Runtime.PYTHON_3_12);
    make(this, 'B', props.rt);
    new lambda.Function(this, 'C', base);
    for (const name of ['D', 'E']) new lambda.Function(this, name, base);
  }
}
new S(undefined, 'S', { rt: lambda.Runtime.JAVA_21 });
`);
    const runtimeOf = (id: string): string[] => {
      const c = m.constructs.find((x) => x.id === id)!;
      return m.resolver.prop(c.props, 'runtime').hits.flatMap((h) => m.resolver.resolve(h.value).map((t) => t.expr.getText()));
    };
    assert.deepEqual(runtimeOf('A'), ['lambda.Runtime.PYTHON_3_12']);
    assert.deepEqual(runtimeOf('B'), ['lambda.Runtime.JAVA_21']);
    assert.deepEqual(runtimeOf('C'), ['lambda.Runtime.NODEJS_18_X']);
    // One construct per \`new\` (and per call of its helper): a loop's id is each element, so no single id.
    const loop = m.constructs.find((x) => x.id === undefined)!;
    assert.deepEqual(m.resolver.strings({ expr: loop.idNode!, env: loop.env }).values.map((v) => v.text), ['D', 'E']);
    const a = m.constructs.find((x) => x.id === 'A')!;
    const mem = m.resolver.prop(a.props, 'memorySize').hits[0].value;
    assert.deepEqual(m.resolver.resolve(mem).map((t) => t.expr.getText()), ['128']);
  });

  it('an unknown spread makes a missing property unknown, not absent', () => {
    const m = model(`import * as s3 from 'aws-cdk-lib/aws-s3';
declare const extra: any;
new s3.Bucket(this, 'A', { versioned: true });
new s3.Bucket(this, 'B', { ...extra, versioned: true });
new s3.Bucket(this, 'C');
`);
    const state = (id: string) => m.resolver.prop(m.constructs.find((c) => c.id === id)!.props, 'enforceSSL').state;
    assert.deepEqual(['A', 'B', 'C'].map(state), ['absent', 'unknown', 'absent']);
  });

  it('a reassigned let is unknown; a const is followed', () => {
    const m = model(`import * as s3 from 'aws-cdk-lib/aws-s3';
let pub = true;
pub = false;
const yes = true;
new s3.Bucket(this, 'A', { publicReadAccess: pub });
new s3.Bucket(this, 'B', { publicReadAccess: yes });
`);
    const v = (id: string) => m.resolver.bool(m.resolver.prop(m.constructs.find((c) => c.id === id)!.props, 'publicReadAccess').hits[0].value);
    assert.deepEqual([v('A'), v('B')], [undefined, true]);
  });

  it('gives each policy statement the construct it belongs to', () => {
    const m = model(`import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
export class S {
  fn = new lambda.Function(this, 'Fn', {});
  constructor() {
    const bucket = new s3.Bucket(this, 'Bucket');
    const st = new iam.PolicyStatement({ actions: ['s3:GetObject'] });
    bucket.addToResourcePolicy(st);
    this.fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'] }));
    new iam.Policy(this, 'Pol', { document: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['sns:Publish'] })] }) });
    new iam.PolicyStatement({ actions: ['kms:Decrypt'] });
  }
}
`);
    assert.deepEqual(
      m.statements().map((s) => [m.resolver.strings(s.actions.values[0]).values[0].text, s.owner?.id]),
      [['s3:GetObject', 'Bucket'], ['sqs:SendMessage', 'Fn'], ['sns:Publish', 'Pol'], ['kms:Decrypt', undefined]],
    );
  });

  it('is built once per syntax tree', () => {
    const sf = ts.createSourceFile('s.ts', "import * as s3 from 'aws-cdk-lib/aws-s3';\nnew s3.Bucket(this, 'B');\n", ts.ScriptTarget.Latest, true);
    assert.equal(cdkModelOf(sf), cdkModelOf(sf));
  });
});
