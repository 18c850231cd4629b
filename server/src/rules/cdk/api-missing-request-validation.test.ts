import type { InvalidCase, ValidCase } from '../../../../test/kit/rule-tester';
import { runCdk } from '../../../../test/kit/cdk';

const HEAD = `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
`;

const stack = (body: string): string => `${HEAD}
export class ApiStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const fn = new lambda.Function(this, 'OrdersFunction', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') });
    const api = new apigw.RestApi(this, 'OrdersApi');
${body}  }
}
`;

const NO_OPTIONS = stack(`    api.root.addResource('orders').addMethod('POST', new apigw.LambdaIntegration(fn));
`);

const WITH_OPTIONS = stack(`    api.root.addResource('orders').addMethod('PUT', new apigw.LambdaIntegration(fn), {
      authorizationType: apigw.AuthorizationType.IAM,
    });
`);

export const CASES: { valid: ValidCase[]; invalid: InvalidCase[] } = {
  valid: [
    {
      name: 'a validator on the method; GET takes no body',
      file: 'lib/api.ts',
      code: stack(`    const validator = api.addRequestValidator('BodyValidator', { validateRequestBody: true });
    api.root.addMethod('POST', new apigw.LambdaIntegration(fn), { requestValidator: validator, requestModels: { 'application/json': apigw.Model.EMPTY_MODEL } });
    api.root.addMethod('GET', new apigw.LambdaIntegration(fn));
`),
    },
    {
      name: 'validator options in the resource defaults',
      file: 'lib/api.ts',
      code: stack(`    const orders = api.root.addResource('orders', { defaultMethodOptions: { requestValidatorOptions: { validateRequestBody: true } } });
    orders.addMethod('POST', new apigw.LambdaIntegration(fn));
`),
    },
  ],
  invalid: [
    {
      name: 'POST without options: the fix adds validator options',
      file: 'lib/api.ts',
      code: NO_OPTIONS,
      errors: [{ line: 11, column: 46, endLine: 11, endColumn: 52, message: "OrdersApi's POST /orders accepts any request body", resource: 'OrdersApi' }],
      output: NO_OPTIONS.replace(
        'new apigw.LambdaIntegration(fn));',
        'new apigw.LambdaIntegration(fn), { requestValidatorOptions: { validateRequestBody: true, validateRequestParameters: true } });',
      ),
    },
    {
      name: 'PUT with options but no validator',
      file: 'lib/api.ts',
      code: WITH_OPTIONS,
      errors: [{ line: 11, column: 46, endLine: 11, endColumn: 51, message: 'PUT /orders' }],
      output: WITH_OPTIONS.replace(
        'apigw.AuthorizationType.IAM,\n',
        'apigw.AuthorizationType.IAM,\n      requestValidatorOptions: { validateRequestBody: true, validateRequestParameters: true },\n',
      ),
    },
    {
      name: 'CfnMethod POST without requestValidatorId',
      file: 'lib/raw.ts',
      code: `import { Stack, aws_apigateway as apigw } from 'aws-cdk-lib';
export class RawStack extends Stack {
  constructor() {
    super();
    new apigw.CfnMethod(this, 'CreateOrder', { restApiId: 'a', resourceId: 'b', httpMethod: 'POST', authorizationType: 'AWS_IAM' });
  }
}
`,
      errors: [{ line: 5, column: 93, endLine: 5, endColumn: 99, resource: 'CreateOrder' }],
    },
  ],
};

runCdk('api-missing-request-validation', CASES);
