/** A minimal LSP client for protocol tests: spawns the built server over stdio and waits on its notifications by condition. */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import type { InitializeResult, ProtocolConnection, PublishDiagnosticsParams, FileEvent } from 'vscode-languageserver-protocol/node';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SERVER = path.join(ROOT, 'server', 'out', 'server.js');

export interface ClientOptions {
  rootUri: string;
  initializationOptions?: unknown;
  /** The `serverlessGuard` section answered to workspace/configuration; undefined: the client does not support that request. */
  settings?: () => unknown;
  /** Added to the server's environment (e.g. the test-only rules and budget of the isolation tests). */
  env?: Record<string, string>;
  /** Extra node options before the server script (e.g. `--require` of a trap). */
  execArgv?: string[];
  cwd?: string;
  /** Workspace folders (multi-root); the root alone by default. */
  folders?: string[];
}

export class TestClient {
  readonly diagnostics: PublishDiagnosticsParams[] = [];
  readonly logs: string[] = [];
  readonly stderr: string[] = [];
  /** `$/progress` notifications, in arrival order. */
  readonly progress: { token: string | number; value: { kind: string; percentage?: number; message?: string; cancellable?: boolean } }[] = [];
  private waiters: { check: () => boolean; resolve: () => void }[] = [];
  private exited: Promise<number | null>;

  private constructor(
    readonly proc: ChildProcess,
    readonly connection: ProtocolConnection,
  ) {
    this.exited = new Promise((resolve) => proc.once('exit', (code) => resolve(code)));
  }

  static async start(options: ClientOptions): Promise<{ client: TestClient; result: InitializeResult }> {
    if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`node scripts/build.mjs\` first`);
    const proc = spawn(process.execPath, [...(options.execArgv ?? []), SERVER, '--stdio'], {
      cwd: options.cwd ?? ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
    });
    const connection = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const client = new TestClient(proc, connection);
    proc.stderr!.on('data', (d: Buffer) => client.stderr.push(d.toString()));
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      client.diagnostics.push(p);
      client.poke();
    });
    connection.onNotification('window/logMessage', (p: { message: string }) => {
      client.logs.push(p.message);
      client.poke();
    });
    connection.onNotification('$/progress', (p: TestClient['progress'][number]) => {
      client.progress.push(p);
      client.poke();
    });
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => options.settings?.() ?? null));
    connection.onRequest('client/registerCapability', () => null);
    connection.listen();
    const result = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: options.rootUri,
      workspaceFolders: (options.folders ?? [options.rootUri]).map((uri, i) => ({ uri, name: `folder${i}` })),
      capabilities: {
        workspace: { configuration: options.settings !== undefined, workspaceFolders: false, didChangeWatchedFiles: { dynamicRegistration: false } },
        textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true }, hover: { contentFormat: ['markdown', 'plaintext'] } },
      },
      initializationOptions: options.initializationOptions,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return { client, result };
  }

  private poke(): void {
    this.waiters = this.waiters.filter((w) => {
      if (!w.check()) return true;
      w.resolve();
      return false;
    });
  }

  /** Resolves once `check` holds, re-checked on every notification; fails with `what` after the timeout. */
  waitFor(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.check !== check);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}\nserver log:\n${this.logs.join('\n')}\n${this.stderr.join('')}`));
      }, timeoutMs);
      this.waiters.push({
        check,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  /** The first diagnostics published for `uri` at `version` after `from` notifications. */
  async diagnosticsFor(uri: string, version: number, from = 0): Promise<PublishDiagnosticsParams> {
    const find = () => this.diagnostics.slice(from).find((p) => p.uri === uri && p.version === version);
    await this.waitFor(`diagnostics for ${uri} version ${version}`, () => find() !== undefined);
    return find()!;
  }

  async open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  async replace(uri: string, text: string, version: number): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  async save(uri: string): Promise<void> {
    await this.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async configurationChanged(settings: unknown = null): Promise<void> {
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  async filesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  /** shutdown + exit; resolves with the exit code, or rejects if the process does not exit. */
  async stop(timeoutMs = 5_000): Promise<number | null> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the server did not exit after shutdown + exit')), timeoutMs).unref());
    const code = await Promise.race([this.exited, timeout]);
    this.connection.dispose();
    return code;
  }

  kill(): void {
    if (this.proc.exitCode === null) this.proc.kill();
    this.connection.dispose();
  }
}
