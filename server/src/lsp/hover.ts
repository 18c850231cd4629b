/** Hovers over a finding: the rule's record (explanation, analogy, layer, fix, docs) rendered as markdown. */
import type { Hover, Position } from 'vscode-languageserver/node';
import { MarkupKind } from 'vscode-languageserver/node';
import type { Finding } from '../engine/finding';
import { LAYERS, docsUrl } from '../engine/rule';
import type { Layer } from '../engine/rule';
import { RULES_BY_ID } from '../rules';

/** Escapes text taken from the user's file so markdown shows it literally (no links, no HTML, no emphasis). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, '\\$&').replace(/\r?\n/g, '  \n');
}

function quote(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => `> ${line}`)
    .join('\n');
}

/** "Defense in depth: Edge → API → **Lambda** → Data → Audit". */
export function layerLine(layer: Layer): string {
  return `Defense in depth: ${LAYERS.map((l) => (l === layer ? `**${l}**` : l)).join(' → ')}`;
}

function contains(f: Finding, p: Position): boolean {
  const { start, end } = f.range;
  const afterStart = p.line > start.line || (p.line === start.line && p.character >= start.character);
  const beforeEnd = p.line < end.line || (p.line === end.line && p.character <= end.character);
  return afterStart && beforeEnd;
}

/** The markdown for one finding. Only the finding's message and resource come from the user's file; they are escaped. */
export function renderFinding(f: Finding): string {
  const rule = RULES_BY_ID.get(f.ruleId);
  const parts: string[] = [];
  const title = rule ? rule.meta.title : f.ruleId;
  parts.push(`**${title}** · \`${f.ruleId}\` (${f.severity})`);
  parts.push(escapeMarkdown(f.message) + (f.resource ? `  \nResource: ${escapeMarkdown(f.resource)}` : ''));
  if (rule) {
    const m = rule.meta;
    parts.push(m.explanation);
    if (m.analogy) parts.push(quote(m.analogy));
    if (m.layer) parts.push(layerLine(m.layer));
    if (m.fixSummary) parts.push(`**Quick fix:** ${m.fixSummary}`);
  }
  parts.push(`[Read more about ${f.ruleId}](${docsUrl(f.ruleId)})`);
  return parts.join('\n\n');
}

/** The hover at a position, from the findings published for the document's current version. */
export function hoverAt(findings: readonly Finding[], position: Position): Hover | null {
  const here = findings.filter((f) => !f.suppressed && contains(f, position));
  if (here.length === 0) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: here.map(renderFinding).join('\n\n---\n\n') },
    range: here[0].range,
  };
}

/** Adds sections (a function's access table) below a hover's findings, or makes a hover of them alone. */
export function withSections(hover: Hover | null, sections: readonly string[]): Hover | null {
  if (sections.length === 0) return hover;
  const extra = sections.join('\n\n---\n\n');
  if (!hover) return { contents: { kind: MarkupKind.Markdown, value: extra } };
  const value = typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
  return { ...hover, contents: { kind: MarkupKind.Markdown, value: `${value}\n\n---\n\n${extra}` } };
}
