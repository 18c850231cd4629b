/** The `--format json` report: one object, exactly the shape of DESIGN.md's CLI contract, positions 1-based. */
import type { AnalysisResult, FileError, Finding } from '../engine/finding';

export interface JsonFinding {
  ruleId: string;
  severity: Finding['severity'];
  message: string;
  file: string;
  line: number;
  column: number;
  /** Exclusive, like LSP's end character: the column just past the offending text. */
  endLine: number;
  endColumn: number;
  resource: string | null;
  suppressed: boolean;
  suppressionReason?: string;
}

export interface JsonError {
  file: string;
  message: string;
  /** read | parse | skipped | rule */
  kind: FileError['kind'];
  /** Where in the file, for errors with a position (syntax errors). */
  line?: number;
  column?: number;
}

export interface JsonReport {
  tool: 'serverless-guard';
  version: string;
  findings: JsonFinding[];
  errors: JsonError[];
}

export function toJsonReport(result: AnalysisResult, version: string): JsonReport {
  return {
    tool: 'serverless-guard',
    version,
    findings: result.findings.map(toJsonFinding),
    errors: result.errors.map((e) => {
      const out: JsonError = { file: e.file, message: e.message, kind: e.kind };
      if (e.range) {
        out.line = e.range.start.line + 1;
        out.column = e.range.start.character + 1;
      }
      return out;
    }),
  };
}

function toJsonFinding(f: Finding): JsonFinding {
  const out: JsonFinding = {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    file: f.file,
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    resource: f.resource,
    suppressed: f.suppressed,
  };
  if (f.suppressed) out.suppressionReason = f.suppressionReason ?? '';
  return out;
}

export function formatJson(result: AnalysisResult, version: string): string {
  return `${JSON.stringify(toJsonReport(result, version), null, 2)}\n`;
}
