import * as assert from 'node:assert/strict';
import type { InvalidCase, ValidCase } from '../../../../test/kit/rule-tester';
import { runCdk } from '../../../../test/kit/cdk';
import { analyzeDocument } from '../../engine/analyze';
import { resolveConfig } from '../../engine/config';
import { WorkspaceIndex } from '../../engine/workspace';
import { RULES } from '..';

const HEAD = `import * as path from 'node:path';
import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
`;

/** A stack whose constructor body is `body`, with an orders table made first. */
const stack = (body: string, head = HEAD): string => `${head}
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const table = new dynamodb.Table(this, 'OrdersTable', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
${body}  }
}
`;

const GET_ORDER = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event: { pathParameters?: { id?: string } }) => {
  const { Item } = await documents.send(new GetCommand({ TableName: process.env.ORDERS_TABLE, Key: { id: event.pathParameters?.id } }));
  return { statusCode: Item ? 200 : 404, body: JSON.stringify(Item ?? {}) };
};
`;

const BY_CUSTOMER = `import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';

const ddb = new DynamoDBClient({});

export async function handler(event: { customerId: string }) {
  const page = await ddb.send(new QueryCommand({
    TableName: process.env.ORDERS_TABLE,
    IndexName: 'byCustomer',
    KeyConditionExpression: 'customerId = :c',
    ExpressionAttributeValues: { ':c': { S: event.customerId } },
  }));
  return page.Items ?? [];
}
`;

const REPORTS = `import { HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';

const s3 = new S3Client({});

export const handler = async () => {
  const listing = await s3.send(new ListObjectsV2Command({ Bucket: process.env.REPORTS_BUCKET, Prefix: 'daily/' }));
  const first = listing.Contents?.[0]?.Key;
  if (!first) return null;
  return s3.send(new HeadObjectCommand({ Bucket: process.env.REPORTS_BUCKET, Key: first }));
};
`;

const DYNAMIC = `import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';

const ddb = new DynamoDBClient({});
const commands = { read: GetItemCommand, write: PutItemCommand };

export async function handler(event: { kind: 'read' | 'write'; input: never }) {
  const Command = commands[event.kind];
  return ddb.send(new Command(event.input));
}
`;

const V2_SAVE = `const AWS = require('aws-sdk');
const documents = new AWS.DynamoDB.DocumentClient();

exports.handler = async (event) => {
  await documents.put({ TableName: process.env.ORDERS_TABLE, Item: { id: event.id } }).promise();
  return { ok: true };
};
`;

export const CASES: { valid: ValidCase[]; invalid: InvalidCase[] } = {
  valid: [
    {
      name: 'grantReadData is the narrowest table grant for a GetItem',
      file: 'infra/lib/stack.ts',
      files: { 'infra/lambda/get-order.ts': GET_ORDER },
      code: stack(`    const fn = new NodejsFunction(this, 'GetOrder', {
      entry: path.join(__dirname, '..', 'lambda', 'get-order.ts'),
      environment: { ORDERS_TABLE: table.tableName },
    });
    table.grantReadData(fn);
`),
    },
    {
      name: 'exactly GetItem on the table ARN, with a function from Code.fromAsset and a handler',
      file: 'infra/lib/stack.ts',
      files: { 'infra/src/handlers/get-order.ts': GET_ORDER },
      code: stack(`    const fn = new lambda.Function(this, 'GetOrder', {
      runtime: lambda.Runtime.NODEJS_22_X,
      code: lambda.Code.fromAsset(path.join(__dirname, '../src')),
      handler: 'handlers/get-order.handler',
      environment: { ORDERS_TABLE: table.tableName },
    });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [table.tableArn] }));
`),
    },
    {
      name: 'Query on an index, with the index ARN as a template literal',
      file: 'infra/lib/stack.ts',
      files: { 'infra/lambda/by-customer.ts': BY_CUSTOMER },
      code: stack(`    const fn = new NodejsFunction(this, 'ByCustomer', {
      entry: 'lambda/by-customer.ts',
      environment: { ORDERS_TABLE: table.tableName },
    });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: [\`\${table.tableArn}/index/*\`] }));
`),
    },
    {
      name: 'ListObjectsV2 is s3:ListBucket on the bucket and HeadObject is s3:GetObject on its objects: grantRead covers both',
      file: 'infra/lib/stack.ts',
      files: { 'infra/lambda/reports.ts': REPORTS },
      code: stack(
        `    const reports = new s3.Bucket(this, 'Reports');
    const fn = new NodejsFunction(this, 'Reports', { entry: 'lambda/reports.ts', environment: { REPORTS_BUCKET: reports.bucketName } });
    reports.grantRead(fn);
`,
        `${HEAD}import * as s3 from 'aws-cdk-lib/aws-s3';\n`,
      ),
    },
    {
      name: 'a role with managed policies may allow anything: no call is reported as missing',
      file: 'infra/lib/stack.ts',
      files: { 'infra/lambda/get-order.ts': GET_ORDER },
      code: stack(`    const role = new iam.Role(this, 'OrdersRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonDynamoDBReadOnlyAccess')],
    });
    new NodejsFunction(this, 'GetOrder', { entry: 'lambda/get-order.ts', role, environment: { ORDERS_TABLE: table.tableName } });
`),
    },
    {
      name: 'the handler is not in the workspace: nothing is said about its needs',
      file: 'infra/lib/stack.ts',
      code: stack(`    const fn = new NodejsFunction(this, 'GetOrder', { entry: 'lambda/get-order.ts', environment: { ORDERS_TABLE: table.tableName } });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));
`),
    },
    {
      name: 'inline code is not read',
      file: 'infra/lib/stack.ts',
      files: { 'infra/lambda/get-order.ts': GET_ORDER },
      code: stack(`    const fn = new lambda.Function(this, 'GetOrder', {
      runtime: lambda.Runtime.NODEJS_22_X,
      code: lambda.Code.fromInline('exports.handler = async () => ({})'),
      handler: 'index.handler',
    });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));
`),
    },
    {
      name: 'values the analysis cannot read are unknown, never an error or a guess',
      file: 'infra/lib/stack.ts',
      files: { 'infra/lambda/get-order.ts': GET_ORDER },
      code: stack(`    const parts: string[] = process.argv.slice(2);
    const opts = JSON.parse(process.env.FN_OPTIONS ?? '{}');
    const a = new NodejsFunction(this, 'A', { entry: path.join(...parts), environment: { ...opts.env } });
    const b = new NodejsFunction(this, 'B', { entry: 42 as unknown as string, handler: opts.handler });
    const c = new lambda.Function(this, 'C', { runtime: lambda.Runtime.NODEJS_22_X, code: opts.code, handler: \`\${opts.module}.handler\` });
    const d = new NodejsFunction(this, 'D', { entry: path.join(__dirname, opts.dir, 'get-order.ts'), environment: { ORDERS_TABLE: opts.table } });
    table.grant(a, ...opts.actions);
    table.grantStreamRead(b);
    table.grantReadData(c);
    opts.bucket.grantRead(d);
    d.addToRolePolicy(new iam.PolicyStatement({ actions: opts.actions, resources: [opts.arn] }));
`),
    },
  ],
  invalid: [
    {
      name: 'NodejsFunction entry built with path.join(__dirname, ...): a call no grant allows, with the statement that allows it',
      file: 'infra/lib/stack.ts',
      files: { 'infra/lambda/get-order.ts': GET_ORDER },
      code: stack(`    const getOrder = new NodejsFunction(this, 'GetOrder', {
      entry: path.join(__dirname, '..', 'lambda', 'get-order.ts'),
      environment: { ORDERS_TABLE: table.tableName },
    });
`),
      errors: [
        { line: 13, column: 47, endLine: 13, endColumn: 57, message: "GetOrder's code calls dynamodb:GetItem on OrdersTable (get-order.ts:7), which its role doe", resource: 'GetOrder' },
      ],
      output: stack(`    const getOrder = new NodejsFunction(this, 'GetOrder', {
      entry: path.join(__dirname, '..', 'lambda', 'get-order.ts'),
      environment: { ORDERS_TABLE: table.tableName },
    });
    getOrder.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [table.tableArn] }));
`),
    },
    {
      name: 'the default entry beside the stack file: dynamodb:* on * narrowed to GetItem on the table',
      file: 'infra/lib/stack.ts',
      files: { 'infra/lib/stack.GetOrder.ts': GET_ORDER },
      code: stack(`    const fn = new NodejsFunction(this, 'GetOrder', { environment: { ORDERS_TABLE: table.tableName } });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));
`),
      errors: [
        { line: 14, column: 60, endLine: 14, endColumn: 72, message: "GetOrder may call dynamodb:* on *; its code calls only dynamodb:GetItem on OrdersTable.", resource: 'GetOrder' },
      ],
      output: stack(`    const fn = new NodejsFunction(this, 'GetOrder', { environment: { ORDERS_TABLE: table.tableName } });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [table.tableArn] }));
`),
    },
    {
      name: 'Code.fromAsset relative to the app folder: grantReadWriteData for a function that only reads',
      file: 'infra/lib/stack.ts',
      files: { 'infra/src/get-order.ts': GET_ORDER },
      code: stack(`    const fn = new lambda.Function(this, 'GetOrder', {
      runtime: lambda.Runtime.NODEJS_22_X,
      code: lambda.Code.fromAsset('src'),
      handler: 'get-order.handler',
      environment: { ORDERS_TABLE: table.tableName },
    });
    table.grantReadWriteData(fn);
`),
      errors: [
        { line: 19, column: 11, endLine: 19, endColumn: 29, message: "GetOrder is granted OrdersTable.grantReadWriteData(...), which allows actions its code never calls", resource: 'GetOrder' },
      ],
      output: stack(`    const fn = new lambda.Function(this, 'GetOrder', {
      runtime: lambda.Runtime.NODEJS_22_X,
      code: lambda.Code.fromAsset('src'),
      handler: 'get-order.handler',
      environment: { ORDERS_TABLE: table.tableName },
    });
    table.grantReadData(fn);
`),
    },
    {
      name: 'a write grant for a function that only reads: unused, and the read is missing',
      file: 'infra/lib/stack.ts',
      files: { 'infra/lambda/get-order.ts': GET_ORDER },
      code: stack(`    const fn = new NodejsFunction(this, 'GetOrder', { entry: 'lambda/get-order.ts', environment: { ORDERS_TABLE: table.tableName } });
    table.grantWriteData(fn);
`),
      errors: [
        { line: 13, column: 41, endLine: 13, endColumn: 51, message: "GetOrder's code calls dynamodb:GetItem on OrdersTable (get-order.ts:7), which its role doe", resource: 'GetOrder' },
        { line: 14, column: 11, endLine: 14, endColumn: 25, message: "GetOrder is granted OrdersTable.grantWriteData(...), but its code calls none of its action", resource: 'GetOrder' },
      ],
    },
    {
      name: 'Query on an index is allowed on the index ARN: the fix writes it',
      file: 'infra/lib/stack.ts',
      files: { 'infra/lambda/by-customer.ts': BY_CUSTOMER },
      code: stack(`    const fn = new NodejsFunction(this, 'ByCustomer', {
      entry: 'lambda/by-customer.ts',
      environment: { ORDERS_TABLE: table.tableName },
    });
`),
      errors: [
        { line: 13, column: 41, endLine: 13, endColumn: 53, message: "ByCustomer's code calls dynamodb:Query on OrdersTable's indexes (by-customer.ts:6), which ", resource: 'ByCustomer' },
      ],
      output: stack(`    const fn = new NodejsFunction(this, 'ByCustomer', {
      entry: 'lambda/by-customer.ts',
      environment: { ORDERS_TABLE: table.tableName },
    });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: [\`\${table.tableArn}/index/*\`] }));
`),
    },
    {
      name: 'Query on an index needs the index ARN, not only the table',
      file: 'infra/lib/stack.ts',
      files: { 'infra/lambda/by-customer.ts': BY_CUSTOMER },
      code: stack(`    const fn = new NodejsFunction(this, 'ByCustomer', {
      entry: 'lambda/by-customer.ts',
      environment: { ORDERS_TABLE: table.tableName },
    });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: [table.tableArn] }));
`),
      errors: [
        { line: 13, column: 41, endLine: 13, endColumn: 53, message: "ByCustomer's code calls dynamodb:Query on OrdersTable's indexes (by-customer.ts:6), which ", resource: 'ByCustomer' },
        { line: 17, column: 60, endLine: 17, endColumn: 76, message: "ByCustomer is allowed dynamodb:Query, which its code never calls.", resource: 'ByCustomer' },
      ],
    },
    {
      name: 's3:* on the bucket and its objects narrowed to ListBucket on the bucket and GetObject on the objects',
      file: 'infra/lib/stack.ts',
      files: { 'infra/lambda/reports.ts': REPORTS },
      code: stack(
        `    const reports = new s3.Bucket(this, 'Reports');
    const fn = new NodejsFunction(this, 'Reports', { entry: 'lambda/reports.ts', environment: { REPORTS_BUCKET: reports.bucketName } });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: [reports.bucketArn, reports.arnForObjects('*')] }));
`,
        `${HEAD}import * as s3 from 'aws-cdk-lib/aws-s3';\n`,
      ),
      errors: [
        { line: 16, column: 60, endLine: 16, endColumn: 66, message: "Reports may call s3:* on reports.bucketArn, reports.arnForObjects('*')", resource: 'Reports' },
      ],
      output: stack(
        `    const reports = new s3.Bucket(this, 'Reports');
    const fn = new NodejsFunction(this, 'Reports', { entry: 'lambda/reports.ts', environment: { REPORTS_BUCKET: reports.bucketName } });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [\`\${reports.bucketArn}/*\`] }));
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [reports.bucketArn] }));
`,
        `${HEAD}import * as s3 from 'aws-cdk-lib/aws-s3';\n`,
      ),
    },
    {
      name: 'one role, two functions that need different things: the evidence in the message',
      file: 'infra/lib/stack.ts',
      files: { 'infra/lambda/get-order.ts': GET_ORDER, 'infra/lambda/save-order.js': V2_SAVE },
      code: stack(`    const role = new iam.Role(this, 'OrdersRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: [table.tableArn] }));
    new NodejsFunction(this, 'GetOrder', { entry: 'lambda/get-order.ts', role, environment: { ORDERS_TABLE: table.tableName } });
    new NodejsFunction(this, 'SaveOrder', { entry: 'lambda/save-order.js', role, environment: { ORDERS_TABLE: table.tableName } });
`),
      errors: [
        { line: 14, column: 58, endLine: 14, endColumn: 70, message: "They need different things: GetOrder calls dynamodb:GetItem on OrdersTable; SaveOrder calls dynamodb:PutItem on OrdersTable", resource: 'GetOrder' },
      ],
      output: stack(`    const role = new iam.Role(this, 'OrdersRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], resources: [table.tableArn] }));
    new NodejsFunction(this, 'GetOrder', { entry: 'lambda/get-order.ts', role, environment: { ORDERS_TABLE: table.tableName } });
    new NodejsFunction(this, 'SaveOrder', { entry: 'lambda/save-order.js', role, environment: { ORDERS_TABLE: table.tableName } });
`),
    },
    {
      name: 'a command chosen at run time: the message says the list may be incomplete, and no narrowing is offered',
      file: 'infra/lib/stack.ts',
      files: { 'infra/lambda/dynamic.ts': DYNAMIC },
      code: stack(`    const fn = new NodejsFunction(this, 'Dynamic', { entry: 'lambda/dynamic.ts', environment: { ORDERS_TABLE: table.tableName } });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));
`),
      errors: [
        { line: 14, column: 60, endLine: 14, endColumn: 72, message: "could not be read (a DynamoDB command that is not built in the code read, dynamic.ts:8), so this list may be incomplete", resource: 'Dynamic' },
      ],
    },
    {
      name: 'an imported table, SDK v2 in a CommonJS handler found with path.resolve',
      file: 'infra/lib/stack.ts',
      files: { 'infra/src/index.js': V2_SAVE },
      code: stack(`    const legacy = dynamodb.Table.fromTableName(this, 'LegacyOrders', 'legacy-orders');
    const saver = new lambda.Function(this, 'SaveOrder', {
      runtime: lambda.Runtime.NODEJS_22_X,
      code: lambda.Code.fromAsset(path.resolve(__dirname, '..', 'src')),
      handler: 'index.handler',
      environment: { ORDERS_TABLE: legacy.tableName },
    });
`),
      errors: [
        { line: 14, column: 45, endLine: 14, endColumn: 56, message: "SaveOrder's code calls dynamodb:PutItem on LegacyOrders (index.js:5), which its role does ", resource: 'SaveOrder' },
      ],
      output: stack(`    const legacy = dynamodb.Table.fromTableName(this, 'LegacyOrders', 'legacy-orders');
    const saver = new lambda.Function(this, 'SaveOrder', {
      runtime: lambda.Runtime.NODEJS_22_X,
      code: lambda.Code.fromAsset(path.resolve(__dirname, '..', 'src')),
      handler: 'index.handler',
      environment: { ORDERS_TABLE: legacy.tableName },
    });
    saver.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [legacy.tableArn] }));
`),
    },
    {
      name: 'initialPolicy with a broad statement',
      file: 'infra/lib/stack.ts',
      files: { 'infra/lambda/get-order.ts': GET_ORDER },
      code: stack(`    new NodejsFunction(this, 'GetOrder', {
      entry: 'lambda/get-order.ts',
      environment: { ORDERS_TABLE: table.tableName },
      initialPolicy: [new iam.PolicyStatement({ actions: ['dynamodb:GetItem', 'dynamodb:DeleteItem'], resources: [table.tableArn] })],
    });
`),
      errors: [
        { line: 16, column: 79, endLine: 16, endColumn: 100, message: "GetOrder is allowed dynamodb:DeleteItem, which its code never calls (it calls dynamodb:Get", resource: 'GetOrder' },
      ],
      output: stack(`    new NodejsFunction(this, 'GetOrder', {
      entry: 'lambda/get-order.ts',
      environment: { ORDERS_TABLE: table.tableName },
      initialPolicy: [new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [table.tableArn] })],
    });
`),
    },
  ],
};

runCdk('least-privilege', CASES);

describe('least-privilege on CDK: the access read once per syntax tree follows the workspace', () => {
  it('re-analysing the same stack text after its handler is indexed reads the handler', () => {
    const rules = RULES.filter((r) => r.meta.id === 'least-privilege');
    const config = resolveConfig();
    const workspace = new WorkspaceIndex();
    const doc = {
      file: 'infra/lib/stack.ts',
      text: stack(`    const getOrder = new NodejsFunction(this, 'GetOrder', {
      entry: 'lambda/get-order.ts',
      environment: { ORDERS_TABLE: table.tableName },
    });
    getOrder.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));
`),
    };
    const messages = () => analyzeDocument(doc, config, workspace, { rules }).findings.map((f) => f.message);
    const before = messages();
    assert.ok(before.every((m) => !m.includes('dynamodb:GetItem')), before.join('\n'));
    workspace.store('infra/lambda/get-order.ts', GET_ORDER, 'code');
    const after = messages();
    assert.ok(after.some((m) => m.includes('dynamodb:GetItem')), after.join('\n'));
    assert.notDeepEqual(after, before);
  });
});
