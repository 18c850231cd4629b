/**
 * The workspace index: every template and source file the engine knows, parsed once per text.
 * The server keeps one for open and watched files; the CLI builds one for the scanned tree.
 * Rules read other files through it (cross-file rules: a function's handler, a stack's constructs).
 */
import { parseCode } from '../models/code/model';
import type { CodeModel, PreviousParse } from '../models/code/model';
import type { TemplateModel } from '../models/template/model';
import { parseTemplate } from '../models/template/parse';
import type { SourceKind } from './source-kind';
import { LineIndex } from './text';

export type { SourceKind } from './source-kind';
export { looksMinified, sourceKindOf } from './source-kind';

interface ParsedBase {
  file: string;
  text: string;
  lines: LineIndex;
}

export type ParsedFile =
  | (ParsedBase & { kind: 'template'; model: TemplateModel })
  | (ParsedBase & { kind: 'code'; model: CodeModel })
  /** YAML/JSON that is not a template: only rules with a `checkText` hook read it, as text. */
  | (ParsedBase & { kind: 'not-template'; reason: string; format: 'yaml' | 'json' })
  /** A dotenv file: only rules with a `checkText` hook read it. */
  | (ParsedBase & { kind: 'config'; format: 'env' })
  | (ParsedBase & { kind: 'error'; message: string; start: number; end: number });

/** Parses one text with the model its kind calls for. */
export function parseFile(file: string, text: string, kind: SourceKind): ParsedFile {
  return parseWithSyntax(file, text, kind).parsed;
}

/** Parses one text; for code, also the syntax tree the next parse of the same file can start from. */
function parseWithSyntax(file: string, text: string, kind: SourceKind, previous?: PreviousParse): { parsed: ParsedFile; syntax?: PreviousParse } {
  const lines = new LineIndex(text);
  const base = { file, text, lines };
  if (kind === 'code') {
    const r = parseCode(file, text, lines, previous);
    const syntax = r.sourceFile && { text, sourceFile: r.sourceFile };
    if ('error' in r) return { parsed: { ...base, kind: 'error', ...r.error }, syntax };
    return { parsed: { ...base, kind: 'code', model: r.model }, syntax };
  }
  return { parsed: parseModel(base, kind) };
}

function parseModel(base: { file: string; text: string; lines: LineIndex }, kind: Exclude<SourceKind, 'code'>): ParsedFile {
  const { text, lines } = base;
  if (kind === 'env') return { ...base, kind: 'config', format: 'env' };
  const r = parseTemplate(text, kind, lines);
  switch (r.kind) {
    case 'template':
      return { ...base, kind: 'template', model: r.model };
    case 'not-template':
      return { ...base, kind: 'not-template', reason: r.reason, format: kind };
    case 'error':
      return { ...base, kind: 'error', message: r.message, start: r.start, end: r.end };
    default:
      return r satisfies never;
  }
}

interface Entry {
  text: string;
  kind: SourceKind;
  /** Parsed on first use: files indexed from disk are often never read by a rule. */
  parsed?: ParsedFile;
  /** Code's last syntax tree (also when it had syntax errors): the next text of the file is parsed from it. */
  syntax?: PreviousParse;
}

/**
 * Files the engine knows, by key. Open documents are parsed as they change (`update`); files
 * read from disk are stored as text (`store`) and parsed only when a rule asks for them, which
 * keeps a large workspace's memory to its text.
 */
export class WorkspaceIndex {
  private readonly files = new Map<string, Entry>();
  private changes = 0;

  /** Counts changes to the indexed texts: what is derived from several files is valid while it stays the same. */
  get generation(): number {
    return this.changes;
  }

  /** Parses the file unless the same text is already parsed; returns the parsed file. */
  update(file: string, text: string, kind: SourceKind): ParsedFile {
    const known = this.files.get(file);
    if (known && known.text === text && known.kind === kind && known.parsed) return known.parsed;
    // An edited document is parsed from its previous tree, which is given up (the compiler reuses its nodes).
    const previous = known?.kind === kind ? known.syntax : undefined;
    if (known) known.syntax = undefined;
    const { parsed, syntax } = parseWithSyntax(file, text, kind, previous);
    this.files.set(file, { text, kind, parsed, syntax });
    if (!known || known.text !== text || known.kind !== kind) this.changes++;
    return parsed;
  }

  /** Keeps the file's text for later; it is parsed when first asked for. Returns whether anything changed. */
  store(file: string, text: string, kind: SourceKind): boolean {
    const known = this.files.get(file);
    if (known && known.text === text && known.kind === kind) return false;
    this.files.set(file, { text, kind });
    this.changes++;
    return true;
  }

  remove(file: string): void {
    if (this.files.delete(file)) this.changes++;
  }

  /** Drops a file's parsed form but keeps its text (after a one-off analysis, e.g. a workspace scan, to bound memory). */
  release(file: string): void {
    const e = this.files.get(file);
    if (e) {
      e.parsed = undefined;
      e.syntax = undefined;
    }
  }

  /**
   * The parse the index already holds for exactly this text and kind, without parsing anything
   * and without touching the file's syntax tree: requests about a document's current text (a
   * hover, a code action) use it when the text is the indexed one, and parse on their own otherwise.
   */
  parsedIfSame(file: string, text: string, kind: SourceKind): ParsedFile | undefined {
    const e = this.files.get(file);
    return e && e.text === text && e.kind === kind ? e.parsed : undefined;
  }

  get(file: string): ParsedFile | undefined {
    const e = this.files.get(file);
    return e && this.parsed(file, e);
  }

  /** The indexed text of a file, without parsing it. */
  textOf(file: string): string | undefined {
    return this.files.get(file)?.text;
  }

  has(file: string): boolean {
    return this.files.has(file);
  }

  get size(): number {
    return this.files.size;
  }

  keys(): IterableIterator<string> {
    return this.files.keys();
  }

  *all(): IterableIterator<ParsedFile> {
    for (const [file, e] of this.files) yield this.parsed(file, e);
  }

  *templates(): IterableIterator<ParsedFile & { kind: 'template' }> {
    for (const f of this.all()) if (f.kind === 'template') yield f;
  }

  *codeFiles(): IterableIterator<ParsedFile & { kind: 'code' }> {
    for (const f of this.all()) if (f.kind === 'code') yield f;
  }

  private parsed(file: string, e: Entry): ParsedFile {
    if (!e.parsed) {
      const r = parseWithSyntax(file, e.text, e.kind);
      e.parsed = r.parsed;
      e.syntax = r.syntax;
    }
    return e.parsed;
  }
}
