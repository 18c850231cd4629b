import * as assert from 'node:assert/strict';
import { createRule } from './deprecated-runtime';
import { run } from '../../../test/kit/rule-tester';
import { analyze } from '../engine/analyze';
import { resolveConfig } from '../engine/config';
import { LAMBDA_RUNTIMES, successorOf } from './shared/lambda-runtimes';

// Dates are judged against an injected day, never the machine's clock.
const rule = createRule(() => new Date('2026-11-25T12:00:00Z'));

const SAM = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
`;

describe('deprecated-runtime: data', () => {
  it('has well-formed dates and a successor for every family', () => {
    for (const r of LAMBDA_RUNTIMES) assert.match(r.deprecation, /^\d{4}-\d{2}-\d{2}$/, r.id);
    assert.equal(successorOf('nodejs16.x', '2026-11-25'), 'nodejs24.x');
    assert.equal(successorOf('python3.8', '2026-11-25'), 'python3.14');
    assert.equal(successorOf('go1.x', '2026-11-25'), 'provided.al2023');
    assert.equal(successorOf('java8', '2026-11-25'), 'java25');
  });

  it('warns past the date and informs within six months of it', () => {
    const text = `${SAM}Resources:
  Old:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs16.x }
  Soon:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs22.x }
`;
    const r = analyze([{ file: 'template.yaml', text }], resolveConfig({}), { rules: [rule] });
    assert.deepEqual(
      r.findings.map((f) => [f.resource, f.severity]),
      [
        ['Old', 'warning'],
        ['Soon', 'info'],
      ],
    );
  });
});

run(rule, {
  valid: [
    {
      name: 'current runtimes, an image function, an unknown runtime and a parameter without default',
      file: 'template.yaml',
      code: `${SAM}Parameters:
  Rt: { Type: String }
Resources:
  A:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs24.x }
  B:
    Type: AWS::Serverless::Function
    Properties: { Runtime: python3.13 }
  C:
    Type: AWS::Serverless::Function
    Properties: { PackageType: Image, ImageUri: repo:tag }
  D:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs99.x }
  E:
    Type: AWS::Serverless::Function
    Properties: { Runtime: !Ref Rt }
`,
    },
    {
      name: 'plain CloudFormation with java21 (JSON)',
      file: 'template.json',
      code: `{ "Resources": { "Fn": { "Type": "AWS::Lambda::Function", "Properties": { "Runtime": "java21" } } } }
`,
    },
  ],
  invalid: [
    {
      name: 'SAM function on nodejs16.x, fixed to the newest Node.js',
      file: 'template.yaml',
      code: `${SAM}Resources:
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs16.x
`,
      errors: [{ line: 8, column: 16, endLine: 8, endColumn: 26, resource: 'OrdersFunction', message: 'OrdersFunction runs nodejs16.x, deprecated since 2024-06-12' }],
      output: `${SAM}Resources:
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs24.x
`,
    },
    {
      name: 'Globals runtime reported once, quotes kept',
      file: 'template.yaml',
      code: `${SAM}Globals:
  Function:
    Runtime: "python3.9"
Resources:
  A:
    Type: AWS::Serverless::Function
  B:
    Type: AWS::Serverless::Function
`,
      errors: [{ line: 5, column: 14, endLine: 5, endColumn: 25, resource: null, message: 'Globals.Function runs python3.9' }],
      output: `${SAM}Globals:
  Function:
    Runtime: "python3.14"
Resources:
  A:
    Type: AWS::Serverless::Function
  B:
    Type: AWS::Serverless::Function
`,
    },
    {
      name: 'plain CloudFormation in JSON: go1.x moves to the OS-only runtime',
      file: 'stack.json',
      code: `{
  "Resources": {
    "Worker": { "Type": "AWS::Lambda::Function", "Properties": { "Runtime": "go1.x", "Handler": "bootstrap" } }
  }
}
`,
      errors: [{ line: 3, column: 77, endLine: 3, endColumn: 84, resource: 'Worker' }],
      output: `{
  "Resources": {
    "Worker": { "Type": "AWS::Lambda::Function", "Properties": { "Runtime": "provided.al2023", "Handler": "bootstrap" } }
  }
}
`,
    },
    {
      name: 'within six months of the date: reported (as info) with the fix',
      file: 'template.yaml',
      code: `${SAM}Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs22.x }
`,
      errors: [{ line: 6, column: 28, endLine: 6, endColumn: 38, message: 'which AWS deprecates on 2027-04-30' }],
      output: `${SAM}Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs24.x }
`,
    },
    {
      name: 'a parameter default is reported on the !Ref, without a fix',
      file: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Rt: { Type: String, Default: ruby2.7 }
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: !Ref Rt
`,
      errors: [{ line: 8, column: 16, endLine: 8, endColumn: 23, message: 'Fn runs ruby2.7' }],
    },
  ],
});

run(createRule(() => new Date('2024-01-01T00:00:00Z')), {
  valid: [
    {
      name: 'on 2024-01-01, nodejs20.x is years from its date',
      file: 'template.yaml',
      code: `${SAM}Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs20.x }
`,
    },
  ],
  invalid: [],
});
