// A minimal LSP client over stdio, framed by hand (Content-Length headers), for the benchmark:
// requests with ids, notifications, answers to the server's own requests, and waiting for a
// notification that matches a predicate. Timestamps are taken as each message is decoded.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export class LspClient {
  /**
   * @param {string} command
   * @param {string[]} args
   * @param {{ cwd?: string, onServerRequest?: (method: string, params: any) => any, onNotification?: (method: string, params: any) => void }} options
   */
  constructor(command, args, options = {}) {
    this.child = spawn(command, args, { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.onServerRequest = options.onServerRequest ?? (() => null);
    this.onNotification = options.onNotification ?? (() => {});
    this.nextId = 1;
    this.pending = new Map();
    this.waiters = [];
    this.buffer = Buffer.alloc(0);
    this.stderr = '';
    this.exited = undefined;
    this.lastMessageAt = performance.now();
    this.child.stdout.on('data', (chunk) => this.receive(chunk));
    this.child.stderr.on('data', (chunk) => {
      // Keep the tail only: enough to explain a crash.
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-8000);
    });
    this.child.on('exit', (code, signal) => {
      this.exited = { code, signal };
      const err = new Error(`the server exited (code ${code}, signal ${signal})${this.stderr ? `; stderr: ${this.stderr.trim().slice(-1500)}` : ''}`);
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
      for (const w of this.waiters) w.reject(err);
      this.waiters = [];
    });
    this.child.on('error', (e) => {
      this.exited = { code: null, signal: null, error: e };
    });
  }

  get pid() {
    return this.child.pid;
  }

  send(message) {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    this.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  request(method, params, timeoutMs = 30_000) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no response within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      if (this.exited) {
        this.pending.get(id)?.reject(new Error('the server is not running'));
        return;
      }
      this.send({ id, method, params });
    });
  }

  notify(method, params) {
    if (this.exited) throw new Error(`the server is not running (${JSON.stringify(this.exited)})`);
    this.send({ method, params });
  }

  /** Resolves with { params, at } for the next notification `method` whose params satisfy `match`. */
  waitFor(method, match, timeoutMs = 30_000) {
    return new Promise((resolve, reject) => {
      if (this.exited) {
        reject(new Error('the server is not running'));
        return;
      }
      const waiter = {
        method,
        match,
        resolve: (v) => {
          clearTimeout(waiter.timer);
          resolve(v);
        },
        reject: (e) => {
          clearTimeout(waiter.timer);
          reject(e);
        },
      };
      waiter.timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no ${method} matching the request within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  receive(chunk) {
    const at = performance.now();
    this.lastMessageAt = at;
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const m = /Content-Length:\s*(\d+)/i.exec(header);
      if (!m) {
        // Not LSP framing (a stray console.log on stdout): drop through the bad header.
        this.buffer = this.buffer.subarray(headerEnd + 4);
        continue;
      }
      const length = Number(m[1]);
      const start = headerEnd + 4;
      if (this.buffer.length < start + length) return;
      const body = this.buffer.subarray(start, start + length).toString('utf8');
      this.buffer = this.buffer.subarray(start + length);
      let message;
      try {
        message = JSON.parse(body);
      } catch {
        continue;
      }
      this.dispatch(message, at);
    }
  }

  dispatch(message, at) {
    if (message.id !== undefined && message.method === undefined) {
      const p = this.pending.get(message.id);
      if (!p) return;
      this.pending.delete(message.id);
      if (message.error) p.reject(new Error(`${message.error.code}: ${message.error.message}`));
      else p.resolve(message.result);
      return;
    }
    if (message.id !== undefined) {
      // A request from the server (configuration, registerCapability, progress): answer it.
      let result = null;
      try {
        result = this.onServerRequest(message.method, message.params) ?? null;
      } catch {
        result = null;
      }
      this.send({ id: message.id, result });
      return;
    }
    try {
      this.onNotification(message.method, message.params);
    } catch {
      // a listener's bug must not stop the waiters
    }
    for (const w of [...this.waiters]) {
      if (w.method === message.method && w.match(message.params)) {
        this.waiters = this.waiters.filter((x) => x !== w);
        w.resolve({ params: message.params, at });
      }
    }
  }

  /** Resident set size and its peak, in MB, from /proc (Linux); undefined elsewhere. */
  memory() {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kb = (name) => Number(new RegExp(`^${name}:\\s*(\\d+)\\s*kB`, 'm').exec(status)?.[1]);
      return { rssMB: kb('VmRSS') / 1024, peakMB: kb('VmHWM') / 1024 };
    } catch {
      return undefined;
    }
  }

  /** shutdown + exit, then a kill if the server lingers. */
  async close(timeoutMs = 3000) {
    if (this.exited) return;
    try {
      await this.request('shutdown', null, timeoutMs);
      this.notify('exit', null);
    } catch {
      // fall through to the kill
    }
    await new Promise((resolve) => {
      if (this.exited) return resolve();
      const timer = setTimeout(() => {
        this.child.kill('SIGKILL');
        resolve();
      }, timeoutMs);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
