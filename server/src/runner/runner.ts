/**
 * Runs the engine in a worker thread with a deadline per file, for the language server and the
 * CLI alike. A rule stuck in a loop cannot be interrupted on its own thread; here the driving
 * thread waits on the worker with a deadline, and when it passes, reads which rule the worker
 * was running, terminates the worker, starts a fresh one (giving it the index back) and runs the
 * file again without that rule, so every other rule still delivers.
 *
 * Calls are synchronous (Atomics.wait on shared memory, then receiveMessageOnPort), as the
 * engine's own calls were: callers keep their simple control flow, and a file's analysis is
 * still one step that nothing can interleave with.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { CodeAction, CodeActionParams, Hover } from 'vscode-languageserver/node';
import type { SourceDocument } from '../engine/analyze';
import type { GuardConfig } from '../engine/config';
import type { DefenseEntry } from '../engine/defense-in-depth';
import type { AnalysisResult, FileError, Finding, Position } from '../engine/finding';
import { compareFindings } from '../engine/finding';
import type { ExplainParams, ExplainResult } from '../lsp/protocol';
import type { EditorDocument, IndexReply, ParsedKind, Reply, Request, RequestReply, RuleIndex, WorkerData } from './protocol';
import { Phase, readRuleId, SLOT_DONE, SLOT_PHASE, SLOT_READY, STATE_BYTES } from './protocol';

/** How long one file may take (parsing, or all its rules), unless configured otherwise. */
export const DEFAULT_TIMEOUT_MS = 5_000;
/** Files larger than this get a budget in proportion to their size: a 5 MB template legitimately takes a while. */
const BUDGET_BYTES = 1024 * 1024;
/** A rule that overruns on this many files is stopped for every file: a scan must end. */
export const STOP_EVERYWHERE_AFTER = 3;
/** How long a new worker may take to load before it counts as broken (not part of any file's budget). */
const START_TIMEOUT_MS = 60_000;
/** The worker's heap limit: a runaway allocation ends the worker, not the editor's server. */
const WORKER_HEAP_MB = 1024;
/**
 * The worker's stack. The TypeScript parser recurses once per level of nesting; with this much
 * stack it reaches far past the code model's depth bound (MAX_CODE_DEPTH) before running out, so
 * a deep file is refused for its depth, the same way on every run.
 */
const WORKER_STACK_MB = 16;
/**
 * The worker's young generation. The default sizes it like a main thread's, which with 200 open
 * documents put the server about 20 MB over the 250 MB budget; a smaller nursery costs a few
 * more quick collections and no measurable time (npm run bench:load).
 */
const WORKER_YOUNG_MB = 8;

export interface RunnerOptions {
  /** The worker bundle; server/out/worker.js by default. */
  workerPath?: string;
  /** The budget of one file, in milliseconds. */
  timeoutMs?: number;
  /** Extra rules for tests (see test-hooks.ts); never set from anything a workspace controls. */
  testRules?: string;
  /** Told about internal errors and about a rule stopped for every file (a stop on one file is one of its errors). */
  log?(message: string): void;
}

export interface IndexOutcome {
  /** The parsed kind, when a model read the file; 'stored' when only its text was kept (parsed when first read). */
  kind?: ParsedKind | 'stored';
  /** Why the file was passed over (too large, too slow to parse). */
  error?: FileError;
  /** True when the index changed: a new file, a new text, or a file dropped. */
  changed: boolean;
}

export interface RunOptions {
  /** false ignores inline suppression comments (the CLI's `--no-inline-suppressions`). */
  inlineSuppressions?: boolean;
}

interface Entry {
  doc: SourceDocument;
  config: GuardConfig;
  kind: ParsedKind | 'stored';
}

type CallResult = Reply | { timedOut: true; phase: Phase; ruleId: string };

/** The worker bundle beside this bundle (server/out), or the built one when running from sources (tests). */
function defaultWorkerPath(): string {
  const beside = path.join(__dirname, 'worker.js');
  if (fs.existsSync(beside)) return beside;
  return path.resolve(__dirname, '..', '..', 'out', 'worker.js');
}

export class AnalysisRunner {
  readonly timeoutMs: number;
  /** How many times a worker was stopped and replaced (tests and the bench read it). */
  restarts = 0;
  private readonly workerPath: string;
  private worker: Worker | undefined;
  private port: MessagePort | undefined;
  private state = new SharedArrayBuffer(STATE_BYTES);
  private seq = 0;
  private rules: RuleIndex | undefined;
  /** What the worker's index holds, so a new worker can be given it back. */
  private readonly entries = new Map<string, Entry>();
  /** Per file: the rules stopped there, with what the file is told. */
  private readonly stoppedOn = new Map<string, Map<string, string>>();
  /** Per rule: the files it overran on; past STOP_EVERYWHERE_AFTER it runs nowhere. */
  private readonly overruns = new Map<string, Set<string>>();
  /** Texts that could not be parsed or analysed in time: passed over until the text changes. */
  private readonly tooSlow = new Map<string, { text: string; error: FileError }>();
  /** Per file (or URI): a text on which one of the editor's requests overran. */
  private readonly slowRequests = new Map<string, string>();

  constructor(private readonly options: RunnerOptions = {}) {
    this.workerPath = options.workerPath ?? defaultWorkerPath();
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /**
   * Puts a document in the index, unless the same text is there already: parsed in the worker
   * (mode 'parse', for documents about to be analysed), or kept as text and parsed when a rule
   * first reads it (mode 'store', for files read from disk).
   */
  index(doc: SourceDocument, config: GuardConfig, mode: 'parse' | 'store' = 'parse'): IndexOutcome {
    const known = this.entries.get(doc.file);
    const same = known !== undefined && known.doc.text === doc.text && known.doc.languageId === doc.languageId;
    if (same && (known.kind !== 'stored' || mode === 'store') && doc.text.length <= config.maxFileSizeKB * 1024) {
      known.config = config;
      return { kind: known.kind, changed: false };
    }
    const slow = this.tooSlow.get(doc.file);
    if (slow && slow.text === doc.text) return { error: slow.error, changed: this.forget(doc.file) };
    this.tooSlow.delete(doc.file);

    const r = this.call({ op: 'index', doc, config, mode }, this.budgetFor(doc.text));
    if ('timedOut' in r) {
      const error = this.slowFile(doc, 'parsing this file');
      this.entries.delete(doc.file);
      this.restart();
      return { error, changed: true };
    }
    if (!r.ok) {
      this.internalError(doc.file, r.error);
      return { error: internalFileError(doc.file, r.error), changed: this.forget(doc.file) };
    }
    const v = r.value as IndexReply;
    if ('error' in v) return { error: v.error, changed: this.entries.delete(doc.file) || !!known };
    if (!v.kind) return { changed: false };
    this.entries.set(doc.file, { doc, config, kind: v.kind });
    // A stored file parsed now for the same text is not a change other files could see.
    return { kind: v.kind, changed: !same };
  }

  /** Takes a file out of the index; true when it was there. */
  remove(file: string): boolean {
    this.tooSlow.delete(file);
    return this.forget(file);
  }

  /** Lets the worker drop a file's parse, keeping its text (after a one-off analysis, to bound memory). */
  release(file: string): void {
    const e = this.entries.get(file);
    if (!e || !this.worker) return;
    e.kind = 'stored';
    this.call({ op: 'release', file }, this.timeoutMs);
  }

  has(file: string): boolean {
    return this.entries.has(file);
  }

  /** The parsed kind of an indexed file; undefined when it is not indexed or only stored. */
  kindOf(file: string): ParsedKind | undefined {
    const kind = this.entries.get(file)?.kind;
    return kind === 'stored' ? undefined : kind;
  }

  textOf(file: string): string | undefined {
    return this.entries.get(file)?.doc.text;
  }

  files(): string[] {
    return [...this.entries.keys()];
  }

  keys(): IterableIterator<string> {
    return this.entries.keys();
  }

  /** Runs the rules on an indexed file. Rules stopped on it are skipped, and each is reported as an error of kind 'rule'. */
  analyze(file: string, config: GuardConfig, options: RunOptions = {}): AnalysisResult {
    const entry = this.entries.get(file);
    const slow = this.tooSlow.get(file);
    // A text that overran once is not tried again: each try would hold the caller for a whole budget.
    if (slow && (!entry || slow.text === entry.doc.text)) return { findings: [], errors: [slow.error] };
    if (!entry) return { findings: [], errors: [] };
    const tried = new Set<string>();
    for (;;) {
      const skipRules = [...new Set([...(this.stoppedOn.get(file)?.keys() ?? []), ...this.stoppedEverywhere()])];
      const r = this.call({ op: 'analyze', file, config, inlineSuppressions: options.inlineSuppressions !== false, skipRules }, this.budgetFor(entry.doc.text));
      if ('timedOut' in r) {
        this.restart();
        if (r.phase === Phase.Rule && r.ruleId && !tried.has(r.ruleId)) {
          tried.add(r.ruleId);
          this.ruleOverran(file, r.ruleId, entry.doc.text);
          continue;
        }
        const error = this.slowFile(entry.doc, 'analysing this file');
        return { findings: [], errors: [error] };
      }
      if (!r.ok) {
        this.internalError(file, r.error);
        return { findings: [], errors: [internalFileError(file, r.error)] };
      }
      const result = r.value as AnalysisResult;
      result.errors.push(...this.stopErrors(file, skipRules));
      return result;
    }
  }

  /** Indexes and analyses one document (the server's per-edit path). */
  analyzeDocument(doc: SourceDocument, config: GuardConfig, options: RunOptions = {}): AnalysisResult & { indexed: IndexOutcome } {
    const indexed = this.index(doc, config);
    if (indexed.error) return { findings: [], errors: [indexed.error], indexed };
    return { ...this.analyze(doc.file, config, options), indexed };
  }

  /**
   * Analyses a set of documents (the CLI): every document enters the index first, so rules that
   * look across files see the whole set, then each file's rules run within its budget.
   */
  analyzeAll(docs: readonly SourceDocument[], config: GuardConfig, options: RunOptions = {}, progress?: (phase: string, done: number) => void): AnalysisResult {
    const findings: AnalysisResult['findings'] = [];
    const errors: FileError[] = [];
    const indexed: string[] = [];
    docs.forEach((doc, i) => {
      const r = this.index(doc, config);
      if (r.error) errors.push(r.error);
      else if (r.kind) indexed.push(doc.file);
      progress?.('parsing', i + 1);
    });
    indexed.forEach((file, i) => {
      const r = this.analyze(file, config, options);
      findings.push(...r.findings);
      errors.push(...r.errors);
      progress?.('checking', i + 1);
    });
    findings.sort(compareFindings);
    return { findings, errors };
  }

  /**
   * The hover at `position` of a document as the editor holds it (`findings`: those published
   * for its current version, null when none are); with the access table of the function whose
   * logical id is there, when the index holds the same text.
   */
  hover(doc: EditorDocument, position: Position, findings: readonly Finding[] | null): Hover | null {
    return this.request({ op: 'hover', doc, position, findings }, doc.text, 'the hover', null) as Hover | null;
  }

  /** The code actions for the diagnostics in `params` (`doc`: the document, when the editor has it open). */
  codeActions(doc: EditorDocument | null, params: CodeActionParams): CodeAction[] {
    return (this.request({ op: 'codeActions', doc, params }, doc?.text ?? '', 'the code actions', []) as CodeAction[] | null) ?? [];
  }

  /** What the Explain view shows; `doc` is null when the document is not open (its indexed text is read). */
  explain(file: string, doc: EditorDocument | null, params: ExplainParams, findings: readonly Finding[]): ExplainResult | null {
    const text = doc?.text ?? this.textOf(file) ?? '';
    return this.request({ op: 'explain', file, doc, params, findings }, text, 'the explanation', null) as ExplainResult | null;
  }

  /** The defense-in-depth entries of an indexed template; undefined when it is not one (or could not be read in time). */
  defense(file: string, findings: readonly Finding[]): DefenseEntry[] | undefined {
    const entry = this.entries.get(file);
    if (!entry) return undefined;
    return (this.request({ op: 'defense', file, findings }, entry.doc.text, 'the defense-in-depth view', null) as DefenseEntry[] | null) ?? undefined;
  }

  /**
   * The rules the worker runs: their ids, and whether any reads other files. Asked once; the
   * language server's thread learns them here instead of loading every rule module itself.
   */
  ruleIndex(): RuleIndex {
    if (this.rules) return this.rules;
    const r = this.call({ op: 'rules' }, START_TIMEOUT_MS);
    if ('timedOut' in r || !r.ok) throw new Error(`the analysis worker did not list its rules: ${'timedOut' in r ? 'it took too long' : r.error}`);
    this.rules = r.value as RuleIndex;
    return this.rules;
  }

  /** Stops the worker; the runner starts a new one if used again. */
  dispose(): void {
    this.kill();
  }

  private stoppedEverywhere(): string[] {
    return [...this.overruns].filter(([, files]) => files.size >= STOP_EVERYWHERE_AFTER).map(([id]) => id);
  }

  private ruleOverran(file: string, ruleId: string, text: string): void {
    const seconds = this.seconds(text);
    let onFile = this.stoppedOn.get(file);
    if (!onFile) this.stoppedOn.set(file, (onFile = new Map()));
    // Reported through the file's errors (a diagnostic, a CLI error line); it stays off for that file.
    onFile.set(ruleId, `rule ${ruleId} took too long on this file (over ${seconds} s) and was stopped; the other rules ran`);
    let files = this.overruns.get(ruleId);
    if (!files) this.overruns.set(ruleId, (files = new Set()));
    files.add(file);
    if (files.size === STOP_EVERYWHERE_AFTER) {
      this.options.log?.(`Serverless Guard: rule ${ruleId} took too long on ${files.size} files; it is stopped for every file until the server or scan restarts.`);
    }
  }

  private stopErrors(file: string, skipped: readonly string[]): FileError[] {
    const onFile = this.stoppedOn.get(file);
    return skipped.map((ruleId) => ({
      file,
      kind: 'rule' as const,
      ruleId,
      message:
        onFile?.get(ruleId) ??
        `rule ${ruleId} did not run on this file: it took too long on ${STOP_EVERYWHERE_AFTER} other files and was stopped for every file`,
    }));
  }

  private slowFile(doc: SourceDocument, what: string): FileError {
    const error: FileError = { file: doc.file, kind: 'skipped', message: `skipped: ${what} took longer than ${this.seconds(doc.text)} s and was stopped` };
    this.tooSlow.set(doc.file, { text: doc.text, error });
    return error;
  }

  /**
   * Asks the worker one of the editor's requests about a file. Never throws for the worker's
   * sake and never waits past the file's budget: a request that overruns is stopped like a rule
   * (the worker is replaced and given the index back) and a failed one is logged; both give
   * `fallback`, and the next request is served by the new worker.
   */
  private request(req: Extract<Request, { op: 'hover' | 'codeActions' | 'explain' | 'defense' }>, text: string, what: string, fallback: RequestReply): RequestReply {
    const file = req.op === 'hover' ? req.doc.file : req.op === 'codeActions' ? req.params.textDocument.uri : req.file;
    // Each try would hold the server for a whole budget again.
    if (this.slowRequests.get(file) === text) return fallback;
    this.slowRequests.delete(file);
    const r = this.call(req, this.budgetFor(text));
    if ('timedOut' in r) {
      this.options.log?.(`Serverless Guard: ${what} of ${file} took longer than ${this.seconds(text)} s and was stopped; requests about this text get no answer until it changes.`);
      this.slowRequests.set(file, text);
      this.restart();
      return fallback;
    }
    if (!r.ok) {
      this.options.log?.(`Serverless Guard: ${what} of ${file} failed: ${r.error}`);
      return fallback;
    }
    return r.value as RequestReply;
  }

  private internalError(file: string, detail: string): void {
    this.options.log?.(`Serverless Guard: analysing ${file} failed: ${detail}`);
  }

  private seconds(text = ''): string {
    return String(Math.round(this.budgetFor(text) / 100) / 10);
  }

  private forget(file: string): boolean {
    const had = this.entries.delete(file);
    if (had && this.worker) this.call({ op: 'remove', file }, this.timeoutMs);
    return had;
  }

  private budgetFor(text: string): number {
    return Math.round(this.timeoutMs * Math.max(1, text.length / BUDGET_BYTES));
  }

  /** Sends one request and waits for its reply, at most `budgetMs`. */
  private call(req: Request, budgetMs: number): CallResult {
    const port = this.ensureWorker();
    const i32 = new Int32Array(this.state);
    const seq = ++this.seq;
    Atomics.store(i32, SLOT_DONE, 0);
    port.postMessage({ seq, req });
    const deadline = Date.now() + budgetMs;
    for (;;) {
      const m = receiveMessageOnPort(port);
      if (m) {
        const reply = m.message as Reply;
        if (reply.seq === seq) return reply;
        continue;
      }
      const left = deadline - Date.now();
      if (left <= 0) return { timedOut: true, phase: Atomics.load(i32, SLOT_PHASE) as Phase, ruleId: readRuleId(this.state) };
      // DONE is set just after the reply is posted: if it is set, the reply is on its way.
      if (Atomics.load(i32, SLOT_DONE) === 1) Atomics.wait(i32, SLOT_DONE, 1, 1);
      else Atomics.wait(i32, SLOT_DONE, 0, left);
    }
  }

  private ensureWorker(): MessagePort {
    if (this.worker && this.port) return this.port;
    // A fresh state buffer: the old worker may still write to its own while it winds down.
    this.state = new SharedArrayBuffer(STATE_BYTES);
    const { port1, port2 } = new MessageChannel();
    const data: WorkerData = { state: this.state, port: port2, ...(this.options.testRules ? { testRules: this.options.testRules } : {}) };
    const worker = new Worker(this.workerPath, {
      workerData: data,
      transferList: [port2],
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB, stackSizeMb: WORKER_STACK_MB },
    });
    // Neither may keep a finished CLI alive; the runner's own calls wait on them explicitly.
    worker.unref();
    port1.unref();
    worker.on('error', (e) => {
      if (this.worker === worker) this.options.log?.(`Serverless Guard: the analysis worker failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    });
    const i32 = new Int32Array(this.state);
    if (Atomics.wait(i32, SLOT_READY, 0, START_TIMEOUT_MS) === 'timed-out') {
      void worker.terminate();
      port1.close();
      throw new Error(`the analysis worker (${this.workerPath}) did not start within ${START_TIMEOUT_MS / 1000} s`);
    }
    this.worker = worker;
    this.port = port1;
    return port1;
  }

  private kill(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.port?.close();
    this.port = undefined;
    if (worker) void worker.terminate().catch(() => undefined);
  }

  /** Replaces a stopped worker and gives the new one the index back. */
  private restart(): void {
    this.kill();
    this.restarts++;
    for (;;) {
      let replayed = true;
      for (const [file, e] of [...this.entries]) {
        const r = this.call({ op: 'index', doc: e.doc, config: e.config, mode: e.kind === 'stored' ? 'store' : 'parse' }, this.budgetFor(e.doc.text));
        if ('timedOut' in r) {
          // Parsed in time before, not now (a loaded machine): pass it over like any slow file.
          this.slowFile(e.doc, 'parsing this file');
          this.entries.delete(file);
          this.kill();
          replayed = false;
          break;
        }
        if (!r.ok || 'error' in (r.value as IndexReply)) this.entries.delete(file);
      }
      if (replayed) return;
    }
  }
}

function internalFileError(file: string, detail: string): FileError {
  const first = detail.split('\n')[0];
  return { file, kind: 'skipped', message: `skipped: internal error while analysing this file: ${first}` };
}
