import type { InvalidCase, ValidCase } from '../../../../test/kit/rule-tester';
import { runCdk } from '../../../../test/kit/cdk';

const HEAD = `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
`;

export const CASES: { valid: ValidCase[]; invalid: InvalidCase[] } = {
  valid: [
    {
      name: 'the basic execution role policy and a read-only policy',
      file: 'lib/stack.ts',
      code: `${HEAD}
export class S extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new iam.Role(this, 'FnRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole'),
        iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonS3ReadOnlyAccess'),
      ],
    });
  }
}
`,
    },
    {
      name: 'a policy name that cannot be read is unknown',
      file: 'lib/stack.ts',
      code: `${HEAD}import { policyName } from './names';
export const p = iam.ManagedPolicy.fromAwsManagedPolicyName(policyName);
`,
    },
  ],
  invalid: [
    {
      name: 'Role managedPolicies with AdministratorAccess',
      file: 'lib/stack.ts',
      code: `${HEAD}
export class S extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new iam.Role(this, 'FnRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
    });
  }
}
`,
      errors: [{ line: 11, column: 68, endLine: 11, endColumn: 89, message: 'FnRole has the AWS managed policy AdministratorAccess', resource: 'FnRole' }],
    },
    {
      name: "fn.role?.addManagedPolicy with a *FullAccess policy (named imports)",
      file: 'lib/stack.ts',
      code: `import { Stack } from 'aws-cdk-lib';
import { ManagedPolicy } from 'aws-cdk-lib/aws-iam';
import { Function, Runtime, Code } from 'aws-cdk-lib/aws-lambda';
export class S extends Stack {
  constructor() {
    super();
    const fn = new Function(this, 'Importer', { runtime: Runtime.NODEJS_22_X, handler: 'i.h', code: Code.fromAsset('src') });
    const name = 'AmazonDynamoDBFullAccess';
    fn.role?.addManagedPolicy(ManagedPolicy.fromAwsManagedPolicyName(name));
  }
}
`,
      errors: [{ line: 8, column: 18, endLine: 8, endColumn: 44, message: "Importer's role has the AWS managed policy AmazonDynamoDBFullAccess", resource: 'Importer' }],
    },
    {
      name: 'fromManagedPolicyArn and CfnRole managedPolicyArns',
      file: 'lib/stack.ts',
      code: `${HEAD}
export class S extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const role = new iam.Role(this, 'OpsRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    role.addManagedPolicy(iam.ManagedPolicy.fromManagedPolicyArn(this, 'Power', 'arn:aws:iam::aws:policy/PowerUserAccess'));
    new iam.CfnRole(this, 'RawRole', { assumeRolePolicyDocument: {}, managedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] });
  }
}
`,
      errors: [
        { line: 10, column: 81, endLine: 10, endColumn: 122, message: 'OpsRole has the AWS managed policy PowerUserAccess', resource: 'OpsRole' },
        { line: 11, column: 90, endLine: 11, endColumn: 135, resource: 'RawRole' },
      ],
    },
  ],
};

runCdk('iam-broad-managed-policy', CASES);
