import type { InvalidCase, ValidCase } from '../../../../test/kit/rule-tester';
import { runCdk } from '../../../../test/kit/cdk';

const HEAD = `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as logs from 'aws-cdk-lib/aws-logs';
`;

const stack = (body: string): string => `${HEAD}
export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
${body}  }
}
`;

const NO_TRACING = stack(`    new lambda.Function(this, 'OrdersFunction', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('src'),
    });
`);

const DISABLED = stack(`    new lambda.Function(this, 'OrdersFunction', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('src'), tracing: lambda.Tracing.DISABLED });
`);

const NODEJS_FN = `import { Stack } from 'aws-cdk-lib';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
export class AppStack extends Stack {
  constructor() {
    super();
    new NodejsFunction(this, 'Checkout', { entry: 'src/checkout.ts' });
  }
}
`;

const JS_REQUIRE = `const { Stack } = require('aws-cdk-lib');
const { NodejsFunction } = require('aws-cdk-lib/aws-lambda-nodejs');
class AppStack extends Stack {
  constructor(scope, id) {
    super(scope, id);
    new NodejsFunction(this, 'Checkout', { entry: 'src/checkout.js' });
  }
}
module.exports = { AppStack };
`;

export const CASES: { valid: ValidCase[]; invalid: InvalidCase[] } = {
  valid: [
    {
      name: 'active tracing and an API stage with access logging',
      file: 'lib/app.ts',
      code: stack(`    new lambda.Function(this, 'OrdersFunction', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'i.h', code: lambda.Code.fromAsset('src'), tracing: lambda.Tracing.ACTIVE });
    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs');
    new apigw.RestApi(this, 'OrdersApi', { deployOptions: { accessLogDestination: new apigw.LogGroupLogDestination(accessLogs), tracingEnabled: true } });
`),
    },
    {
      name: 'a tracing setting that cannot be read; an API that is not deployed',
      file: 'lib/app.ts',
      code: stack(`    new lambda.Function(this, 'OrdersFunction', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'i.h', code: lambda.Code.fromAsset('src'), tracing: this.node.tryGetContext('tracing') });
    new apigw.RestApi(this, 'Draft', { deploy: false });
`),
    },
  ],
  invalid: [
    {
      name: 'a function without tracing (the fix turns on active tracing)',
      file: 'lib/app.ts',
      code: NO_TRACING,
      errors: [{ line: 10, column: 31, endLine: 10, endColumn: 47, message: 'OrdersFunction has no X-Ray tracing', resource: 'OrdersFunction' }],
      output: NO_TRACING.replace("code: lambda.Code.fromAsset('src'),\n", "code: lambda.Code.fromAsset('src'),\n      tracing: lambda.Tracing.ACTIVE,\n"),
    },
    {
      name: 'tracing: Tracing.DISABLED',
      file: 'lib/app.ts',
      code: DISABLED,
      errors: [{ line: 10, column: 159, endLine: 10, endColumn: 182, resource: 'OrdersFunction' }],
      output: DISABLED.replace('Tracing.DISABLED', 'Tracing.ACTIVE'),
    },
    {
      name: 'a NodejsFunction without tracing: the fix imports Tracing from aws-lambda',
      file: 'lib/app.ts',
      code: NODEJS_FN,
      errors: [{ line: 6, column: 30, endLine: 6, endColumn: 40, resource: 'Checkout' }],
      output: NODEJS_FN.replace("'src/checkout.ts' }", "'src/checkout.ts', tracing: Tracing.ACTIVE }").replace(
        "import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';",
        "import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';\nimport { Tracing } from 'aws-cdk-lib/aws-lambda';",
      ),
    },
    {
      name: 'JavaScript with require: the fix requires Tracing the same way',
      file: 'lib/app.js',
      code: JS_REQUIRE,
      errors: [{ line: 6, column: 30, endLine: 6, endColumn: 40, resource: 'Checkout' }],
      output: JS_REQUIRE.replace("'src/checkout.js' }", "'src/checkout.js', tracing: Tracing.ACTIVE }").replace(
        "const { NodejsFunction } = require('aws-cdk-lib/aws-lambda-nodejs');",
        "const { NodejsFunction } = require('aws-cdk-lib/aws-lambda-nodejs');\nconst { Tracing } = require('aws-cdk-lib/aws-lambda');",
      ),
    },
    {
      name: 'a REST API stage without access logging',
      file: 'lib/app.ts',
      code: stack(`    new apigw.RestApi(this, 'OrdersApi', { deployOptions: { stageName: 'prod' } });
    new apigw.RestApi(this, 'AdminApi');
`),
      errors: [
        { line: 10, column: 44, endLine: 10, endColumn: 57, message: "OrdersApi's stage keeps no access log", resource: 'OrdersApi' },
        { line: 11, column: 29, endLine: 11, endColumn: 39, resource: 'AdminApi' },
      ],
    },
  ],
};

runCdk('missing-audit-trail', CASES);
