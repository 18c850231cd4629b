// Under load: 200 open documents and 1,000 rapid edits over the LSP. What the server published
// last for each document is for its latest version and matches what the engine finds in that
// text; versions never go backwards; the debounce coalesces; memory stays sane. (Timings and the
// RSS against the budget are printed by `npm run bench:load`, not asserted here.)
import * as assert from 'node:assert/strict';
import { analyze } from '../../server/src/engine/analyze';
import { resolveConfig } from '../../server/src/engine/config';
import { runLoad } from './load-scenario';
import type { LoadResult } from './load-scenario';

const DOCUMENTS = 200;
const EDITS = 1000;

describe('under load: 200 documents, 1,000 rapid edits', function () {
  this.timeout(180_000);
  let r: LoadResult;
  before(async () => {
    r = await runLoad({ documents: DOCUMENTS, edits: EDITS, debounceMs: 50 });
  });

  it('publishes last, for every document, its latest version with the findings of its latest text', () => {
    const config = resolveConfig();
    for (const d of r.documents) {
      const mine = r.published.filter((p) => p.uri === d.uri);
      const last = mine[mine.length - 1];
      assert.equal(last.version, d.version, `${d.uri}: last published version ${last.version}, latest ${d.version}`);
      const expected = analyze([{ file: d.uri, text: d.text, languageId: d.languageId }], config).findings.map((f) => [f.ruleId, f.range]);
      const actual = last.diagnostics.map((x) => [x.code, x.range]);
      assert.deepEqual(actual, expected, `${d.uri} version ${d.version}`);
      // Every other variant has the finding the edits toggle: the check above would see a stale text.
      const toggled = d.languageId === 'yaml' ? 'iam-wildcard-action' : 'sql-injection';
      assert.equal(expected.filter(([ruleId]) => ruleId === toggled).length, d.version % 2 === 0 ? 1 : 0, `${d.uri} version ${d.version}`);
    }
  });

  it('never publishes an older version after a newer one', () => {
    const latest = new Map<string, number>();
    for (const p of r.published) {
      const seen = latest.get(p.uri) ?? 0;
      assert.ok(p.version !== undefined && p.version >= seen, `${p.uri}: version ${p.version} after ${seen}`);
      latest.set(p.uri, p.version!);
    }
  });

  it('coalesces rapid edits: fewer publishes than edits', () => {
    assert.ok(r.publishedDuringEdits < EDITS, `${r.publishedDuringEdits} publishes for ${EDITS} edits`);
  });

  it('keeps its memory sane (the budget itself is measured by the bench)', () => {
    assert.ok(r.rssMb > 0 && r.rssMb < 1024, `RSS ${r.rssMb.toFixed(0)} MB`);
  });
});
