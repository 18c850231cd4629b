/** Renders a rule's record as Markdown: one text for hovers, docs pages and SARIF help. */
import type { RuleMeta } from '../engine/rule';
import { docsUrl } from '../engine/rule';
import { LAYER_INFO, layerTrail } from './layers';

const FRONT_END_LABEL = { handler: 'Lambda handler', sam: 'AWS SAM', cloudformation: 'CloudFormation', cdk: 'AWS CDK' } as const;
const FENCE_LANG = { handler: 'ts', sam: 'yaml', cloudformation: 'yaml', cdk: 'ts' } as const;

/** A Markdown block quote of every line of `text`. */
function quote(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => `> ${line}`)
    .join('\n');
}

/**
 * The short form: what a hover shows. `lead` (already escaped Markdown: the finding's message)
 * goes under the title.
 */
export function ruleSummaryMarkdown(meta: RuleMeta, lead?: string): string {
  const parts = [`**${meta.title}** (\`${meta.id}\`)`];
  if (lead) parts.push('', lead);
  parts.push('', meta.explanation, '', quote(meta.analogy));
  if (meta.layer) parts.push('', `Defense in depth: ${layerTrail(meta.layer)} (${LAYER_INFO[meta.layer].castlePart})`);
  parts.push('', `**Quick fix:** ${meta.fixSummary}`, '', `[Rule documentation](${docsUrl(meta.id)})`);
  return parts.join('\n');
}

/** The full page: docs/rules/<id>.md. */
export function ruleDocMarkdown(meta: RuleMeta): string {
  const lines = [`# ${meta.id}`, '', `**${meta.title}**`, ''];
  lines.push(`- Layer: ${meta.layer ? `${meta.layer} (${LAYER_INFO[meta.layer].castlePart}: ${LAYER_INFO[meta.layer].services})` : 'none (about the tool itself)'}`);
  lines.push(`- Default severity: ${meta.defaultSeverity}`, '');
  lines.push('## Why it matters', '', meta.explanation, '');
  lines.push('## The picture', '', `> ${meta.analogy}`, '');
  if (meta.layer) lines.push(`Defense in depth: ${layerTrail(meta.layer)}`, '');
  lines.push('## Examples', '');
  for (const ex of meta.examples) {
    const lang = FENCE_LANG[ex.frontEnd];
    lines.push(`### ${FRONT_END_LABEL[ex.frontEnd]}`, '', 'Flagged:', '', '```' + lang, ex.bad, '```', '', 'Fixed:', '', '```' + lang, ex.good, '```', '');
  }
  for (const d of meta.details ?? []) lines.push(`## ${d.heading}`, '', d.markdown, '');
  lines.push('## Quick fix', '', meta.fixSummary, '');
  lines.push('## When not to use it', '', meta.whenNotToUse, '');
  if (meta.moduleQuestion) lines.push('## From the module', '', meta.moduleQuestion, '');
  lines.push('## Suppressing', '', 'With a reason, on the line before:', '', '```', `serverless-guard-ignore-next-line ${meta.id}: <why this is acceptable here>`, '```', '');
  return lines.join('\n');
}
