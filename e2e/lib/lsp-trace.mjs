// What the extension's language client in the editor sent to and received from the language
// server, read from its message trace. The session turns the trace on with two switches: the
// setting serverlessGuard.trace.server = "verbose", and the log level "trace" for the extension
// (the web workbench takes it from its URL payload, see TRACE_PAYLOAD). The client then writes
// every message, parameters included, to the "Serverless Guard" output, which the extension host
// keeps as a log file under the user-data folder's logs/.
import fs from 'node:fs';
import path from 'node:path';

/** Entries of the URL payload that give the extension's output the log level "trace". */
export const traceLogLevel = (extensionId) => [['logLevel', `${extensionId}:trace`]];

const HEADER = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \[\w+\] (Sending|Received) notification '([^']+)'\.$/;
const ENTRY_START = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \[\w+\] /;
/** VS Code and Node spell some characters of a file URI differently (%3A or :); compare them decoded. */
const sameUri = (a, b) => typeof a === 'string' && decodeURIComponent(a) === decodeURIComponent(b);

export class LspTrace {
  /**
   * @param {string} userDataDir code-server's --user-data-dir
   * @param {string} extensionId publisher.name
   * @param {string} channel the output channel's name
   */
  constructor(userDataDir, extensionId, channel) {
    this.logsDir = path.join(userDataDir, 'logs');
    this.fileName = path.join(extensionId, `${channel}.log`);
  }

  /** The newest log file of the channel (a restarted extension host writes a new one); undefined before the first line. */
  file() {
    let newest;
    let newestTime = -1;
    for (const session of fs.existsSync(this.logsDir) ? fs.readdirSync(this.logsDir) : []) {
      const dir = path.join(this.logsDir, session);
      for (const host of fs.statSync(dir).isDirectory() ? fs.readdirSync(dir) : []) {
        const f = path.join(dir, host, this.fileName);
        if (!fs.existsSync(f)) continue;
        const t = fs.statSync(f).mtimeMs;
        if (t > newestTime) [newest, newestTime] = [f, t];
      }
    }
    return newest;
  }

  /**
   * The notifications in the trace, in order: { direction: 'sent' | 'received', method, params }.
   * An entry still being written (its JSON incomplete) is left for the next call.
   */
  notifications() {
    const f = this.file();
    if (!f) return [];
    const out = [];
    let current;
    const finish = () => {
      if (!current) return;
      const body = current.lines.join('\n').replace(/^Params: /, '');
      try {
        out.push({ direction: current.direction, method: current.method, params: body.trim() ? JSON.parse(body) : undefined });
      } catch {
        // the tail of the file, not flushed completely yet
      }
      current = undefined;
    };
    for (const line of fs.readFileSync(f, 'utf8').split('\n')) {
      if (ENTRY_START.test(line)) {
        finish();
        const m = HEADER.exec(line);
        if (m) current = { direction: m[1] === 'Sending' ? 'sent' : 'received', method: m[2], lines: [] };
      } else if (current) {
        current.lines.push(line);
      }
    }
    finish();
    return out;
  }

  /**
   * The document `uri` as the server last heard of it and its diagnostics as last published:
   * { version } of the last didOpen/didChange the client sent, and the last publishDiagnostics
   * for `uri` ({ version, diagnostics }, undefined before the first).
   */
  state(uri) {
    let version;
    let published;
    for (const n of this.notifications()) {
      if (n.direction === 'sent' && (n.method === 'textDocument/didOpen' || n.method === 'textDocument/didChange') && sameUri(n.params?.textDocument?.uri, uri)) version = n.params.textDocument.version;
      if (n.direction === 'received' && n.method === 'textDocument/publishDiagnostics' && sameUri(n.params?.uri, uri)) published = n.params;
    }
    return { version, published };
  }
}
