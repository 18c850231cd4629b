import type { InvalidCase, ValidCase } from '../../../../test/kit/rule-tester';
import { runCdk } from '../../../../test/kit/cdk';

const HEAD = `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
`;

const stack = (body: string): string => `${HEAD}
export class DataStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const key = new kms.Key(this, 'DataKey', { enableKeyRotation: true });
${body}  }
}
`;

export const CASES: { valid: ValidCase[]; invalid: InvalidCase[] } = {
  valid: [
    {
      name: 'customer managed keys on the table and the environment',
      file: 'lib/data.ts',
      code: stack(`    new dynamodb.Table(this, 'Orders', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED, encryptionKey: key });
    new dynamodb.TableV2(this, 'Carts', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, encryption: dynamodb.TableEncryptionV2.customerManagedKey(key) });
    new lambda.Function(this, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'i.h', code: lambda.Code.fromAsset('src'), environment: { TABLE: 'orders' }, environmentEncryption: key });
    new lambda.Function(this, 'NoEnv', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'i.h', code: lambda.Code.fromAsset('src') });
`),
    },
  ],
  invalid: [
    {
      name: 'a table on the default (AWS owned) key, written and left out',
      file: 'lib/data.ts',
      code: stack(`    new dynamodb.Table(this, 'Orders', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    new dynamodb.Table(this, 'Audit', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, encryption: dynamodb.TableEncryption.DEFAULT });
    new dynamodb.TableV2(this, 'Carts', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, encryption: dynamodb.TableEncryptionV2.dynamoOwnedKey() });
`),
      errors: [
        { line: 11, column: 30, endLine: 11, endColumn: 38, message: 'Orders is encrypted only with the AWS owned key', resource: 'Orders' },
        { line: 12, column: 120, endLine: 12, endColumn: 152, resource: 'Audit' },
        { line: 13, column: 122, endLine: 13, endColumn: 165, resource: 'Carts' },
      ],
    },
    {
      name: 'a Lambda environment without environmentEncryption',
      file: 'lib/data.ts',
      code: stack(`    new lambda.Function(this, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'i.h', code: lambda.Code.fromAsset('src'), environment: { TABLE: 'orders' } });
`),
      errors: [{ line: 11, column: 128, endLine: 11, endColumn: 139, message: "Fn's environment variables are encrypted only with the AWS managed key", resource: 'Fn' }],
    },
  ],
};

runCdk('encryption-default-key', CASES);
