// The SDK call → IAM action mapping, one case per client style and per known exception.
import * as assert from 'node:assert/strict';
import { WorkspaceIndex } from '../../engine/workspace';
import { callsOfModuleGraph } from './aws-calls';
import type { CodeCalls } from './aws-calls';
import { dirnameKey, joinKey } from '../../engine/paths';

function callsOf(code: string, others: Record<string, string> = {}, file = 'src/handler.ts'): CodeCalls {
  const w = new WorkspaceIndex();
  w.update(file, code, 'code');
  for (const [f, text] of Object.entries(others)) w.update(f, text, 'code');
  return callsOfModuleGraph(w, file);
}

/** "action resource-description scope" per call, in order. */
function summary(c: CodeCalls): string[] {
  return c.calls.flatMap((x) =>
    x.actions.map((a) => {
      const r = x.resource;
      const name = r.kind === 'env' ? `env:${r.name}` : r.kind === 'literal' ? `'${r.value}'` : r.kind;
      return `${a} ${name} ${x.scope}`;
    }),
  );
}

const V3_S3 = "import { S3Client, ListObjectsV2Command, HeadObjectCommand, HeadBucketCommand, GetObjectCommand, CopyObjectCommand } from '@aws-sdk/client-s3';\nconst s3 = new S3Client({});\nconst Bucket = process.env.BUCKET!;\n";

describe('AWS SDK calls → IAM actions', () => {
  const cases: { name: string; code: string; expected: string[]; files?: Record<string, string> }[] = [
    {
      name: 'v3 command with send',
      code: "import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';\nconst c = new DynamoDBClient({});\nexport const h = async () => c.send(new GetItemCommand({ TableName: process.env.T, Key: {} }));\n",
      expected: ['dynamodb:GetItem env:T self'],
    },
    {
      name: 'S3 ListObjectsV2 → s3:ListBucket on the bucket',
      code: `${V3_S3}await s3.send(new ListObjectsV2Command({ Bucket }));\n`,
      expected: ['s3:ListBucket env:BUCKET self'],
    },
    {
      name: 'S3 HeadObject → s3:GetObject on the objects',
      code: `${V3_S3}await s3.send(new HeadObjectCommand({ Bucket, Key: 'k' }));\n`,
      expected: ['s3:GetObject env:BUCKET children'],
    },
    {
      name: 'S3 HeadBucket → s3:ListBucket',
      code: `${V3_S3}await s3.send(new HeadBucketCommand({ Bucket }));\n`,
      expected: ['s3:ListBucket env:BUCKET self'],
    },
    {
      name: 'S3 CopyObject → s3:GetObject and s3:PutObject',
      code: `${V3_S3}await s3.send(new CopyObjectCommand({ Bucket, Key: 'b', CopySource: 'x/a' }));\n`,
      expected: ['s3:GetObject env:BUCKET children', 's3:PutObject env:BUCKET children'],
    },
    {
      name: 'presigned URL: the command is what the URL will do',
      code: `${V3_S3}import { getSignedUrl } from '@aws-sdk/s3-request-presigner';\nexport const url = () => getSignedUrl(s3, new GetObjectCommand({ Bucket: 'reports', Key: 'a' }), { expiresIn: 60 });\n`,
      expected: ["s3:GetObject 'reports' children"],
    },
    {
      name: 'lib-storage Upload → s3:PutObject and the multipart abort',
      code: "import { S3Client } from '@aws-sdk/client-s3';\nimport { Upload } from '@aws-sdk/lib-storage';\nconst up = new Upload({ client: new S3Client({}), params: { Bucket: process.env.UPLOADS, Key: 'k', Body: 'b' } });\nawait up.done();\n",
      expected: ['s3:PutObject env:UPLOADS children', 's3:AbortMultipartUpload env:UPLOADS children'],
    },
    {
      name: 'lib-dynamodb commands map to the item operations',
      code: "import { DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand, BatchGetCommand } from '@aws-sdk/lib-dynamodb';\nimport { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nconst { TABLE } = process.env;\nconst d = DynamoDBDocumentClient.from(new DynamoDBClient({}));\nawait d.send(new GetCommand({ TableName: TABLE, Key: {} }));\nawait d.send(new PutCommand({ TableName: TABLE, Item: {} }));\nawait d.send(new ScanCommand({ TableName: TABLE }));\nawait d.send(new BatchGetCommand({ RequestItems: { [TABLE!]: { Keys: [] }, audit: { Keys: [] } } }));\n",
      expected: ['dynamodb:GetItem env:TABLE self', 'dynamodb:PutItem env:TABLE self', 'dynamodb:Scan env:TABLE self', 'dynamodb:BatchGetItem env:TABLE self', "dynamodb:BatchGetItem 'audit' self"],
    },
    {
      name: 'Query with IndexName → the index ARN; paginators like their operation',
      code: "import { DynamoDBDocumentClient, QueryCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';\nconst d = DynamoDBDocumentClient.from(x);\nawait d.send(new QueryCommand({ TableName: 'orders', IndexName: 'byCustomer' }));\nfor await (const p of paginateQuery({ client: d }, { TableName: 'orders' })) void p;\n",
      expected: ["dynamodb:Query 'orders' index", "dynamodb:Query 'orders' self"],
    },
    {
      name: 'TransactWrite → the action of each item',
      code: "import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';\nawait d.send(new TransactWriteCommand({ TransactItems: [ { Put: { TableName: 'orders', Item: {} } }, { Update: { TableName: 'stock', Key: {} } }, { ConditionCheck: { TableName: 'users', Key: {} } } ] }));\n",
      expected: ["dynamodb:PutItem 'orders' self", "dynamodb:UpdateItem 'stock' self", "dynamodb:ConditionCheckItem 'users' self"],
    },
    {
      name: 'aggregated v3 client methods',
      code: "import { DynamoDB } from '@aws-sdk/client-dynamodb';\nimport { SecretsManager } from '@aws-sdk/client-secrets-manager';\nconst ddb = new DynamoDB({});\nconst sm = new SecretsManager({});\nawait ddb.getItem({ TableName: 't', Key: {} });\nawait sm.getSecretValue({ SecretId: process.env.SECRET_ARN });\n",
      expected: ["dynamodb:GetItem 't' self", 'secretsmanager:GetSecretValue env:SECRET_ARN self'],
    },
    {
      name: 'SDK v2: DocumentClient get/put/scan/batchGet/transactWrite and S3 getObject',
      code: "const AWS = require('aws-sdk');\nconst dc = new AWS.DynamoDB.DocumentClient();\nconst s3 = new AWS.S3();\nconst T = process.env.T;\nawait dc.get({ TableName: T, Key: {} }).promise();\nawait dc.put({ TableName: T, Item: {} }).promise();\nawait dc.scan({ TableName: T }).promise();\nawait dc.batchGet({ RequestItems: { [T]: {} } }).promise();\nawait dc.transactWrite({ TransactItems: [{ Delete: { TableName: T, Key: {} } }] }).promise();\nawait s3.getObject({ Bucket: 'b', Key: 'k' }).promise();\nawait s3.listObjectsV2({ Bucket: 'b' }).promise();\n",
      expected: [
        'dynamodb:GetItem env:T self',
        'dynamodb:PutItem env:T self',
        'dynamodb:Scan env:T self',
        'dynamodb:BatchGetItem env:T self',
        'dynamodb:DeleteItem env:T self',
        "s3:GetObject 'b' children",
        "s3:ListBucket 'b' self",
      ],
    },
    {
      name: 'SDK v2 client module import and v2 upload / getSignedUrl',
      code: "import S3 from 'aws-sdk/clients/s3';\nconst s3 = new S3();\nawait s3.upload({ Bucket: 'b', Key: 'k', Body: '' }).promise();\nconst u = s3.getSignedUrl('putObject', { Bucket: 'b', Key: 'k' });\n",
      expected: ["s3:PutObject 'b' children", "s3:AbortMultipartUpload 'b' children", "s3:PutObject 'b' children"],
    },
    {
      name: 'SQS batch, SNS, EventBridge default bus, Step Functions, Lambda Invoke, SSM, KMS, Kinesis',
      code: [
        "import { SQSClient, SendMessageBatchCommand } from '@aws-sdk/client-sqs';",
        "import { SNSClient, PublishCommand } from '@aws-sdk/client-sns';",
        "import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';",
        "import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';",
        "import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda';",
        "import { SSMClient, GetParametersCommand } from '@aws-sdk/client-ssm';",
        "import { KMSClient, DecryptCommand } from '@aws-sdk/client-kms';",
        "import { KinesisClient, PutRecordCommand } from '@aws-sdk/client-kinesis';",
        "await c.send(new SendMessageBatchCommand({ QueueUrl: process.env.Q, Entries: [] }));",
        "await c.send(new PublishCommand({ TopicArn: process.env.TOPIC, Message: 'm' }));",
        "await c.send(new PutEventsCommand({ Entries: [{ Source: 'orders', DetailType: 'x', Detail: '{}' }, { EventBusName: process.env.BUS, Source: 's' }] }));",
        "await c.send(new StartExecutionCommand({ stateMachineArn: process.env.SM }));",
        "await c.send(new InvokeCommand({ FunctionName: 'other' }));",
        "await c.send(new GetParametersCommand({ Names: ['/app/a', process.env.P] }));",
        "await c.send(new DecryptCommand({ CiphertextBlob: b, KeyId: process.env.KEY }));",
        "await c.send(new PutRecordCommand({ StreamName: 'clicks', Data: d, PartitionKey: 'p' }));",
      ].join('\n'),
      expected: [
        'sqs:SendMessage env:Q self',
        'sns:Publish env:TOPIC self',
        'events:PutEvents default-bus self',
        'events:PutEvents env:BUS self',
        'states:StartExecution env:SM self',
        "lambda:InvokeFunction 'other' self",
        "ssm:GetParameters '/app/a' self",
        'ssm:GetParameters env:P self',
        'kms:Decrypt env:KEY self',
        "kinesis:PutRecord 'clicks' self",
      ],
    },
    {
      name: 'SES, Cognito (admin calls need IAM, token calls do not) and X-Ray (no resource)',
      code: [
        "import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';",
        "import { CognitoIdentityProviderClient, AdminGetUserCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';",
        "import { XRayClient, PutTraceSegmentsCommand } from '@aws-sdk/client-xray';",
        'await c.send(new SendEmailCommand({}));',
        'await c.send(new AdminGetUserCommand({ UserPoolId: process.env.POOL, Username: u }));',
        'await c.send(new InitiateAuthCommand({ AuthFlow: f }));',
        'await c.send(new PutTraceSegmentsCommand({ TraceSegmentDocuments: [] }));',
      ].join('\n'),
      expected: ['ses:SendEmail unknown self', 'cognito-idp:AdminGetUser env:POOL self', 'xray:PutTraceSegments none none'],
    },
    {
      name: 'namespace import, a client wrapped for tracing, and a relative module exporting the table name',
      code: "import * as ddb from '@aws-sdk/client-dynamodb';\nimport AWSXRay from 'aws-xray-sdk-core';\nimport { TABLE } from './config';\nconst c = AWSXRay.captureAWSv3Client(new ddb.DynamoDBClient({}));\nawait c.send(new ddb.DeleteItemCommand({ TableName: TABLE, Key: {} }));\n",
      files: { 'src/config.ts': 'export const TABLE = process.env.ORDERS_TABLE as string;\n' },
      expected: ['dynamodb:DeleteItem env:ORDERS_TABLE self'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = callsOf(c.code, c.files);
      assert.deepEqual(summary(r), c.expected);
      assert.deepEqual(r.unresolved, []);
    });
  }

  it('a command sent but not built here, and a method picked at run time, are unresolved', () => {
    const r = callsOf(
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nimport { S3 } from '@aws-sdk/client-s3';\nconst c = new DynamoDBClient({});\nconst s3 = new S3({});\nexport const h = (cmd: any, op: string) => { c.send(cmd); return (s3 as any)[op]({}); };\n",
    );
    assert.deepEqual(summary(r), []);
    assert.deepEqual(
      r.unresolved.map((u) => [u.line, u.service, u.reason]),
      [
        [4, 'dynamodb', 'a DynamoDB command that is not built in the code read'],
        [4, 's3', 'a S3 method chosen at run time'],
      ],
    );
  });

  it('a client passed in with its type still maps its calls; an untyped one is not guessed', () => {
    const r = callsOf(
      "import type { DynamoDBDocument } from '@aws-sdk/lib-dynamodb';\nexport async function load(db: DynamoDBDocument, other) {\n  await db.get({ TableName: 'orders', Key: {} });\n  await other.get({ TableName: 'orders', Key: {} });\n}\n",
    );
    assert.deepEqual(summary(r), ["dynamodb:GetItem 'orders' self"]);
  });

  it('a relative import that is not in the workspace makes the list incomplete', () => {
    const r = callsOf("import { save } from './missing';\nexport const h = () => save();\n");
    assert.equal(r.unresolved.length, 1);
    assert.match(r.unresolved[0].reason, /'\.\/missing' is not in the workspace/);
  });

  it('imports that form a cycle are read once each', () => {
    const r = callsOf("import './b';\nimport { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';\nnew GetObjectCommand({ Bucket: 'a', Key: 'k' });\n", {
      'src/b.ts': "import './handler';\nimport { SNSClient, PublishCommand } from '@aws-sdk/client-sns';\nnew PublishCommand({ TopicArn: 't' });\n",
    });
    assert.deepEqual(r.files, ['src/handler.ts', 'src/b.ts']);
    assert.deepEqual(summary(r), ["s3:GetObject 'a' children", "sns:Publish 't' self"]);
  });
});

describe('file keys joined in the style of the index', () => {
  const cases: [string, string, string][] = [
    ['examples/orders-api/template.yaml', 'src/handlers/get-order.ts', 'examples/orders-api/src/handlers/get-order.ts'],
    ['template.yaml', './src/a.ts', 'src/a.ts'],
    ['/abs/infra/template.yaml', '../src/a.ts', '/abs/src/a.ts'],
    ['C:/work/app/template.yaml', 'src/a.ts', 'C:/work/app/src/a.ts'],
    ['file:///home/me/my%20app/template.yaml', 'src/a b.ts', 'file:///home/me/my%20app/src/a%20b.ts'],
    ['file:///home/me/app/infra/template.yaml', '../src/./x.ts', 'file:///home/me/app/src/x.ts'],
  ];
  for (const [base, rel, expected] of cases) {
    it(`${base} + ${rel}`, () => assert.equal(joinKey(dirnameKey(base), rel), expected));
  }
});
