/**
 * Which files a scan reads, and reading them: paths checked before anything runs, folders walked
 * (skipping excludes, not following symlink loops), sizes checked before any byte is read.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SourceDocument } from '../engine/analyze';
import type { GuardConfig } from '../engine/config';
import { isExcluded } from '../engine/config';
import type { FileError } from '../engine/finding';
import { sourceKindOf } from '../engine/workspace';
import { UsageError } from './args';

/** One path from the command line, checked to exist. */
export interface ScanInput {
  /** As typed. */
  given: string;
  absolute: string;
  isDirectory: boolean;
}

/** One file to read. */
export interface ScanFile {
  /** How reports name it: relative to cwd with `/`, or absolute when given absolute and outside cwd. */
  display: string;
  absolute: string;
}

export interface Collected {
  files: ScanFile[];
  errors: FileError[];
}

/** Checks every path before the scan starts: a path that does not exist is bad usage (exit 2). */
export function resolveInputs(paths: readonly string[], cwd: string): ScanInput[] {
  return paths.map((given) => {
    const absolute = path.resolve(cwd, given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') throw new UsageError(`path does not exist: ${given}`, false);
      throw new UsageError(`cannot access ${given}: ${describeFsError(e)}`, false);
    }
    return { given, absolute, isDirectory: stat.isDirectory() };
  });
}

/** The path a report shows for a file: relative to cwd with `/` separators, unless it was given absolute and lies outside cwd. */
export function displayPath(absolute: string, cwd: string, givenAbsolute: boolean): string {
  const rel = path.relative(cwd, absolute);
  const outside = rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);
  const shown = outside && givenAbsolute ? absolute : rel === '' ? '.' : rel;
  return toPosix(shown);
}

export function toPosix(p: string): string {
  return path.sep === '\\' ? p.replace(/\\/g, '/') : p;
}

/**
 * Lists the files to scan. A folder is walked recursively and yields the files a model reads
 * (by name), minus excluded ones (globs relative to that folder). A file named explicitly is
 * scanned whatever the excludes say, but only when the engine knows its kind.
 */
export function collectFiles(inputs: readonly ScanInput[], config: GuardConfig, cwd: string): Collected {
  const files: ScanFile[] = [];
  const errors: FileError[] = [];
  // Real paths: a file reached twice (overlapping arguments, symlinks) is scanned once,
  // and a folder reached again through a symlink is a loop, not more work.
  const seenFiles = new Set<string>();
  const seenDirs = new Set<string>();

  const addFile = (absolute: string, display: string): void => {
    let real: string;
    try {
      real = fs.realpathSync(absolute);
    } catch {
      real = absolute;
    }
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    files.push({ absolute, display });
  };

  for (const input of inputs) {
    const givenAbsolute = path.isAbsolute(input.given);
    const show = (abs: string): string => displayPath(abs, cwd, givenAbsolute);
    if (!input.isDirectory) {
      if (!fs.statSync(input.absolute).isFile()) {
        errors.push({ file: show(input.absolute), kind: 'skipped', message: 'skipped: not a regular file' });
      } else if (sourceKindOf(input.absolute) === undefined) {
        errors.push({
          file: show(input.absolute),
          kind: 'skipped',
          message: 'skipped: not a kind of file serverless-guard reads (YAML, JSON, .template, .env, TypeScript or JavaScript)',
        });
      } else {
        addFile(input.absolute, show(input.absolute));
      }
      continue;
    }
    walk(input.absolute, config, seenDirs, show, addFile, errors);
  }
  return { files, errors };
}

function walk(
  root: string,
  config: GuardConfig,
  seenDirs: Set<string>,
  show: (abs: string) => string,
  addFile: (abs: string, display: string) => void,
  errors: FileError[],
): void {
  // An explicit stack: deeply nested trees must not exhaust the call stack.
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop() as string;
    let real: string;
    let entries: fs.Dirent[];
    try {
      real = fs.realpathSync(dir);
      if (seenDirs.has(real)) continue;
      seenDirs.add(real);
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      errors.push({ file: show(dir), kind: 'read', message: `could not read folder: ${describeFsError(e)}` });
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: string[] = [];
    for (const entry of entries) {
      const abs = path.join(dir, entry.name);
      const rel = toPosix(path.relative(root, abs));
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = fs.statSync(abs);
          isDir = target.isDirectory();
          isFile = target.isFile();
        } catch (e) {
          // A dangling link is only worth a word when it looks like something we would have read.
          if (sourceKindOf(entry.name) !== undefined && !isExcluded(rel, config)) {
            errors.push({ file: show(abs), kind: 'read', message: `could not read: ${describeFsError(e)}` });
          }
          continue;
        }
      }
      if (isDir) {
        // `**/dist/**` matches "dist/" but not "dist"; test both so the folder is never entered.
        if (!isExcluded(`${rel}/`, config) && !isExcluded(rel, config)) subdirs.push(abs);
      } else if (isFile && sourceKindOf(entry.name) !== undefined && !isExcluded(rel, config)) {
        addFile(abs, show(abs));
      }
      // Sockets, FIFOs and devices are never read: reading a FIFO would hang.
    }
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]);
  }
}

export interface ReadResult {
  documents: SourceDocument[];
  errors: FileError[];
}

/**
 * Reads the files. Sizes are checked with stat first, so a file over `maxFileSizeKB` is never
 * read into memory; it becomes a `skipped` error, as does any file that cannot be read.
 */
export function readFiles(files: readonly ScanFile[], config: GuardConfig, onProgress?: (done: number) => void): ReadResult {
  const documents: SourceDocument[] = [];
  const errors: FileError[] = [];
  const limit = config.maxFileSizeKB * 1024;
  files.forEach((f, i) => {
    try {
      const size = fs.statSync(f.absolute).size;
      if (size > limit) {
        errors.push({
          file: f.display,
          kind: 'skipped',
          message: `skipped: ${formatKB(size)} KB is over the ${config.maxFileSizeKB} KB limit (maxFileSizeKB)`,
        });
      } else {
        documents.push({ file: f.display, text: fs.readFileSync(f.absolute, 'utf8') });
      }
    } catch (e) {
      errors.push({ file: f.display, kind: 'read', message: `could not read: ${describeFsError(e)}` });
    }
    onProgress?.(i + 1);
  });
  return { documents, errors };
}

function formatKB(bytes: number): string {
  const kb = bytes / 1024;
  return kb < 10 ? kb.toFixed(1) : String(Math.round(kb));
}

/** "permission denied (EACCES)" from Node's "EACCES: permission denied, open '/abs/path'". */
export function describeFsError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err && typeof err.code === 'string') {
    const m = /^[A-Z]+: ([^,]+)/.exec(err.message ?? '');
    return m ? `${m[1]} (${err.code})` : err.code;
  }
  return err instanceof Error ? err.message : String(e);
}
