// Code edited in place is parsed from its previous syntax tree: the findings after each edit must
// be those of a fresh parse of the same text, however the edits fall.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as ts from 'typescript';
import { analyze, analyzeDocument } from '../../server/src/engine/analyze';
import { resolveConfig } from '../../server/src/engine/config';
import { WorkspaceIndex } from '../../server/src/engine/workspace';

const EXAMPLES = path.resolve(__dirname, '..', '..', 'examples');

function codeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return codeFiles(p);
    return /\.ts$/.test(e.name) ? [p] : [];
  });
}

/** A small deterministic generator (mulberry32), so a failure names its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['a', '1', ' ', '\n', '"', "'", '`', '${', '}', '{', '(', ')', ';', ',', '+', '=', '//', '/*', '*/', 'let x = ', 'pub = false;\n', 'await '];

/** One edit as a keystroke, a paste or a cut would make it. */
function edit(text: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  const roll = next();
  if (roll < 0.5) return text.slice(0, at) + PIECES[Math.floor(next() * PIECES.length)] + text.slice(at);
  if (roll < 0.8) return text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 12));
  // Move a line elsewhere.
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd + 1);
  const rest = text.slice(0, lineStart) + text.slice(lineStart + line.length);
  const to = Math.floor(next() * (rest.length + 1));
  return rest.slice(0, to) + line + rest.slice(to);
}

describe('incremental parsing of edited code', () => {
  const config = resolveConfig();
  const files = codeFiles(EXAMPLES);

  it('finds the example handlers and CDK apps', () => {
    assert.ok(files.length >= 6, files.join(', '));
  });

  for (const [n, file] of files.entries()) {
    it(`gives a fresh parse's findings after every edit: ${path.relative(EXAMPLES, file)}`, () => {
      const key = `/ws/${path.relative(EXAMPLES, file)}`;
      const index = new WorkspaceIndex();
      const next = random(1000 + n);
      let text = fs.readFileSync(file, 'utf8');
      for (let step = 0; step < 60; step++) {
        const kept = analyzeDocument({ file: key, text }, config, index);
        const fresh = analyze([{ file: key, text }], config);
        assert.deepEqual(kept, fresh, `seed ${1000 + n}, step ${step}`);
        text = edit(text, next);
      }
    });
  }

  it('reuses the syntax of the untouched part of the file', () => {
    const index = new WorkspaceIndex();
    const text = 'export const a = 1;\nexport const b = 2;\n';
    const before = index.update('/ws/h.ts', text, 'code');
    assert.equal(before.kind, 'code');
    const first = (before.kind === 'code' && before.model.sourceFile.statements[0]) as ts.Statement;
    const after = index.update('/ws/h.ts', text + 'export const c = 3;\n', 'code');
    assert.equal(after.kind, 'code');
    const sf = after.kind === 'code' ? after.model.sourceFile : undefined;
    assert.equal(sf?.statements.length, 3);
    assert.equal(sf?.statements[0], first);
  });

  it('sees an assignment added in the scope of a declaration the edit left alone', () => {
    const index = new WorkspaceIndex();
    const file = '/ws/cdk/lib/stack.ts';
    const text = `import * as s3 from 'aws-cdk-lib/aws-s3';
let pub = true;
new s3.Bucket(this, 'Site', { publicReadAccess: pub });
`;
    // The declaration's statement comes before the edit: the new tree reuses it.
    const edited = text + 'pub = false;\n';
    const rules = (r: { findings: { ruleId: string }[] }) => r.findings.map((f) => f.ruleId).filter((id) => id === 's3-public-access');
    assert.deepEqual(rules(analyzeDocument({ file, text }, config, index)), ['s3-public-access']);
    const fresh = analyze([{ file, text: edited }], config);
    assert.deepEqual(rules(fresh), []);
    assert.deepEqual(analyzeDocument({ file, text: edited }, config, index), fresh);
  });
});
