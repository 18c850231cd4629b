/** TypeScript/JavaScript source parsed with the TypeScript compiler API (syntax only, never executed). */
import * as ts from 'typescript';
import type { LineIndex } from '../../engine/text';

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

/** Parses source text; the first syntax error, if any, is returned instead of a model. */
export function parseCode(fileName: string, text: string, lines: LineIndex): CodeParseResult {
  const kind = scriptKindFor(fileName) ?? ts.ScriptKind.TS;
  const sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
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
    };
  }
  return { model: { kind: 'code', sourceFile, lines } };
}
