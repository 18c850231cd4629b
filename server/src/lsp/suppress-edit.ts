/**
 * "Suppress with a reason": the edit that writes the DESIGN.md suppression form for a finding,
 * and where the cursor goes so the user types the reason. Comments for code and YAML, the
 * resource's `Metadata.serverless-guard.ignore` for JSON templates (JSON has no comments).
 */
import * as ts from 'typescript';
import type { Position, Range, TextEdit } from '../engine/finding';
import { LineIndex } from '../engine/text';
import type { ParsedFile } from '../engine/workspace';
import type { MapNode, TNode } from '../models/template/nodes';
import { entry, isMap, isSeq } from '../models/template/nodes';

export interface SuppressEdit {
  edit: TextEdit;
  /** Where the reason is typed, in the text after the edit. */
  cursor: Position;
}

const DIRECTIVE = 'serverless-guard-ignore-next-line';

/** Builds the edit from an insertion point and the text, placing the cursor at `cursorAt` inside the new text. */
function insertion(file: ParsedFile, offset: number, newText: string, cursorAt: number): SuppressEdit {
  const after = file.text.slice(0, offset) + newText + file.text.slice(offset);
  const at = file.lines.positionAt(offset);
  return { edit: { range: { start: at, end: at }, newText }, cursor: new LineIndex(after).positionAt(offset + cursorAt) };
}

/** True when a comment line inserted before `line` would land inside a string or template literal that spans lines. */
function insideMultilineLiteral(sf: ts.SourceFile, offset: number): boolean {
  let inside = false;
  const visit = (node: ts.Node): void => {
    if (inside || offset <= node.getStart(sf) || offset >= node.getEnd()) return;
    if (ts.isTemplateLiteralToken(node) || ts.isStringLiteral(node) || node.kind === ts.SyntaxKind.JsxText) {
      inside = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return inside;
}

/** True when `offset` lies inside a multi-line scalar (a block scalar `|`/`>` or a folded quoted string). */
function insideMultilineScalar(node: TNode, offset: number, lines: LineIndex): boolean {
  if (offset <= node.start || offset >= node.end) return false;
  if (node.kind === 'scalar') return lines.positionAt(node.start).line !== lines.positionAt(node.end).line;
  if (isMap(node)) return node.entries.some((e) => insideMultilineScalar(e.value, offset, lines));
  if (isSeq(node)) return node.items.some((i) => insideMultilineScalar(i, offset, lines));
  return false;
}

function commentAbove(file: ParsedFile, range: Range, ruleId: string, marker: '//' | '#'): SuppressEdit {
  const line = range.start.line;
  const indent = /^[ \t]*/.exec(file.lines.lineText(line))![0];
  const comment = `${indent}${marker} ${DIRECTIVE} ${ruleId}: `;
  const eol = /\r\n/.test(file.text) ? '\r\n' : '\n';
  return insertion(file, file.lines.lineStart(line), comment + eol, comment.length);
}

/** The item `{ "rule": …, "reason": "" }`; the cursor goes between the reason's quotes. */
function jsonItem(ruleId: string): { text: string; cursor: number } {
  const text = `{ "rule": ${JSON.stringify(ruleId)}, "reason": "" }`;
  return { text, cursor: text.length - 3 };
}

function jsonMetadata(file: ParsedFile & { kind: 'template' }, resourceId: string, ruleId: string): SuppressEdit | undefined {
  const res = file.model.resources.find((r) => r.id === resourceId);
  if (!res) return undefined;
  const item = jsonItem(ruleId);
  // Innermost existing level first: append to an ignore list, else add what is missing below the deepest map there is.
  const metadata = entry(res.node, 'Metadata');
  const guard = metadata && entry(metadata.value, 'serverless-guard');
  const ignore = guard && entry(guard.value, 'ignore');
  const openAfter = (n: TNode): number => n.start + 1;
  if (ignore) {
    if (!isSeq(ignore.value)) return undefined;
    const sep = ignore.value.items.length > 0 ? ', ' : '';
    return insertion(file, openAfter(ignore.value), ` ${item.text}${sep}`, 1 + item.cursor);
  }
  const addTo = (map: MapNode, prefix: string, suffix: string): SuppressEdit => {
    const sep = map.entries.length > 0 ? ',' : '';
    return insertion(file, openAfter(map), ` ${prefix}${item.text}${suffix}${sep}`, 1 + prefix.length + item.cursor);
  };
  if (guard) return isMap(guard.value) ? addTo(guard.value, '"ignore": [ ', ' ]') : undefined;
  if (metadata) return isMap(metadata.value) ? addTo(metadata.value, '"serverless-guard": { "ignore": [ ', ' ] }') : undefined;
  // A new first entry of the resource, on its own line at the indentation of the next entry.
  const first = res.node.entries[0];
  const indent = first ? /^[ \t]*/.exec(file.lines.lineText(file.lines.positionAt(first.keyStart).line))![0] : '';
  const eol = /\r\n/.test(file.text) ? '\r\n' : '\n';
  const prefix = `${eol}${indent}"Metadata": { "serverless-guard": { "ignore": [ `;
  const sep = res.node.entries.length > 0 ? ',' : '';
  return insertion(file, openAfter(res.node), `${prefix}${item.text} ] } }${sep}`, prefix.length + item.cursor);
}

/**
 * The suppression edit for a finding of `ruleId` at `range` (resource: the logical id, for JSON
 * templates); undefined where no suppression can be written safely.
 */
export function suppressEdit(file: ParsedFile, range: Range, ruleId: string, resource: string | null): SuppressEdit | undefined {
  if (file.kind === 'code') {
    const lineStart = file.lines.lineStart(range.start.line);
    if (insideMultilineLiteral(file.model.sourceFile, lineStart)) return undefined;
    return commentAbove(file, range, ruleId, '//');
  }
  if (file.kind === 'template') {
    if (file.model.format === 'json') return resource ? jsonMetadata(file, resource, ruleId) : undefined;
    const lineStart = file.lines.lineStart(range.start.line);
    if (insideMultilineScalar(file.model.root, lineStart, file.lines)) return undefined;
    return commentAbove(file, range, ruleId, '#');
  }
  return undefined;
}
