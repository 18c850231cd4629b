/** The rule catalog as a Markdown table (docs/rules/README.md). */
import type { RuleMeta } from '../engine/rule';

export function rulesIndexMarkdown(metas: readonly RuleMeta[]): string {
  const rows = metas.map((m) => `| [\`${m.id}\`](${m.id}.md) | ${m.layer ?? '—'} | ${m.defaultSeverity} | ${m.title} |`);
  return ['# Rules', '', '| rule id | layer | default | what it finds |', '|---|---|---|---|', ...rows, ''].join('\n');
}
