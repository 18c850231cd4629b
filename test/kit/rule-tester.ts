/** A table-driven tester for rules, in the manner of typescript-eslint's RuleTester. */
import * as assert from 'node:assert/strict';
import { analyze } from '../../server/src/engine/analyze';
import { resolveConfig } from '../../server/src/engine/config';
import type { Finding, TextEdit } from '../../server/src/engine/finding';
import type { Rule } from '../../server/src/engine/rule';
import { LineIndex } from '../../server/src/engine/text';

export interface ValidCase {
  name: string;
  /** The file name decides the model: `template.yaml`, `template.json`, `handler.ts`... */
  file: string;
  code: string;
  /** Other files of the workspace (a template's handlers), by name: read, not checked. */
  files?: Record<string, string>;
}

export interface ExpectedFinding {
  /** 1-based, as editors and the CLI show them. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** A substring the message must contain. */
  message?: string;
  resource?: string | null;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
  /** The text after applying the first finding's first fix; the result must re-analyse clean. */
  output?: string;
}

export function run(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  const findingsOf = (file: string, code: string, others: Record<string, string> = {}): Finding[] => {
    const docs = [{ file, text: code }, ...Object.entries(others).map(([f, text]) => ({ file: f, text }))];
    const r = analyze(docs, resolveConfig({ rules: { [rule.meta.id]: 'error' } }), { rules: [rule] });
    assert.deepEqual(r.errors, [], `unexpected errors: ${JSON.stringify(r.errors)}`);
    return r.findings.filter((f) => f.ruleId === rule.meta.id && f.file === file);
  };

  describe(`${rule.meta.id}: valid`, () => {
    for (const c of cases.valid) {
      it(c.name, () => {
        const found = findingsOf(c.file, c.code, c.files);
        assert.deepEqual(found.map(describeFinding), [], 'expected no findings');
      });
    }
  });

  describe(`${rule.meta.id}: invalid`, () => {
    for (const c of cases.invalid) {
      it(c.name, () => {
        const found = findingsOf(c.file, c.code, c.files);
        assert.deepEqual(
          found.map((f) => ({ line: f.range.start.line + 1, column: f.range.start.character + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1 })),
          c.errors.map((e) => ({ line: e.line, column: e.column, endLine: e.endLine, endColumn: e.endColumn })),
          `ranges differ; found: ${found.map(describeFinding).join(' | ')}`,
        );
        c.errors.forEach((e, i) => {
          if (e.message !== undefined) assert.ok(found[i].message.includes(e.message), `message "${found[i].message}" lacks "${e.message}"`);
          if (e.resource !== undefined) assert.equal(found[i].resource, e.resource);
        });
        if (c.output !== undefined) {
          const fix = found[0].fixes[0];
          assert.ok(fix, 'expected a quick fix');
          const fixed = applyEdits(c.code, fix.edits);
          assert.equal(fixed, c.output);
          assert.deepEqual(findingsOf(c.file, fixed, c.files).map(describeFinding), [], 'the fixed text should analyse clean');
        }
      });
    }
  });
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const offs = edits
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of offs) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

function describeFinding(f: Finding): string {
  return `${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.line + 1}:${f.range.end.character + 1} ${f.message}`;
}
