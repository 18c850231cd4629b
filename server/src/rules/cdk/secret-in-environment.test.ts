import type { InvalidCase, ValidCase } from '../../../../test/kit/rule-tester';
import { runCdk } from '../../../../test/kit/cdk';

const HEAD = `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
`;

const stack = (body: string): string => `${HEAD}
export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const dbSecret = new secretsmanager.Secret(this, 'DbSecret');
${body}  }
}
`;

const UNWRAPPED = stack(`    new lambda.Function(this, 'OrdersFunction', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('src'),
      environment: { TABLE_NAME: 'orders', DB_PASSWORD: dbSecret.secretValueFromJson('password').unsafeUnwrap() },
    });
`);

export const CASES: { valid: ValidCase[]; invalid: InvalidCase[] } = {
  valid: [
    {
      name: "the secret's ARN and name, and ordinary settings",
      file: 'lib/app.ts',
      code: stack(`    new lambda.Function(this, 'OrdersFunction', {
      runtime: lambda.Runtime.NODEJS_22_X, handler: 'i.h', code: lambda.Code.fromAsset('src'),
      environment: { DB_SECRET_ARN: dbSecret.secretArn, API_KEY_PARAMETER_NAME: '/orders/api-key', TOKEN_URL: 'https://auth.example.com/token', LOG_LEVEL: 'info' },
    });
`),
    },
    {
      name: 'a credential name whose value cannot be read',
      file: 'lib/app.ts',
      code: stack(`    new lambda.Function(this, 'OrdersFunction', {
      runtime: lambda.Runtime.NODEJS_22_X, handler: 'i.h', code: lambda.Code.fromAsset('src'),
      environment: { API_KEY: this.node.tryGetContext('apiKeyRef') },
    });
`),
    },
  ],
  invalid: [
    {
      name: 'an unwrapped Secrets Manager value (the fix passes the ARN instead)',
      file: 'lib/app.ts',
      code: UNWRAPPED,
      errors: [{ line: 15, column: 57, endLine: 15, endColumn: 112, message: 'OrdersFunction gets DB_PASSWORD as an environment variable (a Secrets Manager value)', resource: 'OrdersFunction' }],
      output: UNWRAPPED.replace("DB_PASSWORD: dbSecret.secretValueFromJson('password').unsafeUnwrap()", 'DB_PASSWORD_SECRET_ARN: dbSecret.secretArn'),
    },
    {
      name: 'a literal, an SSM value and process.env, through a shared env const',
      file: 'lib/app.ts',
      code: stack(`    const sharedEnv = { STRIPE_API_KEY: 'sk_live_51Habc', SLACK_TOKEN: ssm.StringParameter.valueForStringParameter(this, '/slack/token') };
    new lambda.Function(this, 'Billing', {
      runtime: lambda.Runtime.NODEJS_22_X, handler: 'i.h', code: lambda.Code.fromAsset('src'),
      environment: { ...sharedEnv, dbPassword: process.env.DB_PASSWORD! },
    });
`),
      errors: [
        { line: 11, column: 41, endLine: 11, endColumn: 57, message: 'Billing gets STRIPE_API_KEY as an environment variable (a literal)', resource: 'Billing' },
        { line: 11, column: 72, endLine: 11, endColumn: 137, message: 'SLACK_TOKEN as an environment variable (an SSM parameter value)' },
        { line: 14, column: 48, endLine: 14, endColumn: 72, message: 'dbPassword as an environment variable (a value from the deploying machine (process.env))' },
      ],
    },
  ],
};

runCdk('secret-in-environment', CASES);
