/**
 * Keeps the shared workspace index in step with the files on disk: one crawl of the workspace
 * folders at start, then watched-file events. Documents open in the editor always win over disk.
 */
import type { Dirent } from 'node:fs';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isExcluded } from '../engine/config';
import type { GuardConfig } from '../engine/config';
import { sourceKindOf } from '../engine/source-kind';
import type { AnalysisRunner } from '../runner/runner';
import type { Logger } from './safe';
import { logError } from './safe';
import { fsPathOf, keyOf, uriOfPath } from './uris';

/** Folders that hold dependencies, VCS data or build output: never the user's sources. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', 'cdk.out', '.aws-sam', 'dist', 'out']);
/** Lock files are large JSON/YAML that are never templates. */
const SKIPPED_FILES = new Set(['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml']);
export const MAX_CRAWLED_FILES = 20_000;
/** Bounds the walk itself (directories and files looked at), however few files match. */
const MAX_VISITED_ENTRIES = 200_000;
/** Longest stretch of synchronous work before yielding to the event loop, so requests are answered during a crawl. */
const SLICE_MS = 10;

export type FileChange = 'created' | 'changed' | 'deleted';

export interface WorkspaceFilesOptions {
  /** Holds the index (in its worker); files read from disk are handed to it. */
  runner: AnalysisRunner;
  logger: Logger;
  /** The configuration that governs files of a workspace folder (exclude globs, size limit). */
  configFor(folderUri: string | undefined): Promise<GuardConfig>;
  folderOf(uri: string): string | undefined;
  /** True while the document with this index key is open in the editor. */
  isOpen(key: string): boolean;
}

export interface CrawlResult {
  indexed: number;
  truncated: boolean;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Templates can only be YAML/JSON that mention `Resources`; the rest of a crawl need not be parsed or kept. */
function worthIndexing(kind: string, text: string): boolean {
  return kind === 'code' || text.includes('Resources');
}

export class WorkspaceFiles {
  /** The latest read started for each file; an older read that finishes later is dropped. */
  private readonly reads = new Map<string, number>();
  private readSeq = 0;
  private crawlGeneration = 0;

  constructor(private readonly options: WorkspaceFilesOptions) {}

  /** Walks the folders and indexes every template and code file the engine reads. */
  async crawl(folderUris: readonly string[]): Promise<CrawlResult> {
    const generation = ++this.crawlGeneration;
    const state = { indexed: 0, visited: 0, truncated: false, lastYield: Date.now() };
    for (const folderUri of folderUris) {
      const root = fsPathOf(folderUri);
      if (root === undefined) continue;
      const config = await this.options.configFor(folderUri);
      const stack = [root];
      while (stack.length > 0) {
        if (generation !== this.crawlGeneration) return { indexed: state.indexed, truncated: true };
        const dir = stack.pop()!;
        let entries: Dirent[];
        try {
          entries = await fs.readdir(dir, { withFileTypes: true });
        } catch {
          continue; // unreadable or gone: not ours to report
        }
        for (const entry of entries) {
          if (++state.visited > MAX_VISITED_ENTRIES || state.indexed >= MAX_CRAWLED_FILES) {
            state.truncated = true;
            break;
          }
          // Symbolic links are not followed: they can loop, and can point outside the workspace.
          if (entry.isSymbolicLink()) continue;
          const full = path.join(dir, entry.name);
          const rel = path.relative(root, full).split(path.sep).join('/');
          if (entry.isDirectory()) {
            if (!SKIPPED_DIRS.has(entry.name) && !isExcluded(`${rel}/`, config)) stack.push(full);
          } else if (entry.isFile() && !SKIPPED_FILES.has(entry.name) && sourceKindOf(entry.name) && !isExcluded(rel, config)) {
            if (await this.indexFromDisk(uriOfPath(full), config)) state.indexed++;
          }
          if (Date.now() - state.lastYield > SLICE_MS) {
            await yieldToEventLoop();
            state.lastYield = Date.now();
          }
        }
        if (state.truncated) break;
      }
      if (state.truncated) break;
    }
    if (state.truncated) {
      this.options.logger.warn(`Serverless Guard: stopped indexing the workspace after ${state.indexed} files; cross-file checks may miss the rest.`);
    }
    return { indexed: state.indexed, truncated: state.truncated };
  }

  /** A watched file changed on disk. Returns true when the index changed. */
  async fileChanged(uri: string, change: FileChange): Promise<boolean> {
    const key = keyOf(uri);
    if (this.options.isOpen(key)) return false;
    if (change === 'deleted') return this.removeTree(key);
    const folderUri = this.options.folderOf(uri);
    const config = await this.options.configFor(folderUri);
    return this.indexFromDisk(key, config, folderUri);
  }

  /** The editor closed a document: from now on the disk holds the file's text. */
  async documentClosed(uri: string): Promise<void> {
    const key = keyOf(uri);
    if (fsPathOf(key) === undefined) {
      this.options.runner.remove(key);
      return;
    }
    const folderUri = this.options.folderOf(uri);
    await this.indexFromDisk(key, await this.options.configFor(folderUri), folderUri);
  }

  /** Forgets the files of a workspace folder that was removed. */
  removeFolder(folderUri: string): void {
    this.removeTree(keyOf(folderUri));
  }

  /** Removes a file, or everything below a deleted folder. */
  private removeTree(key: string): boolean {
    const runner = this.options.runner;
    let removed = runner.remove(key);
    const prefix = key.endsWith('/') ? key : `${key}/`;
    for (const file of runner.files()) {
      if (file.startsWith(prefix) && !this.options.isOpen(file)) {
        runner.remove(file);
        removed = true;
      }
    }
    return removed;
  }

  /** Reads a file and puts it in the index (or takes it out when it no longer qualifies). */
  private async indexFromDisk(key: string, config: GuardConfig, folderUri?: string): Promise<boolean> {
    const file = fsPathOf(key);
    if (file === undefined) return false;
    const name = path.basename(file);
    const excluded = folderUri !== undefined && this.isExcludedIn(file, folderUri, config);
    if (SKIPPED_FILES.has(name) || !sourceKindOf(name) || excluded) return this.drop(key);
    const seq = ++this.readSeq;
    this.reads.set(key, seq);
    let text: string;
    try {
      const stat = await fs.stat(file);
      // Checked before reading, so a huge file is never loaded; the engine's own check covers open documents.
      if (!stat.isFile() || stat.size > config.maxFileSizeKB * 1024) return this.reads.get(key) === seq && this.drop(key);
      text = await fs.readFile(file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'EISDIR') logError(this.options.logger, `reading ${file}`, e);
      return this.reads.get(key) === seq && this.drop(key);
    }
    // The editor may have opened the file, or a newer read started, while this one was waiting for the disk.
    if (this.options.isOpen(key) || this.reads.get(key) !== seq) return false;
    const kind = sourceKindOf(name, text);
    if (!kind || !worthIndexing(kind, text)) return this.drop(key);
    // Stored, not parsed: a file nobody opens is parsed only if a rule reads across files to it.
    const r = this.options.runner.index({ file: key, text }, config, 'store');
    return r.error !== undefined || r.changed;
  }

  private isExcludedIn(file: string, folderUri: string, config: GuardConfig): boolean {
    const root = fsPathOf(folderUri);
    if (root === undefined) return false;
    const rel = path.relative(root, file);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return false;
    const parts = rel.split(path.sep);
    return parts.some((p) => SKIPPED_DIRS.has(p)) || isExcluded(parts.join('/'), config);
  }

  private drop(key: string): boolean {
    if (this.options.isOpen(key)) return false;
    return this.options.runner.remove(key);
  }
}
