// Bundles the client, the server and the CLI with esbuild: one self-contained file each.
//   node scripts/build.mjs [--watch] [--minify]
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: false,
  minify,
  logLevel: 'warning',
  absWorkingDir: root,
  // `vscode` is provided by the editor at run time; everything else is bundled.
  external: ['vscode'],
};

const builds = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js' },
  // LSP wiring only: the compiler and the rules load in the analysis worker, never on the server's own thread.
  { entryPoints: ['server/src/server.ts'], outfile: 'server/out/server.js' },
  { entryPoints: ['server/src/cli.ts'], outfile: 'server/out/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // The engine's own thread, started by the server and the CLI (server/src/runner/runner.ts).
  { entryPoints: ['server/src/runner/worker.ts'], outfile: 'server/out/worker.js' },
];

if (watch) {
  for (const b of builds) await (await esbuild.context({ ...common, ...b })).watch();
  console.log('watching for changes…');
} else {
  const started = Date.now();
  await Promise.all(builds.map((b) => esbuild.build({ ...common, ...b })));
  console.error(`built ${builds.map((b) => b.outfile).join(', ')} in ${Date.now() - started} ms`);
}
