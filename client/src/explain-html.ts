/**
 * The Explain view's HTML, a pure function of the server's answer: the risk in plain words, the
 * analogy, the castle with this risk's layer lit, the example for the file's kind, the quick fix
 * as a button and the module's question. Everything is escaped; the message and resource come
 * from the user's file and are shown as plain text, while the rule's own prose has its inline
 * markup (`code` spans, **bold**) rendered.
 */
import type { ExplainResult, FileKind } from '../../server/src/lsp/protocol';
import { escapeHtml, inlineMarkup, page } from './html';
import type { WebviewAssets } from './html';

const KIND_LABEL: Record<FileKind, string> = {
  handler: 'Lambda handler',
  sam: 'AWS SAM template',
  cloudformation: 'CloudFormation template',
  cdk: 'AWS CDK app',
};

const LAYERS = ['Edge', 'API', 'Lambda', 'Data', 'Audit'] as const;

/**
 * The castle picture from media/, ready to inline: its own <style> goes (the CSP allows no inline
 * styles; media/webview.css carries the same rules) and this risk's layer gets the class `active`.
 */
export function castleSvg(svg: string, layer: string | null): string {
  let out = svg.replace(/<\?xml[^>]*>/, '').replace(/<style[\s\S]*?<\/style>/g, '');
  if (layer && (LAYERS as readonly string[]).includes(layer)) out = out.replace(`<g id="layer-${layer}">`, `<g id="layer-${layer}" class="active">`);
  return out;
}

function section(title: string, body: string, cls = ''): string {
  return `<section${cls ? ` class="${cls}"` : ''}><h2>${escapeHtml(title)}</h2>${body}</section>`;
}

/** Paragraphs of the rule's own prose, with its `code` spans and **bold** rendered. */
function para(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => `<p>${inlineMarkup(p)}</p>`)
    .join('');
}

function code(text: string, cls: string): string {
  return `<pre class="${cls}"><code>${escapeHtml(text)}</code></pre>`;
}

/** The body of the Explain view; `svg` is the text of media/defense-in-depth.svg. */
export function explainBody(r: ExplainResult, svg: string): string {
  const parts: string[] = [];
  const rule = r.rule;
  const severity = r.finding?.severity ?? rule.defaultSeverity;
  parts.push(
    `<header><h1>${escapeHtml(rule.title)}</h1><p class="meta"><span class="badge sev-${escapeHtml(severity)}">${escapeHtml(severity)}</span> <code>${escapeHtml(rule.id)}</code>${
      rule.layer ? ` · layer <strong>${escapeHtml(rule.layer)}</strong>` : ''
    }</p></header>`,
  );
  if (r.finding) {
    const f = r.finding;
    const where = `line ${f.range.start.line + 1}${f.resource ? `, resource ${f.resource}` : ''}`;
    parts.push(`<div class="finding"><p class="message">${escapeHtml(f.message)}</p><p class="where">${escapeHtml(where)}</p></div>`);
  }
  parts.push(section('Why it matters', para(rule.explanation)));
  parts.push(section('The picture', `<blockquote>${para(rule.analogy)}</blockquote>`));
  if (r.layer) {
    const caption = `This risk belongs to the ${r.layer.layer} layer, ${r.layer.castlePart}: ${r.layer.services}. ${r.layer.summary}`;
    parts.push(section('Defense in depth', `<figure class="castle">${castleSvg(svg, r.layer.layer)}<figcaption>${escapeHtml(caption)}</figcaption></figure>`));
  }
  if (r.example) {
    const label = KIND_LABEL[r.example.frontEnd];
    parts.push(
      section(
        `Example (${label})`,
        `<div class="examples"><div><h3>Flagged</h3>${code(r.example.bad, 'bad')}</div><div><h3>Fixed</h3>${code(r.example.good, 'good')}</div></div>`,
      ),
    );
  }
  const fixes = r.finding?.fixes ?? [];
  const buttons = fixes.map((fx, i) => `<button type="button" class="primary" data-action="apply-fix" data-index="${i}">${escapeHtml(fx.title)}</button>`).join(' ');
  parts.push(section('Quick fix', `${para(rule.fixSummary)}${buttons ? `<p class="actions">${buttons}</p>` : '<p class="muted">No automatic fix for this finding; the example above shows the change.</p>'}`));
  parts.push(section('When not to use it', para(rule.whenNotToUse)));
  if (rule.moduleQuestion) parts.push(section('From the module', `<p class="question">${inlineMarkup(rule.moduleQuestion)}</p>`));
  parts.push(`<p class="actions"><button type="button" data-action="open-docs">Rule documentation</button></p>`);
  return `<main class="explain">${parts.join('\n')}</main>`;
}

/** The whole page. */
export function explainHtml(r: ExplainResult, svg: string, assets: WebviewAssets): string {
  return page(`Explain: ${r.rule.id}`, explainBody(r, svg), assets);
}
