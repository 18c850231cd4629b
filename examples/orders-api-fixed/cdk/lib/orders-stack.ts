// The orders service in CDK, fixed: the twin of ../../orders-api/cdk/lib/orders-stack.ts.
// "FIX" comments point at what changed and why.
import * as path from 'node:path';
import { Aws, CfnOutput, Duration, RemovalPolicy, SecretValue, Stack, type StackProps } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
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
    const inventoryDbSecret = secretsmanager.Secret.fromSecretNameV2(this, 'InventoryDbSecret', 'orders/inventory-db');
    const reportingDbSecret = secretsmanager.Secret.fromSecretNameV2(this, 'ReportingDbSecret', 'orders/reporting-db');

    const table = new dynamodb.Table(this, 'OrdersTable', {
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
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
      // FIX: a reference to the secret, resolved by CloudFormation at deploy time. The value
      // is never in the code, in git or in the synthesized template.
      clientSecretValue: SecretValue.secretsManager('orders/google-oauth', { jsonField: 'clientSecret' }),
      scopes: ['openid', 'email'],
    });

    // FIX: a supported runtime and X-Ray tracing for every function.
    const common = {
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      code,
      timeout: Duration.seconds(10),
      tracing: lambda.Tracing.ACTIVE,
    };

    const getOrderFn = new lambda.Function(this, 'GetOrderFunction', {
      ...common,
      handler: 'handlers/get-order.handler',
      environment: { ORDERS_TABLE: table.tableName },
    });
    // FIX: read access to this one table, granted by the table itself.
    table.grantReadData(getOrderFn);
    // FIX: the handler sends an OrderViewed event to the default event bus; without this
    // statement that call fails with AccessDenied.
    getOrderFn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['events:PutEvents'], resources: [`arn:${Aws.PARTITION}:events:${Aws.REGION}:${Aws.ACCOUNT_ID}:event-bus/default`] }),
    );

    const createOrderFn = new lambda.Function(this, 'CreateOrderFunction', {
      ...common,
      handler: 'handlers/create-order.handler',
      vpc,
      securityGroups: [dbSecurityGroup],
      environment: {
        ORDERS_TABLE: table.tableName,
        INVENTORY_DB_HOST: 'inventory.example.eu-west-1.rds.amazonaws.com',
        // FIX: the secret's ARN, not its value; the handler fetches and caches the value.
        INVENTORY_DB_SECRET_ARN: inventoryDbSecret.secretArn,
      },
    });
    // FIX: the one write action it performs, on this table, and read access to its secret.
    table.grant(createOrderFn, 'dynamodb:PutItem');
    inventoryDbSecret.grantRead(createOrderFn);

    const searchOrdersFn = new lambda.Function(this, 'SearchOrdersFunction', {
      ...common,
      handler: 'handlers/search-orders.handler',
      vpc,
      securityGroups: [dbSecurityGroup],
      environment: {
        REPORTING_DB_HOST: 'reporting.example.eu-west-1.rds.amazonaws.com',
        REPORTING_DB_SECRET_ARN: reportingDbSecret.secretArn,
      },
    });
    reportingDbSecret.grantRead(searchOrdersFn);
    // FIX: the URL answers only SigV4-signed requests from principals allowed to invoke it;
    // here, the back-office dashboard's role. IAM: the badge opens the door automatically.
    const searchUrl = searchOrdersFn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
    searchOrdersFn.grantInvokeUrl(iam.Role.fromRoleName(this, 'DashboardRole', 'backoffice-dashboard'));

    // FIX: every method of the API requires a token from the customers' user pool.
    const authorizer = new apigateway.CognitoUserPoolsAuthorizer(this, 'OrdersAuthorizer', {
      cognitoUserPools: [userPool],
    });
    const accessLogs = new logs.LogGroup(this, 'OrdersApiAccessLogs', { retention: logs.RetentionDays.THREE_MONTHS });
    const api = new apigateway.RestApi(this, 'OrdersApi', {
      deployOptions: {
        stageName: props.stage,
        tracingEnabled: true,
        throttlingBurstLimit: 50,
        throttlingRateLimit: 100,
        accessLogDestination: new apigateway.LogGroupLogDestination(accessLogs),
        accessLogFormat: apigateway.AccessLogFormat.jsonWithStandardFields(),
      },
      defaultMethodOptions: {
        authorizer,
        authorizationType: apigateway.AuthorizationType.COGNITO,
      },
    });

    // Request validation: the body must match the schema before the function runs.
    const orderModel = api.addModel('NewOrder', {
      contentType: 'application/json',
      schema: {
        type: apigateway.JsonSchemaType.OBJECT,
        required: ['sku', 'quantity'],
        additionalProperties: false,
        properties: {
          sku: { type: apigateway.JsonSchemaType.STRING, pattern: '^[A-Z0-9-]{1,32}$' },
          quantity: { type: apigateway.JsonSchemaType.INTEGER, minimum: 1 },
        },
      },
    });
    const orders = api.root.addResource('orders');
    orders.addMethod('POST', new apigateway.LambdaIntegration(createOrderFn), {
      requestModels: { 'application/json': orderModel },
      requestValidatorOptions: { validateRequestBody: true },
    });
    orders.addResource('{id}').addMethod('GET', new apigateway.LambdaIntegration(getOrderFn), {
      requestParameters: { 'method.request.path.id': true },
      requestValidatorOptions: { validateRequestParameters: true },
    });

    // The moat: AWS WAF in front of the stage, with AWS's managed SQL injection rules.
    const webAcl = new wafv2.CfnWebACL(this, 'OrdersApiWaf', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'orders-api-waf', sampledRequestsEnabled: true },
      rules: [
        {
          name: 'SQLInjection',
          priority: 1,
          statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesSQLiRuleSet' } },
          overrideAction: { none: {} },
          visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'orders-api-sqli', sampledRequestsEnabled: true },
        },
      ],
    });
    new wafv2.CfnWebACLAssociation(this, 'OrdersApiWafAssociation', {
      resourceArn: api.deploymentStage.stageArn,
      webAclArn: webAcl.attrArn,
    });

    new CfnOutput(this, 'ApiUrl', { value: api.url });
    new CfnOutput(this, 'SearchUrl', { value: searchUrl.url });
  }
}
