// Configuration files (.env, YAML/JSON that is not a template) reach only the rules with a
// checkText hook; minified bundles are passed over; the CLI walker picks up dotenv files.
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyze } from '../../server/src/engine/analyze';
import { resolveConfig } from '../../server/src/engine/config';
import { looksMinified, sourceKindOf } from '../../server/src/engine/workspace';
import { collectFiles, resolveInputs } from '../../server/src/cli/files';

describe('configuration files', () => {
  it('knows dotenv files by name, and by the editor language id', () => {
    assert.equal(sourceKindOf('.env'), 'env');
    assert.equal(sourceKindOf('services/orders/.env.production'), 'env');
    assert.equal(sourceKindOf('file:///w/app/.env.local'), 'env');
    assert.equal(sourceKindOf('untitled:Untitled-1', undefined, 'dotenv'), 'env');
    assert.equal(sourceKindOf('src/.env.ts'), 'code');
    assert.equal(sourceKindOf('environment.txt'), undefined);
    assert.equal(sourceKindOf('dist/app.min.js'), undefined);
  });

  it('gives only hardcoded-secret findings for YAML that is not a template', () => {
    const compose = `services:
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: Vq7kP2mQ9x
    labels:
      Action: "*"
`;
    const r = analyze([{ file: 'docker-compose.yml', text: compose }], resolveConfig());
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.findings.map((f) => [f.ruleId, f.range.start.line + 1]), [['hardcoded-secret', 5]]);
  });

  it('reads .env files, honours a suppression comment in them, and an off switch', () => {
    const env = 'DB_PASSWORD=Xk2#pLm9$Qw4\n# serverless-guard-ignore-next-line hardcoded-secret: local development database only\nLOCAL_DB_PASSWORD=Pq8$wLm2#Zx7\n';
    const r = analyze([{ file: '.env', text: env }], resolveConfig());
    assert.deepEqual(r.findings.map((f) => [f.ruleId, f.range.start.line + 1, f.suppressed]), [
      ['hardcoded-secret', 1, false],
      ['hardcoded-secret', 3, true],
    ]);
    const off = analyze([{ file: '.env', text: env }], resolveConfig({ rules: { 'hardcoded-secret': 'off' } }));
    assert.deepEqual(off.findings.filter((f) => !f.suppressed && f.ruleId !== 'invalid-suppression'), []);
  });

  it('passes over minified bundles with a notice', () => {
    const bundle = `"use strict";var a=${'"x",'.repeat(20000)}b=function(e){return e.query("SELECT "+e.body)};module.exports={handler:b};`;
    assert.ok(looksMinified(bundle));
    assert.ok(!looksMinified('export const handler = async () => 1;\n'.repeat(2000)));
    const r = analyze([{ file: 'dist/index.js', text: bundle }], resolveConfig());
    assert.deepEqual(r.findings, []);
    assert.deepEqual(r.errors.map((e) => [e.kind, /minified/.test(e.message)]), [['skipped', true]]);
  });

  it('the CLI walker includes .env files and leaves out *.min.js', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-config-'));
    try {
      for (const f of ['.env', '.env.staging', 'notes.txt', 'app.min.js', 'handler.ts']) fs.writeFileSync(path.join(dir, f), 'X=1\n');
      const { files } = collectFiles(resolveInputs(['.'], dir), resolveConfig(), dir);
      assert.deepEqual(files.map((f) => f.display).sort(), ['.env', '.env.staging', 'handler.ts']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
