/**
 * The load scenario, shared by the load test and `npm run bench:load`: many open documents and
 * rapid edits over the LSP, then what the server published last for each document, how many
 * publishes there were, and the server's memory.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { TestClient } from './lsp-client';

export interface LoadOptions {
  documents: number;
  edits: number;
  debounceMs: number;
  /** Deterministic choice of which document each edit goes to. */
  seed?: number;
}

export interface LoadDocument {
  uri: string;
  languageId: string;
  version: number;
  text: string;
}

export interface LoadResult {
  documents: LoadDocument[];
  /** Every publish, in arrival order. */
  published: PublishDiagnosticsParams[];
  /** Publishes that arrived after the first edit was sent. */
  publishedDuringEdits: number;
  /** From the first edit sent to the last document's final version published. */
  settleMs: number;
  /** The server's resident memory (main thread and worker: one process) after settling, in MB. */
  rssMb: number;
}

/** A template whose only finding depends on `variant` (one on even variants, none on odd), so stale results are visible. */
export function templateText(n: number, variant: number): string {
  const action = variant % 2 === 0 ? "'s3:*'" : 's3:GetObject';
  return `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
# document ${n}, edit ${variant}
Resources:
  Function${n}:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/f${n}.handler
      Runtime: nodejs20.x
      Policies:
        - Statement:
            - Effect: Allow
              Action: ${action}
              Resource: arn:aws:s3:::bucket-${n}/*
`;
}

/** A handler whose SQL is built from the request on even variants and parameterised on odd ones. */
export function handlerText(n: number, variant: number): string {
  const query =
    variant % 2 === 0
      ? `pool.query("SELECT * FROM orders_${n} WHERE id = '" + event.pathParameters.id + "'")`
      : `pool.query('SELECT * FROM orders_${n} WHERE id = $1', [event.pathParameters.id])`;
  return `import { Pool } from 'pg';
const pool = new Pool();
// document ${n}, edit ${variant}
export const handler = async (event) => {
  const result = await ${query};
  return { statusCode: 200, body: JSON.stringify(result.rows) };
};
`;
}

function textFor(doc: { n: number; languageId: string }, variant: number): string {
  return doc.languageId === 'yaml' ? templateText(doc.n, variant) : handlerText(doc.n, variant);
}

function rssMbOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** Runs the scenario against a fresh server; the client is stopped before returning. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-load-'));
  const { client } = await TestClient.start({
    rootUri: pathToFileURL(dir).href,
    initializationOptions: { debounceMs: options.debounceMs },
  });
  try {
    const docs = Array.from({ length: options.documents }, (_, n) => {
      const languageId = n % 2 === 0 ? 'yaml' : 'typescript';
      const name = languageId === 'yaml' ? `stack-${n}/template.yaml` : `src/f${n}.ts`;
      return { n, languageId, uri: pathToFileURL(path.join(dir, name)).href, version: 1, text: '' };
    });
    for (const d of docs) {
      d.text = textFor(d, 1);
      await client.open(d.uri, d.languageId, d.text, 1);
    }
    await client.waitFor(
      'the first diagnostics of every document',
      () => docs.every((d) => client.diagnostics.some((p) => p.uri === d.uri && p.version === 1)),
      120_000,
    );

    // Rapid edits: sent back to back, without waiting for anything.
    let state = options.seed ?? 1;
    const next = (): number => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state;
    };
    const before = client.diagnostics.length;
    const started = Date.now();
    const sends: Promise<void>[] = [];
    for (let i = 0; i < options.edits; i++) {
      const d = docs[next() % docs.length];
      d.version++;
      d.text = textFor(d, d.version);
      sends.push(client.replace(d.uri, d.text, d.version));
    }
    await Promise.all(sends);
    const lastOf = (uri: string): PublishDiagnosticsParams | undefined => {
      for (let i = client.diagnostics.length - 1; i >= 0; i--) if (client.diagnostics[i].uri === uri) return client.diagnostics[i];
      return undefined;
    };
    await client.waitFor('the final version of every document', () => docs.every((d) => lastOf(d.uri)?.version === d.version), 120_000);
    const settleMs = Date.now() - started;
    const rssMb = rssMbOf(client.proc.pid!);
    // Shutdown cancels what is still due, and every publish sent before it has arrived once the
    // server has exited: the record is then complete.
    await client.stop();
    const result: LoadResult = {
      documents: docs.map(({ uri, languageId, version, text }) => ({ uri, languageId, version, text })),
      published: [...client.diagnostics],
      publishedDuringEdits: client.diagnostics.length - before,
      settleMs,
      rssMb,
    };
    return result;
  } finally {
    client.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
