/**
 * The `serverless-guard` command (bundled to server/out/cli.js). Wiring only: process I/O in,
 * exit code out; the logic lives in cli/. Anything unexpected ends as exit 2 with a message.
 */
import { EXIT_USAGE, main } from './cli/main';

function internalError(e: unknown): never {
  const detail = e instanceof Error ? (e.stack ?? e.message).replace(/^[^\n]*\n?/, '') : '';
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`serverless-guard: internal error: ${message}\n${detail ? `${detail}\n` : ''}`);
  process.exit(EXIT_USAGE);
}

process.on('uncaughtException', internalError);
process.on('unhandledRejection', internalError);
// `serverless-guard scan | head` closes the pipe early; that is the reader's choice, not a crash.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  internalError(e);
});

process.exitCode = main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
});
