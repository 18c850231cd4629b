/** HTML helpers for the webviews: escaping everything that is not ours, and the nonce for our one script. */
import { randomBytes } from 'node:crypto';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Escapes text for an element's content or a quoted attribute value. */
export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"'`]/g, (c) => ENTITIES[c]);
}

/** `code` spans and **bold**: the whole of the inline markup rule prose may use. */
const INLINE = /`([^`\n]+)`|\*\*(?=\S)([^\n]*?\S)\*\*/g;
const CODE_SPAN = /`([^`\n]+)`/g;

function codeSpans(text: string): string {
  let out = '';
  let at = 0;
  for (const m of text.matchAll(CODE_SPAN)) {
    out += `${escapeHtml(text.slice(at, m.index))}<code>${escapeHtml(m[1])}</code>`;
    at = m.index + m[0].length;
  }
  return out + escapeHtml(text.slice(at));
}

/**
 * Prose we write (a rule's explanation, analogy, fix summary) with its inline markup rendered:
 * `code` spans become <code> and **bold** <strong>, nothing else (no links, no HTML). Every
 * character of the text is escaped, inside the markup too; a marker without its pair stays as
 * text. Text from the user's files never goes through here: it is shown with escapeHtml alone.
 */
export function inlineMarkup(text: string): string {
  let out = '';
  let at = 0;
  for (const m of text.matchAll(INLINE)) {
    out += escapeHtml(text.slice(at, m.index));
    out += m[1] !== undefined ? `<code>${escapeHtml(m[1])}</code>` : `<strong>${codeSpans(m[2])}</strong>`;
    at = m.index + m[0].length;
  }
  return out + escapeHtml(text.slice(at));
}

/** A fresh nonce per render: 128 random bits, base64 (CSP allows base64 characters). */
export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

export interface WebviewAssets {
  /** `webview.cspSource`: where our style sheet and script may come from. */
  cspSource: string;
  nonce: string;
  /** `asWebviewUri` of media/webview.css and media/webview.js. */
  styleUri: string;
  scriptUri: string;
}

/**
 * The page around a body: a strict Content-Security-Policy (nothing by default; styles and
 * images only from the extension's media; the one script only with this render's nonce).
 */
export function page(title: string, body: string, a: WebviewAssets): string {
  const csp = [
    "default-src 'none'",
    `img-src ${a.cspSource}`,
    `style-src ${a.cspSource}`,
    `font-src ${a.cspSource}`,
    `script-src 'nonce-${a.nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp.replace(/["<>]/g, '')}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(a.styleUri)}">
<title>${escapeHtml(title)}</title>
</head>
<body>
${body}
<script nonce="${escapeHtml(a.nonce)}" src="${escapeHtml(a.scriptUri)}"></script>
</body>
</html>
`;
}
