/**
 * The entry VS Code loads with --extensionTestsPath: runs the bundled suites with mocha inside the
 * extension host. Results also go, as JSON, to the file named by SERVERLESS_GUARD_TEST_RESULTS:
 * code-server's extension host has no console the e2e runner can read.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { skipReasons } from './suite/skip';

export interface TestResult {
  title: string;
  state: 'passed' | 'failed' | 'skipped';
  error?: string;
  reason?: string;
}

export async function run(): Promise<void> {
  const resultsFile = process.env.SERVERLESS_GUARD_TEST_RESULTS;
  const results: TestResult[] = [];
  const write = (done: boolean, error?: string): void => {
    if (resultsFile) fs.writeFileSync(`${resultsFile}.part`, JSON.stringify({ done, error, results }, null, 2));
    if (resultsFile) fs.renameSync(`${resultsFile}.part`, resultsFile);
  };
  try {
    // mocha 12 is an ES module: imported, not bundled.
    const { default: Mocha } = (await import('mocha')) as unknown as { default: typeof import('mocha') };
    const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 120_000, reporter: 'spec' });
    for (const f of fs.readdirSync(path.join(__dirname, 'suite')).filter((x) => x.endsWith('.suite.js'))) mocha.addFile(path.join(__dirname, 'suite', f));
    await mocha.loadFilesAsync();
    const failures = await new Promise<number>((resolve) => {
      const runner = mocha.run((n) => resolve(n));
      runner.on('pass', (t) => results.push({ title: t.fullTitle(), state: 'passed' }));
      runner.on('fail', (t, err: Error) => results.push({ title: t.fullTitle(), state: 'failed', error: err.stack ?? err.message }));
      runner.on('pending', (t) => results.push({ title: t.fullTitle(), state: 'skipped', reason: skipReasons().get(t.fullTitle()) ?? 'skipped' }));
    });
    write(true);
    if (failures > 0) throw new Error(`${failures} extension-host test(s) failed`);
  } catch (e) {
    if (!results.some((r) => r.state === 'failed')) write(true, e instanceof Error ? (e.stack ?? e.message) : String(e));
    throw e;
  }
}
