/** The shapes every part of the engine agrees on: positions, findings, fixes and errors. */

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** Zero-based line and UTF-16 character, as in LSP. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/** A quick fix: edits to the finding's own file. */
export interface Fix {
  title: string;
  edits: TextEdit[];
}

/** A step of a finding's evidence, e.g. where request data enters a query. */
export interface RelatedLocation {
  file: string;
  range: Range;
  message: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** The file as the caller named it (a path for the CLI, a URI for the server). */
  file: string;
  range: Range;
  /** CloudFormation logical id, CDK construct id, or null for handler code. */
  resource: string | null;
  suppressed: boolean;
  suppressionReason?: string;
  fixes: Fix[];
  related: RelatedLocation[];
}

/** A file that could not be read, parsed or analysed. */
export interface FileError {
  file: string;
  message: string;
  /** Where in the file, when the problem has a position (a syntax error). */
  range?: Range;
  /** 'parse' for bad input, 'skipped' for files passed over (too large), 'rule' for a rule that failed. */
  kind: 'read' | 'parse' | 'skipped' | 'rule';
  /** For kind 'rule': the rule that failed. */
  ruleId?: string;
}

export interface AnalysisResult {
  findings: Finding[];
  errors: FileError[];
}

export function compareRanges(a: Range, b: Range): number {
  return (
    a.start.line - b.start.line ||
    a.start.character - b.start.character ||
    a.end.line - b.end.line ||
    a.end.character - b.end.character
  );
}

/** Stable order: file, position, rule id. The CLI and the server print findings in this order. */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return compareRanges(a.range, b.range) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}
