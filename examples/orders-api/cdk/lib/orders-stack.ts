// The orders service in CDK, deliberately flawed. Each "FLAW" comment says what is wrong and
// why; ../../orders-api-fixed/cdk/lib/orders-stack.ts is the repaired twin.
import * as path from 'node:path';
import { CfnOutput, RemovalPolicy, SecretValue, Stack, type StackProps } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';

export interface OrdersStackProps extends StackProps {
  stage: string;
}

export class OrdersStack extends Stack {
  constructor(scope: Construct, id: string, props: OrdersStackProps) {
    super(scope, id, props);

    const code = lambda.Code.fromAsset(path.join(__dirname, '..', '..', 'src'));
    const vpc = ec2.Vpc.fromLookup(this, 'DbVpc', { vpcId: this.node.tryGetContext('orders:vpcId') });
    const dbSecurityGroup = ec2.SecurityGroup.fromSecurityGroupId(this, 'DbAccess', this.node.tryGetContext('orders:dbSecurityGroupId'));

    const table = new dynamodb.Table(this, 'OrdersTable', {
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Customers sign in to the web shop with this pool, Google accounts included.
    const userPool = new cognito.UserPool(this, 'Customers', {
      selfSignUpEnabled: true,
      signInAliases: { email: true },
    });
    new cognito.UserPoolIdentityProviderGoogle(this, 'GoogleSignIn', {
      userPool,
      clientId: '123456789012-example.apps.googleusercontent.com',
      // FLAW: the OAuth client secret is written into the code, so it is in git and in the
      // synthesized template under cdk.out. The method's name says it: unsafe, plain text.
      clientSecretValue: SecretValue.unsafePlainText('GOCSPX-example-not-a-real-secret'),
      scopes: ['openid', 'email'],
    });

    const getOrderFn = new lambda.Function(this, 'GetOrderFunction', {
      // FLAW: Node.js 20 passed its Lambda deprecation date (2026-04-30), as in the template.
      runtime: lambda.Runtime.NODEJS_20_X,
      code,
      handler: 'handlers/get-order.handler',
      environment: { ORDERS_TABLE: table.tableName },
    });
    // FLAW: every DynamoDB action on every table, for a function that reads one item.
    getOrderFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));

    const createOrderFn = new lambda.Function(this, 'CreateOrderFunction', {
      runtime: lambda.Runtime.NODEJS_20_X,
      code,
      handler: 'handlers/create-order.handler',
      vpc,
      securityGroups: [dbSecurityGroup],
      environment: {
        ORDERS_TABLE: table.tableName,
        INVENTORY_DB_HOST: 'inventory.example.eu-west-1.rds.amazonaws.com',
        INVENTORY_DB_USER: 'orders_app',
        // FLAW: the password is read from the deployer's shell at synth time and written
        // into the function's environment: visible in the console and in cdk.out, and a
        // rotation means a redeploy.
        INVENTORY_DB_PASSWORD: process.env.INVENTORY_DB_PASSWORD ?? '',
      },
    });
    // FLAW: Action '*' on Resource '*' makes this function an administrator of the account.
    createOrderFn.addToRolePolicy(new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }));

    const searchOrdersFn = new lambda.Function(this, 'SearchOrdersFunction', {
      // FLAW: Node.js 16 is a deprecated runtime that no longer gets security patches.
      runtime: lambda.Runtime.NODEJS_16_X,
      code,
      handler: 'handlers/search-orders.handler',
      vpc,
      securityGroups: [dbSecurityGroup],
      environment: {
        REPORTING_DB_HOST: 'reporting.example.eu-west-1.rds.amazonaws.com',
        REPORTING_DB_USER: 'reporting_ro',
        // FLAW: the same synth-time password trick as above.
        REPORTING_DB_PASSWORD: process.env.REPORTING_DB_PASSWORD ?? '',
      },
    });
    // FLAW: a public URL with no authentication: anyone who finds it can search every order.
    const searchUrl = searchOrdersFn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });

    // FLAW: a REST API without an authorizer. The user pool above signs customers in, but
    // nobody at the API's door asks to see their ID: both methods are open to the internet.
    const api = new apigateway.RestApi(this, 'OrdersApi', {
      deployOptions: { stageName: props.stage },
    });
    const orders = api.root.addResource('orders');
    orders.addMethod('POST', new apigateway.LambdaIntegration(createOrderFn));
    orders.addResource('{id}').addMethod('GET', new apigateway.LambdaIntegration(getOrderFn));

    new CfnOutput(this, 'ApiUrl', { value: api.url });
    new CfnOutput(this, 'SearchUrl', { value: searchUrl.url });
  }
}
