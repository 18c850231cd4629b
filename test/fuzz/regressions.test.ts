// Inputs the fuzzer found breaking a promise, each fixed in the component that owns it.
import * as assert from 'node:assert/strict';
import { analyze } from '../../server/src/engine/analyze';
import { resolveConfig } from '../../server/src/engine/config';
import { LineIndex } from '../../server/src/engine/text';
import { MAX_CODE_DEPTH } from '../../server/src/models/code/model';
import { assertResultSound } from './check';

const config = resolveConfig();

describe('fuzz regressions', () => {
  it('an inline suppression on a CRLF line ends before the \\r (suppress.ts)', () => {
    const text = [
      "AWSTemplateFormatVersion: '2010-09-09'",
      'Resources:',
      '  Queue:',
      '    Type: AWS::SQS::Queue # serverless-guard-ignore no-such-rule: why',
      '',
    ].join('\r\n');
    const doc = { file: 'template.yaml', text };
    const r = analyze([doc], config);
    assertResultSound(r, doc);
    const [s] = r.findings.filter((f) => f.ruleId === 'invalid-suppression');
    assert.deepEqual(s.range, { start: { line: 3, character: 26 }, end: { line: 3, character: 69 } });
  });

  it('an error at the \\n of a CRLF lies at the end of its line, not past it (LineIndex)', () => {
    const text = "AWSTemplateFormatVersion: '2010-09-09'\r\nResources:\r\n  Q:\r\n    Type: '\r\nAWS::SQS::Queue'\r\n  R: [\r\n";
    const doc = { file: 'template.yaml', text };
    const r = analyze([doc], config);
    assertResultSound(r, doc);
    const lines = new LineIndex('ab\r\ncd');
    assert.deepEqual([2, 3, 4].map((o) => lines.positionAt(o)), [
      { line: 0, character: 2 },
      { line: 0, character: 2 },
      { line: 1, character: 0 },
    ]);
  });

  it('a quick fix next to a tagged key indents from the tag, so the file still parses (template-edit)', () => {
    const text = "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n  !Ref R:\n    Type: AWS::S3::Bucket\n  R2:\n    !Ref Type: AWS::S3::Bucket\n";
    const r = analyze([{ file: 'template.yaml', text }], config);
    const fixes = r.findings.flatMap((f) => f.fixes.map((fx) => ({ ruleId: f.ruleId, fx })));
    assert.ok(fixes.some((x) => x.ruleId === 's3-insecure-transport'), 'the bucket policy fix is offered');
    for (const { ruleId, fx } of fixes) {
      const lines = new LineIndex(text);
      let out = text;
      for (const e of [...fx.edits].sort((a, b) => lines.offsetAt(b.range.start) - lines.offsetAt(a.range.start))) {
        out = out.slice(0, lines.offsetAt(e.range.start)) + e.newText + out.slice(lines.offsetAt(e.range.end));
      }
      const after = analyze([{ file: 'template.yaml', text: out }], config);
      assert.deepEqual(after.errors.filter((e) => e.kind === 'parse'), [], `${ruleId}: ${fx.title}\n${out}`);
    }
  });

  it(`a + chain thousands of terms long is refused like a syntax error, not a rule failure (code model, depth ${MAX_CODE_DEPTH})`, () => {
    // One term a line, as generated code writes it (a single long line would be skipped as minified).
    const text = `import { Pool } from 'pg';\nconst pool = new Pool();\nexport const handler = async (event) => pool.query("SELECT "\n${'  + event.body\n'.repeat(3000)});\n`;
    const doc = { file: 'src/handler.js', text };
    const r = analyze([doc], config);
    assertResultSound(r, doc);
    assert.deepEqual(r.findings, []);
    assert.deepEqual(
      r.errors.map((e) => [e.kind, e.message, e.range]),
      [['parse', `the code is nested more than ${MAX_CODE_DEPTH} levels deep`, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }]],
    );
    // Within the bound the rule still reads it.
    const short = { file: 'src/handler.js', text: text.replace('  + event.body\n'.repeat(3000), '  + event.body\n'.repeat(300)) };
    assert.deepEqual(analyze([short], config).findings.map((f) => f.ruleId), ['sql-injection']);
  });

  it('nesting that exhausts the TypeScript parser\'s own stack is a syntax error, not a crash (code model)', () => {
    for (const text of ['*\n'.repeat(20_000), `x = ${'(\n'.repeat(30_000)}1${')\n'.repeat(30_000)};`, 'const s = ' + '`${\n'.repeat(20_000)]) {
      const doc = { file: 'src/deep.ts', text };
      const r = analyze([doc], config);
      assertResultSound(r, doc);
      assert.deepEqual(r.errors.map((e) => [e.kind, e.message]), [['parse', `the code is nested more than ${MAX_CODE_DEPTH} levels deep`]]);
    }
  });
});
