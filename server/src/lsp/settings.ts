/**
 * Settings per document: editor settings (`serverlessGuard.*`, asked for by scope) over the
 * `.serverless-guard.json` of the document's workspace folder over the defaults. Nothing is kept
 * beyond a cache per URI that a configuration change clears.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Connection, InitializeParams, WorkspaceFolder } from 'vscode-languageserver/node';
import { CONFIG_FILE_NAME, isExcluded, parseConfigText, resolveConfig } from '../engine/config';
import type { GuardConfig, PartialConfig } from '../engine/config';
import type { SeveritySetting } from '../engine/finding';
import { DEFAULT_DEBOUNCE_MS, SETTINGS_SECTION } from './protocol';
import type { EditorSettings, InitializationOptions, RunMode } from './protocol';
import { logError } from './safe';
import { fsPathOf, keyOf, relativeTo } from './uris';

export interface DocumentSettings {
  enable: boolean;
  run: RunMode;
  debounceMs: number;
  config: GuardConfig;
  /** The workspace folder the document lies in, if any. */
  folderUri?: string;
}

const SEVERITY_WORDS = new Set(['error', 'warning', 'info', 'off']);
const MAX_DEBOUNCE_MS = 60_000;

/** Reads what the editor sent, keeping only well-typed values: a typo in settings must not stop the server. */
export function readEditorSettings(raw: unknown): { settings: EditorSettings; layer: PartialConfig } {
  const settings: EditorSettings = {};
  const layer: PartialConfig = {};
  if (typeof raw !== 'object' || raw === null) return { settings, layer };
  const r = raw as Record<string, unknown>;
  if (typeof r.enable === 'boolean') settings.enable = r.enable;
  if (r.run === 'onType' || r.run === 'onSave') settings.run = r.run;
  if (typeof r.debounceMs === 'number' && Number.isFinite(r.debounceMs) && r.debounceMs >= 0) settings.debounceMs = Math.min(r.debounceMs, MAX_DEBOUNCE_MS);
  if (typeof r.maxFileSizeKB === 'number' && Number.isFinite(r.maxFileSizeKB) && r.maxFileSizeKB > 0) layer.maxFileSizeKB = r.maxFileSizeKB;
  if (Array.isArray(r.exclude)) layer.exclude = r.exclude.filter((g): g is string => typeof g === 'string' && g.length > 0);
  if (typeof r.rules === 'object' && r.rules !== null && !Array.isArray(r.rules)) {
    const rules: Record<string, SeveritySetting> = {};
    for (const [id, sev] of Object.entries(r.rules as Record<string, unknown>)) {
      if (typeof sev === 'string' && SEVERITY_WORDS.has(sev)) rules[id] = sev as SeveritySetting;
    }
    layer.rules = rules;
  }
  return { settings, layer };
}

export class Settings {
  private folders: string[] = [];
  private canAskForConfiguration = false;
  private initDebounceMs: number | undefined;
  /** Settings pushed with didChangeConfiguration, for clients that cannot be asked. */
  private pushed: unknown;
  private readonly pending = new Map<string, Promise<DocumentSettings>>();
  private readonly resolved = new Map<string, DocumentSettings>();
  private readonly fileLayers = new Map<string, Promise<PartialConfig | undefined>>();

  constructor(
    private readonly connection: Connection,
    /** The ids of the registered rules, to name unknown ones in a configuration file. */
    private readonly ruleIds: () => ReadonlySet<string>,
  ) {}

  initialize(params: InitializeParams): void {
    this.canAskForConfiguration = params.capabilities.workspace?.configuration === true;
    const options = params.initializationOptions as InitializationOptions | undefined;
    const d = options?.debounceMs;
    if (typeof d === 'number' && Number.isFinite(d) && d >= 0) this.initDebounceMs = Math.min(d, MAX_DEBOUNCE_MS);
    if (params.workspaceFolders) this.setFolders(params.workspaceFolders);
    else if (params.rootUri) this.folders = [params.rootUri];
  }

  get supportsConfigurationRequests(): boolean {
    return this.canAskForConfiguration;
  }

  /** The debounce for work not tied to one document (re-analysing everything after a file event). */
  get defaultDebounceMs(): number {
    return this.initDebounceMs ?? DEFAULT_DEBOUNCE_MS;
  }

  get workspaceFolders(): readonly string[] {
    return this.folders;
  }

  setFolders(folders: readonly WorkspaceFolder[]): void {
    this.folders = folders.map((f) => f.uri);
    this.changed(undefined);
  }

  /** The innermost workspace folder holding `uri`. */
  folderOf(uri: string): string | undefined {
    let best: string | undefined;
    for (const f of this.folders) {
      if ((relativeTo(uri, f) !== undefined || keyOf(uri) === keyOf(f)) && (best === undefined || f.length > best.length)) best = f;
    }
    return best;
  }

  /** True for a `.serverless-guard.json` at the root of a workspace folder. */
  isConfigFile(uri: string): boolean {
    return this.folders.some((f) => relativeTo(uri, f) === CONFIG_FILE_NAME);
  }

  /** Settings changed in the editor (or were pushed): forget everything resolved. */
  changed(pushedSettings: unknown): void {
    if (pushedSettings !== undefined) this.pushed = (pushedSettings as Record<string, unknown> | null)?.[SETTINGS_SECTION];
    this.pending.clear();
    this.resolved.clear();
  }

  /** A `.serverless-guard.json` was created, changed or deleted: read it again next time. */
  configFileChanged(): void {
    this.fileLayers.clear();
    this.pending.clear();
    this.resolved.clear();
  }

  /** The settings already resolved for `uri`, without waiting (lets a debounce of 0 run at once). */
  peek(uri: string): DocumentSettings | undefined {
    return this.resolved.get(uri);
  }

  /** The configuration of a workspace folder's files, or of files outside every folder. */
  async configFor(folderUri: string | undefined): Promise<GuardConfig> {
    if (folderUri !== undefined) return (await this.get(folderUri)).config;
    return resolveConfig(readEditorSettings(await this.editorSettings(undefined)).layer);
  }

  get(uri: string): Promise<DocumentSettings> {
    let p = this.pending.get(uri);
    if (!p) {
      const pending = this.resolve(uri).then((s) => {
        // Only cache if no configuration change cleared the cache meanwhile.
        if (this.pending.get(uri) === pending) this.resolved.set(uri, s);
        return s;
      });
      p = pending;
      this.pending.set(uri, p);
    }
    return p;
  }

  /** True when the exclude globs of the document's settings leave it alone. */
  isExcluded(uri: string, s: DocumentSettings): boolean {
    if (!s.folderUri) return false;
    const rel = relativeTo(uri, s.folderUri);
    return rel !== undefined && isExcluded(rel, s.config);
  }

  private async resolve(uri: string): Promise<DocumentSettings> {
    const folderUri = this.folderOf(uri) ?? (uri.startsWith('file:') ? undefined : this.folders[0]);
    const [raw, fileLayer] = await Promise.all([this.editorSettings(uri), folderUri ? this.fileLayer(folderUri) : undefined]);
    const { settings, layer } = readEditorSettings(raw);
    return {
      enable: settings.enable ?? true,
      run: settings.run ?? 'onType',
      debounceMs: settings.debounceMs ?? this.initDebounceMs ?? DEFAULT_DEBOUNCE_MS,
      config: resolveConfig(fileLayer, layer),
      ...(folderUri ? { folderUri } : {}),
    };
  }

  private async editorSettings(uri: string | undefined): Promise<unknown> {
    if (!this.canAskForConfiguration) return this.pushed;
    try {
      return await this.connection.workspace.getConfiguration(uri === undefined ? { section: SETTINGS_SECTION } : { scopeUri: uri, section: SETTINGS_SECTION });
    } catch (e) {
      logError(this.connection.console, 'reading the serverlessGuard settings', e);
      return undefined;
    }
  }

  private fileLayer(folderUri: string): Promise<PartialConfig | undefined> {
    let p = this.fileLayers.get(folderUri);
    if (!p) {
      p = this.readConfigFile(folderUri);
      this.fileLayers.set(folderUri, p);
    }
    return p;
  }

  private async readConfigFile(folderUri: string): Promise<PartialConfig | undefined> {
    const folder = fsPathOf(folderUri);
    if (folder === undefined) return undefined;
    const file = path.join(folder, CONFIG_FILE_NAME);
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') logError(this.connection.console, `reading ${file}`, e);
      return undefined;
    }
    const { config, problems } = parseConfigText(text, this.ruleIds());
    for (const p of problems) this.connection.console.warn(`${file}: ${p}`);
    return config;
  }
}
