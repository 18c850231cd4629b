/**
 * Analyses open documents and publishes their diagnostics: debounced per document, the newest
 * version wins (a pending run is cancelled, a result for an old version is dropped).
 */
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisResult, FileError, Finding, Severity } from '../engine/finding';
import { docsUrl } from '../engine/rule';
import type { AnalysisRunner } from '../runner/runner';
import type { LatestFindings } from './latest-findings';
import type { DiagnosticData } from './protocol';
import { DIAGNOSTIC_SOURCE, PARSE_ERROR_CODE } from './protocol';
import type { Logger } from './safe';
import { logError } from './safe';
import type { DocumentSettings, Settings } from './settings';
import { keyOf } from './uris';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

const FILE_START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function findingToDiagnostic(f: Finding, uri: string, key: string): Diagnostic {
  const data: DiagnosticData = { ruleId: f.ruleId, resource: f.resource, fixes: f.fixes, suppressed: f.suppressed };
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    source: DIAGNOSTIC_SOURCE,
    code: f.ruleId,
    codeDescription: { href: docsUrl(f.ruleId) },
    message: f.message,
    data,
  };
  if (f.related.length > 0) {
    d.relatedInformation = f.related.map((r) => ({
      location: { uri: r.file === key ? uri : r.file, range: r.range },
      message: r.message,
    }));
  }
  return d;
}

function errorToDiagnostic(e: FileError): Diagnostic {
  switch (e.kind) {
    case 'parse':
      return { range: e.range ?? FILE_START, severity: DiagnosticSeverity.Error, source: DIAGNOSTIC_SOURCE, code: PARSE_ERROR_CODE, message: e.message };
    case 'rule': {
      const ruleId = e.ruleId;
      return {
        range: FILE_START,
        severity: DiagnosticSeverity.Information,
        source: DIAGNOSTIC_SOURCE,
        code: ruleId ?? 'rule-error',
        ...(ruleId ? { codeDescription: { href: docsUrl(ruleId) } } : {}),
        message: e.message,
      };
    }
    case 'skipped':
    case 'read':
      return {
        range: FILE_START,
        severity: DiagnosticSeverity.Information,
        source: DIAGNOSTIC_SOURCE,
        code: e.kind,
        message: `Serverless Guard skipped this file: ${e.message.replace(/^skipped:\s*/, '')}`,
      };
  }
}

/**
 * The diagnostics of one analysed document. A file that does not parse gets exactly one
 * diagnostic, at the error; suppressed findings are not shown (the CLI's JSON keeps them).
 */
export function toDiagnostics(result: AnalysisResult, uri: string, key: string = keyOf(uri)): Diagnostic[] {
  const parse = result.errors.find((e) => e.kind === 'parse');
  if (parse) return [errorToDiagnostic(parse)];
  return [
    ...result.errors.map(errorToDiagnostic),
    ...result.findings.filter((f) => !f.suppressed && f.file === key).map((f) => findingToDiagnostic(f, uri, key)),
  ];
}

/** 'dependents': another open document changed and this one may read it; 'refresh': settings, the crawl, a closed file. */
type Trigger = 'open' | 'change' | 'save' | 'refresh' | 'dependents';

export interface DiagnosticsOptions {
  documents: { get(uri: string): TextDocument | undefined; all(): TextDocument[] };
  settings: Settings;
  /** Runs the engine off this thread, within a budget per file. */
  runner: AnalysisRunner;
  latest: LatestFindings;
  publish(params: PublishDiagnosticsParams): void;
  logger: Logger;
}

export class Diagnostics {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Bumped by every event of a document; work started for an older generation is stale. */
  private readonly generations = new Map<string, number>();
  /** Documents whose diagnostics are currently shown, so clearing is sent only when needed. */
  private readonly published = new Set<string>();
  /** The version of each document whose analysis last completed (a save of that version needs no new run). */
  private readonly analyzed = new Map<string, number>();
  /** What was last published for each document's version: a refresh that finds the same is not sent again. */
  private readonly lastSent = new Map<string, { version: number; json: string }>();
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /** The document whose own edit asked for the pending refresh (it is already up to date); null: refresh all. */
  private refreshExcept: string | null = null;
  /** Whether the pending refresh was asked for without an `except` (every document is published again). */
  private refreshFull = false;
  /** Rule failures already written to the log, per document: each is logged once, not on every keystroke. */
  private readonly logged = new Map<string, Set<string>>();
  /** Documents with an analysis scheduled that has not run yet (waiting for its debounce or its settings). */
  private readonly pending = new Set<string>();

  constructor(private readonly o: DiagnosticsOptions) {}

  /** A document was opened or its text changed (TextDocuments reports an open as a change too). */
  changed(doc: TextDocument): void {
    this.schedule(doc, this.generations.has(doc.uri) ? 'change' : 'open');
  }

  saved(doc: TextDocument): void {
    this.schedule(doc, 'save');
  }

  closed(uri: string): void {
    this.cancel(uri);
    this.pending.delete(uri);
    this.generations.delete(uri);
    this.o.latest.delete(uri);
    this.published.delete(uri);
    this.lastSent.delete(uri);
    this.analyzed.delete(uri);
    this.logged.delete(uri);
    this.o.publish({ uri, diagnostics: [] });
  }

  /**
   * Re-analyses the open documents (all, or all but `except`) after a short quiet time. With
   * `except` (an edit there may concern the others) a document whose diagnostics come out the
   * same is not published again; without (settings, the crawl, a closed file) every one is.
   */
  refreshAll(except?: string): void {
    if (this.refreshTimer !== undefined) {
      clearTimeout(this.refreshTimer);
      if (this.refreshExcept !== except) this.refreshExcept = null;
    } else {
      this.refreshExcept = except ?? null;
      this.refreshFull = false;
    }
    if (except === undefined) this.refreshFull = true;
    // Never at once: a burst of edits in one file should cost one refresh of the others, not one each.
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      const skip = this.refreshExcept;
      const trigger: Trigger = this.refreshFull ? 'refresh' : 'dependents';
      this.refreshExcept = null;
      this.refreshFull = false;
      for (const doc of this.o.documents.all()) {
        if (doc.uri !== skip) this.schedule(doc, trigger);
      }
    }, Math.max(this.o.settings.defaultDebounceMs, REFRESH_QUIET_MS));
  }

  /** Stops all pending work (shutdown). */
  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    if (this.refreshTimer !== undefined) clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
  }

  private schedule(doc: TextDocument, trigger: Trigger): void {
    const uri = doc.uri;
    const generation = (this.generations.get(uri) ?? 0) + 1;
    this.generations.set(uri, generation);
    // This event replaces whatever was scheduled for the document and has not run yet; if this
    // event itself leads to no run (a save while checking on type), the replaced work must still happen.
    const replaced = this.pending.has(uri);
    this.cancel(uri);
    this.pending.add(uri);
    const known = this.o.settings.peek(uri);
    if (known) {
      this.plan(uri, doc.version, generation, known, trigger, replaced);
      return;
    }
    this.o.settings.get(uri).then(
      (s) => {
        if (this.generations.get(uri) === generation) this.plan(uri, doc.version, generation, s, trigger, replaced);
      },
      (e: unknown) => logError(this.o.logger, `resolving the settings of ${uri}`, e),
    );
  }

  /** `replaced`: the event cancelled an analysis that had not run yet (it is run now if this event would not run one). */
  private plan(uri: string, version: number, generation: number, s: DocumentSettings, trigger: Trigger, replaced: boolean): void {
    if (!s.enable || this.o.settings.isExcluded(uri, s)) {
      this.pending.delete(uri);
      this.o.latest.delete(uri);
      this.clear(uri);
      return;
    }
    // Checking as you type, a save needs no run of its own once its version is analysed; checking
    // on save, an edit needs none. Either still runs at once what its event cancelled (a save
    // landing within the debounce of the last keystroke, an edit right after a save).
    const ignored = (trigger === 'change' && s.run === 'onSave') || (trigger === 'save' && s.run === 'onType' && this.analyzed.get(uri) === version);
    if (ignored && !replaced) {
      this.pending.delete(uri);
      return;
    }
    const delay = trigger === 'change' && !ignored ? s.debounceMs : 0;
    if (delay <= 0) {
      this.run(uri, version, generation, s, trigger);
      return;
    }
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.run(uri, version, generation, s, trigger);
      }, delay),
    );
  }

  private run(uri: string, version: number, generation: number, s: DocumentSettings, trigger: Trigger): void {
    try {
      const doc = this.o.documents.get(uri);
      if (!doc || doc.version !== version || this.generations.get(uri) !== generation) return;
      this.pending.delete(uri);
      const key = keyOf(uri);
      const before = this.o.runner.kindOf(key);
      const result = this.o.runner.analyzeDocument({ file: key, text: doc.getText(), languageId: doc.languageId }, s.config);
      const after = this.o.runner.kindOf(key);
      this.analyzed.set(uri, version);
      // A newer version may have arrived while this one was analysed; its own run will publish.
      if (this.o.documents.get(uri)?.version !== version || this.generations.get(uri) !== generation) return;
      const diagnostics = toDiagnostics(result, uri, key);
      this.o.latest.set(uri, version, result.findings.filter((f) => !f.suppressed && f.file === key));
      // After an edit in one file, every other open document is analysed again; most come out the
      // same, and sending those again would only make the client redraw (with many files open, for every edit).
      const json = JSON.stringify(diagnostics);
      const sent = this.lastSent.get(uri);
      if (trigger !== 'dependents' || sent?.version !== version || sent.json !== json) {
        this.lastSent.set(uri, { version, json });
        this.o.publish({ uri, version, diagnostics });
        if (diagnostics.length > 0) this.published.add(uri);
        else this.published.delete(uri);
      }
      this.logRuleErrors(uri, result.errors);
      // Templates and handlers are read across files (a function's handler, a stack's constructs): others may
      // depend on this one, when any rule reads other files.
      if (result.indexed.changed && (isCrossFile(before) || isCrossFile(after)) && this.o.documents.all().length > 1 && this.o.runner.ruleIndex().readsOtherFiles) this.refreshAll(uri);
    } catch (e) {
      logError(this.o.logger, `analysing ${uri}`, e);
    }
  }

  private logRuleErrors(uri: string, errors: readonly FileError[]): void {
    for (const e of errors) {
      if (e.kind !== 'rule') continue;
      let seen = this.logged.get(uri);
      if (!seen) this.logged.set(uri, (seen = new Set()));
      const key = `${e.ruleId}\n${e.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      this.o.logger.error(`Serverless Guard: ${uri}: ${e.message}`);
    }
  }

  private cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t !== undefined) clearTimeout(t);
    this.timers.delete(uri);
  }

  private clear(uri: string): void {
    this.lastSent.delete(uri);
    if (!this.published.delete(uri)) return;
    this.o.publish({ uri, diagnostics: [] });
  }
}

/** The least quiet time before the other open documents are analysed again after an edit. */
const REFRESH_QUIET_MS = 200;

function isCrossFile(kind: string | undefined): boolean {
  return kind === 'template' || kind === 'code';
}
