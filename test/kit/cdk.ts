/** Test rules for the CDK checks: a real rule record under the checked id, running only `CDK_CHECKS[id]`. */
import * as assert from 'node:assert/strict';
import * as ts from 'typescript';
import type { Rule } from '../../server/src/engine/rule';
import { rule as base } from '../../server/src/rules/iam-wildcard-action';
import { CDK_CHECKS } from '../../server/src/rules/cdk';
import type { InvalidCase, ValidCase } from './rule-tester';
import { run } from './rule-tester';

export function cdkTestRule(id: string): Rule {
  const check = CDK_CHECKS[id];
  assert.ok(check, `no CDK check for ${id}`);
  return { meta: { ...base.meta, id }, checkCode: check };
}

/** Syntax errors the TypeScript parser finds in a text (none expected after a fix). */
export function syntaxErrors(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS);
  const diags = (sf as unknown as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics ?? [];
  return diags.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

/**
 * Runs a CDK check's table with the rule tester (ranges, messages, the first fix applied and
 * re-analysed clean), and checks that every case and every fixed output parses as TypeScript.
 */
export function runCdk(id: string, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  run(cdkTestRule(id), cases);
  describe(`${id}: CDK cases and fixed outputs parse`, () => {
    for (const c of [...cases.valid, ...cases.invalid]) {
      it(c.name, () => {
        assert.deepEqual(syntaxErrors(c.file, c.code), [], 'the case itself parses');
        const out = (c as InvalidCase).output;
        if (out !== undefined) assert.deepEqual(syntaxErrors(c.file, out), [], 'the fixed text parses');
      });
    }
  });
}
