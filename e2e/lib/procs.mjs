// Every process the e2e run starts goes through here: each one leads its own process group, so
// stopping it also stops what it started (code-server's extension host, the language server,
// the pty host). stopAll() runs at the end of the run, on failure, and on SIGINT/SIGTERM/SIGHUP.
import { spawn } from 'node:child_process';
import fs from 'node:fs';

/** @type {Set<{ name: string, child: import('node:child_process').ChildProcess, exited: Promise<void> }>} */
const running = new Set();
/** @type {Array<() => Promise<void>>} other things to close before the processes (the browser) */
const closers = [];

/**
 * Starts `command` in a new process group. Its output goes to `logFile` (so a failure can be
 * explained without flooding the run's output) and to `onLine`, line by line.
 */
export function start(name, command, args, { env, cwd, logFile, onLine } = {}) {
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : undefined;
  let partial = '';
  const take = (chunk) => {
    const text = chunk.toString('utf8');
    log?.write(text);
    if (!onLine) return;
    partial += text;
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  const exited = new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  const entry = { name, child, exited };
  running.add(entry);
  void exited.then(() => {
    running.delete(entry);
    log?.end();
  });
  return entry;
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // the group is gone already
  }
}

function groupAlive(pid) {
  return signalGroup(pid, 0);
}

/** SIGTERM to the whole group, then SIGKILL if anything in it is still there after `graceMs`. */
export async function stop(entry, graceMs = 5000) {
  const pid = entry.child.pid;
  if (pid === undefined) return;
  signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  // The leader exiting is not enough: its children may outlive it in the group.
  while (groupAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(pid)) signalGroup(pid, 'SIGKILL');
  await Promise.race([entry.exited, new Promise((r) => setTimeout(r, 2000))]);
  running.delete(entry);
}

export function onStopAll(close) {
  closers.push(close);
}

let stopping;
export function stopAll() {
  stopping ??= (async () => {
    for (const close of closers.splice(0).reverse()) {
      try {
        await Promise.race([close(), new Promise((r) => setTimeout(r, 10_000))]);
      } catch {
        // keep going: the processes below must still be stopped
      }
    }
    await Promise.all([...running].map((e) => stop(e)));
  })();
  return stopping;
}

/** Processes whose command line mentions `marker` (the run's temp folder): what a clean stop leaves none of. */
export function leftovers(marker) {
  const found = [];
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    if (Number(pid) === process.pid) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmd.includes(marker)) found.push(`${pid} ${cmd.slice(0, 160)}`);
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    console.error(`\ne2e: ${signal}: stopping every process this run started`);
    void stopAll().finally(() => process.exit(130));
  });
}
