// The webviews (Explain, Defense in depth) against hostile text from a user's file: generated
// strings in every field that comes from a file never add a tag, an attribute or a URL to the
// page; the inline markup of rule prose adds only <code> and <strong> and loses no character; and end to end, a template whose names and values are hostile goes through the built
// server's explain and defense requests into HTML that stays locked down.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { defenseHtml } from '../../client/src/defense-html';
import { explainHtml } from '../../client/src/explain-html';
import { inlineMarkup } from '../../client/src/html';
import type { WebviewAssets } from '../../client/src/html';
import type { DefenseResult, ExplainResult } from '../../server/src/lsp/protocol';
import { DefenseInDepthRequest, ExplainRequest } from '../../server/src/lsp/protocol';
import { RULES_BY_ID } from '../../server/src/rules';
import { TestClient } from '../protocol/lsp-client';

const ROOT = path.resolve(__dirname, '..', '..');
const SVG = fs.readFileSync(path.join(ROOT, 'media', 'defense-in-depth.svg'), 'utf8');
const ASSETS: WebviewAssets = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'Zml4ZWQtbm9uY2UtZm9yLXRlc3Rz',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/webview.css',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/webview.js',
};

const HOSTILE_PARTS = [
  '<img src=x onerror=alert(1)>',
  '</script><script>alert(2)</script>',
  '[link](javascript:alert(3))',
  '<a href="javascript:alert(4)">',
  '" onfocus="alert(5)" x="',
  "' autofocus onfocus='alert(6)",
  '`${alert(7)}`',
  '<!--',
  '-->',
  ']]>',
  '<svg onload=alert(8)>',
  '<style>*{}</style>',
  '<meta http-equiv="refresh" content="0;url=https://example.com">',
  '&lt;img src=x&gt;',
  '**bold** _em_ # heading',
  '\u2028\u2029',
  '\u0000',
];

/** Hostile fragments mixed with any text. */
const hostile = fc
  .array(fc.oneof(fc.constantFrom(...HOSTILE_PARTS), fc.string({ unit: 'binary', maxLength: 20 })), { minLength: 1, maxLength: 6 })
  .map((parts) => parts.join(''));

/** Each tag of the page with its attribute names (values blanked), and every URL the page names. */
function structure(html: string): { tags: Set<string>; urls: Set<string> } {
  const tags = new Set<string>();
  const urls = new Set<string>();
  for (const tag of html.match(/<\/?[a-zA-Z][^>]*>/g) ?? []) {
    const blank = tag.replace(/"[^"]*"/g, '""');
    const name = /^<\/?([a-zA-Z0-9-]+)/.exec(tag)![1].toLowerCase();
    const attributes = [...blank.matchAll(/\s([^\s=>]+)=/g)].map((m) => m[1].toLowerCase()).sort();
    tags.add(`${name}(${attributes.join(',')})`);
    for (const m of tag.matchAll(/\s(?:src|href|action|formaction|xlink:href)="([^"]*)"/gi)) urls.add(m[1]);
  }
  return { tags, urls };
}

function assertNoInjection(hostileHtml: string, benignHtml: string): void {
  const h = structure(hostileHtml);
  const b = structure(benignHtml);
  for (const t of h.tags) assert.ok(b.tags.has(t), `the hostile text added ${t}`);
  for (const u of h.urls) assert.ok(b.urls.has(u), `the hostile text added a URL: ${u}`);
  // The one script is ours; nothing else can run.
  assert.equal((hostileHtml.match(/<script\b/gi) ?? []).length, 1);
}

const range = { start: { line: 2, character: 4 }, end: { line: 2, character: 9 } };

function explainWith(text: string): ExplainResult {
  const m = RULES_BY_ID.get('iam-wildcard-action')!.meta;
  return {
    rule: { ...m, docsUrl: 'https://github.com/serverless-guard/serverless-guard/blob/main/docs/rules/iam-wildcard-action.md' },
    finding: { ruleId: m.id, severity: 'error', message: text, range, resource: text, fixes: [{ title: text, edits: [] }] },
    fileKind: 'sam',
    example: m.examples[0] ?? null,
    layer: { layer: 'Lambda', castlePart: 'the guards', services: 'IAM', summary: 'who may do what' },
  };
}

function defenseWith(text: string): DefenseResult {
  return {
    files: 1,
    items: [
      {
        kind: 'function',
        name: text,
        resourceType: text,
        uri: 'file:///w/template.yaml',
        range,
        checks: [
          { control: 'least-privilege', layer: 'Lambda', status: 'missing', detail: text, location: { uri: 'file:///w/template.yaml', range }, ruleId: 'iam-wildcard-action' },
          { control: 'waf', layer: 'Edge', status: 'unknown', detail: text },
        ],
      },
    ],
  };
}

describe('fuzz: the webviews escape every string from a file', () => {
  it('Explain: hostile message, resource and fix title add no tag, attribute or URL', () => {
    const benign = explainHtml(explainWith('benign'), SVG, ASSETS);
    fc.assert(
      fc.property(hostile, (text) => assertNoInjection(explainHtml(explainWith(text), SVG, ASSETS), benign)),
      { numRuns: 300 },
    );
  });

  it('Defense in depth: hostile names, types, details and file labels add no tag, attribute or URL', () => {
    const benign = defenseHtml(defenseWith('benign'), () => 'template.yaml', ASSETS).html;
    fc.assert(
      fc.property(hostile, (text) => assertNoInjection(defenseHtml(defenseWith(text), () => text, ASSETS).html, benign)),
      { numRuns: 300 },
    );
  });
});

/** Text full of markers: backticks, stars, HTML and entities. */
const marked = fc
  .array(fc.oneof(fc.constantFrom('`', '**', '*', ' ', '\n', 'x', '<b>', '&amp;', '"', "'"), fc.string({ maxLength: 4 })), { maxLength: 16 })
  .map((parts) => parts.join(''));

const UNESCAPE: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#96;': '`' };

describe('fuzz: the inline markup of rule prose', () => {
  it('adds only balanced <code> and <strong>, escapes the rest and loses no character but the markers', () => {
    fc.assert(
      fc.property(fc.oneof(marked, hostile), (text) => {
        const html = inlineMarkup(text);
        const tags = html.match(/<[^>]*>/g) ?? [];
        for (const t of tags) assert.ok(['<code>', '</code>', '<strong>', '</strong>'].includes(t), `tag ${t}`);
        for (const name of ['code', 'strong']) assert.equal(tags.filter((t) => t === `<${name}>`).length, tags.filter((t) => t === `</${name}>`).length, name);
        const plain = html.replace(/<\/?(?:code|strong)>/g, '');
        assert.doesNotMatch(plain, /[<>"'`]|&(?!amp;|lt;|gt;|quot;|#39;|#96;)/, 'everything else is escaped');
        const back = plain.replace(/&(?:amp|lt|gt|quot|#39|#96);/g, (e) => UNESCAPE[e]);
        assert.equal(back.replace(/[`*]/g, ''), text.replace(/[`*]/g, ''));
      }),
      { numRuns: 500 },
    );
  });

  it('Explain: hostile rule prose adds no tag, attribute or URL beyond <code> and <strong>', () => {
    const benign = explainHtml(explainWith('benign'), SVG, ASSETS);
    fc.assert(
      fc.property(hostile, (text) => {
        const r = explainWith('benign');
        assertNoInjection(explainHtml({ ...r, rule: { ...r.rule, explanation: `\`${text}\` and **${text}** and ${text}`, analogy: text } }, SVG, ASSETS), benign);
      }),
      { numRuns: 200 },
    );
  });
});

describe('webviews end to end: a hostile template through the built server into the HTML', function () {
  this.timeout(60_000);
  let dir: string;
  let client: TestClient;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-webview-'));
    ({ client } = await TestClient.start({ rootUri: pathToFileURL(dir).href, initializationOptions: { debounceMs: 0 } }));
  });
  after(() => {
    client?.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('explains and shows the defense view of a template whose ids and values are hostile, escaped', async () => {
    const id = '"<img src=x onerror=alert(1)></script><script>alert(2)</script>"';
    const text = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  ${id}:
    Type: AWS::Serverless::Function
    Properties:
      Handler: "[x](javascript:alert(3)).handler"
      Runtime: nodejs20.x
      Policies:
        - Statement:
            - Effect: Allow
              Action: "*"
              Resource: "*"
      Events:
        Api:
          Type: Api
          Properties:
            Path: "/</script><script>alert(5)</script>"
            Method: get
`;
    const uri = pathToFileURL(path.join(dir, 'template.yaml')).href;
    await client.open(uri, 'yaml', text, 1);
    const p = await client.diagnosticsFor(uri, 1);
    const d = p.diagnostics.find((x) => x.code === 'iam-wildcard-action');
    assert.ok(d, JSON.stringify(p.diagnostics));
    const explained = (await client.connection.sendRequest(ExplainRequest.method, { uri, ruleId: 'iam-wildcard-action', range: d.range })) as ExplainResult | null;
    assert.ok(explained?.finding, 'the server explained the finding');
    assert.match(explained.finding.message, /<img src=x onerror=alert\(1\)><\/script><script>/, 'the message carries the hostile id');
    const html = explainHtml(explained, SVG, ASSETS);
    assertNoInjection(html, explainHtml(explainWith('benign'), SVG, ASSETS));
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;'));

    const defense = (await client.connection.sendRequest(DefenseInDepthRequest.method, { uri })) as DefenseResult;
    assert.ok(defense.items.some((i) => i.name.includes("<img")), JSON.stringify(defense));
    const view = defenseHtml(defense, () => 'template.yaml', ASSETS).html;
    assertNoInjection(view, defenseHtml(defenseWith('benign'), () => 'template.yaml', ASSETS).html);
    assert.ok(view.includes('&lt;img src=x onerror=alert(1)&gt;'));
  });
});
