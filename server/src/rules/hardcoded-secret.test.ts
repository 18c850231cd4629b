import * as assert from 'node:assert/strict';
import { rule, isSecretName, looksLikeSecretValue, redact } from './hardcoded-secret';
import { run } from '../../../test/kit/rule-tester';

run(rule, {
  valid: [
    {
      name: 'code: values read from the environment or Secrets Manager',
      file: 'handler.ts',
      code: `import { Pool } from 'pg';
export const handler = async (event) => {
  const pool = new Pool({ password: process.env.DB_PASSWORD, user: 'orders' });
  const apiKey = process.env['API_KEY'];
  const token = await getToken(process.env.TOKEN_SECRET_ARN);
  return pool.query('SELECT 1');
};
`,
    },
    {
      name: 'code: placeholders, references, identifiers and labels',
      file: 'settings.ts',
      code: `export const settings = {
  password: '<your-password>',
  apiKey: '\${API_KEY}',
  secret: 'changeme',
  clientSecret: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders-AbCdEf',
  dbPassword: 'DB_PASSWORD',
  token: 'prod/orders/api-token',
  authToken: 'xxxxxxxxxxxxxxxx',
  privateKey: '-----BEGIN PUBLIC KEY-----',
  passwordLabel: 'Enter your password',
  accessToken: 'accessToken',
};
`,
    },
    {
      name: 'code: names that end otherwise (passwordQuestion, secretName, tokenUrl) and hashes, UUIDs, integrity',
      file: 'meta.ts',
      code: `export const meta = {
  passwordQuestion: 'What was the name of your first pet',
  secretName: 'orders-db-credentials-Xk2p9',
  tokenUrl: 'https://auth.example.org/oauth2/token',
  passwordHash: '$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy',
  integrity: 'sha512-Q2w8Lr0pZx7Km3f9Q2w8Lr0pZx7Km3f9Q2w8Lr0pZx7Km3==',
  requestToken: '3f0e8a52-9c1b-4d3e-8f7a-2b6c5d4e3f21',
  publicKey: 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA0Z3VS5JJcds3xfn',
  nextToken: 'eyJsYXN0IjoiMTIzIn0Xk2p9Qw',
};
`,
    },
    {
      name: 'code: a fake password in a test file',
      file: 'test/handler.test.ts',
      code: `const password = 'Sup3rS3cret-for-tests';
it('logs in', () => login('alice', password));
`,
    },
    {
      name: "code: AWS's documented example key",
      file: 'docs.ts',
      code: `export const sample = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE' };
`,
    },
    {
      name: 'template: NoEcho parameters, !Ref, dynamic references, labels and secret ARNs',
      file: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  DbPassword:
    Type: String
    NoEcho: true
  PasswordQuestion:
    Type: String
    Default: What is the name of your first pet
Resources:
  OrdersDb:
    Type: AWS::RDS::DBInstance
    Properties:
      MasterUsername: orders
      MasterUserPassword: !Ref DbPassword
  Other:
    Type: AWS::RDS::DBInstance
    Properties:
      MasterUserPassword: '{{resolve:secretsmanager:OrdersDbSecret:SecretString:password}}'
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Environment:
        Variables:
          TOKEN_SECRET_ARN: arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders-token-AbCdEf
`,
    },
    {
      name: '.env.example with placeholders',
      file: '.env.example',
      code: `DB_PASSWORD=<your-password>
API_KEY=
AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
`,
    },
    {
      name: 'a GitHub workflow that names a secret without holding it',
      file: '.github/workflows/ci.yml',
      code: `on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - run: npm run deploy
        env:
          NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
          DB_PASSWORD: $DB_PASSWORD
`,
    },
  ],
  invalid: [
    {
      name: "code: AWS keys in an SDK client's credentials; the fix removes them so the execution role applies",
      file: 'aws-keys-client.ts',
      code: `import { S3Client } from '@aws-sdk/client-s3';
const s3 = new S3Client({
  region: 'eu-west-1',
  credentials: { accessKeyId: 'AKIA2OGYBAH6STMJXWYZ', secretAccessKey: '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' },
});
export const handler = async () => s3.config.region();
`,
      errors: [
        { line: 4, column: 32, endLine: 4, endColumn: 52, message: 'Hardcoded AWS access key id (AKIA…XWYZ)', resource: null },
        { line: 4, column: 72, endLine: 4, endColumn: 114, message: 'Hardcoded secret in secretAccessKey (wJa9…d4E5)' },
      ],
      output: `import { S3Client } from '@aws-sdk/client-s3';
const s3 = new S3Client({
  region: 'eu-west-1',
});
export const handler = async () => s3.config.region();
`,
    },
    {
      name: "template: MasterUserPassword literal, fixed with a dynamic reference",
      file: 'rds.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  OrdersDb:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      MasterUsername: orders
      MasterUserPassword: Pr0d-Db#2024!x
`,
      errors: [
        { line: 8, column: 27, endLine: 8, endColumn: 41, message: 'MasterUserPassword (Pr…!x)', resource: 'OrdersDb' },
      ],
      output: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  OrdersDb:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      MasterUsername: orders
      MasterUserPassword: '{{resolve:secretsmanager:OrdersDbSecret:SecretString:password}}'
`,
    },
    {
      name: "code: a database password inside an async handler, read from Secrets Manager by the fix",
      file: 'db-password-async.ts',
      code: `import { Pool } from 'pg';
export const handler = async (event) => {
  const pool = new Pool({ host: 'db.internal', user: 'orders', password: 'Pr0d-Db#2024!x' });
  return pool.query('SELECT 1');
};
`,
      errors: [
        { line: 3, column: 74, endLine: 3, endColumn: 90 },
      ],
      output: `import { Pool } from 'pg';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

// Secrets come from AWS Secrets Manager, fetched once per execution environment (outside the handler) and cached.
const secretsManager = new SecretsManagerClient({});
const secretValues = new Map<string, Promise<string>>();
function getSecret(secretId: string | undefined): Promise<string> {
  if (!secretId) return Promise.reject(new Error('the secret ARN is not configured'));
  let value = secretValues.get(secretId);
  if (!value) {
    value = secretsManager.send(new GetSecretValueCommand({ SecretId: secretId })).then((r) => r.SecretString ?? '');
    secretValues.set(secretId, value);
  }
  return value;
}

export const handler = async (event) => {
  const pool = new Pool({ host: 'db.internal', user: 'orders', password: await getSecret(process.env.PASSWORD_SECRET_ARN) });
  return pool.query('SELECT 1');
};
`,
    },
    {
      name: "template: parameter defaults holding a Stripe key and a password, fixed with NoEcho",
      file: 'param.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Parameters:
  StripeApiKey:
    Type: String
    Default: sk_live_51Hc8Qx2eZvKYlo2C9a8b7c6d
  DbPassword:
    Type: String
    Default: Xk2#pLm9$Qw4
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
`,
      errors: [
        { line: 5, column: 14, endLine: 5, endColumn: 47 },
        { line: 8, column: 14, endLine: 8, endColumn: 26 },
      ],
    },
    {
      name: "template (JSON): a password parameter default, fixed with NoEcho",
      file: 'param.json',
      code: `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Parameters": {
    "DbPassword": { "Type": "String", "Default": "Xk2#pLm9$Qw4" }
  },
  "Resources": {
    "Q": { "Type": "AWS::SQS::Queue" }
  }
}
`,
      errors: [
        { line: 4, column: 50, endLine: 4, endColumn: 64 },
      ],
      output: `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Parameters": {
    "DbPassword": { "Type": "String", "NoEcho": true }
  },
  "Resources": {
    "Q": { "Type": "AWS::SQS::Queue" }
  }
}
`,
    },
    {
      name: "code: a Stripe key at the top of an ES module, fetched once with top-level await",
      file: 'top-level-esm.mjs',
      code: `import Stripe from 'stripe';
const STRIPE_SECRET = 'sk_live_51Hc8Qx2eZvKYlo2C9a8b7c6d';
const stripe = new Stripe(STRIPE_SECRET);
export const handler = async (event) => stripe.charges.list();
`,
      errors: [
        { line: 2, column: 24, endLine: 2, endColumn: 57 },
      ],
      output: `import Stripe from 'stripe';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

// Secrets come from AWS Secrets Manager, fetched once per execution environment (outside the handler) and cached.
const secretsManager = new SecretsManagerClient({});
const secretValues = new Map();
function getSecret(secretId) {
  if (!secretId) return Promise.reject(new Error('the secret ARN is not configured'));
  let value = secretValues.get(secretId);
  if (!value) {
    value = secretsManager.send(new GetSecretValueCommand({ SecretId: secretId })).then((r) => r.SecretString ?? '');
    secretValues.set(secretId, value);
  }
  return value;
}

const STRIPE_SECRET = await getSecret(process.env.STRIPE_SECRET_SECRET_ARN);
const stripe = new Stripe(STRIPE_SECRET);
export const handler = async (event) => stripe.charges.list();
`,
    },
    {
      name: "code: a GitHub token at the top of a CommonJS file (no await there, so no fix)",
      file: 'cjs-github.js',
      code: `const { Octokit } = require('@octokit/rest');
const octokit = new Octokit({ auth: 'ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8' });
exports.handler = async () => octokit.repos.list();
`,
      errors: [
        { line: 2, column: 38, endLine: 2, endColumn: 78 },
      ],
    },
    {
      name: "template: a static API key header on an integration, fixed inside its quotes",
      file: 'integration.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  ProxyMethod:
    Type: AWS::ApiGateway::Method
    Properties:
      HttpMethod: GET
      ResourceId: !Ref ApiResource
      RestApiId: !Ref Api
      AuthorizationType: NONE
      Integration:
        Type: HTTP
        IntegrationHttpMethod: GET
        Uri: https://partner.example.org/orders
        RequestParameters:
          integration.request.header.x-api-key: "'Zq8kLm2Wp9vRt4Hs'"
`,
      errors: [
        { line: 15, column: 49, endLine: 15, endColumn: 69 },
      ],
      output: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  ProxyMethod:
    Type: AWS::ApiGateway::Method
    Properties:
      HttpMethod: GET
      ResourceId: !Ref ApiResource
      RestApiId: !Ref Api
      AuthorizationType: NONE
      Integration:
        Type: HTTP
        IntegrationHttpMethod: GET
        Uri: https://partner.example.org/orders
        RequestParameters:
          integration.request.header.x-api-key: "'{{resolve:secretsmanager:ProxyMethodSecret:SecretString:apiKey}}'"
`,
    },
    {
      name: "code: a private key block",
      file: 'private-key.ts',
      code: `const SIGNING_KEY = \`-----BEGIN RSA PRIVATE KEY-----
MIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB
-----END RSA PRIVATE KEY-----\`;
export const sign = (data: string) => data + SIGNING_KEY.length;
`,
      errors: [
        { line: 1, column: 22, endLine: 1, endColumn: 53 },
      ],
      output: `import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

// Secrets come from AWS Secrets Manager, fetched once per execution environment (outside the handler) and cached.
const secretsManager = new SecretsManagerClient({});
const secretValues = new Map<string, Promise<string>>();
function getSecret(secretId: string | undefined): Promise<string> {
  if (!secretId) return Promise.reject(new Error('the secret ARN is not configured'));
  let value = secretValues.get(secretId);
  if (!value) {
    value = secretsManager.send(new GetSecretValueCommand({ SecretId: secretId })).then((r) => r.SecretString ?? '');
    secretValues.set(secretId, value);
  }
  return value;
}

const SIGNING_KEY = await getSecret(process.env.SIGNING_KEY_SECRET_ARN);
export const sign = (data: string) => data + SIGNING_KEY.length;
`,
    },
    {
      name: "template: an access key in inline code",
      file: 'keys-in-sub.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Code:
        ZipFile: !Sub |
          const key = 'AKIA2OGYBAH6STMJQ7RT';
          const url = 'postgres://app:\${DbPassword}@\${Db.Endpoint.Address}/app';
`,
      errors: [
        { line: 8, column: 24, endLine: 8, endColumn: 44 },
      ],
    },
    {
      name: "code: Slack, SendGrid, Twilio, OpenAI-style tokens and a JWT",
      file: 'tokens.ts',
      code: `export const config = {
  slackToken: 'xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx',
  sendgrid: 'SG.aBcDeFgHiJkLmNoPqRsTuV.aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789AbCdEfG',
  twilioKey: 'SK0123456789abcdef0123456789abcdef',
  openai: 'sk-proj-Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78',
  session: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
};
`,
      errors: [
        { line: 2, column: 16, endLine: 2, endColumn: 67 },
        { line: 3, column: 14, endLine: 3, endColumn: 83 },
        { line: 4, column: 15, endLine: 4, endColumn: 49 },
        { line: 5, column: 12, endLine: 5, endColumn: 56 },
        { line: 6, column: 13, endLine: 6, endColumn: 105 },
      ],
    },
    {
      name: "code: a database URL with a password",
      file: 'db-url.ts',
      code: `import { Client } from 'pg';
const client = new Client({ connectionString: 'postgres://orders:S3cr3tPass@orders.cluster.eu-west-1.rds.amazonaws.com/orders' });
export const handler = async () => client.query('SELECT 1');
`,
      errors: [
        { line: 2, column: 66, endLine: 2, endColumn: 76 },
      ],
    },
    {
      name: "code: high-entropy values assigned to apiKey and an x-api-key header",
      file: 'generic-names.ts',
      code: `export const handler = async (event) => {
  const apiKey = 'a8f5f167f44f4964e6c998dee827110c';
  const headers = { 'x-api-key': 'Zq8#kLm2$Wp9vRt4' };
  return fetch('https://api.example.org', { headers: { ...headers, apiKey } });
};
`,
      errors: [
        { line: 2, column: 18, endLine: 2, endColumn: 52 },
        { line: 3, column: 34, endLine: 3, endColumn: 52 },
      ],
    },
    {
      name: "code: a token in a TSX component (synchronous, so no fix)",
      file: 'jsx-sync.tsx',
      code: `export function Widget() {
  const token: string = 'Tk9-bX7qZ2mW4pL8';
  return <div data-token={token} />;
}
`,
      errors: [
        { line: 2, column: 25, endLine: 2, endColumn: 43 },
      ],
    },
    {
      name: ".env: passwords, a Stripe key, a secret with a trailing comment and a database URL",
      file: '.env',
      code: `NODE_ENV=production
DB_HOST=orders.cluster.local
DB_PASSWORD=Xk2#pLm9$Qw4
export STRIPE_KEY="sk_live_51Hc8Qx2eZvKYlo2C9a8b7c6d"
API_TOKEN=changeme
SESSION_SECRET=\${SESSION_SECRET}
JWT_SECRET=f9Q2w8Lr0pZx7Km3 # rotated monthly
DATABASE_URL=postgres://app:Vq7$kP2m@db:5432/app
`,
      errors: [
        { line: 3, column: 13, endLine: 3, endColumn: 25 },
        { line: 4, column: 20, endLine: 4, endColumn: 53 },
        { line: 7, column: 12, endLine: 7, endColumn: 28 },
        { line: 8, column: 29, endLine: 8, endColumn: 37 },
      ],
    },
    {
      name: "JSON that is not a template: an apiKey",
      file: 'config.json',
      code: `{
  "name": "orders",
  "passwordMinLength": 12,
  "apiKey": "Zq8kLm2Wp9vRt4Hs",
  "integrity": "sha512-Q2w8Lr0pZx7Km3f9Q2w8Lr0pZx7Km3f9Q2w8Lr0pZx7Km3==",
  "id": "3f0e8a52-9c1b-4d3e-8f7a-2b6c5d4e3f21"
}
`,
      errors: [
        { line: 4, column: 15, endLine: 4, endColumn: 31 },
      ],
    },
    {
      name: "YAML that is not a template: a compose password",
      file: 'docker-compose.yml',
      code: `services:
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: "Vq7kP2mQ9x"
      POSTGRES_USER: app
`,
      errors: [
        { line: 5, column: 27, endLine: 5, endColumn: 37 },
      ],
    },
    {
      name: 'template: a literal password in a function environment variable (no dynamic reference there: it would still be plain text)',
      file: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Environment:
        Variables:
          DB_PASSWORD: Xk2#pLm9$Qw4
`,
      errors: [{ line: 8, column: 24, endLine: 8, endColumn: 36, message: "Pass the secret's ARN instead", resource: 'Fn' }],
    },
    {
      name: 'CDK: SecretValue.unsafePlainText with a literal',
      file: 'lib/stack.ts',
      code: `import { SecretValue, Stack } from 'aws-cdk-lib';
export class AuthStack extends Stack {
  build() {
    return SecretValue.unsafePlainText('GOCSPX-9fK2mLq7Wd3xPz');
  }
}
`,
      errors: [{ line: 4, column: 40, endLine: 4, endColumn: 63, message: 'SecretValue.unsafePlainText' }],
    },
    {
      name: 'template: a password parameter default alone, fixed with NoEcho',
      file: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Parameters:
  DbPassword:
    Type: String
    Default: Xk2#pLm9$Qw4
Resources:
  Fn:
    Type: AWS::Serverless::Function
`,
      errors: [{ line: 5, column: 14, endLine: 5, endColumn: 26, message: 'the default of parameter DbPassword (Xk…w4)', resource: 'DbPassword' }],
      output: `Transform: AWS::Serverless-2016-10-31
Parameters:
  DbPassword:
    Type: String
    NoEcho: true
Resources:
  Fn:
    Type: AWS::Serverless::Function
`,
    },
  ],
});

describe('hardcoded-secret: names, values and redaction', () => {
  it('recognises secret-like names by how they end', () => {
    for (const n of ['password', 'dbPassword', 'DB_PASSWORD', 'apiKey', 'x-api-key', 'clientSecret', 'privateKey', 'connectionString', 'SLACK_TOKEN']) assert.ok(isSecretName(n), n);
    for (const n of ['passwordQuestion', 'secretName', 'tokenUrl', 'publicKey', 'passwordHash', 'nextToken', 'secretArn', 'apiKeyHeader']) assert.ok(!isSecretName(n), n);
  });
  it('tells credentials from placeholders, references and low-entropy words', () => {
    for (const v of ['Xk2#pLm9$Qw4', 'a8f5f167f44f4964e6c998dee827110c', 'supersecretpassword']) assert.ok(looksLikeSecretValue(v, 'password'), v);
    for (const v of ['changeme', '<password>', '\${DB_PASSWORD}', 'hunter2', 'keyboardcat', 'arn:aws:secretsmanager:x', 'DB_PASSWORD', 'your-password-here', 'not a secret at all'])
      assert.ok(!looksLikeSecretValue(v, 'password'), v);
    assert.ok(looksLikeSecretValue('Server=db;User Id=sa;Password=Xk2#pLm9$Qw4;', 'connectionString'));
    assert.ok(!looksLikeSecretValue('Server=db;User Id=sa;Password=<password>;', 'connectionString'));
  });
  it('redacts to the first and last characters', () => {
    assert.equal(redact('AKIA2OGYBAH6STMJWXYZ'), 'AKIA…WXYZ');
    assert.equal(redact('Xk2#pLm9$Qw4'), 'Xk…w4');
  });
});
