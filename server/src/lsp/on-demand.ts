/**
 * What the language server's own thread needs only for hovers, code actions, Explain and the
 * defense view: parsing a document here and rendering rule records, which loads the compiler and
 * every rule module. server.ts loads this module at the first such request, so that a server
 * that indexes and analyses (in the analysis worker) does not hold them twice.
 */
import { DEFAULT_MAX_FILE_SIZE_KB } from '../engine/config';
import { sourceKindOf } from '../engine/source-kind';
import type { ParsedFile } from '../engine/workspace';
import { parseFile } from '../engine/workspace';

export { codeActions } from './code-actions';
export { explain } from './explain';
export { conceptHoverAt, hoverAt, withSections } from './hover';

/** Parses a text on this thread, for hovers, code actions, Explain and the defense view (no rule runs here). */
export function parseText(key: string, text: string, languageId?: string, maxFileSizeKB = DEFAULT_MAX_FILE_SIZE_KB): ParsedFile | undefined {
  const kind = sourceKindOf(key, text, languageId);
  return kind && text.length <= maxFileSizeKB * 1024 ? parseFile(key, text, kind) : undefined;
}
