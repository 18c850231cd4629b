// `npm run bench [-- --quick]`: the budgets (scripts/bench.mjs), then the load scenario
// (scripts/bench-load.ts), each given the same arguments. Exits non-zero when either crashed.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
let failed = false;
for (const cmd of [['scripts/bench.mjs'], ['--import', 'tsx', 'scripts/bench-load.ts']]) {
  const r = spawnSync(process.execPath, [...cmd, ...args], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
