// The long fuzz run: the properties of test/fuzz/ (no exception escapes, every range inside the
// document, each file within its budget, the same input gives the same findings) on many more,
// and larger, inputs than the short run in `npm test`.
//
//   npm run fuzz -- --runs 100000 [--seed N] [--server-runs N] [--large]
//
// --large draws from the larger sizes (scalars up to 300,000 characters, nesting 3,000 deep):
// slower per input, for occasional deep runs.
// Inputs go through the engine (in the analysis worker, and directly) and, one in twenty by
// default, through the built language server over stdio. Prints the count of inputs tried; on a
// failure prints the seed, the input (shortened) and the error, writes the whole input to
// fuzz-failure-<seed>.json, and exits 1.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { resolveConfig } from '../server/src/engine/config';
import { AnalysisRunner } from '../server/src/runner/runner';
import type { FuzzInput } from '../test/fuzz/arbitraries';
import { LONG_SCALE, SHORT_SCALE, fuzzInput } from '../test/fuzz/arbitraries';
import { checkEngine, describeInput } from '../test/fuzz/check';
import { ServerFuzz } from '../test/fuzz/server-check';

function option(name: string): number | undefined {
  const i = process.argv.indexOf(`--${name}`);
  const raw = i >= 0 ? process.argv[i + 1] : process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`fuzz: --${name} needs a whole number, not ${raw}`);
    process.exit(2);
  }
  return n;
}

const runs = option('runs') ?? 10_000;
const seed = option('seed') ?? Date.now() % 2 ** 31;
const serverRuns = option('server-runs') ?? Math.ceil(runs / 20);
const scale = process.argv.includes('--large') ? LONG_SCALE : SHORT_SCALE;
const config = resolveConfig();
const started = Date.now();

function elapsed(): string {
  return `${((Date.now() - started) / 1000).toFixed(0)} s`;
}

function report(what: string, details: fc.RunDetails<[FuzzInput]>, tried: number): never {
  const input = details.counterexample?.[0];
  const file = path.resolve(`fuzz-failure-${details.seed}.json`);
  if (input) fs.writeFileSync(file, JSON.stringify(input));
  console.error(`fuzz: FAILED through ${what} after ${tried} inputs (seed ${details.seed}, path ${details.counterexamplePath})`);
  if (input) console.error(`fuzz: input: ${describeInput(input)}\nfuzz: the whole input is in ${file}`);
  console.error(details.errorInstance instanceof Error ? (details.errorInstance.stack ?? details.errorInstance.message) : String(details.errorInstance));
  process.exit(1);
}

async function main(): Promise<void> {
  console.log(`fuzz: ${runs} inputs through the engine, ${serverRuns} through the language server (seed ${seed}${scale === LONG_SCALE ? ', large inputs' : ''})`);
  const runner = new AnalysisRunner();
  let engineTried = 0;
  let parseStopped = 0;
  const engine = fc.check(
    fc.property(fuzzInput(scale), (input) => {
      engineTried++;
      if (engineTried % 1000 === 0) console.log(`fuzz: engine ${engineTried}/${runs} (${elapsed()})`);
      if (checkEngine(runner, input, config) === 'parse-stopped') parseStopped++;
    }),
    { numRuns: runs, seed },
  );
  runner.dispose();
  if (engine.failed) report('the engine', engine, engineTried);
  console.log(`fuzz: engine: ${engine.numRuns} inputs tried, no failure; ${parseStopped} parses stopped by the per-file budget (${elapsed()})`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-fuzz-'));
  const server = await ServerFuzz.start(dir);
  let serverTried = 0;
  try {
    const lsp = await fc.check(
      fc.asyncProperty(fuzzInput(SHORT_SCALE), async (input) => {
        serverTried++;
        if (serverTried % 500 === 0) console.log(`fuzz: server ${serverTried}/${serverRuns} (${elapsed()})`);
        await server.check(input);
      }),
      { numRuns: serverRuns, seed },
    );
    if (lsp.failed) report('the language server', lsp, serverTried);
    await server.stop();
    console.log(`fuzz: language server: ${lsp.numRuns} inputs tried, no failure (${elapsed()})`);
  } finally {
    server.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(`fuzz: ${engine.numRuns + serverTried} inputs tried in all, no failure (${elapsed()})`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
