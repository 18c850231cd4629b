/**
 * Joining file keys of the workspace index. Keys are paths for the CLI (`examples/app/template.yaml`,
 * `/abs/template.yaml`, `C:/x/template.yaml`) and normalised `file:` URIs for the server; a
 * template names its code relative to itself, so one key must lead to another in the same style.
 */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const WINDOWS = /^[A-Za-z]:[\\/]|^\\\\/;

function flavour(p: string): path.PlatformPath {
  return WINDOWS.test(p) || (p.includes('\\') && !p.includes('/')) ? path.win32 : path.posix;
}

/** The key of the folder holding `key` (a path or a `file:` URI). */
export function dirnameKey(key: string): string {
  if (key.startsWith('file:')) {
    const u = new URL(key);
    u.pathname = u.pathname.replace(/\/[^/]*$/, '') || '/';
    return u.href;
  }
  const f = flavour(key);
  return f.dirname(key);
}

/**
 * The key of `rel` (a `/`-separated relative path, as templates and imports write them) taken
 * from the folder `dirKey`, spelled the way the index spells it. Absolute `rel` paths are taken as they are.
 */
export function joinKey(dirKey: string, rel: string): string {
  if (dirKey.startsWith('file:')) {
    let dir: string;
    try {
      dir = fileURLToPath(dirKey);
    } catch {
      return new URL(rel, dirKey.endsWith('/') ? dirKey : `${dirKey}/`).href;
    }
    const joined = path.resolve(dir, ...rel.split('/'));
    return pathToFileURL(joined).href;
  }
  const f = flavour(dirKey);
  const sep = f === path.win32 && !dirKey.includes('/') ? '\\' : '/';
  const joined = f.normalize(f.join(dirKey, ...rel.split('/')));
  // Keep the separator style of the base (the CLI writes `/` on every platform).
  const out = sep === '/' ? joined.replace(/\\/g, '/') : joined;
  return out === '' ? '.' : out;
}
