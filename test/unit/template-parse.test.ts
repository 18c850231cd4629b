/** Tests for the template parser: YAML short forms, offsets, JSON strictness, detection and limits. */
import { strict as assert } from 'node:assert';
import { LineIndex } from '../../server/src/engine/text';
import type { TemplateModel } from '../../server/src/models/template/model';
import { entry, get, getPath, isMap, isScalar, isSeq, str } from '../../server/src/models/template/nodes';
import type { MapNode, TNode } from '../../server/src/models/template/nodes';
import { looksLikeTemplate, parseTemplate } from '../../server/src/models/template/parse';
import type { TemplateParseResult } from '../../server/src/models/template/parse';

function parse(text: string, format: 'yaml' | 'json' = 'yaml'): TemplateParseResult {
  return parseTemplate(text, format, new LineIndex(text));
}

function model(text: string, format: 'yaml' | 'json' = 'yaml'): TemplateModel {
  const r = parse(text, format);
  assert.equal(r.kind, 'template', `expected a template, got ${JSON.stringify(r)}`);
  return (r as { model: TemplateModel }).model;
}

function parseError(text: string, format: 'yaml' | 'json' = 'yaml'): { message: string; start: number; end: number } {
  const r = parse(text, format);
  assert.equal(r.kind, 'error', `expected an error, got ${r.kind === 'template' ? 'a template' : JSON.stringify(r)}`);
  return r as { kind: 'error'; message: string; start: number; end: number };
}

function notTemplate(text: string, format: 'yaml' | 'json' = 'yaml'): string {
  const r = parse(text, format);
  assert.equal(r.kind, 'not-template', `expected not-template, got ${r.kind === 'template' ? 'a template' : JSON.stringify(r)}`);
  return (r as { reason: string }).reason;
}

function src(text: string, n: { start: number; end: number }): string {
  return text.slice(n.start, n.end);
}

function keySrc(text: string, e: { keyStart: number; keyEnd: number }): string {
  return text.slice(e.keyStart, e.keyEnd);
}

function asMap(n: TNode | undefined): MapNode {
  assert.ok(isMap(n), `expected a map, got ${n?.kind}`);
  return n;
}

const SAM_TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Description: Orders API # the public one

Globals:
  Function:
    Runtime: nodejs20.x
    Timeout: 10
    Environment:
      Variables:
        TABLE_NAME: !Ref OrdersTable

Parameters:
  Stage:
    Type: String
    Default: dev

Conditions:
  IsProd: !Equals [!Ref Stage, prod]

Resources:
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/orders.handler
      CodeUri: .
      MemorySize: 512
      Policies:
        - DynamoDBCrudPolicy:
            TableName: !Ref OrdersTable
        - Statement:
            - Effect: Allow
              Action: s3:GetObject
              Resource: !Sub 'arn:\${AWS::Partition}:s3:::\${Bucket}/*'
      Events:
        GetOrder:
          Type: Api
          Properties:
            Path: /orders/{id}
            Method: get
  OrdersTable:
    Type: AWS::Serverless::SimpleTable
  Bucket:
    Type: AWS::S3::Bucket
    Condition: IsProd
    Properties:
      BucketName: !Join ['-', [orders, !Ref Stage, !Select [0, !GetAZs '']]]

Outputs:
  ApiUrl:
    Value: !Sub "https://\${ServerlessRestApi}.execute-api.\${AWS::Region}.amazonaws.com/Prod/"
`;

const ROLE_YAML = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
`;

const ROLE_JSON = `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "AppRole": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "AssumeRolePolicyDocument": {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Principal": { "Service": "lambda.amazonaws.com" },
              "Action": "sts:AssumeRole"
            }
          ]
        },
        "MaxSessionDuration": 3600,
        "Path": null,
        "Tags": []
      }
    }
  }
}
`;

describe('parseTemplate: models', () => {
  it('reads a SAM template with Globals, Events and Policies', () => {
    const m = model(SAM_TEMPLATE);
    assert.equal(m.format, 'yaml');
    assert.equal(m.isSam, true);
    assert.deepEqual(
      m.resources.map((r) => [r.id, r.type]),
      [
        ['OrdersFunction', 'AWS::Serverless::Function'],
        ['OrdersTable', 'AWS::Serverless::SimpleTable'],
        ['Bucket', 'AWS::S3::Bucket'],
      ],
    );
    const fn = m.resources[0];
    assert.equal(keySrc(SAM_TEMPLATE, fn.entry), 'OrdersFunction');
    assert.equal(str(get(fn.properties, 'Handler')), 'src/orders.handler');
    assert.equal(get(fn.properties, 'MemorySize')?.kind, 'scalar');
    assert.equal((get(fn.properties, 'MemorySize') as { value: unknown }).value, 512);
    assert.equal(str(getPath(fn.properties, 'Events', 'GetOrder', 'Properties', 'Path')), '/orders/{id}');
    const policies = get(fn.properties, 'Policies');
    assert.ok(isSeq(policies));
    assert.equal(policies.items.length, 2);
    const tableName = asMap(getPath(policies.items[0], 'DynamoDBCrudPolicy', 'TableName'));
    assert.equal(tableName.shortForm, 'Ref');
    assert.equal(str(get(tableName, 'Ref')), 'OrdersTable');
    assert.equal(m.resources[1].properties, undefined);
    assert.equal(str(getPath(m.root, 'Globals', 'Function', 'Runtime')), 'nodejs20.x');
    assert.equal(asMap(getPath(m.root, 'Globals', 'Function', 'Environment', 'Variables', 'TABLE_NAME')).shortForm, 'Ref');
    // A trailing comment is not part of the scalar.
    assert.equal(src(SAM_TEMPLATE, get(m.root, 'Description')!), 'Orders API');
    assert.equal(m.lines.lineCount, new LineIndex(SAM_TEMPLATE).lineCount);
  });

  it('reads a plain CloudFormation IAM role in YAML and in JSON to the same tree', () => {
    const y = model(ROLE_YAML);
    const j = model(ROLE_JSON, 'json');
    for (const m of [y, j]) {
      assert.equal(m.isSam, false);
      assert.equal(m.resources.length, 1);
      assert.equal(m.resources[0].id, 'AppRole');
      assert.equal(m.resources[0].type, 'AWS::IAM::Role');
      const statement = getPath(m.resources[0].properties, 'AssumeRolePolicyDocument', 'Statement');
      assert.ok(isSeq(statement));
      assert.equal(str(getPath(statement.items[0], 'Principal', 'Service')), 'lambda.amazonaws.com');
      assert.equal(str(getPath(m.resources[0].properties, 'AssumeRolePolicyDocument', 'Version')), '2012-10-17');
    }
    assert.equal(j.format, 'json');
    const props = j.resources[0].properties;
    const duration = get(props, 'MaxSessionDuration');
    assert.ok(isScalar(duration) && duration.value === 3600 && !duration.quoted);
    const path = get(props, 'Path');
    assert.ok(isScalar(path) && path.value === null);
    assert.ok(isSeq(get(props, 'Tags')));
  });

  it('takes isSam from a Transform list and ignores a macro-map Transform', () => {
    const base = 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n';
    assert.equal(model(`Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]\n${base}`).isSam, true);
    assert.equal(model(`Transform:\n  Name: AWS::Include\n  Parameters: { Location: s3://b/k }\n${base}`).isSam, false);
    assert.equal(model(`Transform: AWS::LanguageExtensions\n${base}`).isSam, false);
  });

  it('lists only map resources, with an empty type when Type is missing', () => {
    const m = model('AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  A:\n    Properties: x\n  B: just-a-string\n  C:\n    Type: AWS::SNS::Topic\n');
    assert.deepEqual(
      m.resources.map((r) => [r.id, r.type, r.properties]),
      [
        ['A', '', undefined],
        ['C', 'AWS::SNS::Topic', undefined],
      ],
    );
  });
});

describe('parseTemplate: YAML short-form tags', () => {
  /** A template with `Outputs.O.Value: <expr>`; returns the parsed value and the text. */
  function valueOf(expr: string): { node: TNode; text: string } {
    const text = `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Q:\n    Type: AWS::SQS::Queue\nOutputs:\n  O:\n    Value: ${expr}\n`;
    const r = parse(text);
    assert.equal(r.kind, 'template', `${expr}: ${JSON.stringify(r)}`);
    const node = getPath((r as { model: TemplateModel }).model.root, 'Outputs', 'O', 'Value');
    assert.ok(node, expr);
    return { node, text };
  }

  const cases: Array<[string, string, string]> = [
    ['!Ref Bucket', 'Ref', 'Ref'],
    ['!Sub "arn:${AWS::Partition}:s3:::${Bucket}"', 'Fn::Sub', 'Sub'],
    ['!Sub [ "x${A}", { A: !Ref B } ]', 'Fn::Sub', 'Sub'],
    ['!GetAtt Fn.Arn', 'Fn::GetAtt', 'GetAtt'],
    ['!GetAtt [Fn, Arn]', 'Fn::GetAtt', 'GetAtt'],
    ['!If [IsProd, !Ref A, !Ref "AWS::NoValue"]', 'Fn::If', 'If'],
    ["!Join ['', [!Ref A, !Sub '-${B}']]", 'Fn::Join', 'Join'],
    ["!Select [0, !GetAZs '']", 'Fn::Select', 'Select'],
    ['!FindInMap [RegionMap, !Ref "AWS::Region", AMI]', 'Fn::FindInMap', 'FindInMap'],
    ['!ImportValue SharedVpcId', 'Fn::ImportValue', 'ImportValue'],
    ["!Split [',', !ImportValue SubnetIds]", 'Fn::Split', 'Split'],
    ['!Base64 { "Fn::Sub": "echo ${X}" }', 'Fn::Base64', 'Base64'],
    ['!Cidr [!GetAtt Vpc.CidrBlock, 6, 8]', 'Fn::Cidr', 'Cidr'],
    ['!And [!Condition A, !Not [!Condition B]]', 'Fn::And', 'And'],
    ['!Or [!Condition A, !Condition B]', 'Fn::Or', 'Or'],
    ['!Not [!Condition A]', 'Fn::Not', 'Not'],
    ['!Equals [!Ref Stage, prod]', 'Fn::Equals', 'Equals'],
    ['!Condition IsProd', 'Condition', 'Condition'],
    ["!GetAZs ''", 'Fn::GetAZs', 'GetAZs'],
    ['!GetAZs { Ref: "AWS::Region" }', 'Fn::GetAZs', 'GetAZs'],
    ['!Transform { Name: AWS::Include, Parameters: { Location: s3://b/k } }', 'Fn::Transform', 'Transform'],
    ['!Length [a, b]', 'Fn::Length', 'Length'],
    ['!ToJsonString { a: b }', 'Fn::ToJsonString', 'ToJsonString'],
    ['!ForEach [Topic, [A, B], { "Topic${Topic}": { Type: AWS::SNS::Topic } }]', 'Fn::ForEach', 'ForEach'],
  ];

  for (const [expr, key, shortForm] of cases) {
    it(`normalises ${expr}`, () => {
      const { node, text } = valueOf(expr);
      const map = asMap(node);
      assert.equal(map.entries.length, 1);
      assert.equal(map.entries[0].key, key);
      assert.equal(map.shortForm, shortForm);
      assert.equal(src(text, map), expr, 'the map spans the tag and its content');
      assert.equal(src(text, { start: map.entries[0].keyStart, end: map.entries[0].keyEnd }), `!${shortForm}`);
      assert.equal(src(text, map.entries[0].value), expr.slice(shortForm.length + 2), 'the value is the tagged content');
    });
  }

  it('keeps !GetAtt A.B as the scalar "A.B"', () => {
    const value = get(valueOf('!GetAtt Fn.Arn').node, 'Fn::GetAtt');
    assert.ok(isScalar(value));
    assert.equal(value.value, 'Fn.Arn');
  });

  it('normalises nested tags inside sequences and maps', () => {
    const sub = get(valueOf('!Sub [ "x${A}", { A: !Ref B } ]').node, 'Fn::Sub');
    assert.ok(isSeq(sub));
    assert.equal(str(sub.items[0]), 'x${A}');
    const a = asMap(get(sub.items[1], 'A'));
    assert.equal(a.shortForm, 'Ref');
    assert.equal(str(get(a, 'Ref')), 'B');

    const iff = get(valueOf('!If [IsProd, !Ref A, !Ref "AWS::NoValue"]').node, 'Fn::If');
    assert.ok(isSeq(iff));
    assert.equal(str(iff.items[0]), 'IsProd');
    assert.equal(str(get(iff.items[2], 'Ref')), 'AWS::NoValue');
    assert.equal((get(iff.items[2], 'Ref') as { quoted: boolean }).quoted, true);

    const join = get(valueOf("!Join ['', [!Ref A, !Sub '-${B}']]").node, 'Fn::Join');
    assert.ok(isSeq(join));
    assert.equal(str(join.items[0]), '');
    const parts = join.items[1];
    assert.ok(isSeq(parts));
    assert.equal(asMap(parts.items[0]).shortForm, 'Ref');
    assert.equal(str(get(parts.items[1], 'Fn::Sub')), '-${B}');

    const cidr = get(valueOf('!Cidr [!GetAtt Vpc.CidrBlock, 6, 8]').node, 'Fn::Cidr');
    assert.ok(isSeq(cidr));
    assert.equal(str(get(cidr.items[0], 'Fn::GetAtt')), 'Vpc.CidrBlock');
    assert.equal((cidr.items[1] as { value: unknown }).value, 6);

    const and = get(valueOf('!And [!Condition A, !Not [!Condition B]]').node, 'Fn::And');
    assert.ok(isSeq(and));
    const not = asMap(and.items[1]);
    assert.equal(not.shortForm, 'Not');
    assert.ok(isSeq(get(not, 'Fn::Not')));
  });

  it('normalises tags on block sequences and block maps', () => {
    const text = [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Resources:',
      '  Fn:',
      '    Type: AWS::Lambda::Function',
      '    Properties:',
      '      Code:',
      '        ZipFile: !Sub',
      '          - "exports.table = \'${T}\'"',
      '          - T: !Ref Table   # the table',
      '      Environment: !If',
      '        - IsProd',
      '        - Variables: { MODE: prod }',
      '        - !Ref AWS::NoValue',
      '      UserData: !Base64',
      '        Fn::Sub: |',
      '          #!/bin/sh',
      '          echo ${Stage}',
      '',
    ].join('\n');
    const props = model(text).resources[0].properties;
    const zip = asMap(getPath(props, 'Code', 'ZipFile'));
    assert.equal(zip.shortForm, 'Sub');
    assert.equal(src(text, zip), `!Sub\n          - "exports.table = '\${T}'"\n          - T: !Ref Table`);
    const args = get(zip, 'Fn::Sub');
    assert.ok(isSeq(args));
    assert.equal(str(args.items[0]), "exports.table = '${T}'");
    assert.equal(src(text, asMap(get(args.items[1], 'T'))), '!Ref Table');

    const env = asMap(get(props, 'Environment'));
    assert.equal(env.entries[0].key, 'Fn::If');
    const branches = get(env, 'Fn::If');
    assert.ok(isSeq(branches));
    assert.equal(str(getPath(branches.items[1], 'Variables', 'MODE')), 'prod');
    assert.equal(str(get(branches.items[2], 'Ref')), 'AWS::NoValue');

    const userData = asMap(get(props, 'UserData'));
    assert.equal(userData.shortForm, 'Base64');
    assert.equal(str(getPath(userData, 'Fn::Base64', 'Fn::Sub')), '#!/bin/sh\necho ${Stage}\n');
  });

  it('finds the right tag when a tagged block map starts with a tagged key', () => {
    const text = 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\nX: !Base64\n  !Custom key: value\n';
    const x = asMap(get(model(text).root, 'X'));
    assert.equal(x.shortForm, 'Base64');
    assert.equal(keySrc(text, x.entries[0]), '!Base64');
    assert.equal(str(getPath(x, 'Fn::Base64', 'key')), 'value');
  });

  it('reads an empty tagged value as an empty string inside the tag', () => {
    const { node, text } = valueOf('!Ref');
    assert.equal(src(text, node), '!Ref');
    assert.equal(str(get(node, 'Ref')), '');
  });

  it('leaves long-form intrinsics mixed with short forms as plain maps', () => {
    const { node } = valueOf('{ "Fn::Join": ["", [!Ref A, { Ref: B }]] }');
    assert.equal(asMap(node).shortForm, undefined);
    assert.equal(asMap(node).entries[0].key, 'Fn::Join');
  });

  it('ignores tags that are not CloudFormation functions', () => {
    const text = 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\nA: !!str 012\nB: !Custom thing\n';
    const m = model(text);
    assert.equal(str(get(m.root, 'A')), '012');
    const b = get(m.root, 'B');
    assert.ok(isScalar(b));
    assert.equal(b.value, 'thing');
  });
});

describe('parseTemplate: YAML scalars and aliases', () => {
  const text = [
    'AWSTemplateFormatVersion: 2010-09-09',
    'Resources: {}',
    'Account: 012345678901',
    'Plain: 123456789012',
    'Timeout: 30',
    'Ratio: 0.5',
    'Hex: 0x1F',
    'Huge: 123456789012345678901234',
    'Yes: yes',
    'On: true',
    'Nothing: ~',
    'Empty:',
    "Quoted: '30'",
    'Key with spaces: "a \\"b\\""',
    '012: zero-key',
    'Dup: first',
    'Dup: second',
    '',
  ].join('\n');
  const root = model(text).root;
  const value = (k: string) => {
    const n = get(root, k);
    assert.ok(isScalar(n), k);
    return n;
  };

  it('reads YAML 1.2 core values and keeps lossy numbers as their source text', () => {
    assert.equal(value('AWSTemplateFormatVersion').value, '2010-09-09');
    assert.equal(value('Account').value, '012345678901');
    assert.equal(value('Plain').value, 123456789012);
    assert.equal(value('Timeout').value, 30);
    assert.equal(value('Ratio').value, 0.5);
    assert.equal(value('Hex').value, '0x1F');
    assert.equal(value('Huge').value, '123456789012345678901234');
    assert.equal(value('Yes').value, 'yes');
    assert.equal(value('On').value, true);
    assert.equal(value('Nothing').value, null);
    assert.equal(value('Empty').value, null);
    assert.equal(value('Quoted').value, '30');
    assert.equal(value('Quoted').quoted, true);
    assert.equal(value('Timeout').quoted, false);
    assert.equal(value('Key with spaces').value, 'a "b"');
    assert.equal(value('012').value, 'zero-key');
  });

  it('keeps both entries of a repeated key; entry() takes the last', () => {
    assert.equal(root.entries.filter((e) => e.key === 'Dup').length, 2);
    assert.equal(str(get(root, 'Dup')), 'second');
  });

  it('gives exact offsets for plain and quoted scalars and keys', () => {
    assert.equal(src(text, value('Timeout')), '30');
    assert.equal(src(text, value('Quoted')), "'30'");
    assert.equal(src(text, value('Key with spaces')), '"a \\"b\\""');
    const e = entry(root, 'Key with spaces')!;
    assert.equal(keySrc(text, e), 'Key with spaces');
    const pos = new LineIndex(text).positionAt(value('Hex').start);
    assert.deepEqual(pos, { line: 6, character: 5 });
  });

  it('expands aliases to copies placed at the alias', () => {
    const t = [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Resources:',
      '  A:',
      '    Type: AWS::SQS::Queue',
      '    Properties: &props',
      '      Tags: [{ Key: team, Value: &team !Ref Team }]',
      '  B:',
      '    Type: AWS::SQS::Queue',
      '    Properties: *props',
      'Owner: *team',
      '',
    ].join('\n');
    const m = model(t);
    const b = m.resources[1].properties!;
    assert.equal(src(t, b), '*props');
    const tags = get(b, 'Tags');
    assert.ok(isSeq(tags));
    assert.equal(str(get(tags.items[0], 'Key')), 'team');
    assert.notEqual(b, m.resources[0].properties, 'a copy, not the same object');
    const owner = asMap(get(m.root, 'Owner'));
    assert.equal(owner.shortForm, 'Ref');
    assert.equal(src(t, owner), '*team');
    assert.equal(str(get(owner, 'Ref')), 'Team');
  });

  it('reports an alias without an anchor', () => {
    const t = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  A: *nowhere\n';
    const e = parseError(t);
    assert.match(e.message, /unknown alias \*nowhere/);
    assert.equal(src(t, e), '*nowhere');
  });

  it('stops an alias bomb (billion laughs) quickly', () => {
    const names = 'abcdefghi';
    let t = 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n';
    t += `a: &a [${Array(9).fill('"lol"').join(', ')}]\n`;
    for (let i = 1; i < 9; i++) t += `${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(', ')}]\n`;
    const started = Date.now();
    const e = parseError(t);
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
    assert.equal(e.message, 'the template expands to more than 200000 nodes (alias bomb?)');
    assert.match(src(t, e), /^\*[a-i]$/, 'the error lands on an alias');
  });
});

describe('parseTemplate: YAML files that are not single documents', () => {
  it('treats an empty file, or comments only, as not a template', () => {
    assert.match(notTemplate(''), /empty/);
    assert.match(notTemplate('# nothing here\n# yet\n'), /empty/);
    assert.match(notTemplate('---\n'), /empty/);
  });

  it('treats a multi-document stream as not a template', () => {
    assert.equal(notTemplate('AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n---\nkind: Pod\n'), 'multi-document YAML');
  });

  it('accepts a leading document marker', () => {
    model('---\nAWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n');
  });
});

describe('parseTemplate: YAML errors', () => {
  it('reports the first syntax error at its line', () => {
    const t = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n  Oops\nOutputs: {}\n';
    const e = parseError(t);
    assert.equal(e.message, 'Implicit map keys need to be followed by map values');
    assert.equal(new LineIndex(t).positionAt(e.start).line, 4);
    assert.equal(src(t, e), 'Oops');
  });

  it('reports a compact nested mapping', () => {
    const t = 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties: BucketName: x\n';
    const e = parseError(t);
    assert.match(e.message, /Nested mappings are not allowed/);
    assert.equal(new LineIndex(t).positionAt(e.start).line, 3);
  });

  it('reports tabs used as indentation', () => {
    const t = 'Resources:\n\tBucket:\n\t\tType: AWS::S3::Bucket\n';
    const e = parseError(t);
    assert.match(e.message, /Tabs/);
    assert.deepEqual(new LineIndex(t).positionAt(e.start), { line: 1, character: 0 });
  });

  it('returns an error, without throwing, for 1000 levels of nesting', () => {
    const flow = `Resources: ${'['.repeat(1000)}${']'.repeat(1000)}\n`;
    assert.match(parseError(flow).message, /nested more than 500 levels/);
    let block = 'Resources:\n';
    for (let i = 1; i <= 1000; i++) block += `${' '.repeat(i)}k:\n`;
    assert.match(parseError(block).message, /nested more than 500 levels/);
    const deep = `Resources: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`;
    assert.match(parseError(deep).message, /nested more than 500 levels/);
  });

  it('accepts 100 levels of nesting', () => {
    model(`AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\nX: ${'['.repeat(100)}1${']'.repeat(100)}\n`);
  });

  it('stays quiet about a broken file with no sign of a template', () => {
    assert.match(notTemplate('on: push\njobs:\n  build:\n    runs-on: [ubuntu\n'), /not valid YAML/);
  });
});

describe('parseTemplate: BOM and CRLF', () => {
  it('skips a BOM in YAML, keeping offsets into the original text', () => {
    const t = '\uFEFFAWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n';
    const m = model(t);
    assert.equal(m.root.entries[0].keyStart, 1);
    assert.equal(src(t, m.root.entries[0].value), '"2010-09-09"');
    assert.equal(keySrc(t, m.resources[0].entry), 'Q');
  });

  it('skips a BOM and surrounding whitespace in JSON', () => {
    const t = '\uFEFF \r\n {"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}} \n\n';
    const m = model(t, 'json');
    assert.equal(src(t, m.root), '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}}');
    assert.equal(keySrc(t, m.root.entries[0]), '"AWSTemplateFormatVersion"');
  });

  it('keeps exact offsets with CRLF line endings', () => {
    const t = 'AWSTemplateFormatVersion: "2010-09-09"\r\nResources:\r\n  Fn:\r\n    Type: AWS::Lambda::Function\r\n    Properties:\r\n      Role: !GetAtt Role.Arn\r\n      Code:\r\n        ZipFile: |\r\n          exports.handler = 1\r\n';
    const lines = new LineIndex(t);
    const m = model(t);
    const role = asMap(get(m.resources[0].properties, 'Role'));
    assert.equal(src(t, role), '!GetAtt Role.Arn');
    assert.deepEqual(lines.range(role.start, role.end), { start: { line: 5, character: 12 }, end: { line: 5, character: 28 } });
    const zip = getPath(m.resources[0].properties, 'Code', 'ZipFile');
    assert.ok(isScalar(zip));
    assert.equal(zip.value, 'exports.handler = 1\n');
    assert.equal(src(t, zip), '|\r\n          exports.handler = 1');
    const j = model(ROLE_JSON.replace(/\n/g, '\r\n'), 'json');
    const type = get(j.resources[0].node, 'Type')!;
    assert.deepEqual(new LineIndex(ROLE_JSON.replace(/\n/g, '\r\n')).positionAt(type.start), { line: 4, character: 14 });
  });
});

describe('parseTemplate: JSON', () => {
  it('gives exact offsets for keys and strings, quotes included', () => {
    const m = model(ROLE_JSON, 'json');
    const res = m.resources[0];
    assert.equal(keySrc(ROLE_JSON, res.entry), '"AppRole"');
    const typeEntry = entry(res.node, 'Type')!;
    assert.equal(keySrc(ROLE_JSON, typeEntry), '"Type"');
    assert.equal(src(ROLE_JSON, typeEntry.value), '"AWS::IAM::Role"');
    assert.equal((typeEntry.value as { quoted: boolean }).quoted, true);
    assert.equal(src(ROLE_JSON, get(res.properties, 'MaxSessionDuration')!), '3600');
    assert.equal(src(ROLE_JSON, get(res.properties, 'Tags')!), '[]');
    assert.ok(src(ROLE_JSON, res.node).startsWith('{\n      "Type"'));
    assert.ok(src(ROLE_JSON, res.node).endsWith('}'));
    assert.equal(src(ROLE_JSON, m.root), ROLE_JSON.trim());
  });

  it('decodes escapes, including \\u and surrogate pairs', () => {
    const t = String.raw`{"Resources": {}, "AWSTemplateFormatVersion": "2010-09-09", "S": "a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00\u0041"}`;
    const s = get(model(t, 'json').root, 'S');
    assert.ok(isScalar(s));
    assert.equal(s.value, 'a"b\\c/d\b\f\n\r\té😀A');
    assert.equal(src(t, s), String.raw`"a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00\u0041"`);
  });

  it('reads numbers, literals and repeated keys', () => {
    const t = '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}, "N": [0, -1.5, 2e3, 12345678901234567890, true, false, null], "D": 1, "D": 2}';
    const root = model(t, 'json').root;
    const n = get(root, 'N');
    assert.ok(isSeq(n));
    assert.deepEqual(
      n.items.map((i) => (isScalar(i) ? i.value : undefined)),
      [0, -1.5, 2000, '12345678901234567890', true, false, null],
    );
    assert.equal(root.entries.filter((e) => e.key === 'D').length, 2);
    assert.equal((get(root, 'D') as { value: unknown }).value, 2);
  });

  /** Each case: the text, the message (or a pattern), and the line/character of the error. */
  const errors: Array<[string, string | RegExp, number, number]> = [
    ['{\n  // the stack\n  "Resources": {}\n}', 'Comments are not allowed in JSON templates', 1, 2],
    ['{\n  "Resources": {} /* x */\n}', 'Comments are not allowed in JSON templates', 1, 18],
    ['{\n  "Resources": {\n    "A": [1, 2,]\n  }\n}', "Unexpected token ']' (trailing comma?)", 2, 15],
    ['{\n  "Resources": {\n    "A": {"Type": "AWS::SQS::Queue"},\n  }\n}', "Unexpected token '}' (trailing comma?)", 3, 2],
    ["{\n  'Resources': {}\n}", /double quotes/, 1, 2],
    ['{\n  "Resources": {"A": \'x\'}\n}', /double quotes/, 1, 21],
    ['{\n  "Resources": {"A": NaN}\n}', "Unexpected token 'NaN'", 1, 21],
    ['{\n  Resources: {}\n}', /Property names must be double-quoted strings/, 1, 2],
    ['{\n  "Resources": {"A": "tab\there"}\n}', /Control character U\+0009/, 1, 25],
    ['{\n  "Resources": {"A": "open\n}}', 'Unterminated string', 1, 21],
    ['{\n  "Resources": {"A": "open', 'Unterminated string', 1, 21],
    ['{\n  "Resources": {"A": [1, 2', 'Unexpected end of file', 1, 26],
    ['{\n  "Resources": {"A": "\\x"}\n}', "Invalid escape sequence '\\x'", 1, 22],
    ['{\n  "Resources": {"A": "\\u12G4"}\n}', /Invalid Unicode escape/, 1, 22],
    ['{\n  "Resources": {"A": 012}\n}', "Invalid number '012'", 1, 21],
    ['{\n  "Resources": {"A": 1.}\n}', "Invalid number '1.'", 1, 21],
    ['{\n  "Resources": {"A" 1}\n}', /expected ':'/, 1, 20],
    ['{\n  "Resources": {"A": 1 "B": 2}\n}', /expected ',' or '}'/, 1, 23],
    ['{"Resources": {}}\n{"Resources": {}}', /after the end of the JSON value/, 1, 0],
  ];
  for (const [t, message, line, character] of errors) {
    it(`reports ${typeof message === 'string' ? message : message.source} at ${line}:${character}`, () => {
      const e = parseError(t, 'json');
      if (typeof message === 'string') assert.equal(e.message, message);
      else assert.match(e.message, message);
      assert.deepEqual(new LineIndex(t).positionAt(e.start), { line, character });
      assert.ok(e.end >= e.start);
    });
  }

  it('returns an error, without throwing, for 1000 levels of nesting', () => {
    const t = `{"Resources": ${'['.repeat(1000)}${']'.repeat(1000)}}`;
    const e = parseError(t, 'json');
    assert.match(e.message, /nested more than 500 levels/);
    const deep = `{"Resources": ${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`;
    assert.match(parseError(deep, 'json').message, /nested more than 500 levels/);
  });

  it('treats an empty or whitespace-only JSON file as not a template', () => {
    assert.match(notTemplate('', 'json'), /empty/);
    assert.match(notTemplate('\uFEFF  \n', 'json'), /empty/);
  });
});

describe('template detection', () => {
  it('accepts AWSTemplateFormatVersion alone, a SAM Transform alone, or typed Resources', () => {
    model('AWSTemplateFormatVersion: "2010-09-09"\nDescription: nothing yet\n');
    model('Transform: AWS::Serverless-2016-10-31\n');
    model('Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n');
    model('Resources:\n  Skill:\n    Type: Alexa::ASK::Skill\n');
    model('Resources:\n  Thing:\n    Type: Custom::Thing\n    Properties: { ServiceToken: !GetAtt Fn.Arn }\n');
    model('{"Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}}', 'json');
  });

  it('rejects a GitHub workflow', () => {
    notTemplate('name: CI\non:\n  push:\n    branches: [main]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm test\n');
  });

  it('rejects a Kubernetes manifest, single or multi-document', () => {
    const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n';
    notTemplate(deployment);
    notTemplate(`${deployment}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n`);
  });

  it('rejects a docker-compose file', () => {
    notTemplate('services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: example\n  app:\n    build: .\n    depends_on: [db]\n');
  });

  it("rejects a Serverless Framework serverless.yml, even with CloudFormation under lowercase 'resources'", () => {
    const reason = notTemplate(
      [
        'service: orders',
        'frameworkVersion: "3"',
        'provider:',
        '  name: aws',
        '  runtime: nodejs20.x',
        'functions:',
        '  hello:',
        '    handler: handler.hello',
        '    events:',
        '      - httpApi: GET /hello',
        'resources:',
        '  Resources:',
        '    OrdersTable:',
        '      Type: AWS::DynamoDB::Table',
        '      Properties:',
        '        TableName: ${self:service}-orders',
        '',
      ].join('\n'),
    );
    assert.match(reason, /no AWSTemplateFormatVersion/);
  });

  it('rejects package.json, tsconfig.json (with or without comments) and cdk.json', () => {
    notTemplate('{\n  "name": "app",\n  "version": "1.0.0",\n  "scripts": { "test": "mocha" },\n  "dependencies": { "aws-cdk-lib": "^2.150.0" }\n}\n', 'json');
    notTemplate('{\n  "compilerOptions": { "strict": true, "target": "ES2022" },\n  "include": ["src"]\n}\n', 'json');
    notTemplate('{\n  // editor settings\n  "compilerOptions": { "strict": true, },\n}\n', 'json');
    notTemplate('{\n  "app": "npx ts-node --prefer-ts-exts bin/app.ts",\n  "context": { "@aws-cdk/core:stackRelativeExports": true }\n}\n', 'json');
  });

  it('rejects an OpenAPI document', () => {
    notTemplate(
      'openapi: 3.0.1\ninfo:\n  title: Orders\n  version: "1.0"\npaths:\n  /orders:\n    get:\n      x-amazon-apigateway-integration:\n        type: aws_proxy\n        uri: arn:aws:apigateway:us-east-1:lambda:path/functions/x/invocations\n      responses:\n        "200":\n          description: OK\n',
    );
  });

  it('rejects Resources without any CloudFormation Type, and non-map roots', () => {
    assert.match(notTemplate('Resources:\n  cpu: 2\n  memory: 4Gi\n'), /Resources has no entry/);
    assert.match(notTemplate('- AWSTemplateFormatVersion\n- Resources\n'), /a list/);
    assert.match(notTemplate('"AWSTemplateFormatVersion"', 'json'), /single value/);
  });

  it('looksLikeTemplate works on a tree directly', () => {
    const root: TNode = { kind: 'seq', items: [], start: 0, end: 2 };
    assert.deepEqual(looksLikeTemplate(root), { template: false, reason: 'the top level is a list, not a map' });
    const m = model(SAM_TEMPLATE).root;
    assert.deepEqual(looksLikeTemplate(m), { template: true });
  });
});

describe('parseTemplate: size', function () {
  this.timeout(30_000);

  it('parses a 5 MB YAML template without throwing', () => {
    const parts = ['AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\nResources:\n'];
    let size = parts[0].length;
    for (let i = 0; size < 5_000_000; i++) {
      const part = `  Fn${i}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      Role: !GetAtt Role${i}.Arn\n      Environment:\n        Variables:\n          TABLE: !Sub "\${Table}-${i}"\n      Timeout: 30\n`;
      parts.push(part);
      size += part.length;
    }
    const t = parts.join('');
    const m = model(t);
    assert.equal(m.resources.length, parts.length - 1);
    const last = m.resources[m.resources.length - 1];
    assert.equal(src(t, asMap(get(last.properties, 'Role'))), `!GetAtt Role${parts.length - 2}.Arn`);
  });

  it('parses a 5 MB JSON template without throwing', () => {
    const resources: Record<string, unknown> = {};
    for (let i = 0; i < 25_000; i++) {
      resources[`Fn${i}`] = { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler', Timeout: 30, Role: { 'Fn::GetAtt': [`Role${i}`, 'Arn'] } } };
    }
    const t = JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: resources }, null, 2);
    assert.ok(t.length > 5_000_000);
    assert.equal(model(t, 'json').resources.length, 25_000);
  });
});
