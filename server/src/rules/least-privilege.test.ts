import * as assert from 'node:assert/strict';
import { isDestructive, writesText } from './shared/least-privilege-text';
import { rule } from './least-privilege';
import { run } from '../../../test/kit/rule-tester';

const SAM = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
`;

const TABLE = `  OrdersTable:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
`;

/** A SAM function reading ORDERS_TABLE, with the given Policies block (indented under Properties). */
const fn = (handler: string, policies: string, env = '          ORDERS_TABLE: !Ref OrdersTable\n'): string => `  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: ${handler}
      Runtime: nodejs22.x
      Environment:
        Variables:
${env}${policies}`;

const GET_ORDER = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const TABLE = process.env.ORDERS_TABLE ?? 'orders';

export const handler = async (event: { pathParameters?: { id?: string } }) => {
  const { Item } = await documents.send(new GetCommand({ TableName: TABLE, Key: { id: event.pathParameters?.id } }));
  return { statusCode: 200, body: JSON.stringify(Item) };
};
`;

const BY_CUSTOMER = `import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export async function handler(event: { customerId: string }) {
  const out = await db.send(
    new QueryCommand({
      TableName: process.env.ORDERS_TABLE,
      IndexName: 'byCustomer',
      KeyConditionExpression: 'customerId = :c',
      ExpressionAttributeValues: { ':c': event.customerId },
    }),
  );
  return out.Items;
}
`;

const NOTIFY = `import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import { put } from './lib/store';

const sqs = new SQSClient({});

export const handler = async (event: { id: string }) => {
  await put(event.id);
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: event.id }));
};
`;

const STORE = `import { DynamoDB } from '@aws-sdk/client-dynamodb';

const ddb = new DynamoDB({});

export async function put(id: string): Promise<void> {
  await ddb.putItem({ TableName: process.env.ORDERS_TABLE, Item: { id: { S: id } } });
}
`;

const DYNAMIC = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';

const client = new DynamoDBClient({});

export const handler = async (event: { cmd: unknown }) => {
  await client.send(new GetCommand({ TableName: process.env.ORDERS_TABLE, Key: { id: '1' } }));
  return client.send(event.cmd as never);
};
`;

const REPORTS = `import { S3Client, ListObjectsV2Command, HeadObjectCommand } from '@aws-sdk/client-s3';

const s3 = new S3Client({});
const Bucket = process.env.REPORTS_BUCKET;

export const handler = async () => {
  const listed = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'daily/' }));
  for (const o of listed.Contents ?? []) await s3.send(new HeadObjectCommand({ Bucket, Key: o.Key }));
};
`;

const REPORTS_FN = (policies: string): string => `  ReportsFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: reports.handler
      Environment:
        Variables:
          REPORTS_BUCKET: !Ref ReportsBucket
${policies}  ReportsBucket:
    Type: AWS::S3::Bucket
`;

run(rule, {
  valid: [
    {
      name: 'DynamoDBWritePolicy for a function that only puts: its other writes are the template\'s bundle, not a finding',
      file: 'template.yaml',
      files: { 'src/lib/store.ts': STORE },
      code: `${SAM}${fn('lib/store.put', `      Policies:
        - DynamoDBWritePolicy:
            TableName: !Ref OrdersTable
`)}${TABLE}`,
    },
    {
      name: 'SAM: exactly the action the handler calls, on the table its environment names',
      file: 'template.yaml',
      files: { 'src/handlers/get-order.ts': GET_ORDER },
      code: `${SAM}${fn('handlers/get-order.handler', `      Policies:
        - Statement:
            - Effect: Allow
              Action:
                - dynamodb:GetItem
              Resource: !GetAtt OrdersTable.Arn
`)}${TABLE}`,
    },
    {
      name: 'SAM: DynamoDBReadPolicy is the narrowest template for a GetItem',
      file: 'template.yaml',
      files: { 'src/handlers/get-order.ts': GET_ORDER },
      code: `${SAM}${fn('handlers/get-order.handler', `      Policies:
        - DynamoDBReadPolicy:
            TableName: !Ref OrdersTable
`)}${TABLE}`,
    },
    {
      name: 'Globals: CodeUri and the environment variable come from Globals.Function',
      file: 'template.yaml',
      files: { 'app/handlers/get-order.ts': GET_ORDER },
      code: `${SAM.replace('Resources:\n', `Globals:
  Function:
    CodeUri: app/
    Environment:
      Variables:
        ORDERS_TABLE: !Ref OrdersTable
Resources:
`)}  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: handlers/get-order.handler
      Policies:
        - DynamoDBReadPolicy:
            TableName: !Ref OrdersTable
${TABLE}`,
    },
    {
      name: 'the handler is not in the workspace: nothing can be said about its needs',
      file: 'template.yaml',
      code: `${SAM}${fn('handlers/get-order.handler', `      Policies:
        - Statement:
            - Effect: Allow
              Action: dynamodb:*
              Resource: '*'
`)}${TABLE}`,
    },
    {
      name: 'Query on an index with the index ARN granted',
      file: 'template.yaml',
      files: { 'src/by-customer.ts': BY_CUSTOMER },
      code: `${SAM}${fn('by-customer.handler', `      Policies:
        - Statement:
            - Effect: Allow
              Action: dynamodb:Query
              Resource: !Sub '\${OrdersTable.Arn}/index/*'
`)}${TABLE}`,
    },
    {
      name: 'ListObjectsV2 needs s3:ListBucket on the bucket and HeadObject needs s3:GetObject on its objects',
      file: 'template.yaml',
      files: { 'src/reports.ts': REPORTS },
      code: `${SAM}${REPORTS_FN(`      Policies:
        - Statement:
            - Effect: Allow
              Action: s3:ListBucket
              Resource: !GetAtt ReportsBucket.Arn
            - Effect: Allow
              Action: s3:GetObject
              Resource: !Sub '\${ReportsBucket.Arn}/*'
`)}`,
    },
    {
      name: 'a managed policy may grant anything: no call is reported as missing',
      file: 'template.yaml',
      files: { 'src/handlers/get-order.ts': GET_ORDER },
      code: `${SAM}${fn('handlers/get-order.handler', `      Policies:
        - AmazonDynamoDBReadOnlyAccess
`)}${TABLE}`,
    },
    {
      name: 'logs and X-Ray wildcards are what Lambda itself does for the function',
      file: 'template.yaml',
      files: { 'src/handlers/get-order.ts': GET_ORDER },
      code: `${SAM}${fn('handlers/get-order.handler', `      Policies:
        - DynamoDBReadPolicy:
            TableName: !Ref OrdersTable
        - Statement:
            - Effect: Allow
              Action: ['logs:*', 'xray:*']
              Resource: '*'
`)}${TABLE}`,
    },
    {
      name: 'SDK v2 DocumentClient in a relative import, with the role of the template',
      file: 'template.yaml',
      files: {
        'src/index.js': "const { save } = require('./db');\nexports.handler = async (event) => save(event.id);\n",
        'src/db.js':
          "const AWS = require('aws-sdk');\nconst dc = new AWS.DynamoDB.DocumentClient();\nexports.save = (id) => dc.put({ TableName: process.env.ORDERS_TABLE, Item: { id } }).promise();\n",
      },
      code: `${SAM}  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: ./src
      Handler: index.handler
      Role: !GetAtt OrdersRole.Arn
      Environment:
        Variables:
          ORDERS_TABLE: !Ref OrdersTable
  OrdersRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: orders
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: dynamodb:PutItem
                Resource: !GetAtt OrdersTable.Arn
${TABLE}`,
    },
    {
      name: 'not a template',
      file: 'handler.ts',
      code: GET_ORDER,
    },
  ],
  invalid: [
    {
      name: 'SAM: dynamodb:* narrowed to the template that covers a GetItem without writes',
      file: 'template.yaml',
      files: { 'src/handlers/get-order.ts': GET_ORDER },
      code: `${SAM}${fn('handlers/get-order.handler', `      Policies:
        - Statement:
            - Effect: Allow
              Action: dynamodb:*
              Resource: '*'
`)}${TABLE}`,
      errors: [
        {
          line: 16,
          column: 23,
          endLine: 16,
          endColumn: 33,
          resource: 'OrdersFunction',
          message: 'OrdersFunction may call dynamodb:* on *; its code calls only dynamodb:GetItem on OrdersTable.',
        },
      ],
      output: `${SAM}${fn('handlers/get-order.handler', `      Policies:
        - DynamoDBReadPolicy:
            TableName: !Ref OrdersTable
`)}${TABLE}`,
    },
    {
      name: "SAM: Action '*' narrowed to a scoped statement for a PutItem (no template adds only reads)",
      file: 'template.yaml',
      files: { 'src/notify.ts': NOTIFY.replace("import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';\n", '').replace(/\n.*sqs.*\n/g, '\n'), 'src/lib/store.ts': STORE },
      code: `${SAM}${fn('notify.handler', `      Policies:
        - Statement:
            - Effect: Allow
              Action: '*'
              Resource: '*'
`)}${TABLE}`,
      errors: [{ line: 16, column: 23, endLine: 16, endColumn: 26, message: 'may call * on *; its code calls only dynamodb:PutItem on OrdersTable' }],
      output: `${SAM}${fn('notify.handler', `      Policies:
        - Statement:
            - Effect: Allow
              Action:
                - dynamodb:PutItem
              Resource: !GetAtt OrdersTable.Arn
`)}${TABLE}`,
    },
    {
      name: 'used but not granted: SendMessage on a queue no policy names, with a fix that adds SQSSendMessagePolicy',
      file: 'template.yaml',
      files: { 'src/notify.ts': NOTIFY, 'src/lib/store.ts': STORE },
      code: `${SAM}${fn(
        'notify.handler',
        `      Policies:
        - DynamoDBWritePolicy:
            TableName: !Ref OrdersTable
`,
        '          ORDERS_TABLE: !Ref OrdersTable\n          QUEUE_URL: !Ref OrderEvents\n',
      )}${TABLE}  OrderEvents:
    Type: AWS::SQS::Queue
`,
      errors: [
        {
          line: 14,
          column: 7,
          endLine: 14,
          endColumn: 15,
          resource: 'OrdersFunction',
          message: "OrdersFunction's code calls sqs:SendMessage on OrderEvents (notify.ts:8), which its policies do not allow: the call will fail with AccessDenied.",
        },
      ],
      output: `${SAM}${fn(
        'notify.handler',
        `      Policies:
        - DynamoDBWritePolicy:
            TableName: !Ref OrdersTable
        - SQSSendMessagePolicy:
            QueueName: !GetAtt OrderEvents.QueueName
`,
        '          ORDERS_TABLE: !Ref OrdersTable\n          QUEUE_URL: !Ref OrderEvents\n',
      )}${TABLE}  OrderEvents:
    Type: AWS::SQS::Queue
`,
    },
    {
      name: 'Query on an index when only the table ARN is granted: AccessDenied at run time',
      file: 'template.yaml',
      files: { 'src/by-customer.ts': BY_CUSTOMER },
      code: `${SAM}${fn('by-customer.handler', `      Policies:
        - Statement:
            - Effect: Allow
              Action: dynamodb:GetItem
              Resource: !GetAtt OrdersTable.Arn
`)}${TABLE}`,
      errors: [
        { line: 13, column: 7, endLine: 13, endColumn: 15, message: "calls dynamodb:Query on OrdersTable's indexes (by-customer.ts:8)" },
        { line: 16, column: 23, endLine: 16, endColumn: 39, message: 'is allowed dynamodb:GetItem, which its code never calls' },
      ],
    },
    {
      name: 'HeadObject needs s3:GetObject on the objects, ListObjectsV2 s3:ListBucket on the bucket',
      file: 'template.yaml',
      files: { 'src/reports.ts': REPORTS },
      code: `${SAM}${REPORTS_FN(`      Policies:
        - Statement:
            - Effect: Allow
              Action: [s3:ListObjectsV2, s3:HeadObject, s3:GetObject]
              Resource: !GetAtt ReportsBucket.Arn
`)}`,
      errors: [
        { line: 12, column: 7, endLine: 12, endColumn: 15, message: 'calls s3:ListBucket on ReportsBucket; s3:GetObject on objects in ReportsBucket (reports.ts:7 and more)' },
        { line: 15, column: 23, endLine: 15, endColumn: 70, message: 'is allowed s3:ListObjectsV2, s3:HeadObject and s3:GetObject, which its code never calls' },
      ],
    },
    {
      name: 'a command the code does not build: the finding says so and offers no narrowing',
      file: 'template.yaml',
      files: { 'src/dynamic.ts': DYNAMIC },
      code: `${SAM}${fn('dynamic.handler', `      Policies:
        - Statement:
            - Effect: Allow
              Action: dynamodb:*
              Resource: '*'
`)}${TABLE}`,
      errors: [
        {
          line: 16,
          column: 23,
          endLine: 16,
          endColumn: 33,
          message: 'calls only dynamodb:GetItem on OrdersTable. The code also makes a call that could not be read (a DynamoDB command that is not built in the code read, dynamic.ts:8)',
        },
      ],
    },
    {
      name: 'DynamoDBCrudPolicy for a function that only reads: DynamoDBReadPolicy covers it',
      file: 'template.yaml',
      files: { 'src/handlers/get-order.ts': GET_ORDER },
      code: `${SAM}${fn('handlers/get-order.handler', `      Policies:
        - DynamoDBCrudPolicy:
            TableName: !Ref OrdersTable
`)}${TABLE}`,
      errors: [{ line: 14, column: 11, endLine: 14, endColumn: 29, message: 'DynamoDBReadPolicy covers' }],
      output: `${SAM}${fn('handlers/get-order.handler', `      Policies:
        - DynamoDBReadPolicy:
            TableName: !Ref OrdersTable
`)}${TABLE}`,
    },
    {
      name: 'DynamoDBCrudPolicy for a function that only puts: no template fits, so a statement with exactly PutItem replaces it',
      file: 'template.yaml',
      files: { 'src/lib/store.ts': STORE },
      code: `${SAM}${fn('lib/store.put', `      Policies:
        - DynamoDBCrudPolicy:
            TableName: !Ref OrdersTable
`)}${TABLE}`,
      errors: [
        {
          line: 14,
          column: 11,
          endLine: 14,
          endColumn: 29,
          message: 'OrdersFunction is granted DynamoDBCrudPolicy, which also allows dynamodb:DeleteItem, dynamodb:UpdateItem and dynamodb:BatchWriteItem that its code never makes; it calls only dynamodb:PutItem on OrdersTable.',
        },
      ],
      output: `${SAM}${fn('lib/store.put', `      Policies:
        - Statement:
            - Effect: Allow
              Action:
                - dynamodb:PutItem
              Resource: !GetAtt OrdersTable.Arn
`)}${TABLE}`,
    },
    {
      name: 'S3CrudPolicy for a function that lists and heads objects: S3ReadPolicy covers it (reads only, no delete finding)',
      file: 'template.yaml',
      files: { 'src/reports.ts': REPORTS },
      code: `${SAM}${REPORTS_FN(`      Policies:
        - S3CrudPolicy:
            BucketName: !Ref ReportsBucket
`)}`,
      errors: [{ line: 13, column: 11, endLine: 13, endColumn: 23, message: 'which S3ReadPolicy covers' }],
      output: `${SAM}${REPORTS_FN(`      Policies:
        - S3ReadPolicy:
            BucketName: !Ref ReportsBucket
`)}`,
    },
    {
      name: 'JSON template: DynamoDBCrudPolicy for a put becomes a scoped statement in JSON',
      file: 'template.json',
      files: { 'src/lib/store.ts': STORE },
      code: `{
  "Transform": "AWS::Serverless-2016-10-31",
  "Resources": {
    "PutOrder": {
      "Type": "AWS::Serverless::Function",
      "Properties": {
        "CodeUri": "src",
        "Handler": "lib/store.put",
        "Environment": { "Variables": { "ORDERS_TABLE": { "Ref": "OrdersTable" } } },
        "Policies": [ { "DynamoDBCrudPolicy": { "TableName": { "Ref": "OrdersTable" } } } ]
      }
    },
    "OrdersTable": { "Type": "AWS::DynamoDB::Table" }
  }
}
`,
      errors: [{ line: 10, column: 25, endLine: 10, endColumn: 45, message: 'which also allows dynamodb:DeleteItem' }],
      output: `{
  "Transform": "AWS::Serverless-2016-10-31",
  "Resources": {
    "PutOrder": {
      "Type": "AWS::Serverless::Function",
      "Properties": {
        "CodeUri": "src",
        "Handler": "lib/store.put",
        "Environment": { "Variables": { "ORDERS_TABLE": { "Ref": "OrdersTable" } } },
        "Policies": [ { "Statement": [{ "Effect": "Allow", "Action": ["dynamodb:PutItem"], "Resource": { "Fn::GetAtt": ["OrdersTable", "Arn"] } }] } ]
      }
    },
    "OrdersTable": { "Type": "AWS::DynamoDB::Table" }
  }
}
`,
    },
    {
      name: 'one role for two functions that need different things',
      file: 'template.yaml',
      files: { 'src/handlers/get-order.ts': GET_ORDER, 'src/lib/store.ts': STORE },
      code: `${SAM}  GetOrder:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: handlers/get-order.handler
      Role: !GetAtt AppRole.Arn
      Environment: { Variables: { ORDERS_TABLE: !Ref OrdersTable } }
  PutOrder:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: lib/store.put
      Role: !GetAtt AppRole.Arn
      Environment: { Variables: { ORDERS_TABLE: !Ref OrdersTable } }
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }] }
      Policies:
        - PolicyName: app
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: dynamodb:*
                Resource: !GetAtt OrdersTable.Arn
${TABLE}`,
      errors: [
        {
          line: 27,
          column: 25,
          endLine: 27,
          endColumn: 35,
          resource: 'AppRole',
          message:
            'GetOrder and PutOrder (sharing AppRole) may call dynamodb:* on ${OrdersTable.Arn}; their code calls only dynamodb:GetItem and dynamodb:PutItem on OrdersTable. They need different things: GetOrder calls dynamodb:GetItem on OrdersTable; PutOrder calls dynamodb:PutItem on OrdersTable — a role each would hold only its own.',
        },
      ],
      output: `${SAM}  GetOrder:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: handlers/get-order.handler
      Role: !GetAtt AppRole.Arn
      Environment: { Variables: { ORDERS_TABLE: !Ref OrdersTable } }
  PutOrder:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: lib/store.put
      Role: !GetAtt AppRole.Arn
      Environment: { Variables: { ORDERS_TABLE: !Ref OrdersTable } }
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }] }
      Policies:
        - PolicyName: app
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action:
                  - dynamodb:GetItem
                  - dynamodb:PutItem
                Resource: !GetAtt OrdersTable.Arn
${TABLE}`,
    },
    {
      name: 'JSON template: the statement becomes a scoped one in JSON',
      file: 'template.json',
      files: { 'src/lib/store.ts': STORE },
      code: `{
  "Transform": "AWS::Serverless-2016-10-31",
  "Resources": {
    "PutOrder": {
      "Type": "AWS::Serverless::Function",
      "Properties": {
        "CodeUri": "src",
        "Handler": "lib/store.put",
        "Environment": { "Variables": { "ORDERS_TABLE": { "Ref": "OrdersTable" } } },
        "Policies": [ { "Statement": [ { "Effect": "Allow", "Action": ["dynamodb:*"], "Resource": "*" } ] } ]
      }
    },
    "OrdersTable": { "Type": "AWS::DynamoDB::Table" }
  }
}
`,
      errors: [{ line: 10, column: 72, endLine: 10, endColumn: 84, message: 'PutOrder may call dynamodb:* on *' }],
      output: `{
  "Transform": "AWS::Serverless-2016-10-31",
  "Resources": {
    "PutOrder": {
      "Type": "AWS::Serverless::Function",
      "Properties": {
        "CodeUri": "src",
        "Handler": "lib/store.put",
        "Environment": { "Variables": { "ORDERS_TABLE": { "Ref": "OrdersTable" } } },
        "Policies": [ { "Statement": [{ "Effect": "Allow", "Action": ["dynamodb:PutItem"], "Resource": { "Fn::GetAtt": ["OrdersTable", "Arn"] } }] } ]
      }
    },
    "OrdersTable": { "Type": "AWS::DynamoDB::Table" }
  }
}
`,
    },
  ],
});

describe('least-privilege: naming the writes a grant allows beyond the calls', () => {
  it('lists deletes first and counts what it does not show', () => {
    const writes = ['s3:PutObjectAcl', 's3:PutLifecycleConfiguration', 's3:DeleteObject', 's3:PutBucketPolicy', 's3:DeleteBucket'];
    assert.equal(writesText(writes), 's3:DeleteObject, s3:DeleteBucket, s3:PutObjectAcl and 2 more writes');
    assert.equal(writesText(writes.slice(0, 4)), 's3:DeleteObject, s3:PutObjectAcl, s3:PutLifecycleConfiguration and 1 more write');
    assert.equal(writesText(['sqs:PurgeQueue']), 'sqs:PurgeQueue');
  });

  it('counts deleting, purging and terminating as destructive, and other writes not', () => {
    assert.deepEqual(
      ['dynamodb:DeleteItem', 'sqs:PurgeQueue', 'ec2:TerminateInstances', 'iam:RemoveRoleFromInstanceProfile', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem', 's3:PutObject'].map(isDestructive),
      [true, true, true, true, false, false, false],
    );
  });
});
