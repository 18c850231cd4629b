/** The engine's one entry point, shared by the language server and the CLI: (documents, config) → findings. */
import type { AnalysisResult, FileError, Finding, Severity } from './finding';
import { compareFindings } from './finding';
import type { GuardConfig } from './config';
import type { Rule, RuleContext, ReportInput, TextModel } from './rule';
import type { ParsedFile, SourceKind } from './workspace';
import { WorkspaceIndex, looksMinified, sourceKindOf } from './workspace';
import { applySuppressions, findInlineSuppressions, findMetadataSuppressions, suppressionProblems } from './suppress';
import { RULES } from '../rules';
import { INVALID_SUPPRESSION } from '../rules/invalid-suppression';

type AnalysedFile = Extract<ParsedFile, { kind: 'template' | 'code' }> | (Extract<ParsedFile, { kind: 'not-template' | 'config' }> & { model: TextModel });

export interface SourceDocument {
  /** A path (CLI) or a URI (server); findings and errors carry it back unchanged. */
  file: string;
  text: string;
  /** The editor's language id, when known; otherwise the file name decides. */
  languageId?: string;
}

export interface AnalyzeOptions {
  /** An index to reuse (the server's); a fresh one is made otherwise. */
  workspace?: WorkspaceIndex;
  /** The rules to run; the registry by default (tests inject others). */
  rules?: readonly Rule[];
  /** false ignores inline suppression comments (CI's `--no-inline-suppressions`). */
  inlineSuppressions?: boolean;
  /** Rules not to run on this file (stopped by a watchdog); their suppressions are not audited, as for rules switched off. */
  skipRules?: ReadonlySet<string>;
  /** Told the id of each rule before it runs, and null when the rules are done: lets a watchdog name the rule that overran. */
  onRule?(ruleId: string | null): void;
}

const knownIdsCache = new WeakMap<readonly Rule[], ReadonlySet<string>>();
function knownIds(rules: readonly Rule[]): ReadonlySet<string> {
  let ids = knownIdsCache.get(rules);
  if (!ids) {
    ids = new Set([...rules.map((r) => r.meta.id), INVALID_SUPPRESSION]);
    knownIdsCache.set(rules, ids);
  }
  return ids;
}

function isOff(ruleId: string, rules: readonly Rule[], config: GuardConfig, skipped?: ReadonlySet<string>): boolean {
  if (skipped?.has(ruleId)) return true;
  const rule = rules.find((r) => r.meta.id === ruleId);
  return rule !== undefined && severityOf(rule, config) === 'off';
}

export function severityOf(rule: Rule, config: GuardConfig): Severity | 'off' {
  return config.rules[rule.meta.id] ?? rule.meta.defaultSeverity;
}

/**
 * Analyses every document. All documents enter the workspace index first, so rules that look
 * across files see the whole set; then each file's rules run on its parsed model.
 */
export function analyze(documents: readonly SourceDocument[], config: GuardConfig, options: AnalyzeOptions = {}): AnalysisResult {
  const workspace = options.workspace ?? new WorkspaceIndex();
  const findings: Finding[] = [];
  const errors: FileError[] = [];
  const parsed: ParsedFile[] = [];
  for (const doc of documents) {
    const r = indexDocument(doc, config, workspace);
    if ('error' in r) errors.push(r.error);
    else if (r.parsed) parsed.push(r.parsed);
  }
  for (const p of parsed) {
    const r = runRules(p, config, workspace, options);
    findings.push(...r.findings);
    errors.push(...r.errors);
  }
  findings.sort(compareFindings);
  return { findings, errors };
}

/** Analyses one document against an existing index (the server's per-edit path). */
export function analyzeDocument(doc: SourceDocument, config: GuardConfig, workspace: WorkspaceIndex, options: AnalyzeOptions = {}): AnalysisResult {
  const r = indexDocument(doc, config, workspace);
  if ('error' in r) return { findings: [], errors: [r.error] };
  if (!r.parsed) return { findings: [], errors: [] };
  const out = runRules(r.parsed, config, workspace, options);
  out.findings.sort(compareFindings);
  return out;
}

/** Runs the rules on a file already in the index (the runner's per-file step, after every file was indexed). */
export function analyzeIndexed(file: string, config: GuardConfig, workspace: WorkspaceIndex, options: AnalyzeOptions = {}): AnalysisResult {
  const parsed = workspace.get(file);
  if (!parsed) return { findings: [], errors: [] };
  const out = runRules(parsed, config, workspace, options);
  out.findings.sort(compareFindings);
  return out;
}

/**
 * Puts a document in the index; returns its parsed form, nothing for files no model reads (or
 * when only stored for later, mode 'store'), or why it was passed over.
 */
export function indexDocument(
  doc: SourceDocument,
  config: GuardConfig,
  workspace: WorkspaceIndex,
  mode: 'parse' | 'store' = 'parse',
): { parsed?: ParsedFile } | { error: FileError } {
  const kind: SourceKind | undefined = sourceKindOf(doc.file, doc.text, doc.languageId);
  if (!kind) return {};
  const limit = config.maxFileSizeKB * 1024;
  if (doc.text.length > limit) {
    workspace.remove(doc.file);
    return {
      error: {
        file: doc.file,
        kind: 'skipped',
        message: `skipped: ${(doc.text.length / 1024).toFixed(0)} KB is over the ${config.maxFileSizeKB} KB limit (maxFileSizeKB)`,
      },
    };
  }
  if (kind === 'code' && looksMinified(doc.text)) {
    workspace.remove(doc.file);
    return { error: { file: doc.file, kind: 'skipped', message: 'skipped: looks like a minified or generated bundle (very long lines); scan its sources instead' } };
  }
  if (mode === 'store') {
    workspace.store(doc.file, doc.text, kind);
    return {};
  }
  return { parsed: workspace.update(doc.file, doc.text, kind) };
}

function runRules(parsed: ParsedFile, config: GuardConfig, workspace: WorkspaceIndex, options: AnalyzeOptions): AnalysisResult {
  if (parsed.kind === 'error') {
    return { findings: [], errors: [{ file: parsed.file, kind: 'parse', message: parsed.message, range: parsed.lines.range(parsed.start, parsed.end) }] };
  }
  // Configuration files (dotenv, YAML/JSON that is not a template) are read as text, and only by
  // rules with a checkText hook (secrets); to every other rule they give nothing.
  const p: AnalysedFile =
    parsed.kind === 'not-template' || parsed.kind === 'config' ? { ...parsed, model: { kind: 'text', format: parsed.format, lines: parsed.lines } } : parsed;
  const rules = options.rules ?? RULES;
  const findings: Finding[] = [];
  const errors: FileError[] = [];
  for (const rule of rules) {
    const severity = severityOf(rule, config);
    if (severity === 'off' || options.skipRules?.has(rule.meta.id)) continue;
    const check = p.kind === 'template' ? rule.checkTemplate : p.kind === 'code' ? rule.checkCode : rule.checkText;
    if (!check) continue;
    const report = (r: ReportInput): void => {
      findings.push({
        ruleId: rule.meta.id,
        severity: milder(severity, r.severity),
        message: r.message,
        file: p.file,
        range: p.lines.range(r.start, r.end),
        resource: r.resource ?? null,
        suppressed: false,
        fixes: (r.fixes ?? []).map((f) => ({
          title: f.title,
          edits: f.edits.map((e) => ({ range: p.lines.range(e.start, e.end), newText: e.newText })),
        })),
        related: (r.related ?? []).flatMap((x) => {
          const lines = x.file === undefined || x.file === p.file ? p.lines : workspace.get(x.file)?.lines;
          return lines ? [{ file: x.file ?? p.file, range: lines.range(x.start, x.end), message: x.message }] : [];
        }),
      });
    };
    const ctx = { file: p.file, text: p.text, model: p.model, workspace, report };
    options.onRule?.(rule.meta.id);
    try {
      // The check's context type follows the model kind; the union is narrowed by `p.kind` above.
      (check as (c: RuleContext<typeof p.model>) => void).call(rule, ctx);
    } catch (e) {
      // One failing rule must not hide the others' findings; it is reported once for this file.
      errors.push({ file: p.file, kind: 'rule', ruleId: rule.meta.id, message: `rule ${rule.meta.id} failed on this file: ${(e as Error)?.message ?? String(e)}` });
    }
  }
  options.onRule?.(null);
  suppress(p, findings, config, options, rules);
  return { findings, errors };
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** The configured severity, or the finding's own when that is milder. */
function milder(configured: Severity, own: Severity | undefined): Severity {
  return own !== undefined && SEVERITY_RANK[own] < SEVERITY_RANK[configured] ? own : configured;
}

function suppress(p: AnalysedFile, findings: Finding[], config: GuardConfig, options: AnalyzeOptions, rules: readonly Rule[]): void {
  const ids = knownIds(rules);
  const inline = findInlineSuppressions(p.text, p.lines);
  const suppressions = [...(p.kind === 'template' ? findMetadataSuppressions(p.model) : [])];
  if (options.inlineSuppressions !== false) suppressions.push(...inline);
  if (suppressions.length === 0 && inline.length === 0) return;
  applySuppressions(findings, suppressions, ids);
  const auditSeverity = config.rules[INVALID_SUPPRESSION] ?? 'warning';
  if (auditSeverity === 'off') return;
  for (const s of suppressions) {
    // A suppression for a rule switched off in the configuration cannot match; that is not its fault.
    if (s.reason && s.ruleIds.length > 0 && s.ruleIds.every((id) => isOff(id, rules, config, options.skipRules))) continue;
    const problems = suppressionProblems(s, ids);
    if (problems.length === 0) continue;
    findings.push({
      ruleId: INVALID_SUPPRESSION,
      severity: auditSeverity,
      message: `This suppression ${problems.join('; ')}.`,
      file: p.file,
      range: s.range,
      resource: s.resource ?? null,
      suppressed: false,
      fixes: [],
      related: [],
    });
  }
  if (options.inlineSuppressions === false) {
    // CI still sees which inline suppressions exist, without honouring them.
    for (const s of inline) {
      if (!s.reason) continue;
      findings.push({
        ruleId: INVALID_SUPPRESSION,
        severity: 'info',
        message: `Inline suppression of ${s.ruleIds.join(', ')} ignored (--no-inline-suppressions): ${s.reason}`,
        file: p.file,
        range: s.range,
        resource: null,
        suppressed: false,
        fixes: [],
        related: [],
      });
    }
  }
}
