/** TypeScript/JavaScript source parsed with the TypeScript compiler API (syntax only, never executed). */
import * as ts from 'typescript';
import type { LineIndex } from '../../engine/text';

const { forEachChild } = ts;

export interface CodeModel {
  kind: 'code';
  sourceFile: ts.SourceFile;
  lines: LineIndex;
}

export interface CodeSyntaxError {
  message: string;
  start: number;
  end: number;
}

export type CodeParseResult = { model: CodeModel } | { error: CodeSyntaxError };

const SCRIPT_KINDS: Record<string, ts.ScriptKind> = {
  '.ts': ts.ScriptKind.TS,
  '.mts': ts.ScriptKind.TS,
  '.cts': ts.ScriptKind.TS,
  '.tsx': ts.ScriptKind.TSX,
  '.js': ts.ScriptKind.JS,
  '.mjs': ts.ScriptKind.JS,
  '.cjs': ts.ScriptKind.JS,
  '.jsx': ts.ScriptKind.JSX,
};

export const CODE_EXTENSIONS = Object.keys(SCRIPT_KINDS);

export function scriptKindFor(fileName: string): ts.ScriptKind | undefined {
  const m = /\.[^./\\]+$/.exec(fileName.toLowerCase());
  return m ? SCRIPT_KINDS[m[0]] : undefined;
}

/**
 * The deepest syntax tree rules are given. Rules walk the tree recursively; a left-deep chain
 * such as `a + a + … + a` thousands of terms long parses fine but would exhaust the stack of
 * every walk, so past this depth the file is refused like a syntax error, as deep templates are.
 */
export const MAX_CODE_DEPTH = 1000;

/** Reported at the start of the file: the parser cannot say where it ran out of stack. */
const TOO_DEEP: CodeSyntaxError = { message: `the code is nested more than ${MAX_CODE_DEPTH} levels deep`, start: 0, end: 0 };

/** True when a node lies deeper than MAX_CODE_DEPTH. */
function tooDeep(sf: ts.SourceFile): boolean {
  // Recursion stops at the limit, so the walk itself never goes deeper than the rules may.
  let depth = 0;
  const visit = (n: ts.Node): boolean | undefined => {
    if (++depth > MAX_CODE_DEPTH) return true;
    const deep = forEachChild(n, visit);
    depth--;
    return deep;
  };
  return forEachChild(sf, visit) === true;
}

/**
 * A parse to start from: the previous text of the same file and its syntax tree. The compiler
 * re-parses only around the change and reuses the rest of the tree, which after one keystroke
 * is a fraction of a full parse. The previous tree must not be read afterwards: the compiler
 * moves the nodes it reuses.
 */
export interface PreviousParse {
  text: string;
  sourceFile: ts.SourceFile;
}

/** A parsed result, with the syntax tree (also of a file with syntax errors) to start the next parse from. */
export type CodeParseOutcome = CodeParseResult & { sourceFile?: ts.SourceFile };

/** The span of `before` that was replaced, and the length of its replacement in `after`: the common prefix and suffix left out. */
function changeRange(before: string, after: string): ts.TextChangeRange {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < shorter - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return ts.createTextChangeRange(ts.createTextSpan(start, before.length - start - tail), after.length - start - tail);
}

/** The previous tree brought up to `text`; undefined when the compiler failed on it (then a full parse decides). */
function reparse(previous: PreviousParse, text: string): ts.SourceFile | undefined {
  try {
    return ts.updateSourceFile(previous.sourceFile, text, changeRange(previous.text, text));
  } catch (e) {
    if (e instanceof RangeError) throw e;
    return undefined;
  }
}

/** Parses source text; the first syntax error, if any, is returned instead of a model. */
export function parseCode(fileName: string, text: string, lines: LineIndex, previous?: PreviousParse): CodeParseOutcome {
  const kind = scriptKindFor(fileName) ?? ts.ScriptKind.TS;
  let sourceFile: ts.SourceFile;
  try {
    sourceFile =
      (previous && previous.sourceFile.fileName === fileName && reparse(previous, text)) ||
      ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  } catch (e) {
    // The compiler's parser recurses on nesting (`((((…`, `****…`) and can run out of stack first.
    if (e instanceof RangeError) return { error: TOO_DEEP };
    throw e;
  }
  // Before the syntax errors: whether the parser ran out of stack on a deep file or finished it
  // (the stack used varies from run to run), the answer is the same one.
  if (tooDeep(sourceFile)) return { error: TOO_DEEP };
  // parseDiagnostics is internal to the compiler API but stable for years; it is the only way to
  // get syntax errors without a Program, which would type-check and read other files.
  const diags = (sourceFile as unknown as { parseDiagnostics?: readonly ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  if (diags.length > 0) {
    const d = diags[0];
    return {
      error: {
        message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
        start: d.start,
        end: d.start + Math.max(d.length, 0),
      },
      sourceFile,
    };
  }
  return { model: { kind: 'code', sourceFile, lines }, sourceFile };
}
