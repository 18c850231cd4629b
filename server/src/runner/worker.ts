/**
 * The analysis worker (bundled to server/out/worker.js): holds the workspace index and runs the
 * engine, one request at a time. It lives on its own thread so that the thread driving it can
 * stop a rule that never returns, which nothing can do from the same thread.
 */
import { workerData } from 'node:worker_threads';
import { analyzeIndexed, indexDocument } from '../engine/analyze';
import type { AnalysisResult } from '../engine/finding';
import type { Rule } from '../engine/rule';
import { WorkspaceIndex } from '../engine/workspace';
import { DocumentRequests } from '../lsp/document-requests';
import { RULES } from '../rules';
import type { IndexReply, Reply, Request, RequestReply, RuleIndex, WorkerData } from './protocol';
import { Phase, RULE_BYTES_AT, RULE_BYTES_MAX, SLOT_DONE, SLOT_PHASE, SLOT_READY, SLOT_RULE_LENGTH } from './protocol';

const data = workerData as WorkerData;
const i32 = new Int32Array(data.state);
const ruleBytes = new Uint8Array(data.state, RULE_BYTES_AT, RULE_BYTES_MAX);
const encoder = new TextEncoder();
const index = new WorkspaceIndex();
const requests = new DocumentRequests(index);

function loadRules(): readonly Rule[] {
  if (!data.testRules) return RULES;
  // Only ever set by test-hooks.ts (tests); a module path from anywhere else never reaches here.
  const extra = (require(data.testRules) as { rules: Rule[] }).rules;
  return [...RULES, ...extra];
}

let rules: readonly Rule[] = RULES;
let startupError: string | undefined;
try {
  rules = loadRules();
} catch (e) {
  startupError = `the test rules could not be loaded: ${String(e)}`;
}

let lastRule: string | null = null;
function onRule(ruleId: string | null): void {
  if (ruleId === null) {
    Atomics.store(i32, SLOT_PHASE, Phase.Engine);
    return;
  }
  if (ruleId !== lastRule) {
    const { written } = encoder.encodeInto(ruleId, ruleBytes);
    Atomics.store(i32, SLOT_RULE_LENGTH, written);
    lastRule = ruleId;
  }
  Atomics.store(i32, SLOT_PHASE, Phase.Rule);
}

function handle(req: Request): IndexReply | AnalysisResult | RuleIndex | RequestReply | null {
  switch (req.op) {
    case 'index': {
      Atomics.store(i32, SLOT_PHASE, Phase.Parse);
      requests.forget(req.doc.file);
      const r = indexDocument(req.doc, req.config, index, req.mode);
      if ('error' in r) return { error: r.error };
      if (r.parsed) return { kind: r.parsed.kind };
      return req.mode === 'store' && index.has(req.doc.file) ? { kind: 'stored' } : {};
    }
    case 'remove':
      index.remove(req.file);
      requests.forget(req.file);
      return null;
    case 'release':
      index.release(req.file);
      requests.forget(req.file);
      return null;
    case 'rules':
      return { ids: rules.map((r) => r.meta.id), readsOtherFiles: rules.some((r) => r.readsOtherFiles) };
    case 'hover':
      Atomics.store(i32, SLOT_PHASE, Phase.Engine);
      return requests.hover(req);
    case 'codeActions':
      Atomics.store(i32, SLOT_PHASE, Phase.Engine);
      return requests.codeActions(req);
    case 'explain':
      Atomics.store(i32, SLOT_PHASE, Phase.Engine);
      return requests.explain(req);
    case 'defense':
      Atomics.store(i32, SLOT_PHASE, Phase.Engine);
      return requests.defense(req);
    case 'analyze':
      Atomics.store(i32, SLOT_PHASE, Phase.Engine);
      return analyzeIndexed(req.file, req.config, index, {
        rules,
        inlineSuppressions: req.inlineSuppressions,
        skipRules: new Set(req.skipRules),
        onRule,
      });
  }
}

data.port.on('message', (message: { seq: number; req: Request }) => {
  let reply: Reply;
  try {
    if (startupError) throw new Error(startupError);
    reply = { seq: message.seq, ok: true, value: handle(message.req) };
  } catch (e) {
    reply = { seq: message.seq, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  Atomics.store(i32, SLOT_PHASE, Phase.Idle);
  data.port.postMessage(reply);
  Atomics.store(i32, SLOT_DONE, 1);
  Atomics.notify(i32, SLOT_DONE);
});

Atomics.store(i32, SLOT_READY, 1);
Atomics.notify(i32, SLOT_READY);
