import type { InvalidCase, ValidCase } from '../../../../test/kit/rule-tester';
import { runCdk } from '../../../../test/kit/cdk';

const HEAD = `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
`;

const stack = (body: string): string => `${HEAD}
export class DataStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
${body}  }
}
`;

const NO_PROPS = stack(`    new s3.Bucket(this, 'Reports');
`);

const MULTILINE = stack(`    new s3.Bucket(this, 'Reports', {
      versioned: true,
      encryption: s3.BucketEncryption.S3_MANAGED
    });
`);

const FALSE = stack(`    const secure = false;
    new s3.Bucket(this, 'Reports', { enforceSSL: secure });
`);

export const CASES: { valid: ValidCase[]; invalid: InvalidCase[] } = {
  valid: [
    {
      name: 'enforceSSL: true, also through a shared props const',
      file: 'lib/data.ts',
      code: stack(`    const secureDefaults = { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL };
    new s3.Bucket(this, 'Reports', { ...secureDefaults, versioned: true });
`),
    },
    {
      name: 'a hand-written Deny on aws:SecureTransport',
      file: 'lib/data.ts',
      code: stack(`    const bucket = new s3.Bucket(this, 'Reports');
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:*'],
      resources: [bucket.bucketArn, bucket.arnForObjects('*')],
      conditions: { Bool: { 'aws:SecureTransport': 'false' } },
    }));
`),
    },
    {
      name: 'props spread from something unknown',
      file: 'lib/data.ts',
      code: stack(`    new s3.Bucket(this, 'Reports', { ...this.node.tryGetContext('bucketProps') });
`),
    },
  ],
  invalid: [
    {
      name: 'a bucket without props: the fix adds them',
      file: 'lib/data.ts',
      code: NO_PROPS,
      errors: [{ line: 9, column: 25, endLine: 9, endColumn: 34, message: 'Reports accepts requests without TLS', resource: 'Reports' }],
      output: NO_PROPS.replace("'Reports')", "'Reports', { enforceSSL: true })"),
    },
    {
      name: 'multi-line props without a trailing comma',
      file: 'lib/data.ts',
      code: MULTILINE,
      errors: [{ line: 9, column: 25, endLine: 9, endColumn: 34 }],
      output: MULTILINE.replace('S3_MANAGED\n', 'S3_MANAGED,\n      enforceSSL: true\n'),
    },
    {
      name: 'enforceSSL: false through a const',
      file: 'lib/data.ts',
      code: FALSE,
      errors: [{ line: 9, column: 20, endLine: 9, endColumn: 25 }],
      output: FALSE.replace('const secure = false;', 'const secure = true;'),
    },
  ],
};

runCdk('s3-insecure-transport', CASES);
