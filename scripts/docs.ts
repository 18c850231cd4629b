// Writes docs/rules/<id>.md and docs/rules/README.md from the rule records (run: npm run docs).
import fs from 'node:fs';
import path from 'node:path';
import { RULES } from '../server/src/rules';
import { ruleDocMarkdown } from '../server/src/knowledge/render';
import { rulesIndexMarkdown } from '../server/src/knowledge/catalog';

const dir = path.join(__dirname, '..', 'docs', 'rules');
fs.mkdirSync(dir, { recursive: true });
for (const r of RULES) fs.writeFileSync(path.join(dir, `${r.meta.id}.md`), ruleDocMarkdown(r.meta));
fs.writeFileSync(path.join(dir, 'README.md'), rulesIndexMarkdown(RULES.map((r) => r.meta)));
console.log(`wrote ${RULES.length} rule pages to docs/rules/`);
