import * as assert from 'node:assert/strict';
import type { InvalidCase, ValidCase } from '../../../../test/kit/rule-tester';
import { runCdk } from '../../../../test/kit/cdk';
import { analyze } from '../../engine/analyze';
import { resolveConfig } from '../../engine/config';
import { cdkTestRule } from '../../../../test/kit/cdk';
import { LAMBDA_RUNTIMES } from '../shared/lambda-runtimes';
import { cdkRuntimeName, clock, runtimeIdOfCdkName } from './deprecated-runtime';

const HEAD = `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
`;

const stack = (body: string): string => `${HEAD}
export class FnStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
${body}  }
}
`;

const NODE14 = stack(`    new lambda.Function(this, 'OrdersFunction', { runtime: lambda.Runtime.NODEJS_14_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') });
`);

const SHARED = stack(`    const defaults = { runtime: lambda.Runtime.PYTHON_3_7, memorySize: 256 };
    new lambda.Function(this, 'Report', { ...defaults, handler: 'report.handler', code: lambda.Code.fromAsset('py') });
`);

const PROPS = `import { Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
interface ApiProps extends StackProps { runtime: Runtime }
export class ApiStack extends Stack {
  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id, props);
    new NodejsFunction(this, 'Handler', { entry: 'src/handler.ts', runtime: props.runtime });
  }
}
export function build(app: Construct) {
  return new ApiStack(app, 'Api', { runtime: Runtime.NODEJS_16_X });
}
`;

const CFN = `import { Stack, aws_lambda as lambda } from 'aws-cdk-lib';
export class RawStack extends Stack {
  constructor() {
    super();
    new lambda.CfnFunction(this, 'Legacy', { runtime: "go1.x", handler: 'main', role: 'arn:aws:iam::123456789012:role/r', code: { zipFile: 'x' } });
  }
}
`;

export const CASES: { valid: ValidCase[]; invalid: InvalidCase[] } = {
  valid: [
    {
      name: 'current runtimes, NODEJS_LATEST, and a NodejsFunction left on its default',
      file: 'lib/fn.ts',
      code: stack(`    new lambda.Function(this, 'A', { runtime: lambda.Runtime.NODEJS_24_X, handler: 'a.h', code: lambda.Code.fromAsset('src') });
    new lambda.Function(this, 'B', { runtime: lambda.Runtime.NODEJS_LATEST, handler: 'b.h', code: lambda.Code.fromAsset('src') });
    new lambda.Function(this, 'C', { runtime: lambda.Runtime.PYTHON_3_13, handler: 'c.h', code: lambda.Code.fromAsset('py') });
    new NodejsFunction(this, 'D', { entry: 'src/d.ts' });
`),
    },
    {
      name: 'a runtime that cannot be read is unknown',
      file: 'lib/fn.ts',
      code: stack(`    new lambda.Function(this, 'A', { runtime: this.node.tryGetContext('runtime'), handler: 'a.h', code: lambda.Code.fromAsset('src') });
`),
    },
  ],
  invalid: [
    {
      name: 'Runtime.NODEJS_14_X (the fix moves to the current Node.js runtime)',
      file: 'lib/fn.ts',
      code: NODE14,
      errors: [{ line: 9, column: 60, endLine: 9, endColumn: 86, message: 'OrdersFunction runs nodejs14.x, deprecated since 2023-12-04', resource: 'OrdersFunction' }],
      output: NODE14.replace('NODEJS_14_X', 'NODEJS_24_X'),
    },
    {
      name: 'a runtime from shared defaults spread into the props',
      file: 'lib/fn.ts',
      code: SHARED,
      errors: [{ line: 9, column: 33, endLine: 9, endColumn: 58, message: 'Report runs python3.7', resource: 'Report' }],
      output: SHARED.replace('PYTHON_3_7', 'PYTHON_3_14'),
    },
    {
      name: "a runtime passed through the stack's own props",
      file: 'lib/api.ts',
      code: PROPS,
      errors: [{ line: 13, column: 46, endLine: 13, endColumn: 65, message: 'Handler runs nodejs16.x', resource: 'Handler' }],
      output: PROPS.replace('Runtime.NODEJS_16_X', 'Runtime.NODEJS_24_X'),
    },
    {
      name: 'CfnFunction with "go1.x"',
      file: 'lib/raw.ts',
      code: CFN,
      errors: [{ line: 5, column: 55, endLine: 5, endColumn: 62, message: 'Legacy runs go1.x', resource: 'Legacy' }],
      output: CFN.replace('"go1.x"', '"provided.al2023"'),
    },
  ],
};

describe('deprecated-runtime (CDK), judged on 2026-11-25', () => {
  const real = clock.now;
  before(() => {
    clock.now = () => new Date('2026-11-25T12:00:00Z');
  });
  after(() => {
    clock.now = real;
  });

  it("maps CDK's Runtime constants to runtime ids, both ways, for every runtime in the table", () => {
    assert.equal(cdkRuntimeName('nodejs22.x'), 'NODEJS_22_X');
    assert.equal(cdkRuntimeName('python3.13'), 'PYTHON_3_13');
    assert.equal(cdkRuntimeName('java8.al2'), 'JAVA_8_CORRETTO');
    assert.equal(cdkRuntimeName('dotnetcore3.1'), 'DOTNET_CORE_3_1');
    assert.equal(cdkRuntimeName('provided.al2023'), 'PROVIDED_AL2023');
    assert.equal(cdkRuntimeName('go1.x'), 'GO_1_X');
    for (const r of LAMBDA_RUNTIMES) assert.equal(runtimeIdOfCdkName(cdkRuntimeName(r.id)), r.id);
  });

  it('a runtime within six months of its date is information, past it the rule severity', () => {
    const text = stack(`    new lambda.Function(this, 'Soon', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'a.h', code: lambda.Code.fromAsset('src') });
    new lambda.Function(this, 'Past', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'a.h', code: lambda.Code.fromAsset('src') });
`);
    const rule = cdkTestRule('deprecated-runtime');
    const r = analyze([{ file: 'lib/fn.ts', text }], resolveConfig({ rules: { 'deprecated-runtime': 'warning' } }), { rules: [rule] });
    assert.deepEqual(
      r.findings.map((f) => [f.resource, f.severity, f.message]),
      [
        ['Soon', 'info', 'Soon runs nodejs22.x, which AWS deprecates on 2027-04-30 — move to nodejs24.x before then.'],
        ['Past', 'warning', 'Past runs nodejs20.x, deprecated since 2026-04-30: AWS no longer patches it and will block updates — move to nodejs24.x.'],
      ],
    );
  });

  runCdk('deprecated-runtime', CASES);
});
