/**
 * What the analysis worker and the thread that drives it say to each other: requests and replies
 * over a MessagePort, and a small SharedArrayBuffer the worker writes its progress into, so the
 * driving thread can wait on it with a deadline and, when the deadline passes, name what overran.
 */
import type { MessagePort } from 'node:worker_threads';
import type { CodeAction, CodeActionParams, Hover } from 'vscode-languageserver/node';
import type { SourceDocument } from '../engine/analyze';
import type { GuardConfig } from '../engine/config';
import type { DefenseEntry } from '../engine/defense-in-depth';
import type { AnalysisResult, FileError, Finding, Position } from '../engine/finding';
import type { ParsedFile } from '../engine/workspace';
import type { ExplainParams, ExplainResult } from '../lsp/protocol';

export type ParsedKind = ParsedFile['kind'];

/**
 * A document as the editor holds it now, for the requests about it (hovers, code actions,
 * Explain): its text may be newer than the indexed one, or the document may never have been indexed.
 */
export interface EditorDocument extends SourceDocument {
  /** Larger texts are not parsed for a request (the setting or the configuration file's maxFileSizeKB). */
  maxFileSizeKB: number;
}

export type Request =
  | { op: 'index'; doc: SourceDocument; config: GuardConfig; mode: 'parse' | 'store' }
  | { op: 'remove'; file: string }
  | { op: 'release'; file: string }
  | { op: 'analyze'; file: string; config: GuardConfig; inlineSuppressions: boolean; skipRules: string[] }
  /** What the language server's thread needs to know of the rules, so that it need not load them. */
  | { op: 'rules' }
  /**
   * The editor's requests, answered here so that the language server's thread never loads the
   * compiler or the rules. `findings` are the ones the server last published for the document
   * (null when they are not for its current version). Each reply is the LSP result itself.
   * A hover also carries the access table of the function whose logical id is at `position`
   * (least-privilege's hover), when the index holds the document's text.
   */
  | { op: 'hover'; doc: EditorDocument; position: Position; findings: readonly Finding[] | null }
  /** `doc` is null when the editor does not have the document open (then there is nothing to parse). */
  | { op: 'codeActions'; doc: EditorDocument | null; params: CodeActionParams }
  /** `doc` is null for a document that is not open: the indexed text of `file` is read instead. */
  | { op: 'explain'; file: string; doc: EditorDocument | null; params: ExplainParams; findings: readonly Finding[] }
  /** The defense-in-depth entries of an indexed template, with the findings that mark its gaps; null when it is not a template. */
  | { op: 'defense'; file: string; findings: readonly Finding[] };

export type RequestReply = Hover | CodeAction[] | ExplainResult | DefenseEntry[] | null;

export interface RuleIndex {
  ids: string[];
  /** Whether any rule reads other files (then an edit may change other documents' findings). */
  readsOtherFiles: boolean;
}

/** What indexing a document gave: its parsed kind, 'stored' (text kept, parsed when first read), nothing (no model reads it), or why it was passed over. */
export type IndexReply = { kind?: ParsedKind | 'stored' } | { error: FileError };

export type Reply = { seq: number; ok: true; value: IndexReply | AnalysisResult | RuleIndex | RequestReply | null } | { seq: number; ok: false; error: string };

export interface WorkerData {
  state: SharedArrayBuffer;
  port: MessagePort;
  /** Absolute path of a module exporting `rules: Rule[]`, added to the registry. Tests only: see test-hooks.ts. */
  testRules?: string;
}

/** Int32 slots at the start of the shared state. */
export const SLOT_DONE = 0;
export const SLOT_PHASE = 1;
export const SLOT_RULE_LENGTH = 2;
/** Set to 1 by the worker once its modules are loaded, so start-up time never counts against a file's budget. */
export const SLOT_READY = 3;
/** Byte offset of the running rule's id (UTF-8) in the shared state. */
export const RULE_BYTES_AT = 16;
export const RULE_BYTES_MAX = 240;
export const STATE_BYTES = RULE_BYTES_AT + RULE_BYTES_MAX;

export const enum Phase {
  Idle = 0,
  Parse = 1,
  Rule = 2,
  /** Engine work around the rules (suppressions, sorting). */
  Engine = 3,
}

/** Reads the id of the rule the worker last said it was running. */
export function readRuleId(state: SharedArrayBuffer): string {
  const i32 = new Int32Array(state);
  const length = Math.min(Atomics.load(i32, SLOT_RULE_LENGTH), RULE_BYTES_MAX);
  // TextDecoder refuses views on shared memory; copy the bytes out first.
  const bytes = new Uint8Array(length);
  bytes.set(new Uint8Array(state, RULE_BYTES_AT, length));
  return new TextDecoder().decode(bytes);
}
