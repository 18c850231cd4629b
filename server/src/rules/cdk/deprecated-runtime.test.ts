import * as assert from 'node:assert/strict';
import type { InvalidCase, ValidCase } from '../../../../test/kit/rule-tester';
import { runCdk } from '../../../../test/kit/cdk';
import { clock, deprecatedOn, runtimeByCdkName } from './deprecated-runtime';

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
      code: stack(`    new lambda.Function(this, 'A', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'a.h', code: lambda.Code.fromAsset('src') });
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
      errors: [{ line: 9, column: 60, endLine: 9, endColumn: 86, message: 'OrdersFunction runs on nodejs14.x, deprecated since 2023-12-04', resource: 'OrdersFunction' }],
      output: NODE14.replace('NODEJS_14_X', 'NODEJS_24_X'),
    },
    {
      name: 'a runtime from shared defaults spread into the props',
      file: 'lib/fn.ts',
      code: SHARED,
      errors: [{ line: 9, column: 33, endLine: 9, endColumn: 58, message: 'Report runs on python3.7', resource: 'Report' }],
      output: SHARED.replace('PYTHON_3_7', 'PYTHON_3_13'),
    },
    {
      name: "a runtime passed through the stack's own props",
      file: 'lib/api.ts',
      code: PROPS,
      errors: [{ line: 13, column: 46, endLine: 13, endColumn: 65, message: 'Handler runs on nodejs16.x', resource: 'Handler' }],
      output: PROPS.replace('Runtime.NODEJS_16_X', 'Runtime.NODEJS_24_X'),
    },
    {
      name: 'CfnFunction with "go1.x"',
      file: 'lib/raw.ts',
      code: CFN,
      errors: [{ line: 5, column: 55, endLine: 5, endColumn: 62, message: 'Legacy runs on go1.x', resource: 'Legacy' }],
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

  it('dates in the table decide: deprecated on the day, not the day before', () => {
    const node20 = runtimeByCdkName('NODEJS_20_X')!;
    assert.equal(deprecatedOn(node20, new Date('2026-04-29T23:59:59Z')), undefined);
    assert.equal(deprecatedOn(node20, new Date('2026-04-30T00:00:00Z')), '2026-04-30');
    assert.equal(deprecatedOn(runtimeByCdkName('NODEJS_22_X')!, clock.now()), undefined);
  });

  runCdk('deprecated-runtime', CASES);
});
