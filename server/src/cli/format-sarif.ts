/**
 * The `--format sarif` report: SARIF 2.1.0 with one run, the full rule metadata (so code
 * scanning UIs can show help without fetching anything), results with fingerprints that
 * survive line moves, and file errors as tool execution notifications.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { GuardConfig } from '../engine/config';
import type { AnalysisResult, FileError, Finding, Range, Severity, SeveritySetting } from '../engine/finding';
import type { Rule } from '../engine/rule';
import { docsUrl } from '../engine/rule';
import { LineIndex } from '../engine/text';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/serverless-guard/serverless-guard';
export const SRCROOT = '%SRCROOT%';
/** The partialFingerprints key; bump the version if the hash input ever changes. */
export const FINGERPRINT_KEY = 'serverlessGuardFingerprint/v1';

export interface SarifOptions {
  version: string;
  /** %SRCROOT%: relative file paths in the report are relative to it. */
  cwd: string;
  /** Every rule, in the order of `tool.driver.rules` (ruleIndex points into it). */
  rules: readonly Rule[];
  /** For rule configuration overrides; the rules' defaults when absent. */
  config?: GuardConfig;
  /** The scanned texts by file, for fingerprints; a missing text fingerprints an empty line. */
  sources?: ReadonlyMap<string, string>;
}

type Level = 'error' | 'warning' | 'note' | 'none';

function levelOf(severity: SeveritySetting): Level {
  switch (severity) {
    case 'error':
      return 'error';
    case 'warning':
      return 'warning';
    case 'info':
      return 'note';
    case 'off':
      return 'none';
  }
}

/** GitHub code scanning's scale: 7.0+ high, 4.0+ medium, else low. */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '2.0' };

/** `iam-wildcard-action` → `IamWildcardAction`: SARIF names are identifiers, ids stay as written. */
function ruleName(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, _dash: string, c: string) => c.toUpperCase());
}

function ruleDescriptor(rule: Rule): object {
  const m = rule.meta;
  const help = `${m.explanation}\n\nAnalogy: ${m.analogy}\n\nFix: ${m.fixSummary}`;
  const markdown = `${m.explanation}\n\n**Analogy:** ${m.analogy}\n\n**Fix:** ${m.fixSummary}\n\n[Documentation](${docsUrl(m.id)})`;
  const tags = m.layer ? ['security', m.layer] : ['maintainability'];
  const properties: Record<string, unknown> = { tags };
  if (m.layer && m.defaultSeverity !== 'off') properties['security-severity'] = SECURITY_SEVERITY[m.defaultSeverity];
  return {
    id: m.id,
    name: ruleName(m.id),
    shortDescription: { text: m.title },
    fullDescription: { text: m.explanation },
    help: { text: help, markdown },
    helpUri: docsUrl(m.id),
    defaultConfiguration: m.defaultSeverity === 'off' ? { level: 'none', enabled: false } : { level: levelOf(m.defaultSeverity) },
    properties,
  };
}

/** A report path to a SARIF artifact location: relative to %SRCROOT% when inside it, else an absolute file URI. */
function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const absolute = path.resolve(cwd, file);
  const rel = path.relative(cwd, absolute);
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) {
    return { uri: pathToFileURL(absolute).href };
  }
  return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function region(range: Range): object {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

function physicalLocation(file: string, range: Range | undefined, cwd: string): object {
  const loc: Record<string, unknown> = { artifactLocation: artifactLocation(file, cwd) };
  if (range) loc.region = region(range);
  return { physicalLocation: loc };
}

export function toSarif(result: AnalysisResult, options: SarifOptions): object {
  const { cwd, rules } = options;
  const ruleIndex = new Map(rules.map((r, i) => [r.meta.id, i]));
  const lineIndexes = new Map<string, LineIndex>();
  const lineText = (file: string, line: number): string => {
    let idx = lineIndexes.get(file);
    if (!idx) {
      idx = new LineIndex(options.sources?.get(file) ?? '');
      lineIndexes.set(file, idx);
    }
    return idx.lineText(line);
  };
  // Identical hashes (two identical lines in one resource) are told apart by their order, as GitHub does.
  const occurrences = new Map<string, number>();

  const results = result.findings.map((f: Finding) => {
    const uri = artifactLocation(f.file, cwd).uri;
    const hash = createHash('sha256')
      .update([f.ruleId, uri, f.resource ?? '', lineText(f.file, f.range.start.line).trim()].join('\0'))
      .digest('hex')
      .slice(0, 32);
    const n = (occurrences.get(hash) ?? 0) + 1;
    occurrences.set(hash, n);
    const r: Record<string, unknown> = { ruleId: f.ruleId };
    const index = ruleIndex.get(f.ruleId);
    if (index !== undefined) r.ruleIndex = index;
    r.level = levelOf(f.severity);
    r.message = { text: f.message };
    r.locations = [physicalLocation(f.file, f.range, cwd)];
    r.partialFingerprints = { [FINGERPRINT_KEY]: `${hash}:${n}` };
    if (f.related.length > 0) {
      r.relatedLocations = f.related.map((x, id) => ({ id, ...physicalLocation(x.file, x.range, cwd), message: { text: x.message } }));
    }
    if (f.suppressed) r.suppressions = [{ kind: 'inSource', justification: f.suppressionReason ?? '' }];
    if (f.resource !== null) r.properties = { resource: f.resource };
    return r;
  });

  const invocation: Record<string, unknown> = {
    // File errors are the user's input, not a failed run; a rule that threw is the tool failing.
    executionSuccessful: !result.errors.some((e) => e.kind === 'rule'),
    toolExecutionNotifications: result.errors.map((e) => notification(e, cwd)),
  };
  const overrides = configurationOverrides(options);
  if (overrides.length > 0) invocation.ruleConfigurationOverrides = overrides;

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Serverless Guard',
            informationUri: INFORMATION_URI,
            version: options.version,
            semanticVersion: options.version,
            rules: rules.map(ruleDescriptor),
          },
        },
        invocations: [invocation],
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(cwd) } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

function notification(e: FileError, cwd: string): object {
  return {
    level: e.kind === 'skipped' ? 'warning' : 'error',
    message: { text: e.message },
    locations: [physicalLocation(e.file, e.range, cwd)],
    properties: { kind: e.kind },
  };
}

/** Rules whose configured severity differs from their default, as SARIF configuration overrides. */
function configurationOverrides(options: SarifOptions): object[] {
  const out: object[] = [];
  if (!options.config) return out;
  options.rules.forEach((rule, index) => {
    const configured = options.config?.rules[rule.meta.id];
    if (configured === undefined || configured === rule.meta.defaultSeverity) return;
    out.push({
      descriptor: { id: rule.meta.id, index },
      configuration: configured === 'off' ? { level: 'none', enabled: false } : { level: levelOf(configured), enabled: true },
    });
  });
  return out;
}

/** A base URI must end with a slash, or relative URIs would resolve against its parent. */
function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}

export function formatSarif(result: AnalysisResult, options: SarifOptions): string {
  return `${JSON.stringify(toSarif(result, options), null, 2)}\n`;
}
