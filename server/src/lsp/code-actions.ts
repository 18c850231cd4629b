/** Quick fixes for our diagnostics, read from each diagnostic's `data` (keyed by code and data, never by message text). */
import { CodeActionKind } from 'vscode-languageserver/node';
import type { CodeAction, CodeActionParams, Diagnostic, TextEdit } from 'vscode-languageserver/node';
import type { DiagnosticData } from './protocol';
import { DIAGNOSTIC_SOURCE } from './protocol';

function isRange(x: unknown): boolean {
  const r = x as { start?: { line?: unknown; character?: unknown }; end?: { line?: unknown; character?: unknown } } | null;
  return (
    typeof r === 'object' && r !== null &&
    typeof r.start?.line === 'number' && typeof r.start.character === 'number' &&
    typeof r.end?.line === 'number' && typeof r.end.character === 'number'
  );
}

/** The diagnostic's fixes, if its data has the shape we publish; clients echo `data` back, so it is checked, not trusted. */
export function fixesOf(d: Diagnostic): DiagnosticData['fixes'] {
  if (d.source !== DIAGNOSTIC_SOURCE) return [];
  const data = d.data as Partial<DiagnosticData> | undefined;
  if (!data || typeof data !== 'object' || data.ruleId !== d.code || !Array.isArray(data.fixes)) return [];
  return data.fixes.filter(
    (f) =>
      typeof f?.title === 'string' &&
      Array.isArray(f.edits) &&
      f.edits.length > 0 &&
      f.edits.every((e: TextEdit) => typeof e?.newText === 'string' && isRange(e.range)),
  );
}

function wantsQuickFixes(only: readonly string[] | undefined): boolean {
  return !only || only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${k}.`));
}

export function codeActions(params: CodeActionParams): CodeAction[] {
  if (!wantsQuickFixes(params.context.only)) return [];
  const actions: CodeAction[] = [];
  for (const d of params.context.diagnostics) {
    fixesOf(d).forEach((fix, i) => {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: i === 0,
        edit: { changes: { [params.textDocument.uri]: fix.edits } },
      });
    });
  }
  return actions;
}
