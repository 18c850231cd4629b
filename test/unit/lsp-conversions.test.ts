// The server's pure parts: findings → diagnostics, diagnostic data → code actions, findings → hover markdown.
import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import type { CodeAction, Diagnostic, MarkupContent } from 'vscode-languageserver/node';
import type { AnalysisResult, Finding } from '../../server/src/engine/finding';
import { codeActions } from '../../server/src/lsp/code-actions';
import { toDiagnostics } from '../../server/src/lsp/diagnostics';
import { escapeMarkdown, hoverAt, layerLine } from '../../server/src/lsp/hover';
import { RULES_BY_ID } from '../../server/src/rules';

const URI = 'file:///w/template.yaml';
const r = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });

function finding(over: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'iam-wildcard-action',
    severity: 'error',
    message: 'Fn allows s3:* [see](http://evil) <img>',
    file: URI,
    range: r(8, 22, 8, 28),
    resource: 'Fn',
    suppressed: false,
    fixes: [{ title: 'Use s3:GetObject', edits: [{ range: r(8, 22, 8, 28), newText: "'s3:GetObject'" }] }],
    related: [{ file: URI, range: r(3, 2, 3, 4), message: 'the function' }],
    ...over,
  };
}

describe('lsp: findings to diagnostics', () => {
  it('maps a finding with code, docs link, severity, related information and data', () => {
    const [d] = toDiagnostics({ findings: [finding()], errors: [] }, URI);
    assert.equal(d.source, 'serverless-guard');
    assert.equal(d.code, 'iam-wildcard-action');
    assert.equal(d.severity, DiagnosticSeverity.Error);
    assert.match(d.codeDescription!.href, /docs\/rules\/iam-wildcard-action\.md$/);
    assert.deepEqual(d.range, r(8, 22, 8, 28));
    assert.deepEqual(d.relatedInformation, [{ location: { uri: URI, range: r(3, 2, 3, 4) }, message: 'the function' }]);
    assert.deepEqual(d.data, { ruleId: 'iam-wildcard-action', resource: 'Fn', fixes: finding().fixes, suppressed: false });
  });

  it('maps severities and leaves suppressed findings out', () => {
    const ds = toDiagnostics(
      { findings: [finding({ severity: 'warning' }), finding({ severity: 'info' }), finding({ suppressed: true })], errors: [] },
      URI,
    );
    assert.deepEqual(ds.map((d) => d.severity), [DiagnosticSeverity.Warning, DiagnosticSeverity.Information]);
  });

  it('gives a file that does not parse exactly one error diagnostic, and nothing else', () => {
    const result: AnalysisResult = {
      findings: [finding()],
      errors: [
        { file: URI, kind: 'parse', message: 'Unexpected end of flow sequence', range: r(4, 17, 4, 18) },
        { file: URI, kind: 'rule', message: 'rule x failed on this file: boom' },
      ],
    };
    const ds = toDiagnostics(result, URI);
    assert.equal(ds.length, 1);
    assert.deepEqual(
      { code: ds[0].code, severity: ds[0].severity, range: ds[0].range, message: ds[0].message },
      { code: 'parse-error', severity: DiagnosticSeverity.Error, range: r(4, 17, 4, 18), message: 'Unexpected end of flow sequence' },
    );
  });

  it('reports a skipped file and a failing rule as information at the start of the file', () => {
    const ds = toDiagnostics(
      {
        findings: [],
        errors: [
          { file: URI, kind: 'skipped', message: 'skipped: 6000 KB is over the 5120 KB limit (maxFileSizeKB)' },
          { file: URI, kind: 'rule', ruleId: 'sql-injection', message: 'rule sql-injection failed on this file: boom' },
        ],
      },
      URI,
    );
    assert.deepEqual(
      ds.map((d) => [d.code, d.severity, d.range, d.message]),
      [
        ['skipped', DiagnosticSeverity.Information, r(0, 0, 0, 0), 'Serverless Guard skipped this file: 6000 KB is over the 5120 KB limit (maxFileSizeKB)'],
        ['sql-injection', DiagnosticSeverity.Information, r(0, 0, 0, 0), 'rule sql-injection failed on this file: boom'],
      ],
    );
  });
});

describe('lsp: code actions', () => {
  const [diag] = toDiagnostics({ findings: [finding({ fixes: [finding().fixes[0], { title: 'Second', edits: [{ range: r(1, 0, 1, 0), newText: 'x' }] }] })], errors: [] }, URI);
  const request = (diagnostics: Diagnostic[], only?: string[]) =>
    codeActions({ textDocument: { uri: URI }, range: diag.range, context: { diagnostics, ...(only ? { only } : {}) } });

  const fixActions = (actions: CodeAction[]) => actions.filter((a) => a.command === undefined);

  it('offers one quick fix per fix in data, the first preferred, then Explain', () => {
    const actions = request([{ ...diag, message: 'any text' }]);
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, a.isPreferred, a.edit?.changes?.[URI]?.[0].newText, a.diagnostics?.[0].code, a.command?.command]),
      [
        ['Use s3:GetObject', 'quickfix', true, "'s3:GetObject'", 'iam-wildcard-action', undefined],
        ['Second', 'quickfix', false, 'x', 'iam-wildcard-action', undefined],
        // Without the parsed file there is no suppression edit; Explain needs only the diagnostic.
        ['Explain this risk (iam-wildcard-action)', 'quickfix', undefined, undefined, 'iam-wildcard-action', 'serverlessGuard.explain'],
      ],
    );
    assert.deepEqual(actions[2].command?.arguments, [{ uri: URI, ruleId: 'iam-wildcard-action', range: diag.range }]);
  });

  it('ignores other sources, missing or malformed data, and requests for other kinds', () => {
    assert.deepEqual(request([{ ...diag, source: 'eslint' }]), []);
    assert.deepEqual(request([{ ...diag, data: undefined }]), []);
    assert.deepEqual(request([{ ...diag, data: { ruleId: 'other', fixes: [] } }]), []);
    assert.deepEqual(request([{ ...diag, code: 'not-a-rule', data: { ruleId: 'not-a-rule', fixes: [] } }]), []);
    assert.deepEqual(fixActions(request([{ ...diag, data: { ruleId: 'iam-wildcard-action', fixes: [{ title: 'bad', edits: [{ newText: 1 }] }] } }])), []);
    assert.deepEqual(request([diag], ['refactor']), []);
    assert.equal(fixActions(request([diag], ['quickfix'])).length, 2);
  });
});

describe('lsp: hover', () => {
  it('renders the rule record for a position inside the finding, escaping the user text', () => {
    const h = hoverAt([finding()], { line: 8, character: 25 });
    assert.ok(h);
    const md = (h.contents as MarkupContent).value;
    const meta = RULES_BY_ID.get('iam-wildcard-action')!.meta;
    assert.ok(md.includes(`**${meta.title}**`), md);
    assert.ok(md.includes(meta.explanation));
    assert.ok(md.includes(`> ${meta.analogy.split('\n')[0]}`));
    assert.ok(md.includes(layerLine(meta.layer!)));
    assert.ok(md.includes(`**Quick fix:** ${meta.fixSummary}`));
    assert.match(md, /\(https:\/\/github\.com\/serverless-guard\/serverless-guard\/blob\/main\/docs\/rules\/iam-wildcard-action\.md\)/);
    assert.ok(md.includes('s3:\\* \\[see\\]\\(http://evil\\) \\<img\\>'), md);
    assert.deepEqual(h.range, finding().range);
  });

  it('has nothing outside findings, and joins overlapping findings', () => {
    assert.equal(hoverAt([finding()], { line: 7, character: 25 }), null);
    assert.equal(hoverAt([finding({ suppressed: true })], { line: 8, character: 25 }), null);
    const h = hoverAt([finding(), finding({ ruleId: 'sql-injection' })], { line: 8, character: 22 });
    const sqlAnalogy = RULES_BY_ID.get('sql-injection')!.meta.analogy.split('\n')[0];
    assert.match((h!.contents as MarkupContent).value, /\n---\n/);
    assert.ok((h!.contents as MarkupContent).value.includes(sqlAnalogy));
  });

  it('escapes markdown and draws the layer line', () => {
    assert.equal(escapeMarkdown('*a* _b_ `c` [d](e) <f> #g'), '\\*a\\* \\_b\\_ \\`c\\` \\[d\\]\\(e\\) \\<f\\> \\#g');
    assert.equal(layerLine('Edge'), 'Defense in depth: **Edge** → API → Lambda → Data → Audit');
  });
});
