/**
 * The CLI's configuration: `--config FILE`, or `.serverless-guard.json` at the root of the first
 * scanned folder. Unlike the editor, which warns and goes on, a CI run must not silently drop a
 * setting: any problem in the file is bad usage (exit 2).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { GuardConfig } from '../engine/config';
import { CONFIG_FILE_NAME, parseConfigText, resolveConfig } from '../engine/config';
import { RULES } from '../rules';
import { UsageError } from './args';
import type { ScanInput } from './files';
import { describeFsError } from './files';

export interface LoadedConfig {
  config: GuardConfig;
  /** The file it came from, or undefined for the defaults. */
  source: string | undefined;
}

/** The folder whose `.serverless-guard.json` applies: the first folder scanned, else the first file's folder. */
export function configRoot(inputs: readonly ScanInput[], cwd: string): string {
  const dir = inputs.find((i) => i.isDirectory);
  if (dir) return dir.absolute;
  return inputs.length > 0 ? path.dirname(inputs[0].absolute) : cwd;
}

export function loadConfig(explicit: string | undefined, root: string, cwd: string): LoadedConfig {
  let file: string;
  let shown: string;
  if (explicit !== undefined) {
    file = path.resolve(cwd, explicit);
    shown = explicit;
    if (!isFile(file)) throw new UsageError(`configuration file not found: ${explicit}`, false);
  } else {
    file = path.join(root, CONFIG_FILE_NAME);
    shown = path.relative(cwd, file) || CONFIG_FILE_NAME;
    if (!isFile(file)) return { config: resolveConfig(), source: undefined };
  }
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read configuration ${shown}: ${describeFsError(e)}`, false);
  }
  const knownIds = new Set(RULES.map((r) => r.meta.id));
  const { config, problems } = parseConfigText(text, knownIds);
  if (problems.length > 0) {
    throw new UsageError(`bad configuration in ${shown}:\n${problems.map((p) => `  - ${p}`).join('\n')}`, false);
  }
  return { config: resolveConfig(config), source: file };
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}
