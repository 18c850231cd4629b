// Driving VS Code's workbench (as code-server serves it) the way a user does: keyboard and mouse
// on the real UI. Every wait is on a condition (a selector, a text, a count), never a fixed sleep.
import { expect } from './expect.mjs';

const EDITOR = '.editor-group-container.active .editor-container .monaco-editor';
const QUICK_INPUT = '.quick-input-widget';
/** Severity in LSP numbers → the class of its squiggle. */
export const SQUIGGLE = { 1: 'squiggly-error', 2: 'squiggly-warning', 3: 'squiggly-info', 4: 'squiggly-hint' };

export class Workbench {
  /** @param {import('playwright-core').Page} page */
  constructor(page, timeoutMs = 60_000) {
    this.page = page;
    this.timeout = timeoutMs;
  }

  /** Opens `folder`; `payload` (entries [key, value]) goes to the workbench's URL payload, as development options do. */
  async open(url, folder, payload) {
    const extra = payload?.length ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : '';
    await this.page.goto(`${url}/?folder=${encodeURIComponent(folder)}${extra}`, { timeout: this.timeout });
    await this.page.waitForSelector('.monaco-workbench', { timeout: this.timeout });
    await this.page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: this.timeout });
  }

  /**
   * Quick Open (Ctrl+P): types the path, moves the selection with the keyboard to the row for
   * exactly that folder (results stream in and reorder, so a click could land on another row),
   * opens it, and checks the breadcrumbs name the right folder.
   */
  async openFile(relPath) {
    const parts = relPath.split('/');
    const name = parts[parts.length - 1];
    const dir = parts.slice(0, -1).join('/');
    // The row's aria-label is "<name> <folder>[, <group>]".
    const label = `${name} ${dir}`;
    const isRow = (l) => l === label || (l ?? '').startsWith(`${label},`);
    await expect(
      async () => {
        await this.page.keyboard.press('Control+p');
        const input = this.page.locator(`${QUICK_INPUT} input`);
        await input.waitFor({ state: 'visible', timeout: 10_000 });
        await input.fill(relPath);
        const rows = this.page.locator(`${QUICK_INPUT} .quick-input-list .monaco-list-row`);
        await expect(() => rows.evaluateAll((rs) => rs.map((r) => r.getAttribute('aria-label'))), (ls) => ls.some(isRow), `a Quick Open row "${label}"`, 20_000);
        for (let i = 0; i < 20; i++) {
          const focused = await this.page.locator(`${QUICK_INPUT} .quick-input-list .monaco-list-row.focused`).getAttribute('aria-label', { timeout: 5000 });
          if (isRow(focused)) break;
          await this.page.keyboard.press('ArrowDown');
        }
        await this.page.keyboard.press('Enter');
        await input.waitFor({ state: 'hidden', timeout: 10_000 });
        return this.breadcrumbs();
      },
      (crumbs) => crumbs.join('/').startsWith(relPath),
      `${relPath} open in the active editor (its breadcrumbs)`,
      this.timeout,
    );
    await this.page.locator(EDITOR).first().waitFor({ state: 'visible', timeout: this.timeout });
  }

  /** The active editor's breadcrumbs: the folders from the workspace root, the file, then symbols. */
  async breadcrumbs() {
    await this.page.locator('.editor-group-container.active .breadcrumbs-control .monaco-breadcrumb-item').first().waitFor({ timeout: 10_000 });
    return this.page.locator('.editor-group-container.active .breadcrumbs-control .monaco-breadcrumb-item').evaluateAll((items) => items.map((i) => (i.textContent ?? '').trim()));
  }

  /** Go to Line (Ctrl+G) with a 1-based line and column; the editor scrolls to it and has the focus. */
  async goTo(line, column) {
    // Go to Line is a workbench command: it acts on the active editor wherever the focus is.
    await this.page.keyboard.press('Control+g');
    const input = this.page.locator(`${QUICK_INPUT} input`);
    await input.waitFor({ state: 'visible', timeout: this.timeout });
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: this.timeout });
    await expect(() => this.cursorPosition(), (p) => p === `Ln ${line}, Col ${column}`, `the cursor at Ln ${line}, Col ${column}`, this.timeout);
  }

  /** The status bar's "Ln L, Col C". */
  async cursorPosition() {
    return ((await this.page.locator('#status\\.editor\\.selection').textContent({ timeout: this.timeout })) ?? '').trim();
  }

  /** Squiggles of one class in the active editor, with the 1-based line each is drawn on (visible lines only). */
  async squiggles(cls = 'squiggly-error') {
    return this.page.evaluate(
      ({ editor, cls }) => {
        const root = document.querySelector(editor);
        if (!root) return [];
        const numbers = [...root.querySelectorAll('.margin-view-overlays .line-numbers')].map((n) => ({ line: Number(n.textContent), rect: n.getBoundingClientRect() }));
        return [...root.querySelectorAll(`.view-overlays .${cls}`)].map((s) => {
          const r = s.getBoundingClientRect();
          const mid = r.top + r.height / 2;
          const at = numbers.find((n) => mid >= n.rect.top && mid < n.rect.bottom);
          return { line: at ? at.line : null, x: r.left, y: r.top, width: r.width, height: r.height };
        });
      },
      { editor: EDITOR, cls },
    );
  }

  /** Waits until the active editor draws a squiggle of `cls` on each of `lines` (scrolling to each). */
  async waitForSquiggles(lines, cls = 'squiggly-error') {
    for (const line of lines) {
      await this.goTo(line, 1);
      await expect(() => this.squiggles(cls), (s) => s.some((q) => q.line === line), `a ${cls} squiggle on line ${line}`, this.timeout);
    }
  }

  async toggleProblems() {
    await this.page.locator('#status\\.problems').click();
  }

  async showProblems() {
    if (!(await this.page.locator('.markers-panel').isVisible())) await this.toggleProblems();
    await this.page.locator('.markers-panel').waitFor({ state: 'visible', timeout: this.timeout });
  }

  /**
   * The Problems panel's findings: { file, ruleId, source, line, column, severity } per marker row.
   * The panel's tree renders only the rows in view, so it is scrolled from top to bottom with
   * the mouse wheel and the rows are gathered by their index; a marker's file is the file row
   * above it. Related-information rows are left out.
   */
  async problems() {
    const list = this.page.locator('.markers-panel .monaco-list').first();
    await list.waitFor({ state: 'visible', timeout: this.timeout });
    const box = await list.boundingBox();
    if (!box) return [];
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    // Where the rows' container sits against the list's viewport, and the rows in view.
    const view = () =>
      list.evaluate((el) => {
        const viewport = el.querySelector('.monaco-scrollable-element')?.getBoundingClientRect() ?? el.getBoundingClientRect();
        const content = el.querySelector('.monaco-list-rows')?.getBoundingClientRect();
        const rows = [...el.querySelectorAll('.monaco-list-row[data-index]')].map((r) => ({ index: Number(r.getAttribute('data-index')), label: r.getAttribute('aria-label') ?? '', text: r.textContent ?? '' }));
        return { offset: content ? Math.round(viewport.top - content.top) : 0, atBottom: !content || content.bottom <= viewport.bottom + 2, rows };
      });
    // To the top, then a viewport at a time to the bottom; each wheel waits until the list has
    // moved (monaco takes a limited distance per wheel event).
    const step = Math.max(40, Math.floor(box.height * 0.7));
    let v = await view();
    for (let i = 0; i < 500 && v.offset > 0; i++) {
      const from = v.offset;
      await this.page.mouse.wheel(0, -step);
      v = await expect(view, (x) => x.offset < from, 'the Problems list to scroll up', 10_000);
    }
    const rows = new Map();
    for (let i = 0; i < 500; i++) {
      for (const r of v.rows) rows.set(r.index, r);
      if (v.atBottom) break;
      const from = v.offset;
      await this.page.mouse.wheel(0, step);
      v = await expect(view, (x) => x.offset > from || x.atBottom, 'the Problems list to scroll down', 10_000);
    }
    const out = [];
    let file = null;
    for (const { label, text } of [...rows.values()].sort((x, y) => x.index - y.index)) {
      const fileRow = /problems? in file (\S+) of folder (\S+)/.exec(label);
      if (fileRow) {
        file = `${fileRow[2]}/${fileRow[1]}`;
        continue;
      }
      const sev = /^(Error|Warning|Info|Hint):/.exec(label);
      if (!sev) continue;
      const m = /serverless-guard(\S+?)\[Ln (\d+), Col (\d+)\]\s*$/.exec(text);
      out.push({ file, severity: sev[1], source: m ? 'serverless-guard' : null, ruleId: m ? m[1] : null, line: m ? Number(m[2]) : null, column: m ? Number(m[3]) : null });
    }
    return out;
  }

  /** Moves the mouse onto the squiggle on `line` and returns the text of the editor hover once it contains `text`. */
  async hoverSquiggle(line, text, cls = 'squiggly-error') {
    await this.goTo(line, 1);
    const [q] = (await this.squiggles(cls)).filter((s) => s.line === line);
    if (!q) throw new Error(`no ${cls} squiggle drawn on line ${line}`);
    await this.page.mouse.move(q.x + Math.min(40, q.width / 2), q.y + q.height / 2 - 3);
    const hover = this.page.locator('.monaco-editor .monaco-hover:not(.hidden)').filter({ hasText: text });
    await hover.first().waitFor({ state: 'visible', timeout: this.timeout });
    // A long hover scrolls: bring the part with `text` into view, for the eye and the screenshot.
    const part = hover.first().locator('blockquote, p').filter({ hasText: text }).last();
    if (await part.count()) await part.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    return (await hover.first().textContent()) ?? '';
  }

  async dismissHover() {
    await this.page.mouse.move(1, 1);
    await this.page.keyboard.press('Escape');
    await this.page.locator('.monaco-editor .monaco-hover:not(.hidden)').first().waitFor({ state: 'hidden', timeout: this.timeout }).catch(() => {});
  }

  /** Puts the cursor at (line, column), clicks the light bulb and picks the action titled `title`. */
  async applyFromLightBulb(line, column, title) {
    await this.goTo(line, column);
    const bulb = this.page.locator(`${EDITOR} .lightBulbWidget`);
    await bulb.waitFor({ state: 'visible', timeout: this.timeout });
    await bulb.click();
    const item = this.page.locator('.action-widget .monaco-list-row.action').filter({ hasText: title });
    await item.first().waitFor({ state: 'visible', timeout: this.timeout });
    await item.first().click();
    await item.first().waitFor({ state: 'hidden', timeout: this.timeout });
  }

  /** Ctrl+S and wait until the active tab is no longer dirty. */
  async save() {
    await this.page.keyboard.press('Control+s');
    await this.page.locator('.tabs-container .tab.active:not(.dirty)').waitFor({ timeout: this.timeout });
  }

  /** The command palette (F1) runs the command whose label is `label`; resolves false when the palette has no such command. */
  async runCommand(label) {
    await this.page.keyboard.press('F1');
    const input = this.page.locator(`${QUICK_INPUT} input`);
    await input.waitFor({ state: 'visible', timeout: this.timeout });
    await input.fill(`>${label}`);
    const row = this.page.locator(`${QUICK_INPUT} .quick-input-list .monaco-list-row`).filter({ hasText: label });
    await row.first().waitFor({ state: 'visible', timeout: this.timeout });
    await row.first().click();
    await input.waitFor({ state: 'hidden', timeout: this.timeout });
  }

  /** The text of the newest webview's body, once it contains `text` (scrolled into view). */
  async webviewText(text) {
    // A webview is an iframe (the host) holding another (the content, #active-frame).
    const body = this.page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame').locator('body');
    await body.filter({ hasText: text }).waitFor({ state: 'visible', timeout: this.timeout });
    const part = body.locator('blockquote, p, section').filter({ hasText: text }).last();
    if (await part.count()) await part.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    return (await body.textContent()) ?? '';
  }
}
