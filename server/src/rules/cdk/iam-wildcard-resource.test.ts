import type { InvalidCase, ValidCase } from '../../../../test/kit/rule-tester';
import { runCdk } from '../../../../test/kit/cdk';

const HEAD = `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
`;

const stack = (body: string): string => `${HEAD}
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const fn = new lambda.Function(this, 'OrdersFunction', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') });
${body}  }
}
`;

const TABLE = stack(`    const table = new dynamodb.Table(this, 'OrdersTable', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    fn.addToRolePolicy(new iam.PolicyStatement({
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem'],
      resources: ['*'],
    }));
`);

const BUCKET = stack(`    const bucket = new s3.Bucket(this, 'Reports', { enforceSSL: true });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ["*"] }));
`);

const QUEUE = stack(`    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['*'] }));
`);

export const CASES: { valid: ValidCase[]; invalid: InvalidCase[] } = {
  valid: [
    {
      name: 'actions that only accept * (X-Ray, CloudWatch metrics, ec2:Describe*)',
      file: 'lib/stack.ts',
      code: stack(`    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['xray:PutTraceSegments', 'cloudwatch:PutMetricData', 'ec2:DescribeNetworkInterfaces'], resources: ['*'] }));
`),
    },
    {
      name: 'scoped to the table ARN; a Deny on *',
      file: 'lib/stack.ts',
      code: stack(`    const table = new dynamodb.Table(this, 'OrdersTable', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [table.tableArn, \`\${table.tableArn}/index/*\`] }));
    fn.addToRolePolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['dynamodb:DeleteTable'], resources: ['*'] }));
`),
    },
    {
      name: 'actions that cannot be read are unknown',
      file: 'lib/stack.ts',
      code: stack(`    fn.addToRolePolicy(new iam.PolicyStatement({ actions: (this.node.tryGetContext('actions') as string[]), resources: ['*'] }));
`),
    },
  ],
  invalid: [
    {
      name: "resources: ['*'] for table actions: the fix points at the stack's table",
      file: 'lib/orders-stack.ts',
      code: TABLE,
      errors: [{ line: 15, column: 19, endLine: 15, endColumn: 22, message: "OrdersFunction's policy applies dynamodb:GetItem, dynamodb:PutItem to every resource (*)", resource: 'OrdersFunction' }],
      output: TABLE.replace("resources: ['*']", 'resources: [table.tableArn]'),
    },
    {
      name: 'object actions on the one bucket of the stack: arnForObjects',
      file: 'lib/orders-stack.ts',
      code: BUCKET,
      errors: [{ line: 13, column: 89, endLine: 13, endColumn: 92, resource: 'OrdersFunction' }],
      output: BUCKET.replace('resources: ["*"]', "resources: [bucket.arnForObjects('*')]"),
    },
    {
      name: 'no construct of that service in the stack: a placeholder ARN',
      file: 'lib/orders-stack.ts',
      code: QUEUE,
      errors: [{ line: 12, column: 92, endLine: 12, endColumn: 95, message: 'applies sqs:SendMessage to every resource' }],
      output: QUEUE.replace("resources: ['*']", "resources: ['arn:aws:sqs:<region>:<account>:<resource>']"),
    },
    {
      name: 'addAllResources() on a statement',
      file: 'lib/stack.ts',
      code: stack(`    const st = new iam.PolicyStatement({ actions: ['sns:Publish'] });
    st.addAllResources();
    fn.addToRolePolicy(st);
`),
      errors: [{ line: 13, column: 8, endLine: 13, endColumn: 23, resource: 'OrdersFunction' }],
    },
    {
      name: 'CfnRole with a raw JSON policy document',
      file: 'lib/raw.ts',
      code: `import { Stack, aws_iam as iam } from 'aws-cdk-lib';
export class RawStack extends Stack {
  constructor() {
    super();
    new iam.CfnRole(this, 'RawRole', {
      assumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
      policies: [{ policyName: 'p', policyDocument: { Statement: [{ Effect: 'Allow', Action: ['s3:PutObject'], Resource: '*' }] } }],
    });
  }
}
`,
      errors: [{ line: 7, column: 122, endLine: 7, endColumn: 125, resource: 'RawRole' }],
    },
  ],
};

runCdk('iam-wildcard-resource', CASES);
