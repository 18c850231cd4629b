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

/**
 * The server bundle leaves `./lsp/on-demand` (hovers, code actions, Explain: the compiler and the
 * rule modules) to its own bundle, required at the first such request: loading an 11 MB bundle
 * costs its thread memory even where most of it never runs.
 */
const onDemandApart = {
  name: 'on-demand-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/lsp\/on-demand$/ }, () => ({ path: './on-demand.js', external: true }));
  },
};

const builds = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js' },
  { entryPoints: ['server/src/server.ts'], outfile: 'server/out/server.js', plugins: [onDemandApart] },
  { entryPoints: ['server/src/lsp/on-demand.ts'], outfile: 'server/out/on-demand.js' },
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
