// The editor's requests as the analysis worker answers them, beside its index: on the document's
// current text whether or not the index holds it, without changing the index or using up the
// syntax tree an open document's next parse starts from.
import * as assert from 'node:assert/strict';
import type * as ts from 'typescript';
import type { CodeActionParams, Diagnostic, MarkupContent } from 'vscode-languageserver/node';
import { analyzeDocument } from '../../server/src/engine/analyze';
import { resolveConfig } from '../../server/src/engine/config';
import type { Finding } from '../../server/src/engine/finding';
import { WorkspaceIndex } from '../../server/src/engine/workspace';
import { findingToDiagnostic } from '../../server/src/lsp/diagnostics';
import { DocumentRequests } from '../../server/src/lsp/document-requests';
import type { EditorDocument } from '../../server/src/runner/protocol';

const config = resolveConfig();
const KEY = 'file:///ws/template.yaml';
const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
      Policies:
        - Statement:
            - Effect: Allow
              Action: 's3:*'
              Resource: arn:aws:s3:::reports/*
`;
const CDK = `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
export function wire(fn: lambda.Function, role: cdk.aws_iam.Role): void {
  fn.grantInvoke(role);
}
`;
const HANDLER_KEY = 'file:///ws/src/app.ts';
const HANDLER = `import { Pool } from 'pg';
const pool = new Pool();
export const handler = async (event: any) => pool.query("SELECT * FROM t WHERE id = '" + event.pathParameters.id + "'");
`;

const doc = (file: string, text: string, over: Partial<EditorDocument> = {}): EditorDocument => ({ file, text, languageId: undefined, maxFileSizeKB: 5120, ...over });
const markdown = (h: { contents: unknown } | null): string => (h ? (h.contents as MarkupContent).value : '');
const pos = (text: string, needle: string, after = 1) => {
  const at = text.indexOf(needle) + after;
  const before = text.slice(0, at).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
};

function actionsParams(uri: string, diagnostics: Diagnostic[]): CodeActionParams {
  return { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics } };
}

function findingsOf(index: WorkspaceIndex, file: string, text: string): Finding[] {
  return analyzeDocument({ file, text }, config, index).findings;
}

describe('document requests in the analysis worker', () => {
  it('hovers on a finding from the published findings, and on a concept from the current text', () => {
    const index = new WorkspaceIndex();
    const findings = findingsOf(index, KEY, TEMPLATE);
    const requests = new DocumentRequests(index);
    const onFinding = requests.hover({ op: 'hover', doc: doc(KEY, TEMPLATE), position: pos(TEMPLATE, "'s3:*'"), findings });
    assert.match(markdown(onFinding), /iam-wildcard-action|Action/);
    assert.deepEqual(onFinding?.range, findings.find((f) => f.ruleId === 'iam-wildcard-action')!.range);
    const concept = requests.hover({ op: 'hover', doc: doc(KEY, TEMPLATE), position: pos(TEMPLATE, 'Policies'), findings });
    assert.match(markdown(concept), /badge/i);
    // Not the published findings' version: no finding hover, but the concept still shows.
    assert.equal(requests.hover({ op: 'hover', doc: doc(KEY, TEMPLATE), position: pos(TEMPLATE, "'s3:*'"), findings: null }), null);
  });

  it('answers on a document that was never indexed (a new, unsaved file)', () => {
    const index = new WorkspaceIndex();
    const requests = new DocumentRequests(index);
    const untitled = 'untitled:Untitled-1';
    const hover = requests.hover({ op: 'hover', doc: doc(untitled, CDK, { languageId: 'typescript' }), position: pos(CDK, 'grantInvoke'), findings: [] });
    assert.match(markdown(hover), /visitor list/i);
    assert.equal(index.size, 0, 'a request put the document in the index');
  });

  it('parses nothing over the size limit: finding hovers and fixes still come, concepts and suppressions do not', () => {
    const index = new WorkspaceIndex();
    const findings = findingsOf(index, KEY, TEMPLATE);
    const requests = new DocumentRequests(index);
    const small = doc(KEY, TEMPLATE, { maxFileSizeKB: 0 });
    assert.equal(requests.hover({ op: 'hover', doc: small, position: pos(TEMPLATE, 'Policies'), findings }), null);
    assert.ok(requests.hover({ op: 'hover', doc: small, position: pos(TEMPLATE, "'s3:*'"), findings }));
    const d = findingToDiagnostic(findings.find((f) => f.ruleId === 'iam-wildcard-action')!, KEY, KEY);
    const titles = (o: EditorDocument | null) => requests.codeActions({ op: 'codeActions', doc: o, params: actionsParams(KEY, [d]) }).map((a) => a.title);
    assert.ok(titles(doc(KEY, TEMPLATE)).includes('Suppress iam-wildcard-action with a reason'));
    const limited = titles(small);
    assert.ok(!limited.some((t) => t.startsWith('Suppress')), limited.join(', '));
    assert.ok(limited.includes('Explain this risk (iam-wildcard-action)'));
    assert.deepEqual(titles(null), limited);
  });

  it('writes the suppression for the text the editor shows, not the indexed one', () => {
    const index = new WorkspaceIndex();
    const findings = findingsOf(index, KEY, TEMPLATE);
    const requests = new DocumentRequests(index);
    // Two lines typed above the finding, not analysed yet: the diagnostic the editor moved along is on line 12.
    const shown = TEMPLATE.replace('Resources:\n', 'Resources:\n  # one\n  # two\n');
    const f = findings.find((x) => x.ruleId === 'iam-wildcard-action')!;
    const moved = { ...f, range: { start: { line: f.range.start.line + 2, character: f.range.start.character }, end: { line: f.range.end.line + 2, character: f.range.end.character } } };
    const d = findingToDiagnostic(moved, KEY, KEY);
    const suppress = requests.codeActions({ op: 'codeActions', doc: doc(KEY, shown), params: actionsParams(KEY, [d]) }).find((a) => a.title.startsWith('Suppress'))!;
    const edit = suppress.edit!.changes![KEY][0];
    assert.deepEqual(edit.range.start, { line: moved.range.start.line, character: 0 });
    assert.equal(edit.newText, "              # serverless-guard-ignore-next-line iam-wildcard-action: \n");
    assert.equal(index.textOf(KEY), TEMPLATE, 'the request changed the index');
  });

  it("leaves an open document's syntax tree to its next indexed parse", () => {
    const index = new WorkspaceIndex();
    const first = index.update(HANDLER_KEY, HANDLER, 'code');
    assert.equal(first.kind, 'code');
    const kept = (first.kind === 'code' && first.model.sourceFile.statements[0]) as ts.Statement;
    const generation = index.generation;
    const requests = new DocumentRequests(index);
    const edited = `${HANDLER}export const other = 1;\n`;
    const findings = findingsOf(new WorkspaceIndex(), HANDLER_KEY, edited);
    const d = findingToDiagnostic(findings.find((f) => f.ruleId === 'sql-injection')!, HANDLER_KEY, HANDLER_KEY);
    // Requests on the edited text, before the debounced analysis indexes it.
    requests.hover({ op: 'hover', doc: doc(HANDLER_KEY, edited), position: pos(edited, 'pool.query'), findings: null });
    const actions = requests.codeActions({ op: 'codeActions', doc: doc(HANDLER_KEY, edited), params: actionsParams(HANDLER_KEY, [d]) });
    assert.ok(actions.some((a) => a.title === 'Suppress sql-injection with a reason'));
    assert.equal(index.generation, generation);
    assert.equal(index.textOf(HANDLER_KEY), HANDLER);
    const next = index.update(HANDLER_KEY, edited, 'code');
    assert.equal(next.kind, 'code');
    assert.equal(next.kind === 'code' && next.model.sourceFile.statements[0], kept, 'the next parse did not start from the indexed tree');
  });

  it("explains a document that is not open from its indexed text, and draws a stored template's defense without keeping its parse", () => {
    const index = new WorkspaceIndex();
    const findings = findingsOf(new WorkspaceIndex(), KEY, TEMPLATE);
    index.store(KEY, TEMPLATE, 'yaml');
    const requests = new DocumentRequests(index);
    const f = findings.find((x) => x.ruleId === 'iam-wildcard-action')!;
    const explained = requests.explain({ op: 'explain', file: KEY, doc: null, params: { uri: KEY, ruleId: f.ruleId, range: f.range }, findings });
    assert.equal(explained?.fileKind, 'sam');
    assert.equal(explained?.finding?.message, f.message);
    const entries = requests.defense({ op: 'defense', file: KEY, findings });
    const fn = entries?.find((e) => e.name === 'Fn');
    assert.equal(fn?.checks.find((c) => c.control === 'least-privilege')?.status, 'missing');
    assert.equal(index.parsedIfSame(KEY, TEMPLATE, 'yaml'), undefined, 'the defense view kept a parse in the index');
    assert.equal(requests.defense({ op: 'defense', file: HANDLER_KEY, findings: [] }), null);
    assert.equal(requests.explain({ op: 'explain', file: 'file:///ws/gone.yaml', doc: null, params: { uri: 'file:///ws/gone.yaml', ruleId: 'sql-injection' }, findings: [] })?.fileKind, null);
  });
});
