/**
 * The client's view of our diagnostics, without VS Code types (so it is unit-tested in plain
 * Node): which finding is under the cursor, the quick pick's items, and the status bar's count.
 */
import { DIAGNOSTIC_SOURCE, PARSE_ERROR_CODE } from '../../server/src/lsp/protocol';

export interface LspPosition {
  line: number;
  character: number;
}

export interface LspRange {
  start: LspPosition;
  end: LspPosition;
}

/**
 * A plain LSP range from a range-like object. VS Code's Range serializes to JSON as an array
 * ([start, end]), so one sent to the server as is arrives without `start` and `end`.
 */
export function lspRange(r: LspRange): LspRange {
  return { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } };
}

/** The fields of a diagnostic these functions read (VS Code's and LSP's both fit, after range conversion). */
export interface DiagnosticLike {
  source?: string;
  code?: string | number | { value: string | number } | undefined;
  message: string;
  range: LspRange;
  /** 0 error, 1 warning, 2 information, 3 hint (VS Code's numbering). */
  severity: number;
}

/** Codes we publish that are notices about the file, not findings of a rule. */
const NOT_FINDINGS = new Set([PARSE_ERROR_CODE, 'skipped', 'read', 'rule-error']);

export function codeOf(d: DiagnosticLike): string | undefined {
  const c = typeof d.code === 'object' && d.code !== null ? d.code.value : d.code;
  return c === undefined ? undefined : String(c);
}

/** Our findings among a file's diagnostics (not parse errors or skipped-file notices, nor other tools' diagnostics). */
export function ourFindings<D extends DiagnosticLike>(diagnostics: readonly D[]): D[] {
  return diagnostics.filter((d) => {
    const code = codeOf(d);
    return d.source === DIAGNOSTIC_SOURCE && code !== undefined && !NOT_FINDINGS.has(code);
  });
}

function before(a: LspPosition, b: LspPosition): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

/** The finding under the cursor; the most severe, then the narrowest, when several overlap. */
export function findingAt<D extends DiagnosticLike>(diagnostics: readonly D[], p: LspPosition): D | undefined {
  const here = ourFindings(diagnostics).filter((d) => before(d.range.start, p) && before(p, d.range.end));
  const width = (d: D) => (d.range.end.line - d.range.start.line) * 100_000 + d.range.end.character - d.range.start.character;
  return here.sort((a, b) => a.severity - b.severity || width(a) - width(b))[0];
}

const SEVERITY_ICON = ['$(error)', '$(warning)', '$(info)', '$(info)'];

export interface PickItem {
  label: string;
  description: string;
  detail: string;
  ruleId: string;
  range: LspRange;
}

/** The quick pick's items for a file, in file order. */
export function pickItems(diagnostics: readonly DiagnosticLike[]): PickItem[] {
  return ourFindings(diagnostics)
    .slice()
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)
    .map((d) => ({
      label: `${SEVERITY_ICON[d.severity] ?? ''} ${codeOf(d)}`.trim(),
      description: `line ${d.range.start.line + 1}`,
      detail: d.message,
      ruleId: codeOf(d)!,
      range: lspRange(d.range),
    }));
}

export interface Counts {
  error: number;
  warning: number;
  info: number;
}

/** Our findings across all files, by severity (hints count as info). */
export function countFindings(all: Iterable<readonly DiagnosticLike[]>): Counts {
  const c: Counts = { error: 0, warning: 0, info: 0 };
  for (const diagnostics of all) {
    for (const d of ourFindings(diagnostics)) {
      if (d.severity === 0) c.error++;
      else if (d.severity === 1) c.warning++;
      else c.info++;
    }
  }
  return c;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The status bar item's text and tooltip. */
export function statusText(c: Counts): { text: string; tooltip: string } {
  const total = c.error + c.warning + c.info;
  const icon = c.error > 0 ? '$(shield) $(error)' : c.warning > 0 ? '$(shield) $(warning)' : '$(shield)';
  return {
    text: `${icon} ${total}`,
    tooltip: total === 0 ? 'Serverless Guard: no findings' : `Serverless Guard: ${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${c.info} info — click for the Problems panel`,
  };
}
