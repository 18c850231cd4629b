import type { InvalidCase, ValidCase } from '../../../../test/kit/rule-tester';
import { runCdk } from '../../../../test/kit/cdk';

const HEAD = `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
`;

const stack = (body: string): string => `${HEAD}
export class S extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const fn = new lambda.Function(this, 'OrdersFunction', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') });
${body}  }
}
`;

export const CASES: { valid: ValidCase[]; invalid: InvalidCase[] } = {
  valid: [
    {
      name: 'a permission for a service with sourceArn; a grant to an account',
      file: 'lib/stack.ts',
      code: stack(`    const bucket = new s3.Bucket(this, 'Uploads');
    fn.addPermission('S3Invoke', { principal: new iam.ServicePrincipal('s3.amazonaws.com'), sourceArn: bucket.bucketArn, sourceAccount: this.account });
    fn.grantInvoke(new iam.AccountPrincipal('123456789012'));
`),
    },
    {
      name: 'the enforce-TLS Deny for anyone, and an Allow for anyone narrowed by a condition',
      file: 'lib/stack.ts',
      code: stack(`    const bucket = new s3.Bucket(this, 'Uploads');
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:*'],
      resources: [bucket.bucketArn, bucket.arnForObjects('*')],
      conditions: { Bool: { 'aws:SecureTransport': 'false' } },
    }));
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:GetObject'],
      resources: [bucket.arnForObjects('*')],
      conditions: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } },
    }));
`),
    },
    {
      name: 'a principal that cannot be read is unknown',
      file: 'lib/stack.ts',
      code: stack(`    fn.addPermission('Caller', { principal: (this.node.tryGetContext('caller') as iam.IPrincipal) });
`),
    },
  ],
  invalid: [
    {
      name: 'a bucket policy for new iam.AnyPrincipal()',
      file: 'lib/stack.ts',
      code: stack(`    const bucket = new s3.Bucket(this, 'Public');
    bucket.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['s3:GetObject'], resources: [bucket.arnForObjects('*')] }));
`),
      errors: [{ line: 13, column: 71, endLine: 13, endColumn: 93, message: "Public's resource policy allows anyone (*)", resource: 'Public' }],
    },
    {
      name: "a queue policy with new iam.StarPrincipal() and a statement with ArnPrincipal('*')",
      file: 'lib/stack.ts',
      code: stack(`    const queue = new sqs.Queue(this, 'Jobs');
    queue.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.StarPrincipal()], actions: ['sqs:SendMessage'], resources: [queue.queueArn] }));
    const open = new iam.PolicyStatement({ actions: ['sqs:ReceiveMessage'], resources: [queue.queueArn] });
    open.addPrincipals(new iam.ArnPrincipal('*'));
    queue.addToResourcePolicy(open);
`),
      errors: [
        { line: 13, column: 70, endLine: 13, endColumn: 93, resource: 'Jobs' },
        { line: 15, column: 24, endLine: 15, endColumn: 49, resource: 'Jobs' },
      ],
    },
    {
      name: 'fn.addPermission for a service principal without sourceArn, and for anyone',
      file: 'lib/stack.ts',
      code: stack(`    fn.addPermission('S3Invoke', { principal: new iam.ServicePrincipal('s3.amazonaws.com') });
    fn.addPermission('Anyone', { principal: new iam.AnyPrincipal(), action: 'lambda:InvokeFunction' });
`),
      errors: [
        { line: 12, column: 47, endLine: 12, endColumn: 91, message: "OrdersFunction's permission lets s3.amazonaws.com invoke it on behalf of any AWS account", resource: 'OrdersFunction' },
        { line: 13, column: 45, endLine: 13, endColumn: 67, message: "OrdersFunction's permission lets anyone (*) invoke it" },
      ],
    },
    {
      name: 'fn.grantInvoke(new iam.AnyPrincipal())',
      file: 'lib/stack.ts',
      code: stack(`    fn.grantInvoke(new iam.AnyPrincipal());
`),
      errors: [{ line: 12, column: 20, endLine: 12, endColumn: 42, message: 'OrdersFunction.grantInvoke grants anyone (*)', resource: 'OrdersFunction' }],
    },
    {
      name: "CfnPermission with principal '*' and a raw CfnBucketPolicy with Principal: '*'",
      file: 'lib/raw.ts',
      code: `import { Stack, aws_lambda as lambda, aws_s3 as s3 } from 'aws-cdk-lib';
export class RawStack extends Stack {
  constructor() {
    super();
    new lambda.CfnPermission(this, 'OpenInvoke', { action: 'lambda:InvokeFunction', functionName: 'orders', principal: '*' });
    new s3.CfnBucketPolicy(this, 'SitePolicy', {
      bucket: 'site',
      policyDocument: { Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::site/*' }] },
    });
  }
}
`,
      errors: [
        { line: 5, column: 120, endLine: 5, endColumn: 123, resource: 'OpenInvoke' },
        { line: 8, column: 74, endLine: 8, endColumn: 77, resource: 'SitePolicy' },
      ],
    },
  ],
};

runCdk('resource-policy-public', CASES);
