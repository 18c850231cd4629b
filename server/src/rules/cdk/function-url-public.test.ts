import type { InvalidCase, ValidCase } from '../../../../test/kit/rule-tester';
import { runCdk } from '../../../../test/kit/cdk';

const HEAD = `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
`;

const stack = (body: string): string => `${HEAD}
export class S extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const fn = new lambda.Function(this, 'OrdersFunction', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') });
${body}  }
}
`;

const ADD_URL = stack(`    fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE, cors: { allowedOrigins: ['*'] } });
`);

const URL_CONSTRUCT = `import { Stack } from 'aws-cdk-lib';
import { Function, FunctionUrl, FunctionUrlAuthType, Runtime, Code } from 'aws-cdk-lib/aws-lambda';
const PUBLIC = FunctionUrlAuthType.NONE;
export class S extends Stack {
  constructor() {
    super();
    const webhook = new Function(this, 'Webhook', { runtime: Runtime.NODEJS_22_X, handler: 'i.h', code: Code.fromAsset('src') });
    new FunctionUrl(this, 'WebhookUrl', { function: webhook, authType: PUBLIC });
  }
}
`;

const CFN_URL = `import { Stack, aws_lambda as lambda } from 'aws-cdk-lib';
export class S extends Stack {
  constructor() {
    super();
    new lambda.CfnUrl(this, 'RawUrl', { targetFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:orders', authType: "NONE" });
  }
}
`;

export const CASES: { valid: ValidCase[]; invalid: InvalidCase[] } = {
  valid: [
    {
      name: 'IAM auth, and the default (which is IAM)',
      file: 'lib/stack.ts',
      code: stack(`    fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
    fn.addFunctionUrl();
`),
    },
    {
      name: 'an authType that cannot be read is unknown',
      file: 'lib/stack.ts',
      code: stack(`    fn.addFunctionUrl({ authType: this.node.tryGetContext('authType') });
`),
    },
  ],
  invalid: [
    {
      name: 'addFunctionUrl with FunctionUrlAuthType.NONE',
      file: 'lib/stack.ts',
      code: ADD_URL,
      errors: [{ line: 9, column: 35, endLine: 9, endColumn: 66, message: "OrdersFunction's function URL has authType NONE", resource: 'OrdersFunction' }],
      output: ADD_URL.replace('FunctionUrlAuthType.NONE', 'FunctionUrlAuthType.AWS_IAM'),
    },
    {
      name: 'new FunctionUrl with the NONE through a const (named imports)',
      file: 'lib/stack.ts',
      code: URL_CONSTRUCT,
      errors: [{ line: 3, column: 16, endLine: 3, endColumn: 40, message: "Webhook's function URL has authType NONE", resource: 'WebhookUrl' }],
      output: URL_CONSTRUCT.replace('FunctionUrlAuthType.NONE;', 'FunctionUrlAuthType.AWS_IAM;'),
    },
    {
      name: 'CfnUrl with AuthType "NONE"',
      file: 'lib/stack.ts',
      code: CFN_URL,
      errors: [{ line: 5, column: 127, endLine: 5, endColumn: 133, resource: 'RawUrl' }],
      output: CFN_URL.replace('"NONE"', '"AWS_IAM"'),
    },
  ],
};

runCdk('function-url-public', CASES);
