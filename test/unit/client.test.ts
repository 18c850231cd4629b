// The extension's pure modules, without VS Code: the webviews' HTML (CSP, nonce, escaping of
// hostile text from a file), the findings under the cursor, the quick pick, the status item's
// count, and the command table against package.json.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMANDS, manifestContributions } from '../../client/src/command-table';
import { defenseHtml } from '../../client/src/defense-html';
import { castleSvg, explainHtml } from '../../client/src/explain-html';
import type { DiagnosticLike } from '../../client/src/findings';
import { countFindings, findingAt, lspRange, ourFindings, pickItems, statusText } from '../../client/src/findings';
import { escapeHtml, inlineMarkup, makeNonce } from '../../client/src/html';
import type { WebviewAssets } from '../../client/src/html';
import type { DefenseResult, ExplainResult } from '../../server/src/lsp/protocol';
import { RULES_BY_ID } from '../../server/src/rules';

const ROOT = path.resolve(__dirname, '..', '..');
const SVG = fs.readFileSync(path.join(ROOT, 'media', 'defense-in-depth.svg'), 'utf8');
const ASSETS: WebviewAssets = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'bm9uY2Utb2YtdGhpcy1yZW5kZXI=',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/webview.css',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/webview.js',
};

const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '</script><script>alert(2)</script>',
  '[click me](javascript:alert(3))',
  '<a href="javascript:alert(4)">x</a>',
  '**bold** `code` <!-- -->',
  '" onmouseover="alert(5)',
].join(' ');

const r = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });

function explainResult(over: Partial<ExplainResult> = {}): ExplainResult {
  const m = RULES_BY_ID.get('sql-injection')!.meta;
  return {
    rule: { ...m, docsUrl: 'https://github.com/serverless-guard/serverless-guard/blob/main/docs/rules/sql-injection.md' },
    finding: {
      ruleId: 'sql-injection',
      severity: 'error',
      message: `SQL built from ${HOSTILE}`,
      range: r(3, 14, 3, 80),
      resource: HOSTILE,
      fixes: [{ title: `Use a parameterized query ${HOSTILE}`, edits: [{ range: r(3, 14, 3, 80), newText: 'x' }] }],
    },
    fileKind: 'handler',
    example: m.examples.find((e) => e.frontEnd === 'handler') ?? null,
    layer: { layer: 'Lambda', castlePart: 'the guards inside', services: 'roles', summary: 'limits' },
    ...over,
  };
}

/** The text of every <script> element, and its attributes. */
function scripts(html: string): { attrs: string; body: string }[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].map((m) => ({ attrs: m[1], body: m[2] }));
}

function assertLockedDown(html: string): void {
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
  assert.ok(csp, 'a CSP meta tag');
  const policy = csp[1];
  assert.match(policy, /^default-src 'none';/);
  assert.match(policy, new RegExp(`script-src 'nonce-${ASSETS.nonce.replace(/[+/=]/g, '\\$&')}'`));
  assert.match(policy, new RegExp(`style-src ${ASSETS.cspSource.replace(/[.+]/g, '\\$&')}(;|$)`));
  assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval|\*(?!\.)/);
  // Exactly one script: ours, from media/, with the nonce, and no inline code.
  const s = scripts(html);
  assert.equal(s.length, 1, `scripts: ${JSON.stringify(s)}`);
  assert.match(s[0].attrs, new RegExp(`nonce="${ASSETS.nonce}"`));
  assert.match(s[0].attrs, /src="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ext\/media\/webview\.js"/);
  assert.equal(s[0].body.trim(), '');
  // The real tags (text from the file has its `<` escaped, so it cannot open one): no inline
  // event handlers, no inline styles, no links, images or frames, nothing loaded from elsewhere.
  const tags = html.match(/<[a-zA-Z][^>]*>/g) ?? [];
  const attributes = (tag: string) => [...tag.replace(/"[^"]*"/g, '""').matchAll(/\s([a-zA-Z-:]+)=/g)].map((m) => m[1].toLowerCase());
  for (const tag of tags) {
    assert.ok(!attributes(tag).some((a) => a.startsWith('on') || a === 'style'), tag);
    assert.doesNotMatch(tag, /^<(a|img|iframe|style|object|embed|form|base)\b/i);
    const url = /\s(?:src|href)="([^"]*)"/.exec(tag)?.[1];
    if (url !== undefined) assert.ok(url.startsWith('https://file+.vscode-resource.vscode-cdn.net/ext/media/'), tag);
  }
}

describe('client: Explain view HTML', () => {
  it('has a strict CSP, one nonce script from media/, and escapes hostile text from the file', () => {
    const html = explainHtml(explainResult(), SVG, ASSETS);
    assertLockedDown(html);
    assert.ok(html.includes(escapeHtml(HOSTILE)), 'the message is shown, escaped');
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(html.includes('&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;'));
    assert.ok(html.includes('[click me](javascript:alert(3))'), 'markdown is not rendered: it stays literal text');
    assert.ok(html.includes('&quot; onmouseover=&quot;alert(5)'));
  });

  it('shows the risk, the analogy, the castle with its layer lit, the example for the file kind, the fix button and the module question', () => {
    const m = RULES_BY_ID.get('sql-injection')!.meta;
    const html = explainHtml(explainResult(), SVG, ASSETS);
    assert.ok(html.includes(escapeHtml(m.title)));
    assert.ok(html.includes(inlineMarkup(m.explanation)));
    assert.ok(html.includes(inlineMarkup(m.analogy.split('\n')[0])));
    assert.match(html, /<g id="layer-Lambda" class="active">/);
    assert.doesNotMatch(html, /<g id="layer-Edge" class="active">/);
    const ex = m.examples.find((e) => e.frontEnd === 'handler')!;
    assert.ok(html.includes(escapeHtml(ex.bad)) && html.includes(escapeHtml(ex.good)));
    assert.match(html, /Example \(Lambda handler\)/);
    assert.match(html, /<button type="button" class="primary" data-action="apply-fix" data-index="0">Use a parameterized query &lt;img/);
    assert.ok(html.includes(inlineMarkup(m.fixSummary)));
    assert.match(html, /data-action="open-docs"/);
    if (m.moduleQuestion) assert.ok(html.includes(escapeHtml(m.moduleQuestion)));
  });

  /** The inner HTML of the section headed `title`. */
  const sectionOf = (html: string, title: string) => new RegExp(`<section><h2>${title}</h2>([\\s\\S]*?)</section>`).exec(html)?.[1] ?? '';

  it('renders the code spans of the rule\'s prose as <code>, their text escaped, with no backtick left', () => {
    // sql-injection's explanation quotes attack strings in code spans (quotes and all).
    const html = explainHtml(explainResult(), SVG, ASSETS);
    const why = sectionOf(html, 'Why it matters');
    assert.ok(why.includes('<code>1&#39; OR &#39;1&#39;=&#39;1</code>'), why);
    assert.ok(why.includes('<code>&#39;; DROP TABLE users; --</code>'), why);
    assert.ok(!why.includes('&#96;') && !why.includes('`'), 'no backtick shown in "Why it matters"');
    assert.ok(sectionOf(html, 'When not to use it').includes('<code>if (!ALLOWED.includes(col)) throw ...</code>'));
    // A code span's text is escaped like any other (iam-wildcard-resource's analogy quotes `Resource: "*"`).
    const m = RULES_BY_ID.get('iam-wildcard-resource')!.meta;
    const other = explainHtml(explainResult({ rule: { ...m, docsUrl: 'https://example.invalid/docs' } }), SVG, ASSETS);
    assert.ok(sectionOf(other, 'The picture').includes('<code>Resource: &quot;*&quot;</code>'));
  });

  it('renders only code spans and bold in the rule\'s prose, everything escaped; markdown in text from the file stays literal', () => {
    const m = RULES_BY_ID.get('sql-injection')!.meta;
    const prose = 'Use `<img src=x onerror=alert(1)>` and **`AWS_IAM` <b>now</b>**; [a link](javascript:alert(2)), _em_, a `lone backtick and ** lone stars';
    const html = explainHtml(explainResult({ rule: { ...m, explanation: prose, docsUrl: 'https://example.invalid/docs' } }), SVG, ASSETS);
    assertLockedDown(html);
    assert.equal(
      sectionOf(html, 'Why it matters'),
      '<p>Use <code>&lt;img src=x onerror=alert(1)&gt;</code> and <strong><code>AWS_IAM</code> &lt;b&gt;now&lt;/b&gt;</strong>; [a link](javascript:alert(2)), _em_, a &#96;lone backtick and ** lone stars</p>',
    );
    // The finding's message comes from the file: its `code` and **bold** are shown as typed.
    assert.ok(html.includes('**bold** &#96;code&#96;'));
    assert.doesNotMatch(html, /<strong>bold<\/strong>|<code>code<\/code>/);
  });

  it('renders the `code` spans of the rule\'s prose as code, escaped, and leaves the finding\'s message as text', () => {
    const lp = RULES_BY_ID.get('least-privilege')!.meta;
    assert.match(lp.explanation, /`dynamodb:\*`/);
    const html = explainHtml(explainResult({ rule: { ...lp, docsUrl: 'https://example.invalid/least-privilege' }, finding: { ...explainResult().finding!, message: 'calls `x` <b>' } }), SVG, ASSETS);
    const why = /<h2>Why it matters<\/h2>(.*?)<\/section>/s.exec(html)![1];
    assert.match(why, /<code>dynamodb:\*<\/code>/);
    assert.doesNotMatch(why, /`|&#96;/);
    assert.match(html, /<p class="message">calls &#96;x&#96; &lt;b&gt;<\/p>/);
    assert.equal(inlineMarkup('a `<img src=x>` and a lone ` tick'), 'a <code>&lt;img src=x&gt;</code> and a lone &#96; tick');
  });

  it('without a finding: no message, no fix button; without a layer: no castle', () => {
    const html = explainHtml(explainResult({ finding: null, layer: null }), SVG, ASSETS);
    assertLockedDown(html);
    assert.doesNotMatch(html, /data-action="apply-fix"/);
    assert.doesNotMatch(html, /<svg/);
    assert.match(html, /No automatic fix/);
  });

  it('inlines the castle without its <style> (the CSP allows none) and lights only a known layer', () => {
    assert.doesNotMatch(castleSvg(SVG, 'Data'), /<style/);
    assert.match(castleSvg(SVG, 'Data'), /<g id="layer-Data" class="active">/);
    assert.doesNotMatch(castleSvg(SVG, '"><script>'), /class="active"/);
    for (const layer of ['Edge', 'API', 'Lambda', 'Data', 'Audit']) assert.ok(SVG.includes(`<g id="layer-${layer}">`), layer);
  });

  it('makes a fresh 128-bit nonce each time', () => {
    const a = makeNonce();
    assert.notEqual(a, makeNonce());
    assert.equal(Buffer.from(a, 'base64').length, 16);
  });
});

describe('client: inline markup of rule prose', () => {
  it('turns `code` spans and **bold** into HTML and escapes the rest', () => {
    const cases: [string, string][] = [
      ['plain <text> & "quotes"', 'plain &lt;text&gt; &amp; &quot;quotes&quot;'],
      ['set `AuthType: NONE` to `AWS_IAM`', 'set <code>AuthType: NONE</code> to <code>AWS_IAM</code>'],
      ['`<service>:<Action>`', '<code>&lt;service&gt;:&lt;Action&gt;</code>'],
      ['a `*` in code, **not** bold', 'a <code>*</code> in code, <strong>not</strong> bold'],
      ['`**` stays code', '<code>**</code> stays code'],
      ['**bold with `code`**', '<strong>bold with <code>code</code></strong>'],
      ['one ` backtick', 'one &#96; backtick'],
      ['empty `` pair', 'empty &#96;&#96; pair'],
      ['no ** bold ** with spaces inside', 'no ** bold ** with spaces inside'],
      ['Action \'*\' on Resource \'*\'', 'Action &#39;*&#39; on Resource &#39;*&#39;'],
      ['a span `across\nlines` is not one', 'a span &#96;across\nlines&#96; is not one'],
    ];
    for (const [text, html] of cases) assert.equal(inlineMarkup(text), html, text);
  });
});

describe('client: defense-in-depth view HTML', () => {
  const result: DefenseResult = {
    files: 1,
    items: [
      {
        kind: 'api',
        name: HOSTILE,
        resourceType: 'AWS::Serverless::Api',
        uri: 'file:///w/template.yaml',
        range: r(6, 2, 6, 11),
        checks: [
          { control: 'waf', layer: 'Edge', status: 'missing', detail: HOSTILE, location: { uri: 'file:///w/template.yaml', range: r(6, 2, 6, 11) }, ruleId: 'api-missing-waf' },
          { control: 'authorizer', layer: 'API', status: 'present', detail: 'DefaultAuthorizer: Jwt', location: { uri: 'file:///w/template.yaml', range: r(10, 8, 10, 11) } },
          { control: 'validation', layer: 'API', status: 'n/a', detail: 'HTTP API' },
        ],
      },
    ],
  };

  it('is locked down, escapes names and details, and links each cell by index only', () => {
    const { html, targets } = defenseHtml(result, (u) => `${u} <b>`, ASSETS);
    assertLockedDown(html);
    assert.ok(html.includes(escapeHtml(HOSTILE)));
    assert.ok(html.includes('file:///w/template.yaml &lt;b&gt;'));
    assert.deepEqual(targets, [
      { uri: 'file:///w/template.yaml', range: r(6, 2, 6, 11) },
      { uri: 'file:///w/template.yaml', range: r(6, 2, 6, 11), ruleId: 'api-missing-waf' },
      { uri: 'file:///w/template.yaml', range: r(10, 8, 10, 11) },
    ]);
    assert.match(html, /<td class="status-missing"><button type="button" class="cell" title="WAF: missing\. &lt;img[^"]*\(api-missing-waf\)"[^>]*data-index="1">✗<\/button><\/td>/);
    assert.match(html, /<td class="status-n\/a" title="Validation: not applicable\. HTTP API">–<\/td>/);
  });

  it('says so when there is nothing to show', () => {
    const { html, targets } = defenseHtml({ files: 0, items: [] }, String, ASSETS);
    assertLockedDown(html);
    assert.deepEqual(targets, []);
    assert.match(html, /No APIs or functions found in 0 templates/);
  });
});

describe('client: findings under the cursor, the quick pick and the status count', () => {
  const d = (code: string, severity: number, range = r(2, 4, 2, 10), source = 'serverless-guard'): DiagnosticLike => ({ source, code, severity, range, message: `${code} here` });
  const file = [d('iam-wildcard-action', 1, r(5, 0, 5, 20)), d('sql-injection', 0, r(2, 4, 2, 30)), d('parse-error', 0), d('no-unused-vars', 0, r(2, 0, 2, 40), 'eslint'), d('skipped', 2)];

  it('keeps only our findings (not parse errors, skipped notices or other tools)', () => {
    assert.deepEqual(ourFindings(file).map((x) => x.code), ['iam-wildcard-action', 'sql-injection']);
  });

  it('finds the finding under the cursor, most severe then narrowest, ends included', () => {
    assert.equal(findingAt(file, { line: 2, character: 4 })?.code, 'sql-injection');
    assert.equal(findingAt(file, { line: 2, character: 30 })?.code, 'sql-injection');
    assert.equal(findingAt(file, { line: 2, character: 31 }), undefined);
    const overlap = [d('a-wide', 1, r(1, 0, 9, 0)), d('b-narrow', 1, r(3, 2, 3, 5)), d('c-error', 0, r(0, 0, 9, 9))];
    assert.equal(findingAt(overlap, { line: 3, character: 3 })?.code, 'c-error');
    assert.equal(findingAt(overlap.slice(0, 2), { line: 3, character: 3 })?.code, 'b-narrow');
    assert.equal(findingAt([{ ...d('x', 0), code: { value: 'sql-injection' } }], { line: 2, character: 5 })?.range.start.line, 2);
  });

  it('sends plain LSP ranges: VS Code\'s Range serializes to an array', () => {
    /** Shaped like vscode.Range: getters over private fields, toJSON() gives [start, end]. */
    class EditorRange {
      constructor(private readonly s: { line: number; character: number }, private readonly e: { line: number; character: number }) {}
      get start() { return this.s; }
      get end() { return this.e; }
      toJSON() { return [this.s, this.e]; }
    }
    const range = new EditorRange({ line: 2, character: 4 }, { line: 2, character: 9 });
    const wire = (x: unknown) => JSON.parse(JSON.stringify(x));
    assert.ok(Array.isArray(wire(range)), 'the stand-in serializes like vscode.Range');
    assert.deepEqual(wire(lspRange(range)), { start: { line: 2, character: 4 }, end: { line: 2, character: 9 } });
    const [item] = pickItems([{ source: 'serverless-guard', code: 'sql-injection', message: 'm', severity: 0, range }]);
    assert.deepEqual(wire(item.range), { start: { line: 2, character: 4 }, end: { line: 2, character: 9 } });
  });

  it('lists the file\'s findings in order for the quick pick', () => {
    assert.deepEqual(
      pickItems(file).map((i) => [i.label, i.description, i.ruleId]),
      [
        ['$(error) sql-injection', 'line 3', 'sql-injection'],
        ['$(warning) iam-wildcard-action', 'line 6', 'iam-wildcard-action'],
      ],
    );
  });

  it('counts findings across files by severity for the status item', () => {
    const c = countFindings([file, [d('hardcoded-secret', 0), d('missing-audit-trail', 2), d('x', 3)], []]);
    assert.deepEqual(c, { error: 2, warning: 1, info: 2 });
    assert.deepEqual(statusText(c), { text: '$(shield) $(error) 5', tooltip: 'Serverless Guard: 2 errors, 1 warning, 2 info — click for the Problems panel' });
    assert.deepEqual(statusText({ error: 0, warning: 0, info: 0 }), { text: '$(shield) 0', tooltip: 'Serverless Guard: no findings' });
    assert.equal(statusText({ error: 0, warning: 1, info: 0 }).text, '$(shield) $(warning) 1');
  });
});

describe('client: commands from one table', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    contributes: { commands: unknown; menus: unknown };
    capabilities: { untrustedWorkspaces: { supported: boolean } };
    activationEvents: string[];
  };

  it('package.json contributes exactly the table\'s commands and menus', () => {
    const m = manifestContributions();
    assert.deepEqual(pkg.contributes.commands, m.commands);
    assert.deepEqual(pkg.contributes.menus, m.menus);
  });

  it('has stable ids under serverlessGuard. and hides the internal ones from the palette', () => {
    assert.deepEqual(
      Object.values(COMMANDS).map((c) => c.id).sort(),
      [
        'serverlessGuard.applyFix',
        'serverlessGuard.explain',
        'serverlessGuard.restartServer',
        'serverlessGuard.scanWorkspace',
        'serverlessGuard.setCursor',
        'serverlessGuard.showDefenseInDepth',
        'serverlessGuard.showOutput',
      ],
    );
    const hidden = manifestContributions().menus.commandPalette.filter((x) => x.when === 'false').map((x) => x.command).sort();
    assert.deepEqual(hidden, ['serverlessGuard.applyFix', 'serverlessGuard.setCursor']);
  });

  it('works untrusted: the manifest says so and no command needs workspace trust', () => {
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
    const src = fs.readFileSync(path.join(ROOT, 'client', 'src', 'commands.ts'), 'utf8') + fs.readFileSync(path.join(ROOT, 'client', 'src', 'extension.ts'), 'utf8');
    assert.doesNotMatch(src, /isTrusted|requestWorkspaceTrust|onDidGrantWorkspaceTrust/);
    assert.ok(!pkg.activationEvents.includes('*'), 'activation stays narrow');
  });
});
