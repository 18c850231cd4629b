/**
 * The runner's settings that come from the process environment: the budget of one file, and the
 * extra rules that tests inject (a rule that throws, a rule that never returns).
 *
 * Why reading a module path from the environment opens no hole: the environment belongs to
 * whoever starts the server or the CLI (the editor's extension host, a CI job, a test), and that
 * party can already run any code in the process (`NODE_OPTIONS=--require …`). Nothing a
 * workspace contains reaches it: the VS Code client starts the server with the extension host's
 * environment and hands settings over LSP messages only, and `.serverless-guard.json` has no
 * such key. The extra rules are honoured only under NODE_ENV=test and from an absolute path, so
 * a stray variable in a user's shell does nothing.
 */
import * as path from 'node:path';
import type { RunnerOptions } from './runner';

export const TIMEOUT_VARIABLE = 'SERVERLESS_GUARD_TIMEOUT_MS';
export const TEST_RULES_VARIABLE = 'SERVERLESS_GUARD_TEST_RULES';

export function runnerOptionsFromEnvironment(env: Record<string, string | undefined>): Pick<RunnerOptions, 'timeoutMs' | 'testRules'> {
  const out: Pick<RunnerOptions, 'timeoutMs' | 'testRules'> = {};
  const timeout = Number(env[TIMEOUT_VARIABLE]);
  if (Number.isFinite(timeout) && timeout >= 50) out.timeoutMs = timeout;
  const rules = env[TEST_RULES_VARIABLE];
  if (rules && env.NODE_ENV === 'test' && path.isAbsolute(rules)) out.testRules = rules;
  return out;
}
