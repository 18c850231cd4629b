// Bad input through the whole engine with every rule on: broken templates, YAML and JSON that
// are not templates, JSON with comments, deep nesting, aliases and a 5 MB template.
import * as assert from 'node:assert/strict';
import { analyze } from '../../server/src/engine/analyze';
import { resolveConfig } from '../../server/src/engine/config';
import type { AnalysisResult } from '../../server/src/engine/finding';
import { RULES } from '../../server/src/rules';

/** Every rule switched on, at least as info, including those off by default. */
const ALL_ON = resolveConfig({ rules: Object.fromEntries(RULES.map((r) => [r.meta.id, r.meta.defaultSeverity === 'off' ? 'info' : r.meta.defaultSeverity])) });

function run(file: string, text: string): AnalysisResult {
  return analyze([{ file, text }], ALL_ON);
}

function assertNothing(file: string, text: string): void {
  const r = run(file, text);
  assert.deepEqual(r.errors, [], `errors for ${file}`);
  assert.deepEqual(r.findings.map((f) => `${f.ruleId}: ${f.message}`), [], `findings for ${file}`);
}

describe('bad input through analyze', () => {
  describe('broken templates: one clear error at its position, no findings', () => {
    it('YAML with a bad indent inside Resources', () => {
      const r = run(
        'template.yaml',
        `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Topic:
    Type: AWS::SNS::Topic
   Properties:
      TopicName: x
`,
      );
      assert.equal(r.findings.length, 0);
      assert.equal(r.errors.length, 1);
      assert.equal(r.errors[0].kind, 'parse');
      assert.ok(r.errors[0].range, 'the error has a position');
      assert.ok(r.errors[0].range!.start.line >= 3 && r.errors[0].range!.start.line <= 4, JSON.stringify(r.errors[0]));
    });

    it('JSON with a trailing comma, named by the error', () => {
      const r = run('template.json', '{\n  "Resources": {\n    "Q": { "Type": "AWS::SQS::Queue" },\n  }\n}\n');
      assert.equal(r.findings.length, 0);
      assert.equal(r.errors.length, 1);
      assert.match(r.errors[0].message, /trailing comma/);
      assert.deepEqual(r.errors[0].range?.start, { line: 3, character: 2 });
    });

    it('an unterminated quote in a SAM template', () => {
      const r = run('template.yaml', "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: 'AWS::Serverless::Function\n");
      assert.equal(r.findings.length, 0);
      assert.equal(r.errors.length, 1);
      assert.equal(r.errors[0].kind, 'parse');
    });

    it('other files go on when one template is broken', () => {
      const r = analyze(
        [
          { file: 'broken/template.yaml', text: 'Resources:\n  A: [\n' },
          { file: 'ok/template.yaml', text: "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Alerts:\n    Type: AWS::SNS::Topic\n" },
        ],
        ALL_ON,
      );
      assert.deepEqual(r.errors.map((e) => e.file), ['broken/template.yaml']);
      assert.deepEqual(r.findings.map((f) => `${f.file} ${f.ruleId}`), ['ok/template.yaml unencrypted-messaging']);
    });
  });

  describe('YAML that is not a template: no findings, no errors', () => {
    it('a GitHub workflow', () => {
      assertNothing(
        '.github/workflows/deploy.yml',
        `name: deploy
on: { push: { branches: [main] } }
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: sam deploy --no-confirm-changeset --stack-name \${{ github.event.repository.name }}
        env:
          AWS_REGION: eu-west-1
`,
      );
    });

    it('a Kubernetes manifest with several documents', () => {
      assertNothing(
        'k8s/deploy.yaml',
        `apiVersion: apps/v1
kind: Deployment
metadata: { name: orders }
spec:
  template:
    spec:
      containers: [{ name: api, image: orders:1, env: [{ name: AUTH, value: NONE }] }]
---
apiVersion: v1
kind: Service
metadata: { name: orders }
spec: { type: LoadBalancer, ports: [{ port: 80 }] }
`,
      );
    });

    it('a docker-compose file', () => {
      assertNothing(
        'docker-compose.yml',
        `services:
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: example
  localstack:
    image: localstack/localstack
    environment: [SERVICES=s3,sqs,sns]
`,
      );
    });

    it("a Serverless Framework serverless.yml with its \${...} variables and CloudFormation under 'resources'", () => {
      assertNothing(
        'serverless.yml',
        `service: orders
frameworkVersion: '3'
provider:
  name: aws
  runtime: nodejs20.x
  stage: \${opt:stage, 'dev'}
  environment:
    TABLE: \${self:service}-\${sls:stage}
    SECRET: \${ssm:/orders/secret}
functions:
  getOrder:
    handler: src/get.handler
    events:
      - httpApi: { path: '/orders/{id}', method: get }
resources:
  Resources:
    Site:
      Type: AWS::S3::Bucket
      Properties:
        AccessControl: PublicRead
        PublicAccessBlockConfiguration: { BlockPublicPolicy: false }
    Topic:
      Type: AWS::SNS::Topic
      Properties:
        TopicName: \${self:service}-events
`,
      );
    });
  });

  describe('JSON with comments', () => {
    it('a template with comments gets a clear error at the comment', () => {
      const r = run(
        'template.json',
        `{
  // the orders stack
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": { "Alerts": { "Type": "AWS::SNS::Topic" } }
}
`,
      );
      assert.equal(r.findings.length, 0);
      assert.equal(r.errors.length, 1);
      assert.match(r.errors[0].message, /Comments are not allowed in JSON templates/);
      assert.deepEqual(r.errors[0].range?.start, { line: 1, character: 2 });
    });

    it('a tsconfig.json with comments is not ours: nothing', () => {
      assertNothing(
        'tsconfig.json',
        `{
  // strict, for the handlers
  "compilerOptions": { "strict": true, /* no emit */ "noEmit": true },
  "include": ["src"]
}
`,
      );
    });
  });

  describe('deep nesting and aliases', () => {
    it('a template nested 1000 levels deep gives one error and no crash', () => {
      const depth = 1000;
      let text = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Metadata:\n";
      for (let i = 0; i < depth; i++) text += `${' '.repeat(6 + i)}l${i}:\n`;
      text += `${' '.repeat(6 + depth)}end: 1\n`;
      const r = run('template.yaml', text);
      assert.equal(r.findings.length, 0);
      assert.equal(r.errors.length, 1);
      assert.match(r.errors[0].message, /nested more than/);
    });

    it('a template nested 150 levels deep in Metadata is analysed as usual', () => {
      let nested = '1';
      for (let i = 0; i < 150; i++) nested = `{ "n": ${nested} }`;
      const r = run('template.json', `{ "Resources": { "Alerts": { "Type": "AWS::SNS::Topic", "Metadata": ${nested} } } }`);
      assert.deepEqual(r.errors, []);
      assert.deepEqual(r.findings.map((f) => f.ruleId), ['unencrypted-messaging']);
    });

    it('an alias bomb gives a clear error, quickly bounded', () => {
      let text = "AWSTemplateFormatVersion: '2010-09-09'\nMetadata:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
      for (let i = 1; i < 12; i++) text += `  a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
      text += 'Resources:\n  Alerts:\n    Type: AWS::SNS::Topic\n';
      const r = run('template.yaml', text);
      assert.equal(r.findings.length, 0);
      assert.equal(r.errors.length, 1);
      assert.match(r.errors[0].message, /alias bomb/);
    });

    it('anchors reused across resources are read as the values they stand for', () => {
      const r = run(
        'template.yaml',
        `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  GetOrder:
    Type: AWS::Serverless::Function
    Properties: &fn
      Handler: get.handler
      Tracing: Active
      Events:
        Get:
          Type: HttpApi
          Properties: { Path: /orders, Method: get }
  ListOrders:
    Type: AWS::Serverless::Function
    Properties: *fn
`,
      );
      assert.deepEqual(r.errors, []);
      const byRule = r.findings.filter((f) => f.ruleId === 'api-missing-authorizer').map((f) => f.resource);
      assert.deepEqual(byRule.sort(), ['GetOrder', 'ListOrders']);
      assert.ok(!r.findings.some((f) => f.ruleId === 'missing-audit-trail' && f.message.includes('tracing')), 'Tracing: Active reaches both functions');
    });
  });

  describe('size', function () {
    // A guard against a hang, not a speed assertion: `npm run bench` measures speed, and this
    // machine's load varies.
    this.timeout(180_000);
    it('analyses a 5 MB SAM template with every rule, without errors', () => {
      const head = "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Tracing: Active\nResources:\n";
      const block = (i: number) => `  Fn${i}:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/handler${i}.main
      Runtime: nodejs20.x
      Environment:
        Variables: { TABLE: !Ref Table${i} }
      Events:
        Get:
          Type: HttpApi
          Properties: { Path: /items${i}, Method: get }
  Table${i}:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
  Bucket${i}:
    Type: AWS::S3::Bucket
  Topic${i}:
    Type: AWS::SNS::Topic
    Properties: { TopicName: topic-${i} }
`;
      const blocks: string[] = [];
      let size = head.length;
      for (let i = 0; size < 5_000_000; i++) {
        const b = block(i);
        blocks.push(b);
        size += b.length;
      }
      const n = blocks.length;
      const r = run('big/template.yaml', head + blocks.join(''));
      assert.deepEqual(r.errors, []);
      const count = (id: string) => r.findings.filter((f) => f.ruleId === id).length;
      assert.equal(count('api-missing-authorizer'), n, 'one per route');
      assert.equal(count('s3-insecure-transport'), n, 'one per bucket');
      assert.equal(count('unencrypted-messaging'), n, 'one per topic');
      assert.equal(count('encryption-default-key'), 2 * n, 'one per table and one per function with variables');
      assert.equal(count('missing-audit-trail'), 1, 'tracing comes from Globals; only the implicit API lacks access logs');
    });

    it('skips a template over maxFileSizeKB with a notice', () => {
      const r = analyze([{ file: 'huge/template.yaml', text: `Resources: {}\n#${'x'.repeat(6 * 1024 * 1024)}\n` }], ALL_ON);
      assert.equal(r.findings.length, 0);
      assert.equal(r.errors.length, 1);
      assert.equal(r.errors[0].kind, 'skipped');
      assert.match(r.errors[0].message, /over the 5120 KB limit/);
    });
  });
});
