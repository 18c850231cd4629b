// `npm start`: scans the bundled examples and prints the findings. Findings are the output here,
// not a failure, so exit 1 (findings at or above --fail-on) becomes 0; usage and internal errors (2) stay.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const r = spawnSync(process.execPath, [path.join(root, 'server', 'out', 'cli.js'), 'scan', ...(args.length ? args : ['examples'])], { cwd: root, stdio: 'inherit' });
process.exit(r.status === 1 ? 0 : (r.status ?? 2));
