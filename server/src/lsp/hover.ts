/**
 * Hovers: over a finding, the rule's record (rendered by the shared renderer, with the
 * finding's own message); over a key template word or CDK call, the concept it stands for.
 */
import type { Hover, MarkupKind, Position } from 'vscode-languageserver/node';
import type { Finding } from '../engine/finding';
import { LAYERS, docsUrl } from '../engine/rule';
import type { Layer } from '../engine/rule';
import type { ParsedFile } from '../engine/workspace';
import { CONCEPTS, LAYER_INFO, layerTrail } from '../knowledge/layers';
import { ruleSummaryMarkdown } from '../knowledge/render';
import { RULES_BY_ID } from '../rules';
import { CONCEPT_LAYER, conceptAt } from './concepts';

/** MarkupKind.Markdown, written out (see QUICK_FIX in code-actions.ts). */
const MARKDOWN: MarkupKind = 'markdown';

/** Escapes text taken from the user's file so markdown shows it literally (no links, no HTML, no emphasis). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, '\\$&').replace(/\r?\n/g, '  \n');
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
  const lead = `*${f.severity}:* ${escapeMarkdown(f.message)}` + (f.resource ? `  \nResource: ${escapeMarkdown(f.resource)}` : '');
  const rule = RULES_BY_ID.get(f.ruleId);
  if (rule) return ruleSummaryMarkdown(rule.meta, lead);
  return [`**${escapeMarkdown(f.ruleId)}**`, '', lead, '', `[Read more about ${escapeMarkdown(f.ruleId)}](${docsUrl(f.ruleId)})`].join('\n');
}

/** The hover at a position, from the findings published for the document's current version. */
export function hoverAt(findings: readonly Finding[], position: Position): Hover | null {
  const here = findings.filter((f) => !f.suppressed && contains(f, position));
  if (here.length === 0) return null;
  return {
    contents: { kind: MARKDOWN, value: here.map(renderFinding).join('\n\n---\n\n') },
    range: here[0].range,
  };
}

/** Adds sections (a function's access table) below a hover's findings, or makes a hover of them alone. */
export function withSections(hover: Hover | null, sections: readonly string[]): Hover | null {
  if (sections.length === 0) return hover;
  const extra = sections.join('\n\n---\n\n');
  if (!hover) return { contents: { kind: MARKDOWN, value: extra } };
  const value = typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
  return { ...hover, contents: { kind: MARKDOWN, value: `${value}\n\n---\n\n${extra}` } };
}

/** The hover for a concept word at a position of a parsed file (no finding needed). */
export function conceptHoverAt(file: ParsedFile, position: Position): Hover | null {
  if (file.kind !== 'template' && file.kind !== 'code') return null;
  const hit = conceptAt(file, file.lines.offsetAt(position));
  if (!hit) return null;
  const c = CONCEPTS[hit.concept];
  const layer = CONCEPT_LAYER[hit.concept];
  const parts = [`**${c.title}**`, '', c.text];
  if (layer) parts.push('', `Defense in depth: ${layerTrail(layer)} (${LAYER_INFO[layer].castlePart})`);
  return { contents: { kind: MARKDOWN, value: parts.join('\n') }, range: file.lines.range(hit.start, hit.end) };
}
