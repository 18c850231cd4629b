// The rule set as a whole: registry, records, docs, tests beside each rule.
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { RULES } from '../../server/src/rules';
import { LAYERS, docsUrl } from '../../server/src/engine/rule';
import { ruleDocMarkdown } from '../../server/src/knowledge/render';
import { rulesIndexMarkdown } from '../../server/src/knowledge/catalog';

const root = path.join(__dirname, '..', '..');
const rulesDir = path.join(root, 'server', 'src', 'rules');

describe('rule registry', () => {
  const ruleFiles = fs
    .readdirSync(rulesDir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts')
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();

  it('registers every rule file exactly once, sorted by id', () => {
    const ids = RULES.map((r) => r.meta.id);
    assert.deepEqual(ids, [...ids].sort(), 'rules/index.ts is sorted');
    assert.deepEqual(ids, ruleFiles, 'one registry entry per rule file, named by its id');
  });

  for (const r of RULES) {
    describe(r.meta.id, () => {
      const m = r.meta;
      it('has a complete record', () => {
        assert.match(m.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
        assert.ok(m.title.length > 5);
        assert.ok(m.layer === null || (LAYERS as readonly string[]).includes(m.layer));
        assert.ok(['error', 'warning', 'info', 'off'].includes(m.defaultSeverity));
        assert.ok(m.explanation.length > 80, 'a paragraph of explanation');
        assert.ok(m.analogy.length > 20, 'the module analogy');
        assert.ok(m.examples.length > 0, 'bad and good examples');
        for (const ex of m.examples) assert.ok(ex.bad.trim() && ex.good.trim() && ex.bad !== ex.good);
        assert.ok(m.fixSummary.length > 10);
        assert.ok(m.whenNotToUse.length > 10);
      });
      it('checks something, or is produced by the engine', () => {
        assert.ok(r.checkCode || r.checkTemplate || m.id === 'invalid-suppression');
      });
      it('has its table of cases beside it', function () {
        if (m.id === 'invalid-suppression') {
          assert.ok(fs.existsSync(path.join(root, 'test', 'unit', 'suppress.test.ts')));
          return;
        }
        assert.ok(fs.existsSync(path.join(rulesDir, `${m.id}.test.ts`)), `${m.id}.test.ts`);
      });
      it('has its docs page, rendered from the record', () => {
        assert.equal(docsUrl(m.id).endsWith(`/docs/rules/${m.id}.md`), true);
        const page = path.join(root, 'docs', 'rules', `${m.id}.md`);
        assert.ok(fs.existsSync(page), `docs/rules/${m.id}.md is missing: run npm run docs`);
        assert.equal(fs.readFileSync(page, 'utf8'), ruleDocMarkdown(m), `docs/rules/${m.id}.md is stale: run npm run docs`);
      });
    });
  }

  it('has an up-to-date catalog page', () => {
    const page = fs.readFileSync(path.join(root, 'docs', 'rules', 'README.md'), 'utf8');
    assert.equal(page, rulesIndexMarkdown(RULES.map((r) => r.meta)), 'docs/rules/README.md is stale: run npm run docs');
  });
});
