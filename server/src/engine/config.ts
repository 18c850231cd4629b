/**
 * Settings, one resolver for the editor and the CLI: defaults, then `.serverless-guard.json`,
 * then editor settings (which win).
 */
import type { SeveritySetting } from './finding';

export interface GuardConfig {
  /** Per-rule severity overrides; rules not named keep their default. */
  rules: Record<string, SeveritySetting>;
  /** Globs, relative to the scanned root, of files to leave alone. */
  exclude: string[];
  maxFileSizeKB: number;
}

export type PartialConfig = Partial<GuardConfig>;

export const CONFIG_FILE_NAME = '.serverless-guard.json';
export const DEFAULT_MAX_FILE_SIZE_KB = 5120;
/** Folders that hold build output or dependencies, never the user's sources. */
export const DEFAULT_EXCLUDES = ['**/node_modules/**', '**/.git/**', '**/cdk.out/**', '**/.aws-sam/**', '**/dist/**', '**/out/**', '**/*.min.js'];

export function defaultConfig(): GuardConfig {
  return { rules: {}, exclude: [...DEFAULT_EXCLUDES], maxFileSizeKB: DEFAULT_MAX_FILE_SIZE_KB };
}

const SEVERITY_WORDS = new Set(['error', 'warning', 'info', 'off']);

/** Later layers override earlier ones; `rules` merge key by key, `exclude` lists add up. */
export function resolveConfig(...layers: (PartialConfig | undefined)[]): GuardConfig {
  const out = defaultConfig();
  for (const layer of layers) {
    if (!layer) continue;
    if (layer.rules) Object.assign(out.rules, layer.rules);
    if (layer.exclude) out.exclude.push(...layer.exclude);
    if (layer.maxFileSizeKB !== undefined) out.maxFileSizeKB = layer.maxFileSizeKB;
  }
  return out;
}

/**
 * Reads the JSON of a `.serverless-guard.json`. Unknown keys and bad values are reported
 * (as problems) and ignored, so one typo does not switch the whole tool off.
 */
export function parseConfigText(text: string, knownRuleIds: ReadonlySet<string>): { config: PartialConfig; problems: string[] } {
  const problems: string[] = [];
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { config: {}, problems: [`not valid JSON: ${(e as Error).message}`] };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { config: {}, problems: ['the configuration must be a JSON object'] };
  const config: PartialConfig = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (key === 'rules') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        problems.push('"rules" must be an object of rule id to severity');
        continue;
      }
      config.rules = {};
      for (const [id, sev] of Object.entries(value as Record<string, unknown>)) {
        if (!knownRuleIds.has(id)) problems.push(`unknown rule id "${id}" in "rules"`);
        else if (typeof sev !== 'string' || !SEVERITY_WORDS.has(sev)) problems.push(`rule "${id}": severity must be error, warning, info or off`);
        else config.rules[id] = sev as SeveritySetting;
      }
    } else if (key === 'exclude') {
      if (!Array.isArray(value) || value.some((g) => typeof g !== 'string')) problems.push('"exclude" must be an array of glob strings');
      else config.exclude = value as string[];
    } else if (key === 'maxFileSizeKB') {
      if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) problems.push('"maxFileSizeKB" must be a positive number');
      else config.maxFileSizeKB = value;
    } else if (key !== '$schema') {
      problems.push(`unknown key "${key}"`);
    }
  }
  return { config, problems };
}

/** Translates a glob (`**`, `*`, `?`, `{a,b}`) to a regular expression over `/`-separated paths. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let i = 0;
  let inBraces = false;
  while (i < glob.length) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches zero or more folders; a trailing `**` matches everything below.
        if (glob[i + 2] === '/') {
          re += '(?:.*/)?';
          i += 3;
        } else {
          re += '.*';
          i += 2;
        }
        continue;
      }
      re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      re += '(?:';
      inBraces = true;
    } else if (c === '}' && inBraces) {
      re += ')';
      inBraces = false;
    } else if (c === ',' && inBraces) re += '|';
    else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
    i++;
  }
  return new RegExp(`^${re}$`);
}

const globCache = new Map<string, RegExp>();

/** True when a path relative to the scanned root matches one of the exclude globs. */
export function isExcluded(relativePath: string, config: GuardConfig): boolean {
  const p = relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
  for (const g of config.exclude) {
    let re = globCache.get(g);
    if (!re) {
      re = globToRegExp(g.replace(/^\.\//, ''));
      globCache.set(g, re);
    }
    // A glob without a slash matches the file's name in any folder, as in .gitignore.
    if (re.test(p) || (!g.includes('/') && re.test(p.slice(p.lastIndexOf('/') + 1)))) return true;
  }
  return false;
}
