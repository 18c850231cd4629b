/** Document URIs as the workspace index keys them, and as paths on disk relative to a workspace folder. */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The file system path of a `file:` URI; undefined for other schemes (untitled, git, …). */
export function fsPathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** The URI of a path on disk, spelled the way `keyOf` spells it. */
export function uriOfPath(fsPath: string): string {
  return pathToFileURL(fsPath).href;
}

/**
 * One spelling per file: editors and Node percent-encode different characters, so a file read
 * from disk and the same file opened in the editor must meet under one key in the index.
 */
export function keyOf(uri: string): string {
  const p = fsPathOf(uri);
  return p === undefined ? uri : uriOfPath(p);
}

/** The `/`-separated path of `uri` below the folder, or undefined when it is not inside it. */
export function relativeTo(uri: string, folderUri: string): string | undefined {
  const file = fsPathOf(uri);
  const folder = fsPathOf(folderUri);
  if (file === undefined || folder === undefined) return undefined;
  const rel = path.relative(folder, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}
