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
      name: 'each function its own role; one function with a role',
      file: 'lib/stack.ts',
      code: `${HEAD}
export class S extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const a = new iam.Role(this, 'ReaderRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const b = new iam.Role(this, 'WriterRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    new lambda.Function(this, 'Reader', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'r.h', code: lambda.Code.fromAsset('src'), role: a });
    new lambda.Function(this, 'Writer', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'w.h', code: lambda.Code.fromAsset('src'), role: b });
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'one role given to two functions',
      file: 'lib/stack.ts',
      code: `${HEAD}
export class S extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const shared = new iam.Role(this, 'SharedRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const base = { runtime: lambda.Runtime.NODEJS_22_X, code: lambda.Code.fromAsset('src'), role: shared };
    new lambda.Function(this, 'GetOrder', { ...base, handler: 'get.handler' });
    new lambda.Function(this, 'DeleteOrder', { handler: 'delete.handler', runtime: lambda.Runtime.NODEJS_22_X, code: lambda.Code.fromAsset('src'), role: shared });
  }
}
`,
      errors: [
        { line: 10, column: 99, endLine: 10, endColumn: 105, message: 'GetOrder shares the role SharedRole with DeleteOrder', resource: 'GetOrder' },
        { line: 12, column: 154, endLine: 12, endColumn: 160, message: 'DeleteOrder shares the role SharedRole with GetOrder', resource: 'DeleteOrder' },
      ],
    },
    {
      name: 'an imported role shared by functions made in a helper',
      file: 'lib/stack.ts',
      code: `${HEAD}
function makeFn(scope: Construct, id: string, role: iam.IRole) {
  return new lambda.Function(scope, id, { runtime: lambda.Runtime.NODEJS_22_X, handler: 'i.h', code: lambda.Code.fromAsset('src'), role });
}
export class S extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const role = iam.Role.fromRoleArn(this, 'LegacyRole', 'arn:aws:iam::123456789012:role/legacy');
    makeFn(this, 'A', role);
    makeFn(this, 'B', role);
  }
}
`,
      errors: [
        { line: 7, column: 132, endLine: 7, endColumn: 136, message: 'A shares the role LegacyRole with B', resource: 'A' },
        { line: 7, column: 132, endLine: 7, endColumn: 136, message: 'B shares the role LegacyRole with A', resource: 'B' },
      ],
    },
    {
      name: 'with the handlers read (functions made by a helper): what each calls is the evidence',
      file: 'lib/stack.ts',
      files: {
        'src/read.ts': "import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';\nconst db = new DynamoDBClient({});\nexport const handler = (e: { id: string }) => db.send(new GetItemCommand({ TableName: process.env.TABLE, Key: { id: { S: e.id } } }));\n",
        'src/remove.ts': "import { DynamoDBClient, DeleteItemCommand } from '@aws-sdk/client-dynamodb';\nconst db = new DynamoDBClient({});\nexport const handler = (e: { id: string }) => db.send(new DeleteItemCommand({ TableName: process.env.TABLE, Key: { id: { S: e.id } } }));\n",
      },
      code: `${HEAD}import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';

export class S extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const orders = new dynamodb.Table(this, 'Orders', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
    const role = new iam.Role(this, 'OrdersRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const make = (name: string, handler: string) =>
      new lambda.Function(this, name, { runtime: lambda.Runtime.NODEJS_22_X, code: lambda.Code.fromAsset('src'), handler, role, environment: { TABLE: orders.tableName } });
    make('ReadOrder', 'read.handler');
    make('RemoveOrder', 'remove.handler');
  }
}
`,
      errors: [
        { line: 13, column: 123, endLine: 13, endColumn: 127, message: 'Their code needs different things: ReadOrder calls dynamodb:GetItem on Orders; RemoveOrder calls dynamodb:DeleteItem on Orders.', resource: 'ReadOrder' },
        { line: 13, column: 123, endLine: 13, endColumn: 127, message: 'Their code needs different things: ReadOrder calls dynamodb:GetItem on Orders; RemoveOrder calls dynamodb:DeleteItem on Orders.', resource: 'RemoveOrder' },
      ],
    },
  ],
};

runCdk('iam-shared-role', CASES);
