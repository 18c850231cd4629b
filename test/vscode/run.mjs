// npm run test:vscode: the extension-host suite under VS Code desktop, with @vscode/test-electron.
// That needs VS Code's download host (or a copy already in .vscode-test/); where neither is there,
// it says so in one line and exits 0. The same suite runs inside code-server in npm run test:e2e.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DOWNLOAD_HOST = 'https://update.code.visualstudio.com/api/releases/stable';

function haveCachedVSCode() {
  const dir = path.join(root, '.vscode-test');
  return fs.existsSync(dir) && fs.readdirSync(dir).some((d) => d.startsWith('vscode-'));
}

async function reachable() {
  try {
    const res = await fetch(DOWNLOAD_HOST, { method: 'HEAD', signal: AbortSignal.timeout(5000) });
    return res.status < 500 ? true : `HTTP ${res.status}`;
  } catch (e) {
    const cause = e instanceof Error && e.cause instanceof Error ? e.cause.message : e instanceof Error ? e.message : String(e);
    return cause;
  }
}

if (!haveCachedVSCode()) {
  const ok = await reachable();
  if (ok !== true) {
    console.log(`test:vscode: skipped: VS Code desktop cannot be downloaded here (${new URL(DOWNLOAD_HOST).host}: ${ok}); npm run test:e2e runs the same suite inside code-server.`);
    process.exit(0);
  }
}

for (const [cmd, args] of [
  [process.execPath, [path.join(root, 'scripts', 'build.mjs')]],
  [process.execPath, [path.join(root, 'test', 'vscode', 'build.mjs')]],
]) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const { runTests } = await import('@vscode/test-electron');
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-vscode-test-'));
fs.cpSync(path.join(root, 'examples'), workspace, { recursive: true });
try {
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'test', 'vscode', 'out', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
  console.log('test:vscode: passed');
} catch (e) {
  console.error(`test:vscode: failed: ${e instanceof Error ? e.message : e}`);
  process.exitCode = 1;
} finally {
  fs.rmSync(workspace, { recursive: true, force: true });
}
