// Realistic input for the benchmark: SAM templates, CloudFormation JSON, TypeScript handlers
// and CDK stacks of a requested size. Deterministic: the same arguments give the same text.
//
// Each generator returns { text, lines, editOffset }: editOffset is the offset of one character
// inside a string value near the middle of the file, which the benchmark changes to simulate a
// keystroke without changing the file's structure.

/** A small seeded PRNG (mulberry32), so every run benchmarks the same files. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EDIT_MARK = '\u0000';

/** Joins blocks of lines, pads with comment lines to exactly `target` lines, and finds the edit mark. */
function finish(blocks, target, comment) {
  const lines = blocks.flat();
  while (lines.length < target) lines.push(`${comment} padding ${lines.length}`);
  let text = lines.join('\n') + '\n';
  const editOffset = text.indexOf(EDIT_MARK);
  if (editOffset < 0) throw new Error('generator lost its edit mark');
  text = text.replace(EDIT_MARK, 'a');
  return { text, lines: lines.length, editOffset };
}

// ---------------------------------------------------------------------------------------------
// SAM templates (YAML)

const RUNTIMES = ['nodejs24.x', 'nodejs22.x', 'nodejs20.x', 'nodejs18.x'];

function samHeader(name) {
  return [
    "AWSTemplateFormatVersion: '2010-09-09'",
    'Transform: AWS::Serverless-2016-10-31',
    `Description: ${name} - generated benchmark service`,
    '',
    'Parameters:',
    '  Stage:',
    '    Type: String',
    '    Default: dev',
    '  UserPoolId:',
    '    Type: String',
    '  UserPoolClientId:',
    '    Type: String',
    '',
    'Globals:',
    '  Function:',
    '    Runtime: nodejs22.x',
    '    MemorySize: 256',
    '    Timeout: 10',
    '    Tracing: Active',
    '    Environment:',
    '      Variables:',
    '        STAGE: !Ref Stage',
    '',
    'Resources:',
    '  Api:',
    '    Type: AWS::Serverless::HttpApi',
    '    Properties:',
    '      StageName: !Ref Stage',
    '      Auth:',
    '        Authorizers:',
    '          Jwt:',
    '            IdentitySource: $request.header.Authorization',
    '            JwtConfiguration:',
    '              issuer: !Sub https://cognito-idp.${AWS::Region}.amazonaws.com/${UserPoolId}',
    '              audience:',
    '                - !Ref UserPoolClientId',
    '',
  ];
}

function samData(k) {
  return [
    `  Table${k}:`,
    '    Type: AWS::DynamoDB::Table',
    '    Properties:',
    '      BillingMode: PAY_PER_REQUEST',
    '      AttributeDefinitions:',
    '        - AttributeName: pk',
    '          AttributeType: S',
    '        - AttributeName: sk',
    '          AttributeType: S',
    '      KeySchema:',
    '        - AttributeName: pk',
    '          KeyType: HASH',
    '        - AttributeName: sk',
    '          KeyType: RANGE',
    '      SSESpecification:',
    '        SSEEnabled: true',
    '',
    `  Queue${k}:`,
    '    Type: AWS::SQS::Queue',
    '    Properties:',
    '      VisibilityTimeout: 60',
    '      MessageRetentionPeriod: 345600',
    '',
  ];
}

function samFunction(i, k, r, edit) {
  const out = [
    `  Fn${i}Function:`,
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    '      CodeUri: src/',
    `      Handler: handlers/fn-${i}.handler`,
    `      Description: Function ${i} of the benchmark service (rev ${edit ? EDIT_MARK : 'a'})`,
  ];
  if (r() < 0.15) out.push(`      Runtime: ${RUNTIMES[Math.floor(r() * RUNTIMES.length)]}`);
  out.push(
    `      MemorySize: ${[128, 256, 512, 1024][i % 4]}`,
    '      Environment:',
    '        Variables:',
    `          TABLE_NAME: !Ref Table${k}`,
    `          QUEUE_URL: !Ref Queue${k}`,
    '          LOG_LEVEL: info',
  );
  if (r() < 0.1) out.push(`          DB_PASSWORD: bench-password-${i}`);
  out.push(
    '      Events:',
    `        Get${i}:`,
    '          Type: HttpApi',
    '          Properties:',
    '            ApiId: !Ref Api',
    `            Path: /items${i}/{id}`,
    '            Method: GET',
  );
  if (r() < 0.7) out.push('            Auth:', '              Authorizer: Jwt');
  if (r() < 0.5) {
    out.push(`        Consume${i}:`, '          Type: SQS', '          Properties:', `            Queue: !GetAtt Queue${k}.Arn`, '            BatchSize: 10');
  }
  if (r() < 0.2) out.push('      FunctionUrlConfig:', `        AuthType: ${r() < 0.5 ? 'NONE' : 'AWS_IAM'}`);
  out.push(
    '      Policies:',
    '        - DynamoDBReadPolicy:',
    `            TableName: !Ref Table${k}`,
    '        - Statement:',
    '            - Effect: Allow',
    '              Action:',
    '                - sqs:SendMessage',
    '                - sqs:GetQueueAttributes',
    `              Resource: !GetAtt Queue${k}.Arn`,
  );
  if (r() < 0.15) out.push('            - Effect: Allow', `              Action: ${r() < 0.5 ? "'*'" : 's3:*'}`, "              Resource: '*'");
  out.push('');
  return out;
}

function samRole(i) {
  return [
    `  Worker${i}Role:`,
    '    Type: AWS::IAM::Role',
    '    Properties:',
    '      AssumeRolePolicyDocument:',
    "        Version: '2012-10-17'",
    '        Statement:',
    '          - Effect: Allow',
    '            Principal:',
    '              Service: lambda.amazonaws.com',
    '            Action: sts:AssumeRole',
    '      Policies:',
    `        - PolicyName: worker-${i}`,
    '          PolicyDocument:',
    "            Version: '2012-10-17'",
    '            Statement:',
    '              - Effect: Allow',
    '                Action:',
    '                  - logs:CreateLogStream',
    '                  - logs:PutLogEvents',
    "                Resource: '*'",
    '',
  ];
}

/** A SAM template of exactly `targetLines` lines: an HTTP API, functions with events and policies, tables, queues, roles. */
export function samTemplate(targetLines, seed = 1, name = 'bench') {
  const r = rng(seed);
  const blocks = [samHeader(name)];
  let used = blocks[0].length;
  const outputs = ['Outputs:', '  ApiUrl:', '    Value: !Sub https://${Api}.execute-api.${AWS::Region}.amazonaws.com/${Stage}'];
  const budget = targetLines - outputs.length;
  // Roughly how many functions fit, to put the edit mark in the middle one.
  const middle = Math.max(0, Math.floor((budget - used) / 38 / 2));
  let i = 0;
  let hasEdit = false;
  for (;;) {
    const k = Math.floor(i / 4);
    const group = [];
    if (i % 4 === 0) group.push(...samData(k));
    const edit = !hasEdit && i >= middle;
    group.push(...samFunction(i, k, r, edit));
    if (i % 9 === 8) group.push(...samRole(i));
    if (used + group.length > budget && hasEdit) break;
    if (used + group.length > budget && !hasEdit) {
      // Too small for a whole function: a tiny resource still carries the edit mark.
      const tiny = ['  Marker:', '    Type: AWS::Logs::LogGroup', '    Properties:', `      LogGroupName: bench-${EDIT_MARK}`];
      blocks.push(tiny);
      used += tiny.length;
      hasEdit = true;
      break;
    }
    blocks.push(group);
    used += group.length;
    hasEdit ||= edit;
    i++;
  }
  return finish([...blocks, outputs], targetLines, '#');
}

/** The same kind of template as CloudFormation JSON (no SAM transform), for a few files of the tree. */
export function cfnJsonTemplate(functions, seed = 1) {
  const r = rng(seed);
  const resources = {};
  for (let i = 0; i < functions; i++) {
    resources[`Fn${i}Role`] = {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        },
        Policies: [
          {
            PolicyName: `fn-${i}`,
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: r() < 0.15 ? 'dynamodb:*' : ['dynamodb:GetItem', 'dynamodb:Query'], Resource: { 'Fn::GetAtt': ['Table', 'Arn'] } }],
            },
          },
        ],
      },
    };
    resources[`Fn${i}`] = {
      Type: 'AWS::Lambda::Function',
      Properties: {
        Runtime: 'nodejs22.x',
        Handler: `index.fn${i}`,
        Role: { 'Fn::GetAtt': [`Fn${i}Role`, 'Arn'] },
        Code: { S3Bucket: 'artifacts-bucket', S3Key: `fn-${i}.zip` },
        Environment: { Variables: { TABLE_NAME: { Ref: 'Table' } } },
      },
    };
  }
  resources.Table = {
    Type: 'AWS::DynamoDB::Table',
    Properties: {
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    },
  };
  const text = JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Description: 'generated benchmark stack', Resources: resources }, null, 2) + '\n';
  return { text, lines: text.split('\n').length - 1, editOffset: text.indexOf('generated') };
}

// ---------------------------------------------------------------------------------------------
// TypeScript handlers

function tsHeader() {
  return [
    "import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, SQSEvent } from 'aws-lambda';",
    "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
    "import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';",
    "import { Pool } from 'pg';",
    '',
    'const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));',
    "const TABLE = process.env.TABLE_NAME ?? 'items';",
    'const pool = new Pool({ host: process.env.DB_HOST, database: process.env.DB_NAME, max: 2 });',
    '',
    'function json(statusCode: number, body: unknown): APIGatewayProxyResultV2 {',
    "  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };",
    '}',
    '',
  ];
}

function tsBlock(i, r, edit) {
  const out = [
    `interface Item${i} {`,
    '  id: string;',
    '  name: string;',
    '  priceCents: number;',
    '  tags: string[];',
    '}',
    '',
    `const LABEL_${i} = 'handler ${i} (rev ${edit ? EDIT_MARK : 'a'})';`,
    '',
    `export const get${i} = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {`,
    "  const id = event.pathParameters?.id ?? '';",
    "  const limit = Number(event.queryStringParameters?.limit ?? '10');",
    `  const { rows } = await pool.query('SELECT id, name, price_cents FROM items_${i} WHERE id = $1 LIMIT $2', [id, limit]);`,
    `  return json(200, { label: LABEL_${i}, items: rows.map(toItem${i}) });`,
    '};',
    '',
    `export async function search${i}(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> {`,
    "  const q = event.queryStringParameters?.q ?? '';",
  ];
  const flaw = r();
  if (flaw < 0.2) {
    out.push(`  const { rows } = await pool.query(\`SELECT id, name FROM items_${i} WHERE name LIKE '%\${q}%' LIMIT 50\`);`);
  } else if (flaw < 0.3) {
    out.push(`  const sql = "SELECT id, name FROM items_${i} WHERE owner = '" + q + "'";`, '  const { rows } = await pool.query(sql);');
  } else {
    out.push(`  const { rows } = await pool.query('SELECT id, name FROM items_${i} WHERE name LIKE $1 LIMIT 50', [\`%\${q}%\`]);`);
  }
  out.push(
    '  return json(200, { items: rows });',
    '}',
    '',
    `export const put${i} = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {`,
    "  const body = JSON.parse(event.body ?? '{}');",
    `  const item: Item${i} = { id: String(body.id), name: String(body.name), priceCents: Number(body.priceCents), tags: [] };`,
    '  await documents.send(new PutCommand({ TableName: TABLE, Item: item }));',
    '  return json(201, { id: item.id });',
    '};',
    '',
    `export const consume${i} = async (event: SQSEvent): Promise<void> => {`,
    '  for (const record of event.Records) {',
    '    const message = JSON.parse(record.body);',
    '    const existing = await documents.send(new GetCommand({ TableName: TABLE, Key: { id: message.id } }));',
    '    if (!existing.Item) continue;',
    `    await documents.send(new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'id = :id', ExpressionAttributeValues: { ':id': message.id } }));`,
    '  }',
    '};',
    '',
    `function toItem${i}(row: Record<string, unknown>): Item${i} {`,
    '  return {',
    '    id: String(row.id),',
    '    name: String(row.name),',
    '    priceCents: Number(row.price_cents ?? 0),',
    "    tags: String(row.tags ?? '').split(',').filter((t) => t.length > 0),",
    '  };',
    '}',
    '',
  );
  return out;
}

/** A TypeScript handler module of exactly `targetLines` lines: exported handlers, helpers, queries, some SQL built from events. */
export function tsHandler(targetLines, seed = 1) {
  const r = rng(seed);
  const blocks = [tsHeader()];
  let used = blocks[0].length;
  const perBlock = 55;
  const middle = Math.max(0, Math.floor((targetLines - used) / perBlock / 2));
  let hasEdit = false;
  for (let i = 0; ; i++) {
    const edit = !hasEdit && i >= middle;
    const block = tsBlock(i, r, edit);
    if (used + block.length > targetLines) {
      if (!hasEdit) {
        blocks.push([`export const REVISION = 'rev ${EDIT_MARK}';`]);
        used++;
      }
      break;
    }
    blocks.push(block);
    used += block.length;
    hasEdit ||= edit;
  }
  return finish(blocks, targetLines, '//');
}

/** A CDK stack in TypeScript, for a few files of the tree. */
export function cdkStack(functions, seed = 1) {
  const r = rng(seed);
  const lines = [
    "import { Stack, type StackProps } from 'aws-cdk-lib';",
    "import * as apigateway from 'aws-cdk-lib/aws-apigateway';",
    "import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';",
    "import * as iam from 'aws-cdk-lib/aws-iam';",
    "import * as lambda from 'aws-cdk-lib/aws-lambda';",
    "import type { Construct } from 'constructs';",
    '',
    'export class ServiceStack extends Stack {',
    '  constructor(scope: Construct, id: string, props?: StackProps) {',
    '    super(scope, id, props);',
    "    const table = new dynamodb.Table(this, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });",
    "    const api = new apigateway.RestApi(this, 'Api');",
  ];
  for (let i = 0; i < functions; i++) {
    lines.push(
      `    const fn${i} = new lambda.Function(this, 'Fn${i}', {`,
      `      runtime: lambda.Runtime.${r() < 0.2 ? 'NODEJS_16_X' : 'NODEJS_22_X'},`,
      "      code: lambda.Code.fromAsset('src'),",
      `      handler: 'handlers/fn-${i}.handler',`,
      '      environment: { TABLE_NAME: table.tableName },',
      '    });',
      r() < 0.2 ? `    fn${i}.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));` : `    table.grantReadData(fn${i});`,
      `    api.root.addResource('r${i}').addMethod('GET', new apigateway.LambdaIntegration(fn${i}));`,
    );
  }
  lines.push('  }', '}', '');
  const text = lines.join('\n');
  return { text, lines: lines.length - 1, editOffset: text.indexOf("'Table'") + 1 };
}

/** A CDK stack of exactly `targetLines` lines (the budget's 1,500-line stack), padded with comments. */
export function cdkStackOfLines(targetLines, seed = 1) {
  const gen = cdkStack(Math.max(1, Math.floor((targetLines - 15) / 8)), seed);
  const pad = Math.max(0, targetLines - gen.lines);
  const text = gen.text + Array.from({ length: pad }, (_, i) => `// padding ${i}\n`).join('');
  return { text, lines: gen.lines + pad, editOffset: gen.editOffset };
}

/**
 * A tree of `count` files, as a list of { path, text }: services with a template (YAML, or
 * JSON for every tenth), handlers and, for every fifth, a CDK stack.
 */
export function tree(count, seed = 7) {
  const r = rng(seed);
  const files = [];
  for (let s = 0; files.length < count; s++) {
    const dir = `svc-${String(s).padStart(3, '0')}`;
    const fnCount = 2 + Math.floor(r() * 8);
    if (s % 10 === 9) files.push({ path: `${dir}/template.json`, text: cfnJsonTemplate(fnCount, seed + s).text });
    else files.push({ path: `${dir}/template.yaml`, text: samTemplate(60 + fnCount * 40, seed + s, dir).text });
    for (let h = 0; h < 3 && files.length < count; h++) {
      files.push({ path: `${dir}/src/handlers/fn-${h}.ts`, text: tsHandler(40 + Math.floor(r() * 260), seed * 31 + s * 7 + h).text });
    }
    if (files.length < count) {
      if (s % 5 === 4) files.push({ path: `${dir}/cdk/lib/stack.ts`, text: cdkStack(fnCount, seed + s).text });
      else files.push({ path: `${dir}/src/handlers/fn-3.ts`, text: tsHandler(40 + Math.floor(r() * 160), seed * 17 + s).text });
    }
  }
  return files;
}
