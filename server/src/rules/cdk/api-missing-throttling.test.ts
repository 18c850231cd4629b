import type { InvalidCase, ValidCase } from '../../../../test/kit/rule-tester';
import { runCdk } from '../../../../test/kit/cdk';

const HEAD = `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
`;

const stack = (body: string): string => `${HEAD}
export class ApiStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
${body}  }
}
`;

const NO_DEPLOY_OPTIONS = stack(`    new apigw.RestApi(this, 'OrdersApi');
`);

const DEPLOY_OPTIONS = stack(`    new apigw.RestApi(this, 'OrdersApi', {
      deployOptions: {
        stageName: 'prod',
      },
    });
`);

export const CASES: { valid: ValidCase[]; invalid: InvalidCase[] } = {
  valid: [
    {
      name: 'stage rate limits in deployOptions',
      file: 'lib/api.ts',
      code: stack(`    new apigw.RestApi(this, 'OrdersApi', { deployOptions: { throttlingRateLimit: 100, throttlingBurstLimit: 200 } });
`),
    },
    {
      name: 'a usage plan with a throttle; an API that is not deployed',
      file: 'lib/api.ts',
      code: stack(`    const api = new apigw.RestApi(this, 'OrdersApi');
    api.addUsagePlan('Plan', { throttle: { rateLimit: 10, burstLimit: 20 } });
    new apigw.RestApi(this, 'Draft', { deploy: false });
`),
    },
    {
      name: 'deployOptions that cannot be read are unknown',
      file: 'lib/api.ts',
      code: stack(`    new apigw.RestApi(this, 'OrdersApi', { deployOptions: this.node.tryGetContext('stage') });
`),
    },
  ],
  invalid: [
    {
      name: 'no deployOptions at all: the fix adds stage rate limits',
      file: 'lib/api.ts',
      code: NO_DEPLOY_OPTIONS,
      errors: [{ line: 8, column: 29, endLine: 8, endColumn: 40, message: "OrdersApi's stage has no throttling", resource: 'OrdersApi' }],
      output: NO_DEPLOY_OPTIONS.replace("'OrdersApi'", "'OrdersApi', { deployOptions: { throttlingRateLimit: 50, throttlingBurstLimit: 100 } }"),
    },
    {
      name: 'deployOptions without limits: reported on the key, the fix adds them inside',
      file: 'lib/api.ts',
      code: DEPLOY_OPTIONS,
      errors: [{ line: 9, column: 7, endLine: 9, endColumn: 20, resource: 'OrdersApi' }],
      output: DEPLOY_OPTIONS.replace("stageName: 'prod',\n", "stageName: 'prod',\n        throttlingRateLimit: 50, throttlingBurstLimit: 100,\n"),
    },
    {
      name: 'a LambdaRestApi from a named import, in JavaScript',
      file: 'lib/api.js',
      code: `const { Stack } = require('aws-cdk-lib');
const { LambdaRestApi } = require('aws-cdk-lib/aws-apigateway');
class ApiStack extends Stack {
  constructor(scope, id, props) {
    super(scope, id);
    new LambdaRestApi(this, 'ProxyApi', { handler: props.fn });
  }
}
module.exports = { ApiStack };
`,
      errors: [{ line: 6, column: 29, endLine: 6, endColumn: 39, resource: 'ProxyApi' }],
    },
  ],
};

runCdk('api-missing-throttling', CASES);
