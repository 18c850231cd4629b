// Bundles the extension-host test entry and its suites into test/vscode/out/ (vscode and mocha
// stay external: the editor provides the one, node_modules the other).
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const suites = fs.readdirSync(path.join(here, 'suite')).filter((f) => f.endsWith('.suite.ts'));
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning', external: ['vscode', 'mocha'] };
fs.rmSync(path.join(here, 'out'), { recursive: true, force: true });
await Promise.all([
  esbuild.build({ ...common, entryPoints: [path.join(here, 'index.ts')], outfile: path.join(here, 'out', 'index.js') }),
  ...suites.map((f) => esbuild.build({ ...common, entryPoints: [path.join(here, 'suite', f)], outfile: path.join(here, 'out', 'suite', f.replace(/\.ts$/, '.js')) })),
]);
