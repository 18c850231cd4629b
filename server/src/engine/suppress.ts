/**
 * Suppressions: `serverless-guard-ignore-next-line <rule>: <reason>` comments (code and YAML),
 * `serverless-guard-ignore <rule>: <reason>` at the end of a line, and a template resource's
 * `Metadata: { serverless-guard: { ignore: [{ rule, reason }] } }`. Suppressed findings are kept,
 * marked; suppressions that are malformed or match nothing are reported as `invalid-suppression`.
 */
import type { Finding, Range } from './finding';
import type { LineIndex } from './text';
import type { TemplateModel } from '../models/template/model';
import { asList, get, getPath, isMap, str } from '../models/template/nodes';

export interface Suppression {
  ruleIds: string[];
  reason: string;
  /** Where the suppression is written. */
  range: Range;
  /** Inline: the zero-based line it covers. Metadata: the resource it covers. */
  line?: number;
  resource?: string;
  inline: boolean;
  used: boolean;
}

// `[^\r\n]`: a suppression's range ends at the end of its line, before a CRLF's `\r` too.
const INLINE = /(?:\/\/|\/\*|#)\s*serverless-guard-ignore(-next-line)?\b([^\r\n]*)/g;

function parseDirective(body: string): { ruleIds: string[]; reason: string } {
  // body: " rule-a, rule-b: the reason */"
  const cleaned = body.replace(/\*\/\s*$/, '').trim();
  const colon = cleaned.indexOf(':');
  const idsPart = colon >= 0 ? cleaned.slice(0, colon) : cleaned;
  const reason = colon >= 0 ? cleaned.slice(colon + 1).trim() : '';
  const ruleIds = idsPart.split(/[\s,]+/).filter(Boolean);
  return { ruleIds, reason };
}

/** Finds inline suppression comments. Works on the raw text so YAML and TS share it. */
export function findInlineSuppressions(text: string, lines: LineIndex): Suppression[] {
  const out: Suppression[] = [];
  // A cheap test first: almost no file has a suppression.
  if (!text.includes('serverless-guard-ignore')) return out;
  INLINE.lastIndex = 0;
  for (let m = INLINE.exec(text); m; m = INLINE.exec(text)) {
    const start = m.index;
    const end = m.index + m[0].length;
    const range = lines.range(start, end);
    const { ruleIds, reason } = parseDirective(m[2]);
    const nextLine = m[1] !== undefined;
    out.push({ ruleIds, reason, range, line: nextLine ? range.start.line + 1 : range.start.line, inline: true, used: false });
  }
  return out;
}

/** Reads `Metadata.serverless-guard.ignore` of every resource. */
export function findMetadataSuppressions(model: TemplateModel): Suppression[] {
  const out: Suppression[] = [];
  for (const res of model.resources) {
    const ignore = getPath(res.node, 'Metadata', 'serverless-guard', 'ignore');
    if (!ignore) continue;
    for (const item of asList(ignore)) {
      const rule = isMap(item) ? str(get(item, 'rule')) : str(item);
      const reason = isMap(item) ? (str(get(item, 'reason')) ?? '') : '';
      out.push({
        ruleIds: rule ? [rule] : [],
        reason: reason.trim(),
        range: model.lines.range(item.start, item.end),
        resource: res.id,
        inline: false,
        used: false,
      });
    }
  }
  return out;
}

/** Marks the findings that a valid suppression covers. A suppression without a reason covers nothing. */
export function applySuppressions(findings: Finding[], suppressions: Suppression[], knownRuleIds: ReadonlySet<string>): void {
  for (const f of findings) {
    for (const s of suppressions) {
      if (!s.reason || !s.ruleIds.includes(f.ruleId) || !knownRuleIds.has(f.ruleId)) continue;
      const covers = s.inline ? s.line === f.range.start.line : s.resource !== undefined && s.resource === f.resource;
      if (!covers) continue;
      s.used = true;
      f.suppressed = true;
      f.suppressionReason = s.reason;
      break;
    }
  }
}

/** The problems with each suppression, for `invalid-suppression`. */
export function suppressionProblems(s: Suppression, knownRuleIds: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  if (s.ruleIds.length === 0) problems.push('names no rule id');
  for (const id of s.ruleIds) if (!knownRuleIds.has(id)) problems.push(`names unknown rule "${id}"`);
  if (!s.reason) problems.push('gives no reason (write `<rule-id>: <why this is acceptable>`)');
  if (problems.length === 0 && !s.used) problems.push('matches no finding; remove it');
  return problems;
}
