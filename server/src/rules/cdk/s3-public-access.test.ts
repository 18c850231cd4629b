import type { InvalidCase, ValidCase } from '../../../../test/kit/rule-tester';
import { runCdk } from '../../../../test/kit/cdk';

const HEAD = `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as s3 from 'aws-cdk-lib/aws-s3';
`;

const stack = (body: string): string => `${HEAD}
export class SiteStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
${body}  }
}
`;

const PUBLIC_READ = stack(`    new s3.Bucket(this, 'Site', { websiteIndexDocument: 'index.html', publicReadAccess: true });
`);

export const CASES: { valid: ValidCase[]; invalid: InvalidCase[] } = {
  valid: [
    {
      name: 'the default (public access blocked), BLOCK_ALL, and publicReadAccess: false',
      file: 'lib/site.ts',
      code: stack(`    new s3.Bucket(this, 'Data');
    new s3.Bucket(this, 'Logs', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, publicReadAccess: false });
`),
    },
    {
      name: 'a publicReadAccess that cannot be read is unknown',
      file: 'lib/site.ts',
      code: stack(`    new s3.Bucket(this, 'Site', { publicReadAccess: this.node.tryGetContext('public') });
`),
    },
  ],
  invalid: [
    {
      name: 'publicReadAccess: true (the fix turns it off)',
      file: 'lib/site.ts',
      code: PUBLIC_READ,
      errors: [{ line: 8, column: 89, endLine: 8, endColumn: 93, message: 'Site allows public read (publicReadAccess)', resource: 'Site' }],
      output: PUBLIC_READ.replace('publicReadAccess: true', 'publicReadAccess: false'),
    },
    {
      name: 'a public ACL, BLOCK_ACLS, and a BlockPublicAccess with a setting off',
      file: 'lib/site.ts',
      code: stack(`    new s3.Bucket(this, 'Uploads', { accessControl: s3.BucketAccessControl.PUBLIC_READ, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS });
    const block = new s3.BlockPublicAccess({ blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: false, restrictPublicBuckets: true });
    new s3.Bucket(this, 'Shared', { blockPublicAccess: block });
`),
      errors: [
        { line: 8, column: 53, endLine: 8, endColumn: 87, message: 'Uploads has the public ACL PUBLIC_READ', resource: 'Uploads' },
        { line: 8, column: 108, endLine: 8, endColumn: 139, message: 'Uploads blocks only public ACLs (BLOCK_ACLS)', resource: 'Uploads' },
        { line: 9, column: 112, endLine: 9, endColumn: 117, message: 'Shared turns off blockPublicPolicy', resource: 'Shared' },
      ],
    },
    {
      name: 'bucket.grantPublicAccess() (named imports)',
      file: 'lib/site.ts',
      code: `import { Stack } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
export class SiteStack extends Stack {
  constructor() {
    super();
    const site = new Bucket(this, 'Assets');
    site.grantPublicAccess('public/*');
  }
}
`,
      errors: [{ line: 7, column: 10, endLine: 7, endColumn: 27, message: 'Assets.grantPublicAccess', resource: 'Assets' }],
    },
    {
      name: "CfnBucket with accessControl 'PublicRead' and a public access block turned off",
      file: 'lib/raw.ts',
      code: `import { Stack, aws_s3 as s3 } from 'aws-cdk-lib';
export class RawStack extends Stack {
  constructor() {
    super();
    new s3.CfnBucket(this, 'RawBucket', { accessControl: 'PublicRead', publicAccessBlockConfiguration: { blockPublicAcls: false } });
  }
}
`,
      errors: [
        { line: 5, column: 58, endLine: 5, endColumn: 70, resource: 'RawBucket' },
        { line: 5, column: 123, endLine: 5, endColumn: 128, resource: 'RawBucket' },
      ],
    },
  ],
};

runCdk('s3-public-access', CASES);
