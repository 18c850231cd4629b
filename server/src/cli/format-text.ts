/** The `--format text` report, ESLint-stylish: findings grouped by file, then the files not analysed, then one summary line. */
import type { AnalysisResult, FileError, Severity } from '../engine/finding';

export interface Summary {
  /** Unsuppressed findings. */
  problems: number;
  errors: number;
  warnings: number;
  infos: number;
  suppressed: number;
  filesScanned: number;
  /** Distinct files with an entry in `errors`. */
  filesNotAnalysed: number;
}

export function summarize(result: AnalysisResult, filesScanned: number): Summary {
  const s: Summary = { problems: 0, errors: 0, warnings: 0, infos: 0, suppressed: 0, filesScanned, filesNotAnalysed: 0 };
  for (const f of result.findings) {
    if (f.suppressed) {
      s.suppressed++;
      continue;
    }
    s.problems++;
    if (f.severity === 'error') s.errors++;
    else if (f.severity === 'warning') s.warnings++;
    else s.infos++;
  }
  s.filesNotAnalysed = new Set(result.errors.map((e) => e.file)).size;
  return s;
}

const plural = (n: number, word: string, words = `${word}s`): string => `${n} ${n === 1 ? word : words}`;

/** "3 problems (1 error, 1 warning, 1 info) in 12 files; 2 suppressed; 1 file could not be analysed" */
export function summaryLine(s: Summary): string {
  const parts = [
    `${plural(s.problems, 'problem')} (${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'info')}) in ${plural(s.filesScanned, 'file')}`,
  ];
  if (s.suppressed > 0) parts.push(`${s.suppressed} suppressed`);
  parts.push(`${plural(s.filesNotAnalysed, 'file')} could not be analysed`);
  return parts.join('; ');
}

export interface TextOptions {
  filesScanned: number;
  color: boolean;
}

interface Paint {
  bold(s: string): string;
  dim(s: string): string;
  underline(s: string): string;
  severity(sev: Severity, s: string): string;
}

function paint(color: boolean): Paint {
  const wrap = (open: number, close: number) => (s: string) => (color ? `\x1b[${open}m${s}\x1b[${close}m` : s);
  const red = wrap(31, 39);
  const yellow = wrap(33, 39);
  const cyan = wrap(36, 39);
  return {
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    underline: wrap(4, 24),
    severity: (sev, s) => (sev === 'error' ? red(s) : sev === 'warning' ? yellow(s) : cyan(s)),
  };
}

/** Reports are one line per item; messages and parser errors may span lines. */
function oneLine(s: string): string {
  return s.split(/\r?\n/)[0].trim();
}

export function formatText(result: AnalysisResult, options: TextOptions): string {
  const p = paint(options.color);
  const out: string[] = [];

  const byFile = new Map<string, AnalysisResult['findings']>();
  for (const f of result.findings) {
    if (f.suppressed) continue;
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  for (const [file, findings] of byFile) {
    const rows = findings.map((f) => ({
      line: String(f.range.start.line + 1),
      column: String(f.range.start.character + 1),
      severity: f.severity,
      message: oneLine(f.message),
      ruleId: f.ruleId,
    }));
    const w = {
      line: Math.max(...rows.map((r) => r.line.length)),
      column: Math.max(...rows.map((r) => r.column.length)),
      severity: Math.max(...rows.map((r) => r.severity.length)),
      message: Math.max(...rows.map((r) => r.message.length)),
    };
    out.push(p.underline(file));
    for (const r of rows) {
      const position = `${r.line.padStart(w.line)}:${r.column.padEnd(w.column)}`;
      out.push(
        `  ${p.dim(position)}  ${p.severity(r.severity, r.severity.padEnd(w.severity))}  ${r.message.padEnd(w.message)}  ${p.dim(r.ruleId)}`,
      );
    }
    out.push('');
  }

  if (result.errors.length > 0) {
    out.push(p.bold('Could not be analysed:'));
    for (const e of result.errors) out.push(`  ${errorLine(e)}`);
    out.push('');
  }

  const s = summarize(result, options.filesScanned);
  const line = summaryLine(s);
  out.push(s.errors > 0 ? p.bold(p.severity('error', line)) : s.warnings > 0 ? p.bold(p.severity('warning', line)) : p.bold(line));
  return `${out.join('\n')}\n`;
}

/** "broken.yaml:3:5: <first line of the message>", for the text report and for stderr. */
export function errorLine(e: FileError): string {
  const at = e.range ? `:${e.range.start.line + 1}:${e.range.start.character + 1}` : '';
  return `${e.file}${at}: ${oneLine(e.message)}`;
}
