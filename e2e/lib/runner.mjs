// A small step runner: steps run in order, each passes, fails (with a screenshot of the page
// at that moment) or is skipped with a printed reason; summary() prints the last line of the run.
import fs from 'node:fs';
import path from 'node:path';

export class Skip extends Error {}

/** Ends the current step as skipped; the reason is printed, so a skip is never a silent pass. */
export function skip(reason) {
  throw new Skip(reason);
}

export class Runner {
  constructor(screenshotDir) {
    this.screenshotDir = screenshotDir;
    this.results = [];
    this.shotIndex = 0;
    /** @type {import('playwright-core').Page | undefined} the page a failure is photographed from */
    this.page = undefined;
    fs.rmSync(screenshotDir, { recursive: true, force: true });
    fs.mkdirSync(screenshotDir, { recursive: true });
  }

  /** Saves a screenshot of the current page as NN-name.png and returns its path (undefined without a page). */
  async screenshot(name) {
    if (!this.page || this.page.isClosed()) return undefined;
    const file = path.join(this.screenshotDir, `${String(++this.shotIndex).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
    try {
      await this.page.screenshot({ path: file, timeout: 15_000 });
      return file;
    } catch {
      return undefined;
    }
  }

  /** Runs one step; `fn` gets the runner. Returns true when it passed or was skipped. */
  async step(name, fn) {
    const started = Date.now();
    const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
    try {
      await fn(this);
      this.results.push({ name, status: 'pass' });
      console.log(`  ✓ ${name} (${seconds()} s)`);
      return true;
    } catch (e) {
      if (e instanceof Skip) {
        this.results.push({ name, status: 'skip', reason: e.message });
        console.log(`  - ${name}: SKIPPED: ${e.message}`);
        return true;
      }
      const shot = await this.screenshot(`FAILED-${name}`);
      const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
      this.results.push({ name, status: 'fail', message });
      console.log(`  ✗ ${name} (${seconds()} s)\n${indent(message)}${shot ? `\n    screenshot: ${path.relative(process.cwd(), shot)}` : ''}`);
      return false;
    }
  }

  /** Records a failure that happened outside a step (setup, teardown). */
  fail(name, error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    this.results.push({ name, status: 'fail', message });
    console.log(`  ✗ ${name}\n${indent(message)}`);
  }

  get failed() {
    return this.results.filter((r) => r.status === 'fail').length;
  }

  summary(seconds) {
    const count = (s) => this.results.filter((r) => r.status === s).length;
    const skipped = this.results.filter((r) => r.status === 'skip');
    if (skipped.length > 0) {
      console.log('\nskipped:');
      for (const r of skipped) console.log(`  - ${r.name}: ${r.reason}`);
    }
    if (this.failed > 0) {
      console.log('\nfailed:');
      for (const r of this.results.filter((x) => x.status === 'fail')) console.log(`  ✗ ${r.name}`);
    }
    return `e2e: ${count('pass')} passed, ${this.failed} failed, ${count('skip')} skipped in ${seconds.toFixed(0)} s (screenshots in ${path.relative(process.cwd(), this.screenshotDir) || '.'})`;
  }
}

function indent(text) {
  return text
    .split('\n')
    .slice(0, 12)
    .map((l) => `    ${l}`)
    .join('\n');
}
