import type { InvalidCase, ValidCase } from '../../../../test/kit/rule-tester';
import { runCdk } from '../../../../test/kit/cdk';

const HEAD = `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
`;

const stack = (body: string): string => `${HEAD}
export class ApiStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const fn = new lambda.Function(this, 'OrdersFunction', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') });
${body}  }
}
`;

const REST = stack(`    const api = new apigw.RestApi(this, 'OrdersApi');
    const orders = api.root.addResource('orders');
    orders.addMethod('GET', new apigw.LambdaIntegration(fn));
    orders.addMethod('OPTIONS', new apigw.LambdaIntegration(fn));
`);

const EXPLICIT_NONE = stack(`    const api = new apigw.RestApi(this, 'OrdersApi');
    api.root.addResource('orders').addResource('{id}').addMethod('DELETE', new apigw.LambdaIntegration(fn), {
      authorizationType: apigw.AuthorizationType.NONE,
    });
`);

const PROXY = stack(`    new apigw.LambdaRestApi(this, 'ProxyApi', { handler: fn });
`);

const HTTP = `import { Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
export class HttpStack extends Stack {
  constructor() {
    super();
    const fn = new lambda.Function(this, 'ItemsFunction', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'i.h', code: lambda.Code.fromAsset('src') });
    const http = new HttpApi(this, 'ItemsApi');
    http.addRoutes({ path: '/items', methods: [HttpMethod.GET], integration: new HttpLambdaIntegration('Items', fn) });
  }
}
`;

const CFN_METHOD = `import { Stack, aws_apigateway as apigw } from 'aws-cdk-lib';
export class RawStack extends Stack {
  constructor() {
    super();
    new apigw.CfnMethod(this, 'GetOrders', { restApiId: 'abc', resourceId: 'def', httpMethod: 'GET', authorizationType: 'NONE' });
  }
}
`;

export const CASES: { valid: ValidCase[]; invalid: InvalidCase[] } = {
  valid: [
    {
      name: 'REST API with a default Cognito authorizer; OPTIONS needs none',
      file: 'lib/api.ts',
      code: stack(`    const pool = new cognito.UserPool(this, 'Users');
    const auth = new apigw.CognitoUserPoolsAuthorizer(this, 'Auth', { cognitoUserPools: [pool] });
    const api = new apigw.RestApi(this, 'OrdersApi', { defaultMethodOptions: { authorizer: auth } });
    api.root.addResource('orders').addMethod('GET', new apigw.LambdaIntegration(fn));
    api.root.addMethod('OPTIONS', new apigw.MockIntegration());
`),
    },
    {
      name: 'per-method IAM auth and a resource-level default',
      file: 'lib/api.ts',
      code: stack(`    const api = new apigw.RestApi(this, 'OrdersApi');
    api.root.addMethod('GET', new apigw.LambdaIntegration(fn), { authorizationType: apigw.AuthorizationType.IAM });
    const admin = api.root.addResource('admin', { defaultMethodOptions: { authorizationType: apigw.AuthorizationType.IAM } });
    admin.addMethod('POST', new apigw.LambdaIntegration(fn));
`),
    },
    {
      name: 'options that cannot be read, an API from elsewhere, and a LambdaRestApi with proxy: false',
      file: 'lib/api.ts',
      code: stack(`    const opts = this.node.tryGetContext('methodOptions');
    const api = new apigw.RestApi(this, 'OrdersApi');
    api.root.addMethod('GET', new apigw.LambdaIntegration(fn), opts);
    const imported = apigw.RestApi.fromRestApiAttributes(this, 'Shared', { restApiId: 'x', rootResourceId: 'y' });
    imported.root.addMethod('GET', new apigw.LambdaIntegration(fn));
    new apigw.LambdaRestApi(this, 'ManualApi', { handler: fn, proxy: false });
`),
    },
    {
      name: 'HTTP API with a default JWT authorizer',
      file: 'lib/http.ts',
      code: `import { Stack } from 'aws-cdk-lib';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
declare const integration: any;
export class HttpStack extends Stack {
  constructor() {
    super();
    const http = new HttpApi(this, 'ItemsApi', { defaultAuthorizer: new HttpJwtAuthorizer('Jwt', 'https://issuer.example.com', { jwtAudience: ['items'] }) });
    http.addRoutes({ path: '/items', methods: [HttpMethod.GET], integration });
    http.addRoutes({ path: '/items', methods: [HttpMethod.OPTIONS], integration });
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'REST addMethod without an authorizer (the fix adds a Cognito authorizer stub)',
      file: 'lib/api.ts',
      code: REST,
      errors: [{ line: 13, column: 22, endLine: 13, endColumn: 27, message: "OrdersApi's GET /orders has no authorizer", resource: 'OrdersApi' }],
      output: REST.replace(
        "orders.addMethod('GET', new apigw.LambdaIntegration(fn));",
        "orders.addMethod('GET', new apigw.LambdaIntegration(fn), { authorizer: new apigw.CognitoUserPoolsAuthorizer(this, 'OrdersApiAuthorizer', { cognitoUserPools: [/* your cognito.UserPool */] }) });",
      ),
    },
    {
      name: 'authorizationType NONE written on the method',
      file: 'lib/api.ts',
      code: EXPLICIT_NONE,
      errors: [{ line: 13, column: 26, endLine: 13, endColumn: 54, message: "OrdersApi's DELETE /orders/{id} sets authorizationType NONE", resource: 'OrdersApi' }],
      output: EXPLICIT_NONE.replace('AuthorizationType.NONE', 'AuthorizationType.IAM'),
    },
    {
      name: 'a LambdaRestApi proxies every route without an authorizer',
      file: 'lib/api.ts',
      code: PROXY,
      errors: [{ line: 11, column: 35, endLine: 11, endColumn: 45, message: 'ProxyApi proxies every route (ANY /{proxy+}) with no authorizer', resource: 'ProxyApi' }],
      output: PROXY.replace(
        '{ handler: fn }',
        "{ handler: fn, defaultMethodOptions: { authorizer: new apigw.CognitoUserPoolsAuthorizer(this, 'ProxyApiAuthorizer', { cognitoUserPools: [/* your cognito.UserPool */] }) } }",
      ),
    },
    {
      name: 'HTTP API route without an authorizer: the fix adds a JWT authorizer and its import',
      file: 'lib/http.ts',
      code: HTTP,
      errors: [{ line: 10, column: 28, endLine: 10, endColumn: 36, message: "ItemsApi's route GET /items has no authorizer", resource: 'ItemsApi' }],
      output: HTTP.replace(
        "integration: new HttpLambdaIntegration('Items', fn) }",
        "integration: new HttpLambdaIntegration('Items', fn), authorizer: new HttpJwtAuthorizer('JwtAuthorizer', 'https://<issuer>', { jwtAudience: ['<audience>'] }) }",
      ).replace(
        "import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';",
        "import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';\nimport { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';",
      ),
    },
    {
      name: 'HttpRoute with HttpNoneAuthorizer under a default authorizer, and an HttpApi $default route (CDK v1 alpha modules)',
      file: 'lib/http.ts',
      code: `import * as cdk from '@aws-cdk/core';
import * as apigwv2 from '@aws-cdk/aws-apigatewayv2-alpha';
declare const integration: any;
declare const jwt: any;
export class HttpStack extends cdk.Stack {
  constructor() {
    super();
    const http = new apigwv2.HttpApi(this, 'ItemsApi', { defaultAuthorizer: jwt });
    new apigwv2.HttpRoute(this, 'Health', { httpApi: http, routeKey: apigwv2.HttpRouteKey.with('/health', apigwv2.HttpMethod.GET), integration, authorizer: new apigwv2.HttpNoneAuthorizer() });
    new apigwv2.HttpApi(this, 'CatchAll', { defaultIntegration: integration });
  }
}
`,
      errors: [
        { line: 9, column: 157, endLine: 9, endColumn: 189, message: "ItemsApi's route GET /health turns the authorizer off (HttpNoneAuthorizer)", resource: 'ItemsApi' },
        { line: 10, column: 31, endLine: 10, endColumn: 41, message: "CatchAll's catch-all $default route has no authorizer", resource: 'CatchAll' },
      ],
    },
    {
      name: "CfnMethod with authorizationType 'NONE'",
      file: 'lib/raw.ts',
      code: CFN_METHOD,
      errors: [{ line: 5, column: 121, endLine: 5, endColumn: 127, resource: 'GetOrders' }],
      output: CFN_METHOD.replace("authorizationType: 'NONE'", "authorizationType: 'AWS_IAM'"),
    },
    {
      name: 'CfnRoute with no authorizationType',
      file: 'lib/raw.ts',
      code: `import { Stack, aws_apigatewayv2 as apigwv2 } from 'aws-cdk-lib';
export class RawStack extends Stack {
  constructor() {
    super();
    new apigwv2.CfnRoute(this, 'GetItems', { apiId: 'abc', routeKey: 'GET /items', target: 'integrations/xyz' });
    new apigwv2.CfnRoute(this, 'Preflight', { apiId: 'abc', routeKey: 'OPTIONS /items' });
  }
}
`,
      errors: [{ line: 5, column: 70, endLine: 5, endColumn: 82, message: 'GetItems (GET /items) has no authorizationType', resource: 'GetItems' }],
    },
  ],
};

runCdk('api-missing-authorizer', CASES);
