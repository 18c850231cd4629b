/** `npm run package`: the VSIX holds exactly the allow-listed files (bundles, media, snippets, manifest, docs). */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from './lsp-client';

/** File names in a zip, from its central directory. */
function zipNames(file: string): string[] {
  const buf = fs.readFileSync(file);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, `${file} is not a zip`);
  const names: string[] = [];
  let at = buf.readUInt32LE(eocd + 16);
  for (let n = buf.readUInt16LE(eocd + 10); n > 0; n--) {
    assert.equal(buf.readUInt32LE(at), 0x02014b50, 'central directory entry');
    const nameLength = buf.readUInt16LE(at + 28);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    if (!name.endsWith('/')) names.push(name);
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return names.sort();
}

function filesUnder(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return [];
  return (fs.readdirSync(abs, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile())
    .map((d) => path.relative(ROOT, path.join(d.parentPath, d.name)).split(path.sep).join('/'));
}

describe('npm run package', function () {
  this.timeout(180_000);
  let out: string;

  before(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-vsix-'));
  });

  after(() => fs.rmSync(out, { recursive: true, force: true }));

  it('writes serverless-guard-<version>.vsix holding exactly the allow-list', () => {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'pipe' });
    const log = execFileSync(process.execPath, ['scripts/package.mjs', '--out', out], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
    const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const vsix = path.join(out, `serverless-guard-${version}.vsix`);
    assert.ok(fs.existsSync(vsix), `no ${vsix}`);
    assert.match(log, /total/);

    const expected = [
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/package.json',
      'extension/readme.md',
      'extension/changelog.md',
      'extension/LICENSE.txt',
      'extension/client/out/extension.js',
      'extension/server/out/server.js',
      'extension/server/out/cli.js',
      'extension/server/out/worker.js',
      ...filesUnder('media').map((f) => `extension/${f}`),
      ...filesUnder('snippets').map((f) => `extension/${f}`),
    ].sort();
    assert.deepEqual(zipNames(vsix), expected);
  });

  it("keeps the compiler and the rule modules out of the server's own bundle: the analysis worker's bundle holds them", () => {
    const server = fs.readFileSync(path.join(ROOT, 'server', 'out', 'server.js'), 'utf8');
    const worker = fs.readFileSync(path.join(ROOT, 'server', 'out', 'worker.js'), 'utf8');
    for (const marker of ['node_modules/typescript/lib/typescript.js', 'server/src/rules/index.ts', 'server/src/lsp/document-requests.ts']) {
      assert.ok(!server.includes(marker), `server.js bundles ${marker}`);
      assert.ok(worker.includes(marker), `worker.js lacks ${marker}`);
    }
  });
});
