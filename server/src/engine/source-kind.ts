/**
 * Which model reads a file, from its name or the editor's language id; no parser is loaded here,
 * so the language server's own thread can sort files without loading the compiler.
 */

/** `env`: a dotenv file (`.env`, `.env.production`), read as raw text by the rules that look at config. */
export type SourceKind = 'yaml' | 'json' | 'code' | 'env';

const YAML_EXT = /\.(ya?ml)$/i;
const JSON_EXT = /\.json$/i;
const TEMPLATE_EXT = /\.template$/i;
/** The extensions the code model reads (models/code/model.ts maps each to its script kind). */
export const SOURCE_CODE_EXTENSIONS = ['.ts', '.mts', '.cts', '.tsx', '.js', '.mjs', '.cjs', '.jsx'];
const CODE_EXT = new RegExp(`(?:${SOURCE_CODE_EXTENSIONS.map((e) => e.replace('.', '\\.')).join('|')})$`, 'i');
/** `.env`, `.env.local`, `.env.production`... (but not `.env.ts`, which is code). */
const DOTENV_NAME = /(?:^|[\\/])\.env(?:\.[\w-]+)*$/i;

/** Which model reads a file, from its language id when the editor gives one, else its name. */
export function sourceKindOf(file: string, text?: string, languageId?: string): SourceKind | undefined {
  switch (languageId) {
    case 'yaml':
      return 'yaml';
    case 'json':
      return 'json';
    case 'typescript':
    case 'typescriptreact':
    case 'javascript':
    case 'javascriptreact':
      return 'code';
    case 'dotenv':
      return 'env';
  }
  const name = file.replace(/[?#].*$/, '');
  if (/\.min\.js$/i.test(name) || /\.d\.[cm]?ts$/i.test(name)) return undefined;
  if (YAML_EXT.test(name)) return 'yaml';
  if (JSON_EXT.test(name)) return 'json';
  // CloudFormation's own console writes `.template` files in either syntax.
  if (TEMPLATE_EXT.test(name)) return text !== undefined && /^\uFEFF?\s*\{/.test(text) ? 'json' : 'yaml';
  if (CODE_EXT.test(name)) return 'code';
  if (DOTENV_NAME.test(name)) return 'env';
  return undefined;
}

/**
 * Whether code looks like a minified or generated bundle: long, with very long lines. Such files
 * are build output, and their findings belong to the sources they were built from.
 */
export function looksMinified(text: string): boolean {
  if (text.length < 32 * 1024) return false;
  let lines = 1;
  let longest = 0;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    lines++;
    longest = Math.max(longest, i - start);
    start = i + 1;
  }
  longest = Math.max(longest, text.length - start);
  return longest > 5000 && text.length / lines > 500;
}
