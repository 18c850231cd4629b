/** Command-line parsing for `serverless-guard`: turns argv into a command, or a UsageError that says what is wrong. */
import type { Severity } from '../engine/finding';

export type Format = 'text' | 'json' | 'sarif';
export const FORMATS: readonly Format[] = ['text', 'json', 'sarif'];
const FAIL_ON: readonly Severity[] = ['error', 'warning', 'info'];

export interface ScanOptions {
  /** As typed; `.` when none were given. */
  paths: string[];
  format: Format;
  output: string | undefined;
  failOn: Severity;
  config: string | undefined;
  inlineSuppressions: boolean;
}

export type Command = { kind: 'help' } | { kind: 'version' } | { kind: 'scan'; options: ScanOptions };

/** Bad usage: exit 2. `showHelpHint` adds the pointer to --help (for argument mistakes, not for a bad config file). */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly showHelpHint = true,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export const USAGE = `Usage: serverless-guard scan [paths...] [options]

Finds security risks in AWS Lambda handlers (TypeScript/JavaScript), SAM and
CloudFormation templates (YAML/JSON) and CDK apps. Offline; never runs your code.

Arguments:
  paths                          files or folders to scan (default: .)
                                 folders are walked; node_modules, .git, cdk.out,
                                 .aws-sam, dist, out and "exclude" globs are skipped

Options:
  --format text|json|sarif       report format (default: text)
  --output FILE                  write the report to FILE instead of stdout
  --fail-on error|warning|info   exit 1 when an unsuppressed finding is at least
                                 this severe (default: error)
  --config FILE                  configuration to use (default: .serverless-guard.json
                                 at the root of the first scanned folder)
  --no-inline-suppressions       ignore serverless-guard-ignore comments
                                 (template Metadata suppressions still apply)
  -h, --help                     show this help
  --version                      print the version

Exit codes:
  0  no unsuppressed finding at or above --fail-on
  1  at least one such finding
  2  bad usage, a bad configuration, or an internal error
`;

type ValueOption = 'format' | 'output' | 'fail-on' | 'config';
const VALUE_OPTIONS: readonly ValueOption[] = ['format', 'output', 'fail-on', 'config'];
const FLAG_OPTIONS = ['no-inline-suppressions', 'help', 'version'] as const;
const ALL_OPTIONS = [...VALUE_OPTIONS, ...FLAG_OPTIONS].map((o) => `--${o}`);

export function parseArgs(argv: readonly string[]): Command {
  const positionals: string[] = [];
  const values: Partial<Record<ValueOption, string>> = {};
  let inlineSuppressions = true;
  let help = false;
  let version = false;
  let onlyPositionals = false;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyPositionals || arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPositionals = true;
      continue;
    }
    if (arg === '-h') {
      help = true;
      continue;
    }
    if (!arg.startsWith('--')) throw new UsageError(`unknown option '${arg}'`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq >= 0 ? eq : undefined);
    const inline = eq >= 0 ? arg.slice(eq + 1) : undefined;

    if ((FLAG_OPTIONS as readonly string[]).includes(name)) {
      if (inline !== undefined) throw new UsageError(`option '--${name}' takes no value`);
      if (name === 'help') help = true;
      else if (name === 'version') version = true;
      else inlineSuppressions = false;
      continue;
    }
    if (!(VALUE_OPTIONS as readonly string[]).includes(name)) {
      const near = closest(`--${name}`, ALL_OPTIONS);
      throw new UsageError(`unknown option '--${name}'${near ? ` (did you mean '${near}'?)` : ''}`);
    }
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      // `--output --format` is a forgotten value, not a file called "--format".
      if (next !== undefined && !(next.startsWith('--') && next.length > 2)) {
        value = next;
        i++;
      }
    }
    if (value === undefined || value === '') throw new UsageError(`option '--${name}' needs a value${valueHint(name as ValueOption)}`);
    values[name as ValueOption] = value;
  }

  // --help wins over everything else on the line, so `scan --fromat x --help` still helps.
  if (help) return { kind: 'help' };
  if (version) return { kind: 'version' };

  const [command, ...paths] = positionals;
  if (command === undefined) throw new UsageError('missing command (serverless-guard scan [paths...])');
  if (command === 'help') return { kind: 'help' };
  if (command !== 'scan') throw new UsageError(`unknown command '${command}': the command is 'scan'`);

  const format = values.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown format '${format}' for --format: use text, json or sarif`);
  }
  const failOn = values['fail-on'] ?? 'error';
  if (!(FAIL_ON as readonly string[]).includes(failOn)) {
    throw new UsageError(`unknown severity '${failOn}' for --fail-on: use error, warning or info`);
  }
  return {
    kind: 'scan',
    options: {
      paths: paths.length > 0 ? paths : ['.'],
      format: format as Format,
      output: values.output,
      failOn: failOn as Severity,
      config: values.config,
      inlineSuppressions,
    },
  };
}

function valueHint(name: ValueOption): string {
  switch (name) {
    case 'format':
      return ' (text, json or sarif)';
    case 'fail-on':
      return ' (error, warning or info)';
    case 'output':
    case 'config':
      return ' (a file path)';
  }
}

/** The known option nearest to a mistyped one, if it is near enough to be a typo. */
function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 4)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}
