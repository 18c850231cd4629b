/**
 * The properties every input must keep, whatever it is: no exception escapes, every range lies
 * inside the document, one file's analysis ends within its budget (the runner stops a rule that
 * overruns, and that counts as a failure here), the same input gives the same findings, and a
 * quick fix leaves a file that still parses.
 */
import * as assert from 'node:assert/strict';
import { analyze } from '../../server/src/engine/analyze';
import type { SourceDocument } from '../../server/src/engine/analyze';
import type { GuardConfig } from '../../server/src/engine/config';
import type { AnalysisResult, FileError, Range, TextEdit } from '../../server/src/engine/finding';
import { LineIndex } from '../../server/src/engine/text';
import type { AnalysisRunner } from '../../server/src/runner/runner';
import type { FuzzInput } from './arbitraries';

/** The length of each line without its line break, split as the LSP and LineIndex split (\r\n, \r, \n). */
export function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

export function assertRangeInside(range: Range, lengths: readonly number[], what: string): void {
  const { start, end } = range;
  const ok =
    Number.isInteger(start.line) &&
    Number.isInteger(end.line) &&
    start.line >= 0 &&
    end.line < lengths.length &&
    start.character >= 0 &&
    end.character >= 0 &&
    start.character <= lengths[start.line] &&
    end.character <= lengths[end.line] &&
    (start.line < end.line || (start.line === end.line && start.character <= end.character));
  assert.ok(ok, `${what}: range ${JSON.stringify(range)} is not inside the document (${lengths.length} lines)`);
}

/**
 * Errors that mean the tool broke, as opposed to input it rightly refused (a syntax error, a file
 * too large) or a parse the budget stopped (see `parseStopped`): a rule that threw or overran,
 * an internal error, engine work past the budget.
 */
export function brokenErrors(errors: readonly FileError[]): FileError[] {
  return errors.filter((e) => e.kind === 'rule' || (e.kind === 'skipped' && /internal error|took longer/.test(e.message) && !isParseStop(e)));
}

function isParseStop(e: FileError): boolean {
  return e.kind === 'skipped' && /^skipped: parsing this file took longer than/.test(e.message);
}

/**
 * True when the budget stopped the parse of this file. That is the bound doing its job (on a
 * busy machine a large garbage file can take seconds to parse), not a failure; the fuzzer counts
 * these and reports them.
 */
export function parseStopped(result: AnalysisResult): boolean {
  return result.errors.some(isParseStop);
}

export function assertResultSound(result: AnalysisResult, doc: SourceDocument): void {
  assert.deepEqual(brokenErrors(result.errors), [], `the analysis of ${doc.file} broke`);
  const lengths = lineLengths(doc.text);
  for (const e of result.errors) if (e.range) assertRangeInside(e.range, lengths, `${e.kind} error`);
  for (const f of result.findings) {
    assert.equal(f.file, doc.file, `a finding of ${f.ruleId} names another file`);
    assertRangeInside(f.range, lengths, f.ruleId);
    for (const r of f.related) if (r.file === doc.file) assertRangeInside(r.range, lengths, `${f.ruleId} related`);
    for (const fix of f.fixes) for (const e of fix.edits) assertRangeInside(e.range, lengths, `${f.ruleId} fix`);
  }
}

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const offsets = edits
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of offsets) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/**
 * Runs one input through the worker (with its budget), twice, and through the engine directly;
 * all must agree. Returns 'parse-stopped' when the budget stopped the parse (nothing more to compare).
 */
export function checkEngine(runner: AnalysisRunner, input: FuzzInput, config: GuardConfig): 'ok' | 'parse-stopped' {
  const doc: SourceDocument = { file: input.file, text: input.text, languageId: input.languageId };
  // Through the worker first: if something overruns, it is stopped there instead of hanging the fuzzer.
  runner.remove(doc.file);
  const first = runner.analyzeDocument(doc, config);
  assertResultSound(first, doc);
  if (parseStopped(first)) return 'parse-stopped';
  // The same text parsed afresh gives the same result.
  runner.remove(doc.file);
  const second = runner.analyzeDocument(doc, config);
  assert.equal(JSON.stringify(strip(second)), JSON.stringify(strip(first)), 'the same input gave different results');
  // The engine called directly throws nothing and agrees with the worker, unless the parser ran out
  // of stack on this thread and not in the worker, whose stack is larger (the products only use the worker).
  const direct = analyze([doc], config);
  assertResultSound(direct, doc);
  if (!tooDeep(direct) && !tooDeep(first)) {
    assert.equal(JSON.stringify(direct), JSON.stringify(strip(first)), 'the engine and the worker disagree');
  }
  // A quick fix leaves a file that still parses.
  if (!first.errors.some((e) => e.kind === 'parse')) {
    for (const f of first.findings) {
      for (const fix of f.fixes) {
        const fixed = analyze([{ ...doc, text: applyEdits(doc.text, fix.edits) }], config);
        assert.deepEqual(
          fixed.errors.filter((e) => e.kind === 'parse'),
          [],
          `the fix "${fix.title}" of ${f.ruleId} leaves a file that does not parse`,
        );
      }
    }
  }
  return 'ok';
}

function tooDeep(r: AnalysisResult): boolean {
  return r.errors.some((e) => e.kind === 'parse' && /nested more than/.test(e.message));
}

function strip(r: AnalysisResult): AnalysisResult {
  return { findings: r.findings, errors: r.errors };
}

/** A short description of an input for failure reports (the text itself can be megabytes). */
export function describeInput(input: FuzzInput): string {
  const t = input.text;
  const shown = t.length > 600 ? `${JSON.stringify(t.slice(0, 300))} … ${JSON.stringify(t.slice(-300))}` : JSON.stringify(t);
  return `${input.file} (${input.languageId}, ${t.length} chars): ${shown}`;
}
