/**
 * Workspace-wide work over the index: "Scan workspace" (diagnostics for files that are not open,
 * with progress and cancellation, yielding to the event loop between files) and the
 * defense-in-depth view of every template.
 */
import type { CancellationToken, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import type { SourceDocument } from '../engine/analyze';
import type { GuardConfig } from '../engine/config';
import type { DefenseEntry } from '../engine/defense-in-depth';
import type { AnalysisResult, Finding } from '../engine/finding';
import { sourceKindOf } from '../engine/source-kind';
import { toDiagnostics } from './diagnostics';
import type { DefenseItem, DefenseParams, DefenseResult, ScanWorkspaceResult } from './protocol';
import type { Logger } from './safe';
import { logError } from './safe';
import type { DocumentSettings } from './settings';
import { keyOf } from './uris';

export interface ScanOptions {
  /** The files the workspace index holds (the analysis runner's view of it). */
  files: { keys(): Iterable<string>; textOf(key: string): string | undefined; has(key: string): boolean };
  /** Analyses a file that is not open (in the analysis worker, within its budget) and lets go of its parse. */
  analyze(doc: SourceDocument, config: GuardConfig): AnalysisResult;
  /** The defense-in-depth entries of an indexed template (in the analysis worker); undefined when it is not a template. */
  defenseOf(key: string, findings: readonly Finding[]): DefenseEntry[] | undefined;
  /** Settings of a file (resolved per workspace folder: one request per folder, not per file). */
  settingsFor(key: string): Promise<DocumentSettings>;
  isExcluded(key: string, s: DocumentSettings): boolean;
  /** The live findings of an open document, by index key; undefined when it is not open. */
  openFindings(key: string): readonly Finding[] | undefined;
  publish(params: PublishDiagnosticsParams): void;
  logger: Logger;
  /** Settles when the initial crawl of the workspace has finished. */
  indexed(): Promise<unknown>;
}

export interface ScanProgress {
  begin(title: string, message: string): void;
  report(percentage: number, message: string): void;
  done(message: string): void;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class WorkspaceScan {
  /** Files whose scan diagnostics are shown (so they are cleared or refreshed later). */
  private readonly shown = new Set<string>();

  constructor(private readonly o: ScanOptions) {}

  /** True when the scan published diagnostics for this file. */
  has(uri: string): boolean {
    return this.shown.has(keyOf(uri));
  }

  /** Analyses every indexed file that is not open and publishes its diagnostics. */
  async run(progress: ScanProgress, token: CancellationToken): Promise<ScanWorkspaceResult> {
    const result: ScanWorkspaceResult = { files: 0, findings: 0, filesWithFindings: 0, errors: 0, cancelled: false };
    progress.begin('Serverless Guard: scanning the workspace', 'indexing…');
    await this.o.indexed();
    const keys = [...this.o.files.keys()].sort();
    let lastReport = 0;
    for (let i = 0; i < keys.length; i++) {
      if (token.isCancellationRequested) {
        result.cancelled = true;
        break;
      }
      const key = keys[i];
      const open = this.o.openFindings(key);
      if (open) {
        result.files++;
        this.count(result, open, 0);
      } else {
        const r = await this.analyse(key);
        if (r) {
          result.files++;
          this.count(result, r.findings.filter((f) => !f.suppressed && f.file === key), r.errors.length);
        }
      }
      const pct = Math.floor(((i + 1) * 100) / keys.length);
      if (pct !== lastReport) {
        lastReport = pct;
        progress.report(pct, `${i + 1} of ${keys.length} files`);
      }
      // Between files, so hovers, edits and the cancellation itself are served during a long scan.
      await yieldToEventLoop();
    }
    const summary = `${result.findings} findings in ${result.filesWithFindings} of ${result.files} files${result.cancelled ? ' (cancelled)' : ''}`;
    progress.done(summary);
    return result;
  }

  /** Re-analyses a file the scan showed (it was closed, or changed on disk). */
  async rescan(uri: string): Promise<void> {
    const key = keyOf(uri);
    if (!this.shown.has(key) || this.o.openFindings(key)) return;
    if (!this.o.files.has(key)) {
      this.shown.delete(key);
      this.o.publish({ uri: key, diagnostics: [] });
      return;
    }
    await this.analyse(key);
  }

  /** Re-analyses every file the scan showed (settings or the configuration file changed). */
  async refreshShown(): Promise<void> {
    for (const key of [...this.shown]) {
      await this.rescan(key);
      await yieldToEventLoop();
    }
  }

  private count(result: ScanWorkspaceResult, findings: readonly Finding[], errors: number): void {
    result.findings += findings.length;
    if (findings.length > 0) result.filesWithFindings++;
    result.errors += errors;
  }

  /** Analyses one indexed file that is not open, publishes its diagnostics, and lets go of its parse. */
  private async analyse(key: string): Promise<AnalysisResult | undefined> {
    try {
      const r = await analyseIndexed(this.o, key);
      const diagnostics = r ? toDiagnostics(r, key, key) : [];
      if (diagnostics.length > 0) {
        this.shown.add(key);
        this.o.publish({ uri: key, diagnostics });
      } else if (this.shown.delete(key)) {
        this.o.publish({ uri: key, diagnostics: [] });
      }
      return r;
    } catch (e) {
      logError(this.o.logger, `scanning ${key}`, e);
      return undefined;
    }
  }
}

/** Analyses an indexed file with its settings; undefined when the settings leave it alone. */
async function analyseIndexed(o: ScanOptions, key: string): Promise<AnalysisResult | undefined> {
  const text = o.files.textOf(key);
  if (text === undefined || !sourceKindOf(key, text)) return undefined;
  const s = await o.settingsFor(key);
  if (!s.enable || o.isExcluded(key, s)) return undefined;
  return o.analyze({ file: key, text }, s.config);
}

/** The defense-in-depth view of the indexed templates (or of one file). */
export async function defenseView(o: ScanOptions, params: DefenseParams): Promise<DefenseResult> {
  await o.indexed();
  const keys = params.uri ? [keyOf(params.uri)] : [...o.files.keys()].sort();
  const items: DefenseItem[] = [];
  let files = 0;
  for (const key of keys) {
    const text = o.files.textOf(key);
    const kind = text === undefined ? undefined : sourceKindOf(key, text);
    if (kind !== 'yaml' && kind !== 'json') continue;
    const open = o.openFindings(key);
    let findings: readonly Finding[];
    if (open) {
      findings = open;
    } else {
      const r = await analyseIndexed(o, key);
      if (!r) continue;
      findings = r.findings;
    }
    const entries = o.defenseOf(key, findings);
    if (!entries) continue;
    files++;
    for (const e of entries) {
      items.push({
        kind: e.kind,
        name: e.name,
        resourceType: e.resourceType,
        uri: key,
        range: e.range,
        checks: e.checks.map((c) => ({
          control: c.control,
          layer: c.layer,
          status: c.status,
          detail: c.detail,
          ...(c.range ? { location: { uri: key, range: c.range } } : {}),
          ...(c.ruleId ? { ruleId: c.ruleId } : {}),
        })),
      });
    }
    await yieldToEventLoop();
  }
  return { items, files };
}
