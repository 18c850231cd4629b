/**
 * The fuzz properties through the built language server over stdio: each input is opened, then
 * edited, and the diagnostics of each version must lie inside that version's text, carry that
 * version, and say nothing broke; the server must log no failure and stay up.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { TestClient } from '../protocol/lsp-client';
import type { FuzzInput } from './arbitraries';
import { assertRangeInside, lineLengths } from './check';

export function assertDiagnosticsSound(diagnostics: readonly Diagnostic[], text: string): void {
  const lengths = lineLengths(text);
  for (const d of diagnostics) {
    assertRangeInside(d.range, lengths, `diagnostic ${String(d.code)}`);
    assert.doesNotMatch(typeof d.message === 'string' ? d.message : d.message.value, /took too long|internal error|failed on this file/, `a diagnostic says the analysis broke: ${d.message}`);
  }
}

export class ServerFuzz {
  private runs = 0;

  private constructor(
    readonly client: TestClient,
    private readonly dir: string,
  ) {}

  static async start(dir: string): Promise<ServerFuzz> {
    const { client } = await TestClient.start({ rootUri: pathToFileURL(dir).href, initializationOptions: { debounceMs: 0 } });
    return new ServerFuzz(client, dir);
  }

  async check(input: FuzzInput): Promise<void> {
    const n = ++this.runs;
    const uri = pathToFileURL(path.join(this.dir, `run-${n}`, input.file)).href;
    const from = this.client.diagnostics.length;
    await this.client.open(uri, input.languageId, input.text, 1);
    assertDiagnosticsSound((await this.client.diagnosticsFor(uri, 1, from)).diagnostics, input.text);
    // An edit: the second half deleted, as when a selection is cut.
    const half = input.text.slice(0, input.text.length >> 1);
    await this.client.replace(uri, half, 2);
    assertDiagnosticsSound((await this.client.diagnosticsFor(uri, 2, from)).diagnostics, half);
    await this.client.close(uri);
    const failures = this.client.logs.filter((l) => / failed/.test(l));
    assert.deepEqual(failures, [], 'the server logged a failure');
    assert.equal(this.client.proc.exitCode, null, `the server exited: ${this.client.stderr.join('')}`);
  }

  /** shutdown + exit: the server must end cleanly after all that. */
  async stop(): Promise<void> {
    assert.equal(await this.client.stop(), 0);
  }

  kill(): void {
    this.client.kill();
  }
}
