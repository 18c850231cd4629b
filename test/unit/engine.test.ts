// The engine's entry point: file kinds, bad input, size limits, rule isolation, configuration.
import * as assert from 'node:assert/strict';
import { analyze, analyzeDocument } from '../../server/src/engine/analyze';
import { resolveConfig, isExcluded, parseConfigText, globToRegExp } from '../../server/src/engine/config';
import type { Rule } from '../../server/src/engine/rule';
import { SOURCE_CODE_EXTENSIONS, sourceKindOf } from '../../server/src/engine/source-kind';
import { WorkspaceIndex } from '../../server/src/engine/workspace';
import { CODE_EXTENSIONS } from '../../server/src/models/code/model';
import { RULES } from '../../server/src/rules';

const WILDCARD_TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - Statement:
            - Effect: Allow
              Action: 's3:*'
              Resource: 'arn:aws:s3:::reports-bucket/*'
      Tracing: Active
`;

describe('engine', () => {
  it('malformed YAML gives one error at its position and no findings', () => {
    const text = WILDCARD_TEMPLATE + '      Broken: [unclosed\n';
    const r = analyze([{ file: 'template.yaml', text }], resolveConfig());
    assert.deepEqual(r.findings, []);
    assert.equal(r.errors.length, 1);
    assert.equal(r.errors[0].kind, 'parse');
    assert.ok(r.errors[0].range && r.errors[0].range.start.line >= 10, JSON.stringify(r.errors[0]));
  });

  it('malformed TypeScript gives one error and other files still go on', () => {
    const r = analyze(
      [
        { file: 'broken.ts', text: 'export const handler = async (event) => {\n  const x = ;\n' },
        { file: 'template.yaml', text: WILDCARD_TEMPLATE },
      ],
      resolveConfig(),
    );
    assert.deepEqual(r.errors.map((e) => [e.file, e.kind, e.range?.start.line]), [['broken.ts', 'parse', 1]]);
    assert.deepEqual(r.findings.map((f) => f.ruleId), ['iam-wildcard-action']);
  });

  it('YAML and JSON that are not templates give nothing', () => {
    const r = analyze(
      [
        { file: '.github/workflows/ci.yml', text: 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n' },
        { file: 'package.json', text: '{ "name": "x", "scripts": { "Action": "*" } }' },
        { file: 'serverless.yml', text: 'service: orders\nprovider:\n  name: aws\n  iam:\n    role:\n      statements:\n        - Effect: Allow\n          Action: "*"\n          Resource: "${self:custom.arn}"\n' },
      ],
      resolveConfig(),
    );
    assert.deepEqual(r, { findings: [], errors: [] });
  });

  it('skips files over the size limit with a notice', () => {
    const big = WILDCARD_TEMPLATE + '#'.repeat(3 * 1024);
    const r = analyze([{ file: 'template.yaml', text: big }], resolveConfig({ maxFileSizeKB: 2 }));
    assert.deepEqual(r.findings, []);
    assert.equal(r.errors.length, 1);
    assert.equal(r.errors[0].kind, 'skipped');
    assert.match(r.errors[0].message, /over the 2 KB limit/);
  });

  it('a rule that throws is reported once and the others still run', () => {
    const throwing: Rule = {
      meta: { ...RULES[0].meta, id: 'always-throws' },
      checkTemplate() {
        throw new Error('boom');
      },
    };
    const r = analyze([{ file: 'template.yaml', text: WILDCARD_TEMPLATE }], resolveConfig(), { rules: [throwing, ...RULES] });
    assert.deepEqual(r.errors.map((e) => [e.kind, e.ruleId, e.message]), [['rule', 'always-throws', 'rule always-throws failed on this file: boom']]);
    assert.deepEqual(r.findings.map((f) => f.ruleId), ['iam-wildcard-action']);
  });

  it('configuration switches a rule off or changes its severity', () => {
    const doc = [{ file: 'template.yaml', text: WILDCARD_TEMPLATE }];
    assert.deepEqual(analyze(doc, resolveConfig({ rules: { 'iam-wildcard-action': 'off' } })).findings, []);
    assert.equal(analyze(doc, resolveConfig({ rules: { 'iam-wildcard-action': 'info' } })).findings[0].severity, 'info');
  });

  it('the per-edit path reuses the parse of an unchanged text', () => {
    const ws = new WorkspaceIndex();
    const doc = { file: 'template.yaml', text: WILDCARD_TEMPLATE };
    analyzeDocument(doc, resolveConfig(), ws);
    const first = ws.get('template.yaml');
    analyzeDocument(doc, resolveConfig(), ws);
    assert.equal(ws.get('template.yaml'), first);
    analyzeDocument({ ...doc, text: doc.text.replace("'s3:*'", "'sqs:*'") }, resolveConfig(), ws);
    assert.notEqual(ws.get('template.yaml'), first);
  });

  it('findings come back in a stable order', () => {
    const docs = [
      { file: 'b.yaml', text: WILDCARD_TEMPLATE },
      { file: 'a.yaml', text: WILDCARD_TEMPLATE },
    ];
    assert.deepEqual(analyze(docs, resolveConfig()).findings.map((f) => f.file), ['a.yaml', 'b.yaml']);
  });
});

describe('source kinds', () => {
  it('names as code exactly the extensions the code model parses', () => {
    assert.deepEqual([...SOURCE_CODE_EXTENSIONS].sort(), [...CODE_EXTENSIONS].sort());
    for (const ext of CODE_EXTENSIONS) assert.equal(sourceKindOf(`src/app${ext.toUpperCase()}`), 'code', ext);
    assert.equal(sourceKindOf('src/app.d.ts'), undefined);
    assert.equal(sourceKindOf('src/app.min.js'), undefined);
    assert.equal(sourceKindOf('src/app.tsv'), undefined);
  });
});

describe('configuration', () => {
  const ids = new Set(RULES.map((r) => r.meta.id));

  it('reads .serverless-guard.json and reports problems without giving up', () => {
    const r = parseConfigText('{"rules":{"sql-injection":"warning","nope":"error","iam-wildcard-action":"loud"},"exclude":["legacy/**"],"maxFileSizeKB":100,"extra":1}', ids);
    assert.deepEqual(r.config, { rules: { 'sql-injection': 'warning' }, exclude: ['legacy/**'], maxFileSizeKB: 100 });
    assert.deepEqual(r.problems, [
      'unknown rule id "nope" in "rules"',
      'rule "iam-wildcard-action": severity must be error, warning, info or off',
      'unknown key "extra"',
    ]);
    assert.match(parseConfigText('{ nope', ids).problems[0], /not valid JSON/);
  });

  it('editor settings override the file', () => {
    const c = resolveConfig({ rules: { 'sql-injection': 'warning' }, maxFileSizeKB: 100 }, { rules: { 'sql-injection': 'off' } });
    assert.equal(c.rules['sql-injection'], 'off');
    assert.equal(c.maxFileSizeKB, 100);
  });

  it('matches exclude globs like .gitignore', () => {
    const c = resolveConfig({ exclude: ['legacy/**', '*.generated.yaml', 'src/{a,b}/*.ts'] });
    assert.ok(isExcluded('legacy/old/template.yaml', c));
    assert.ok(isExcluded('deep/x.generated.yaml', c));
    assert.ok(isExcluded('src/a/h.ts', c));
    assert.ok(isExcluded('app/node_modules/pg/index.js', c));
    assert.ok(!isExcluded('src/c/h.ts', c));
    assert.ok(!isExcluded('template.yaml', c));
    assert.ok(globToRegExp('**/*.ts').test('a.ts'));
  });
});
