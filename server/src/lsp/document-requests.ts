/**
 * The editor's requests about a document (hovers, code actions, Explain, the defense view),
 * answered in the analysis worker beside the workspace index: parsing a text and rendering rule
 * records needs the compiler and every rule module, which the language server's own thread never loads.
 */
import type { CodeAction, Hover } from 'vscode-languageserver/node';
import { DEFAULT_MAX_FILE_SIZE_KB } from '../engine/config';
import type { DefenseEntry } from '../engine/defense-in-depth';
import { defenseInDepth } from '../engine/defense-in-depth';
import { sourceKindOf } from '../engine/source-kind';
import type { ParsedFile, WorkspaceIndex } from '../engine/workspace';
import { parseFile } from '../engine/workspace';
import { accessTableAt } from '../rules/shared/access-table';
import type { EditorDocument, Request } from '../runner/protocol';
import { codeActions } from './code-actions';
import { explain } from './explain';
import { conceptHoverAt, hoverAt, withSections } from './hover';
import type { ExplainResult } from './protocol';

/** How many parses of texts the index does not hold are kept, so repeated requests on an unchanged text do not parse again. */
const KEPT_PARSES = 4;

export class DocumentRequests {
  /** Parses of texts newer than (or absent from) the index, most recently used last. */
  private readonly parses = new Map<string, { text: string; languageId: string | undefined; parsed: ParsedFile }>();

  constructor(private readonly index: WorkspaceIndex) {}

  hover(req: Extract<Request, { op: 'hover' }>): Hover | null {
    const onFinding = req.findings ? hoverAt(req.findings, req.position) : null;
    const file = onFinding ? undefined : this.parsedOf(req.doc);
    const hover = onFinding ?? (file ? conceptHoverAt(file, req.position) : null);
    // On a function's logical id: the actions its code calls beside what it is granted, read
    // from the index, so only when the index holds the text the editor shows.
    const access = this.index.textOf(req.doc.file) === req.doc.text ? accessTableAt(this.index, req.doc.file, req.position)?.markdown : undefined;
    return withSections(hover, access ? [access] : []);
  }

  codeActions(req: Extract<Request, { op: 'codeActions' }>): CodeAction[] {
    return codeActions(req.params, req.doc ? this.parsedOf(req.doc) : undefined);
  }

  explain(req: Extract<Request, { op: 'explain' }>): ExplainResult | null {
    let file: ParsedFile | undefined;
    if (req.doc) {
      file = this.parsedOf(req.doc);
    } else {
      const text = this.index.textOf(req.file);
      if (text !== undefined) file = this.parsedOf({ file: req.file, text, maxFileSizeKB: DEFAULT_MAX_FILE_SIZE_KB }, false);
    }
    return explain(req.params, req.findings, file);
  }

  defense(req: Extract<Request, { op: 'defense' }>): DefenseEntry[] | null {
    const text = this.index.textOf(req.file);
    // Every template of the workspace passes here once per view: none is worth keeping parsed.
    const parsed = text === undefined ? undefined : this.parsedOf({ file: req.file, text, maxFileSizeKB: DEFAULT_MAX_FILE_SIZE_KB }, false);
    return parsed?.kind === 'template' ? defenseInDepth(parsed.model, req.findings) : null;
  }

  /** The index changed this file's text (or dropped it): a parse kept for an older text is of no more use. */
  forget(file: string): void {
    this.parses.delete(file);
  }

  /**
   * The document's text, parsed: the index's own parse when it holds this very text, else a
   * parse of its own. Never through the index's update: an open document's next text is parsed
   * from the tree of its last indexed one (engine/workspace.ts), and a request must not use that tree up.
   */
  private parsedOf(doc: EditorDocument, keep = true): ParsedFile | undefined {
    const kind = sourceKindOf(doc.file, doc.text, doc.languageId);
    if (!kind || doc.text.length > doc.maxFileSizeKB * 1024) return undefined;
    const indexed = this.index.parsedIfSame(doc.file, doc.text, kind);
    if (indexed) return indexed;
    const known = this.parses.get(doc.file);
    if (known && known.text === doc.text && known.languageId === doc.languageId) {
      this.parses.delete(doc.file);
      this.parses.set(doc.file, known);
      return known.parsed;
    }
    const parsed = parseFile(doc.file, doc.text, kind);
    if (keep) {
      this.parses.delete(doc.file);
      this.parses.set(doc.file, { text: doc.text, languageId: doc.languageId, parsed });
      for (const oldest of this.parses.keys()) {
        if (this.parses.size <= KEPT_PARSES) break;
        this.parses.delete(oldest);
      }
    }
    return parsed;
  }
}
