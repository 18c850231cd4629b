/**
 * Code actions for our diagnostics, keyed by code and `data` (never by message text): the rule's
 * quick fixes, "Suppress with a reason" and "Explain this risk".
 */
import type { CodeAction, CodeActionKind, CodeActionParams, Diagnostic, TextEdit } from 'vscode-languageserver/node';
import type { ParsedFile } from '../engine/workspace';
import { RULES_BY_ID } from '../rules';
import { INVALID_SUPPRESSION } from '../rules/invalid-suppression';
import type { DiagnosticData, ExplainTarget, SetCursorArgs } from './protocol';
import { DIAGNOSTIC_SOURCE, EXPLAIN_COMMAND, SET_CURSOR_COMMAND } from './protocol';
import { suppressEdit } from './suppress-edit';

/**
 * CodeActionKind.QuickFix, written out: this module runs in the analysis worker (worker.js, also
 * the CLI's), which should not carry a copy of vscode-languageserver for one constant.
 */
const QUICK_FIX: CodeActionKind = 'quickfix';

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
  return !only || only.some((k) => k === QUICK_FIX || QUICK_FIX.startsWith(`${k}.`));
}

/** The rule id of one of our findings (not a parse error or a skipped-file notice), from code and data. */
function ruleOf(d: Diagnostic): { ruleId: string; resource: string | null } | undefined {
  if (d.source !== DIAGNOSTIC_SOURCE || typeof d.code !== 'string' || !RULES_BY_ID.has(d.code)) return undefined;
  const data = d.data as Partial<DiagnosticData> | undefined;
  if (!data || typeof data !== 'object' || data.ruleId !== d.code) return undefined;
  return { ruleId: d.code, resource: typeof data.resource === 'string' ? data.resource : null };
}

/**
 * The actions for the diagnostics in the request. `file` is the document as parsed now (for the
 * suppression edit); without it only the fixes from data and Explain are offered.
 */
export function codeActions(params: CodeActionParams, file?: ParsedFile): CodeAction[] {
  if (!wantsQuickFixes(params.context.only)) return [];
  const uri = params.textDocument.uri;
  const actions: CodeAction[] = [];
  const extra: CodeAction[] = [];
  for (const d of params.context.diagnostics) {
    fixesOf(d).forEach((fix, i) => {
      actions.push({
        title: fix.title,
        kind: QUICK_FIX,
        diagnostics: [d],
        isPreferred: i === 0,
        edit: { changes: { [uri]: fix.edits } },
      });
    });
    const rule = ruleOf(d);
    if (!rule) continue;
    // Suppressing the suppression audit would hide the very note that asks for a reason.
    const s = rule.ruleId !== INVALID_SUPPRESSION && file ? suppressEdit(file, d.range, rule.ruleId, rule.resource) : undefined;
    if (s) {
      const args: SetCursorArgs = { uri, position: s.cursor };
      extra.push({
        title: `Suppress ${rule.ruleId} with a reason`,
        kind: QUICK_FIX,
        diagnostics: [d],
        edit: { changes: { [uri]: [s.edit] } },
        command: { title: 'Type the reason', command: SET_CURSOR_COMMAND, arguments: [args] },
      });
    }
    const target: ExplainTarget = { uri, ruleId: rule.ruleId, range: d.range };
    extra.push({
      title: `Explain this risk (${rule.ruleId})`,
      kind: QUICK_FIX,
      diagnostics: [d],
      command: { title: 'Explain this risk', command: EXPLAIN_COMMAND, arguments: [target] },
    });
  }
  return [...actions, ...extra];
}
