// Every snippet file is valid JSON and registered; every snippet body, with its placeholders
// filled in with their defaults, parses, and analyses clean with the engine: the snippets are
// the good examples, so Serverless Guard must have nothing to say about them.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/engine/analyze';
import { defaultConfig } from '../../server/src/engine/config';
import { parseFile } from '../../server/src/engine/workspace';

const ROOT = path.resolve(__dirname, '..', '..');
const DIR = path.join(ROOT, 'snippets');

interface Snippet {
  prefix: string;
  description: string;
  body: string[];
}

function load(file: string): Record<string, Snippet> {
  return JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')) as Record<string, Snippet>;
}

/** The text VS Code inserts when every placeholder keeps its default (`$1` alone becomes `x`). */
export function expand(body: string[]): string {
  const ESCAPED = '\u0000';
  let text = body.join('\n').replace(/\\\$/g, ESCAPED);
  for (let guard = 0; /\$\{\d+:[^${}]*\}/.test(text) && guard < 100; guard++) text = text.replace(/\$\{\d+:([^${}]*)\}/g, '$1');
  text = text.replace(/\$\{\d+\}|\$\d+/g, 'x');
  assert.doesNotMatch(text, /\$\{?\d/, `unexpanded placeholder in ${text}`);
  return text.split(ESCAPED).join('$');
}

/** Mirrored placeholders must agree: `${3:OrdersTable}` twice, not two different defaults. */
function assertConsistentDefaults(name: string, body: string[]): void {
  const seen = new Map<string, string>();
  for (const m of body.join('\n').matchAll(/\$\{(\d+):([^${}]*)\}/g)) {
    const before = seen.get(m[1]);
    assert.ok(before === undefined || before === m[2], `${name}: $${m[1]} defaults to both "${before}" and "${m[2]}"`);
    seen.set(m[1], m[2]);
  }
}

function analyseClean(file: string, text: string): void {
  const r = analyze([{ file, text }], defaultConfig());
  assert.deepEqual(r.errors, [], `${file} did not analyse:\n${text}`);
  assert.deepEqual(
    r.findings.filter((f) => !f.suppressed).map((f) => `${f.ruleId}: ${f.message}`),
    [],
    `${file} has findings:\n${text}`,
  );
}

/** Handler and CDK snippets need their surroundings (imports, a handler, a stack) to be a file. */
const TS_CONTEXT: Record<string, (body: string) => string> = {
  'sg-pg-query': (b) => `import { Client } from 'pg';\nconst client = new Client();\nexport const handler = async (event: any) => {\n  const id = event.pathParameters.id;\n  ${b}\n  return rows;\n};\n`,
  'sg-mysql2-query': (b) =>
    `import mysql from 'mysql2/promise';\nexport const handler = async (event: any) => {\n  const connection = await mysql.createConnection({});\n  const id = event.pathParameters.id;\n  ${b}\n  return rows;\n};\n`,
  'sg-secret': (b) => `${b}\nexport const handler = async () => (await getDbCredentials()).username;\n`,
};
const CDK_IMPORTS = [
  "import * as cdk from 'aws-cdk-lib';",
  "import * as apigw from 'aws-cdk-lib/aws-apigateway';",
  "import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';",
  "import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';",
  "import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';",
  "import * as iam from 'aws-cdk-lib/aws-iam';",
  "import * as lambda from 'aws-cdk-lib/aws-lambda';",
  "import * as wafv2 from 'aws-cdk-lib/aws-wafv2';",
].join('\n');
function cdkContext(body: string): string {
  return `${CDK_IMPORTS}
export class OrdersStack extends cdk.Stack {
  constructor(scope: cdk.App, id: string, ordersTable: dynamodb.Table, fn: lambda.Function, restApi: apigw.RestApi) {
    super(scope, id);
    ${body.split('\n').join('\n    ')}
  }
}
`;
}

describe('snippets', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { snippets: { language: string; path: string }[] } };

  it('every snippet file is valid JSON, registered in package.json, with prefix, description and body', () => {
    const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
    assert.deepEqual(files, ['json.json', 'typescript.json', 'yaml.json']);
    const registered = new Set(pkg.contributes.snippets.map((s) => path.normalize(s.path)));
    for (const f of files) {
      assert.ok(registered.has(path.normalize(`./snippets/${f}`)), `${f} is not in contributes.snippets`);
      for (const [name, s] of Object.entries(load(f))) {
        assert.match(s.prefix, /^sg-[a-z0-9-]+$/, name);
        assert.ok(s.description.length > 10, name);
        assert.ok(Array.isArray(s.body) && s.body.every((l) => typeof l === 'string'), name);
        assertConsistentDefaults(name, s.body);
      }
    }
    for (const s of pkg.contributes.snippets) assert.ok(fs.existsSync(path.join(ROOT, s.path)), s.path);
  });

  it('covers what the module teaches', () => {
    const prefixes = ['json.json', 'typescript.json', 'yaml.json'].flatMap((f) => Object.values(load(f)).map((s) => s.prefix)).sort();
    for (const p of ['sg-sam-function', 'sg-http-api-jwt', 'sg-waf', 'sg-pg-query', 'sg-mysql2-query', 'sg-secret', 'sg-lambda-permission', 'sg-cdk-function', 'sg-cdk-http-api-jwt', 'sg-cdk-waf', 'sg-cdk-permission']) {
      assert.ok(prefixes.includes(p), `no ${p}`);
    }
  });

  describe('YAML template snippets analyse clean in a SAM template', () => {
    for (const [name, s] of Object.entries(load('yaml.json'))) {
      it(name, () => {
        const resources = expand(s.body)
          .split('\n')
          .map((l) => `  ${l}`)
          .join('\n');
        const text = `AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n${resources}\n`;
        const parsed = parseFile('template.yaml', text, 'yaml');
        assert.equal(parsed.kind, 'template', parsed.kind === 'error' ? parsed.message : text);
        analyseClean('template.yaml', text);
      });
    }
  });

  describe('JSON template snippets parse and analyse clean in a CloudFormation template', () => {
    for (const [name, s] of Object.entries(load('json.json'))) {
      it(name, () => {
        const text = `{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {\n${expand(s.body)}\n  }\n}\n`;
        assert.doesNotThrow(() => JSON.parse(text), text);
        assert.equal(parseFile('template.json', text, 'json').kind, 'template');
        analyseClean('template.json', text);
      });
    }
  });

  describe('TypeScript snippets parse and analyse clean in a handler or a CDK stack', () => {
    for (const [name, s] of Object.entries(load('typescript.json'))) {
      it(name, () => {
        const body = expand(s.body);
        const text = (TS_CONTEXT[s.prefix] ?? cdkContext)(body);
        assert.ok(TS_CONTEXT[s.prefix] || s.prefix.startsWith('sg-cdk-'), `${s.prefix} needs a context`);
        const parsed = parseFile('snippet.ts', text, 'code');
        assert.equal(parsed.kind, 'code', parsed.kind === 'error' ? `${parsed.message}\n${text}` : text);
        analyseClean('snippet.ts', text);
      });
    }
  });

  it('the expansion fills defaults, nested placeholders and escaped dollars', () => {
    assert.equal(expand(['!Sub arn:\\${AWS::Region}:\\${${3:OrdersApi}}/*', '$1 ${2}']), '!Sub arn:${AWS::Region}:${OrdersApi}/*\nx x');
  });
});
