/**
 * The `scan` command from parsed arguments to exit code: check paths, load the configuration,
 * collect and read files, analyse, format, write. Only the report goes to stdout.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { GuardConfig } from '../engine/config';
import type { AnalysisResult, FileError, Severity } from '../engine/finding';
import { RULES } from '../rules';
import { AnalysisRunner } from '../runner/runner';
import { runnerOptionsFromEnvironment } from '../runner/test-hooks';
import { version as packageVersion } from '../../../package.json';
import type { ScanOptions } from './args';
import { USAGE, UsageError, parseArgs } from './args';
import { configRoot, loadConfig } from './config';
import { collectFiles, readFiles, resolveInputs } from './files';
import { formatJson } from './format-json';
import { formatSarif } from './format-sarif';
import { errorLine, formatText, summarize, summaryLine } from './format-text';

export const VERSION: string = packageVersion;

export interface OutStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface CliIO {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: OutStream;
  stderr: OutStream;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** Above this many files, a terminal gets a progress line (on stderr). */
const PROGRESS_THRESHOLD = 200;

const RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

/** Runs the command line; returns the exit code. Throws only on internal errors. */
export function main(argv: readonly string[], io: CliIO): number {
  try {
    const command = parseArgs(argv);
    switch (command.kind) {
      case 'help':
        io.stdout.write(USAGE);
        return EXIT_OK;
      case 'version':
        io.stdout.write(`${VERSION}\n`);
        return EXIT_OK;
      case 'scan':
        return scan(command.options, io);
    }
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(`serverless-guard: ${e.message}\n`);
    if (e.showHelpHint) io.stderr.write(`Run 'serverless-guard --help' for usage.\n`);
    return EXIT_USAGE;
  }
}

function scan(options: ScanOptions, io: CliIO): number {
  const { cwd } = io;
  const inputs = resolveInputs(options.paths, cwd);
  const { config } = loadConfig(options.config, configRoot(inputs, cwd), cwd);

  const collected = collectFiles(inputs, config, cwd);
  const progress = makeProgress(io.stderr, collected.files.length);
  const read = readFiles(collected.files, config, (done) => progress('reading', done));

  // The engine runs in a worker with a budget per file, so a rule that never returns is stopped
  // (and reported) instead of hanging the scan.
  const runner = new AnalysisRunner({ ...runnerOptionsFromEnvironment(io.env), log: (m) => io.stderr.write(`${m}\n`) });
  let analysed: AnalysisResult;
  try {
    analysed = runner.analyzeAll(read.documents, config, { inlineSuppressions: options.inlineSuppressions }, (phase, done) =>
      progress(phase, done, read.documents.length),
    );
  } finally {
    runner.dispose();
  }
  progress.done();

  const result: AnalysisResult = {
    findings: analysed.findings,
    errors: sortErrors([...collected.errors, ...read.errors, ...analysed.errors]),
  };

  const sources = new Map(read.documents.map((d) => [d.file, d.text]));
  const report = format(result, options, io, { filesScanned: read.documents.length, sources, config });
  const textOnTerminal = options.format === 'text' && options.output === undefined;
  // The text report lists unreadable files itself; every other report gets them on stderr too.
  if (!textOnTerminal) for (const e of result.errors) io.stderr.write(`serverless-guard: ${errorLine(e)}\n`);

  if (options.output !== undefined) {
    const target = path.resolve(cwd, options.output);
    try {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, report);
    } catch (e) {
      throw new UsageError(`cannot write ${options.output}: ${(e as Error).message}`, false);
    }
  } else {
    io.stdout.write(report);
  }
  if (!textOnTerminal) io.stderr.write(`${summaryLine(summarize(result, read.documents.length))}\n`);
  if (options.output !== undefined) io.stderr.write(`Report written to ${options.output}\n`);

  const threshold = RANK[options.failOn];
  return result.findings.some((f) => !f.suppressed && RANK[f.severity] >= threshold) ? EXIT_FINDINGS : EXIT_OK;
}

interface FormatContext {
  filesScanned: number;
  sources: ReadonlyMap<string, string>;
  config: GuardConfig;
}

function format(result: AnalysisResult, options: ScanOptions, io: CliIO, ctx: FormatContext): string {
  switch (options.format) {
    case 'json':
      return formatJson(result, VERSION);
    case 'sarif':
      return formatSarif(result, { version: VERSION, cwd: io.cwd, rules: RULES, sources: ctx.sources, config: ctx.config });
    case 'text': {
      // https://no-color.org: any non-empty NO_COLOR turns colour off.
      const color = options.output === undefined && io.stdout.isTTY === true && !io.env.NO_COLOR;
      return formatText(result, { filesScanned: ctx.filesScanned, color });
    }
  }
}

/** Errors in file order, stable within a file (a file's read error before its rule errors). */
function sortErrors(errors: FileError[]): FileError[] {
  return errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (a.e.file < b.e.file ? -1 : a.e.file > b.e.file ? 1 : a.i - b.i))
    .map((x) => x.e);
}

interface Progress {
  (phase: string, done: number, total?: number): void;
  done(): void;
}

/** A single self-overwriting stderr line, only on a terminal and only for scans large enough to wait for. */
function makeProgress(stderr: OutStream, total: number): Progress {
  const active = stderr.isTTY === true && total > PROGRESS_THRESHOLD;
  let last = 0;
  let shown = false;
  const progress = ((phase: string, done: number, of = total) => {
    if (!active) return;
    const now = Date.now();
    if (done !== of && now - last < 100) return;
    last = now;
    shown = true;
    stderr.write(`\r\x1b[Kserverless-guard: ${phase} ${done}/${of} files`);
  }) as Progress;
  progress.done = () => {
    if (shown) stderr.write('\r\x1b[K');
  };
  return progress;
}
