// Packages the extension into serverless-guard-<version>.vsix with the local @vscode/vsce (no
// network, no node_modules: the bundles are self-contained), then lists what the VSIX holds and
// fails if anything outside the allow-list got in.
//   node scripts/package.mjs [--out DIR]        (npm run package builds first)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

const BUNDLES = ['client/out/extension.js', 'server/out/server.js', 'server/out/cli.js', 'server/out/worker.js'];

/**
 * What may be in the VSIX, as paths inside the zip. vsce adds its manifest and content types,
 * puts the extension under `extension/`, and renames README.md, CHANGELOG.md and LICENSE.
 */
const ALLOWED = [
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
  /^extension\/package\.json$/,
  ...BUNDLES.map((b) => new RegExp(`^extension/${b.replace(/[.]/g, '\\.')}$`)),
  /^extension\/media\/.+/,
  /^extension\/snippets\/.+/,
  /^extension\/readme\.md$/i,
  /^extension\/changelog\.md$/i,
  /^extension\/license(\.txt|\.md)?$/i,
];

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(1);
}

function outDir() {
  const i = process.argv.indexOf('--out');
  return i > 0 && process.argv[i + 1] ? path.resolve(process.argv[i + 1]) : root;
}

/** vsce refuses to package without these; placeholders are written only when a file is missing, never over one. */
function ensureDocs() {
  const minimal = {
    'README.md': `# ${pkg.displayName}\n\n${pkg.description}\n`,
    'CHANGELOG.md': `# Changelog\n\n## ${pkg.version}\n\n- First release.\n`,
    LICENSE: `MIT License\n\nCopyright (c) ${new Date().getFullYear()} ${pkg.publisher}\n\nPermission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the "Software"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions:\n\nThe above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.\n\nTHE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.\n`,
  };
  for (const [name, text] of Object.entries(minimal)) {
    const file = path.join(root, name);
    if (fs.existsSync(file)) continue;
    fs.writeFileSync(file, text, { flag: 'wx' });
    console.log(`package: wrote a placeholder ${name}`);
  }
}

/** The entries of a zip, read from its central directory (no extraction, no dependency). */
export function zipEntries(file) {
  const buf = fs.readFileSync(file);
  // The end-of-central-directory record is in the last 22 + 65535 (comment) bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: bad central directory entry ${n}`);
    const compressed = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    if (!name.endsWith('/')) entries.push({ name, size, compressed });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function main() {
  for (const b of BUNDLES) if (!fs.existsSync(path.join(root, b))) fail(`${b} is missing: run \`node scripts/build.mjs\` first (npm run package does)`);
  ensureDocs();
  const vsixName = `${pkg.name}-${pkg.version}.vsix`;
  const dir = outDir();
  fs.mkdirSync(dir, { recursive: true });
  const vsix = path.join(dir, vsixName);
  fs.rmSync(vsix, { force: true });

  const vscePkg = require.resolve('@vscode/vsce/package.json');
  const vsceBin = path.join(path.dirname(vscePkg), JSON.parse(fs.readFileSync(vscePkg, 'utf8')).bin.vsce);
  const r = spawnSync(process.execPath, [vsceBin, 'package', '--no-dependencies', '--out', vsix], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) fail(`vsce package failed (exit ${r.status ?? r.signal})`);
  if (!fs.existsSync(vsix)) fail(`vsce did not write ${vsix}`);

  const entries = zipEntries(vsix).sort((a, b) => a.name.localeCompare(b.name));
  const width = Math.max(...entries.map((e) => e.name.length));
  console.log(`\n${vsixName}:`);
  for (const e of entries) console.log(`  ${e.name.padEnd(width)}  ${kb(e.size).padStart(10)}`);
  const total = entries.reduce((s, e) => s + e.size, 0);
  console.log(`  ${'total'.padEnd(width)}  ${kb(total).padStart(10)}  (${entries.length} files; the VSIX is ${kb(fs.statSync(vsix).size)})`);

  const stray = entries.filter((e) => !ALLOWED.some((re) => re.test(e.name)));
  const missing = BUNDLES.filter((b) => !entries.some((e) => e.name === `extension/${b}`));
  if (stray.length > 0) fail(`outside the allow-list (.vscodeignore): ${stray.map((e) => e.name).join(', ')}`);
  if (missing.length > 0) fail(`missing from the VSIX: ${missing.join(', ')}`);
  console.log(`\nwrote ${path.relative(process.cwd(), vsix) || vsix}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
