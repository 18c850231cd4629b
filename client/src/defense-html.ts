/**
 * The "Show defense in depth" view's HTML, a pure function of the server's answer: one row per
 * API and function, one cell per control (present, missing, not applicable, unknown), each cell
 * a button to the finding or setting behind it. Buttons carry only an index into `targets`.
 */
import type { Control, ControlStatus, DefenseResult } from '../../server/src/lsp/protocol';
import { CONTROLS } from '../../server/src/lsp/protocol';
import { escapeHtml, page } from './html';
import type { WebviewAssets } from './html';
import type { LspRange } from './findings';

export const CONTROL_LABEL: Record<Control, string> = {
  waf: 'WAF',
  authorizer: 'Authorizer',
  throttling: 'Throttling',
  validation: 'Validation',
  'least-privilege': 'Least-privilege role',
  encryption: 'Encryption',
  secrets: 'Secrets',
  audit: 'Audit',
};

const STATUS_MARK: Record<ControlStatus, string> = { present: '✓', missing: '✗', 'n/a': '–', unknown: '?' };
const STATUS_WORD: Record<ControlStatus, string> = { present: 'present', missing: 'missing', 'n/a': 'not applicable', unknown: 'cannot tell from the template' };

export interface Target {
  uri: string;
  range: LspRange;
  /** The rule to explain, when a finding is behind the cell. */
  ruleId?: string;
}

export interface DefenseView {
  body: string;
  targets: Target[];
}

export function defenseBody(result: DefenseResult, fileLabel: (uri: string) => string): DefenseView {
  const targets: Target[] = [];
  if (result.items.length === 0) {
    const body = `<main class="defense"><h1>Defense in depth</h1><p class="muted">No APIs or functions found in ${result.files} template${result.files === 1 ? '' : 's'}. Open or add a SAM or CloudFormation template.</p></main>`;
    return { body, targets };
  }
  const byFile = new Map<string, DefenseResult['items']>();
  for (const item of result.items) byFile.set(item.uri, [...(byFile.get(item.uri) ?? []), item]);
  const missing = result.items.reduce((n, i) => n + i.checks.filter((c) => c.status === 'missing').length, 0);
  const parts = [
    `<h1>Defense in depth</h1>`,
    `<p>${escapeHtml(`${result.items.length} APIs and functions in ${result.files} templates; ${missing} missing layers.`)} <span class="legend">✓ present · ✗ missing · – not applicable · ? unknown</span></p>`,
  ];
  for (const [uri, items] of byFile) {
    const head = `<tr><th scope="col">Resource</th>${CONTROLS.map((c) => `<th scope="col">${escapeHtml(CONTROL_LABEL[c])}</th>`).join('')}</tr>`;
    const rows = items.map((item) => {
      targets.push({ uri: item.uri, range: item.range });
      const name = `<th scope="row"><button type="button" class="link" data-action="reveal" data-index="${targets.length - 1}">${escapeHtml(item.name)}</button><div class="muted">${escapeHtml(item.resourceType)}</div></th>`;
      const cells = CONTROLS.map((control) => {
        const c = item.checks.find((x) => x.control === control);
        if (!c) return '<td class="status-none"></td>';
        const tip = `${CONTROL_LABEL[control]}: ${STATUS_WORD[c.status]}. ${c.detail}${c.ruleId ? ` (${c.ruleId})` : ''}`;
        if (!c.location) return `<td class="status-${c.status}" title="${escapeHtml(tip)}">${STATUS_MARK[c.status]}</td>`;
        targets.push({ uri: c.location.uri, range: c.location.range, ...(c.ruleId ? { ruleId: c.ruleId } : {}) });
        return `<td class="status-${c.status}"><button type="button" class="cell" title="${escapeHtml(tip)}" aria-label="${escapeHtml(tip)}" data-action="reveal" data-index="${targets.length - 1}">${STATUS_MARK[c.status]}</button></td>`;
      });
      return `<tr>${name}${cells.join('')}</tr>`;
    });
    parts.push(`<section><h2>${escapeHtml(fileLabel(uri))}</h2><table>${head}${rows.join('')}</table></section>`);
  }
  return { body: `<main class="defense">${parts.join('\n')}</main>`, targets };
}

export function defenseHtml(result: DefenseResult, fileLabel: (uri: string) => string, assets: WebviewAssets): { html: string; targets: Target[] } {
  const v = defenseBody(result, fileLabel);
  return { html: page('Defense in depth', v.body, assets), targets: v.targets };
}
