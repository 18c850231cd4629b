/**
 * Realistic starting points for the fuzzer: SAM and CloudFormation templates in YAML and JSON,
 * and Lambda handlers in TypeScript, JavaScript and JSX, written to touch every part of the
 * models (Globals, intrinsics in short and long form, events, suppressions, SQL, JSX).
 */

export interface Seed {
  /** The file name: its extension picks the model. */
  file: string;
  languageId: string;
  text: string;
}

const SAM_YAML = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Description: >
  Orders service: an HTTP API in front of three functions and a table.
Parameters:
  Stage:
    Type: String
    Default: prod
    AllowedValues: [dev, prod]
  TableName:
    Type: String
    Default: orders
Mappings:
  StageConfig:
    prod: { LogLevel: WARN, Memory: 1024 }
    dev: { LogLevel: DEBUG, Memory: 256 }
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
  NotProd: !Not [!Condition IsProd]
Globals:
  Function:
    Runtime: nodejs20.x
    Timeout: 10
    MemorySize: !FindInMap [StageConfig, !Ref Stage, Memory]
    Tracing: Active
    Environment:
      Variables:
        TABLE: !Ref OrdersTable
        LOG_LEVEL: !FindInMap [StageConfig, !Ref Stage, LogLevel]
Resources:
  OrdersApi:
    Type: AWS::Serverless::HttpApi
    Properties:
      StageName: !Ref Stage
      Auth:
        DefaultAuthorizer: OrdersJwt
        Authorizers:
          OrdersJwt:
            IdentitySource: $request.header.Authorization
            JwtConfiguration:
              issuer: !Sub https://cognito-idp.\${AWS::Region}.amazonaws.com/\${UserPool}
              audience: [!Ref UserPoolClient]
  CreateOrderFunction:
    Type: AWS::Serverless::Function
    Metadata:
      serverless-guard:
        ignore:
          - rule: iam-wildcard-action
            reason: reviewed by the platform team in SEC-118
    Properties:
      Handler: src/create-order.handler
      CodeUri: .
      Policies:
        - DynamoDBCrudPolicy:
            TableName: !Ref OrdersTable
        - Statement:
            - Effect: Allow
              Action: 'dynamodb:*'   # serverless-guard-ignore iam-wildcard-action: table-scoped, see above
              Resource: !GetAtt OrdersTable.Arn
            - Effect: Allow
              Action:
                - sqs:SendMessage
                - !If [IsProd, 'sns:Publish', !Ref AWS::NoValue]
              Resource: !Join ['', ['arn:aws:sqs:', !Ref 'AWS::Region', ':', !Ref 'AWS::AccountId', ':orders']]
      Events:
        Create:
          Type: HttpApi
          Properties:
            ApiId: !Ref OrdersApi
            Path: /orders
            Method: post
  ReportFunction:
    Type: AWS::Serverless::Function
    Condition: IsProd
    Properties:
      Handler: src/report.handler
      FunctionUrlConfig:
        AuthType: AWS_IAM
      Policies:
        # serverless-guard-ignore-next-line iam-wildcard-action: break-glass, expires with SEC-99
        - Version: '2012-10-17'
          Statement:
            - Effect: Allow
              NotAction: iam:*
              Resource: '*'
      Events:
        Nightly:
          Type: Schedule
          Properties:
            Schedule: rate(1 day)
        Legacy:
          Type: Api
          Properties:
            Path: /report/{id}
            Method: get
  OrdersTable:
    Type: AWS::DynamoDB::Table
    DeletionPolicy: Retain
    Properties:
      TableName: !Sub '\${TableName}-\${Stage}'
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - { AttributeName: pk, AttributeType: S }
      KeySchema:
        - AttributeName: pk
          KeyType: HASH
      Tags: !If
        - IsProd
        - [{ Key: cost-center, Value: orders }]
        - !Ref AWS::NoValue
  UserPool:
    Type: AWS::Cognito::UserPool
  UserPoolClient:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref UserPool
  Shared: &shared
    Type: AWS::SQS::Queue
    Properties:
      KmsMasterKeyId: !Base64 alias/aws/sqs
      Subnets: !Cidr [!Select [0, !GetAZs ''], 6, 5]
  Copy:
    <<: *shared
    Properties:
      QueueName: !Select [1, !Split [',', 'a,b,c']]
      Import: !ImportValue { 'Fn::Sub': '\${Stage}-Vpc' }
      Both: !And [!Condition IsProd, !Or [!Condition NotProd, !Equals [a, a]]]
Outputs:
  ApiUrl:
    Value: !Sub 'https://\${OrdersApi}.execute-api.\${AWS::Region}.amazonaws.com/'
    Export:
      Name: !Sub '\${AWS::StackName}-ApiUrl'
`;

const CFN_JSON = `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Description": "Reports bucket and the role that reads it",
  "Parameters": { "Env": { "Type": "String", "Default": "prod" } },
  "Resources": {
    "ReportsBucket": {
      "Type": "AWS::S3::Bucket",
      "Metadata": { "serverless-guard": { "ignore": [ { "rule": "no-such-rule", "reason": "" } ] } },
      "Properties": {
        "BucketName": { "Fn::Sub": "reports-\${Env}-\${AWS::AccountId}" },
        "BucketEncryption": { "ServerSideEncryptionConfiguration": [ { "ServerSideEncryptionByDefault": { "SSEAlgorithm": "aws:kms" } } ] }
      }
    },
    "ReportsRole": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "AssumeRolePolicyDocument": {
          "Statement": [ { "Effect": "Allow", "Principal": { "Service": "lambda.amazonaws.com" }, "Action": "sts:AssumeRole" } ]
        },
        "Policies": [
          {
            "PolicyName": "read-reports",
            "PolicyDocument": {
              "Version": "2012-10-17",
              "Statement": [
                { "Effect": "Allow", "Action": ["s3:GetObject", "s3:*"], "Resource": { "Fn::Join": ["", [{ "Fn::GetAtt": ["ReportsBucket", "Arn"] }, "/*"]] } },
                { "Effect": "Allow", "Action": "*", "Resource": "*", "Condition": { "Bool": { "aws:SecureTransport": "true" } } }
              ]
            }
          }
        ],
        "ManagedPolicyArns": [ { "Fn::If": ["IsProd", "arn:aws:iam::aws:policy/ReadOnlyAccess", { "Ref": "AWS::NoValue" }] } ]
      }
    },
    "ReportsFunction": {
      "Type": "AWS::Lambda::Function",
      "Properties": {
        "Runtime": "nodejs18.x",
        "Handler": "index.handler",
        "Role": { "Fn::GetAtt": ["ReportsRole", "Arn"] },
        "Code": { "ZipFile": "exports.handler = async () => ({ statusCode: 200 });" },
        "Environment": { "Variables": { "DB_PASSWORD": "hunter2", "STAGE": { "Ref": "Env" } } }
      }
    }
  },
  "Conditions": { "IsProd": { "Fn::Equals": [{ "Ref": "Env" }, "prod"] } }
}
`;

const TS_HANDLER = `import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { Pool } from 'pg';
import mysql from 'mysql2/promise';

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const ALLOWED_SORT = new Set(['created_at', 'total']);

interface Order {
  id: string;
  total: number;
}

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  const id = event.pathParameters?.id ?? '';
  const sort = event.queryStringParameters?.sort ?? 'created_at';
  const column = ALLOWED_SORT.has(sort) ? sort : 'created_at';
  // Safe: a parameter placeholder.
  const one = await pool.query<Order>('SELECT id, total FROM orders WHERE id = $1', [id]);
  // Unsafe: request data concatenated into the SQL text.
  const many = await pool.query("SELECT id, total FROM orders WHERE customer = '" + event.queryStringParameters?.customer + "' ORDER BY " + column);
  const conn = await mysql.createConnection({ host: 'db', user: 'app' });
  // serverless-guard-ignore-next-line sql-injection: the status comes from an enum check above
  const [rows] = await conn.execute(\`SELECT * FROM orders WHERE status = '\${event.queryStringParameters?.status}'\`);
  const nested = \`outer \${\`inner \${id + \`deep \${sort}\`}\`} end\`;
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ one: one.rows[0], many: many.rows, rows, nested }),
  };
};

export default class OrdersRepository {
  #pool = pool;
  async byStatus(status: string): Promise<Order[]> {
    const r = await this.#pool.query(\`SELECT * FROM orders WHERE status = '\${status}'\`);
    return r.rows as Order[];
  }
}
`;

const JS_HANDLER = `'use strict';
const { Client } = require('pg');
const client = new Client();

/** @param {import('aws-lambda').APIGatewayProxyEvent} event */
exports.handler = async function (event, context) {
  await client.connect();
  const body = JSON.parse(event.body || '{}');
  const where = Object.keys(body).map((k) => k + " = '" + body[k] + "'").join(' AND ');
  const sql = 'SELECT * FROM items' + (where ? ' WHERE ' + where : '');
  const res = await client.query(sql);
  const res2 = await client.query({ text: 'SELECT * FROM items WHERE id = $1', values: [event.pathParameters.id] });
  return { statusCode: 200, body: JSON.stringify([res.rows, res2.rows, context.awsRequestId]) };
};
`;

const TSX_VIEW = `import * as React from 'react';

type Props = { orders: { id: string; total: number }[]; onPick(id: string): void };

export function OrdersTable({ orders, onPick }: Props) {
  const [sel, setSel] = React.useState<string | null>(null);
  return (
    <table className="orders">
      <tbody>
        {orders.map((o) => (
          <tr key={o.id} onClick={() => { setSel(o.id); onPick(o.id); }} data-selected={sel === o.id}>
            <td>{o.id}</td>
            <td>{o.total.toFixed(2)} {'EUR'}</td>
            <td dangerouslySetInnerHTML={{ __html: \`<b>\${o.id}</b>\` }} />
          </tr>
        ))}
      </tbody>
      <>{sel && <span>selected: {sel}</span>}</>
    </table>
  );
}
`;

const WORKFLOW_YAML = `name: deploy
on:
  push:
    branches: [main]
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: sam build && sam deploy --no-confirm-changeset
`;

export const SEEDS: readonly Seed[] = [
  { file: 'template.yaml', languageId: 'yaml', text: SAM_YAML },
  { file: 'template.json', languageId: 'json', text: CFN_JSON },
  { file: 'src/orders.ts', languageId: 'typescript', text: TS_HANDLER },
  { file: 'src/items.js', languageId: 'javascript', text: JS_HANDLER },
  { file: 'src/OrdersTable.tsx', languageId: 'typescriptreact', text: TSX_VIEW },
  { file: '.github/workflows/deploy.yml', languageId: 'yaml', text: WORKFLOW_YAML },
];

/** Every CloudFormation short-form tag the template model knows. */
export const SHORT_TAGS = [
  '!Ref',
  '!Sub',
  '!GetAtt',
  '!Join',
  '!If',
  '!Select',
  '!Split',
  '!FindInMap',
  '!ImportValue',
  '!Base64',
  '!Cidr',
  '!GetAZs',
  '!And',
  '!Or',
  '!Not',
  '!Equals',
  '!Condition',
  '!Transform',
  '!Contains',
  '!EachMemberEquals',
  '!EachMemberIn',
  '!ValueOf',
  '!RefAll',
  '!ValueOfAll',
  '!Length',
  '!ToJsonString',
  '!ForEach',
];
