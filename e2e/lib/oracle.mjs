// What the editor should show, asked of the language server itself: the server bundle from the
// installed extension is started over stdio on a copy of the workspace, the files are opened,
// and their published diagnostics (with the quick fixes in their `data`) are returned. The UI
// steps then check that VS Code shows exactly these, and use them to decide whether an optional
// capability (CDK findings, a template quick fix) is in this build at all.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../../scripts/bench/lsp-client.mjs';

const LANGUAGE = { '.ts': 'typescript', '.js': 'javascript', '.yaml': 'yaml', '.yml': 'yaml', '.json': 'json' };

/**
 * @param {string} node the Node binary the editor runs the server with
 * @param {string} serverJs server/out/server.js of the installed extension
 * @param {string} folder the workspace folder
 * @param {string[]} files paths relative to `folder`
 * @returns {Promise<Map<string, any[]>>} relative path → published diagnostics
 */
export async function publishedDiagnostics(node, serverJs, folder, files) {
  const client = new LspClient(node, [serverJs, '--stdio'], {
    cwd: folder,
    onServerRequest: (method, params) =>
      method === 'workspace/configuration' ? (params?.items ?? []).map((item) => (item.section === 'serverlessGuard' ? { debounceMs: 0 } : null)) : null,
  });
  try {
    const uri = pathToFileURL(folder).href;
    await client.request('initialize', {
      processId: process.pid,
      clientInfo: { name: 'serverless-guard-e2e' },
      rootUri: uri,
      workspaceFolders: [{ uri, name: path.basename(folder) }],
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true },
        textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true } },
      },
      initializationOptions: { debounceMs: 0 },
    });
    // Findings that read other files (a stack's handlers) need the workspace crawl: wait for its
    // "indexed N files" line, so the first diagnostics of each file are its complete ones.
    const crawled = client.waitFor('window/logMessage', (p) => /indexed \d+ files?/.test(p.message ?? ''), 60_000);
    client.notify('initialized', {});
    await crawled;
    const result = new Map();
    for (const rel of files) {
      const file = path.join(folder, rel);
      const fileUri = pathToFileURL(file).href;
      const published = client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === fileUri && (p.version === undefined || p.version === 1), 60_000);
      client.notify('textDocument/didOpen', { textDocument: { uri: fileUri, languageId: LANGUAGE[path.extname(file)] ?? 'plaintext', version: 1, text: fs.readFileSync(file, 'utf8') } });
      result.set(rel, (await published).params.diagnostics.filter((d) => d.source === 'serverless-guard'));
    }
    return result;
  } finally {
    await client.close();
  }
}

/** Applies LSP text edits (non-overlapping, in one document) to `text`. */
export function applyEdits(text, edits) {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (p) => Math.min((lineStarts[p.line] ?? text.length) + p.character, text.length);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

/** The rule id of a diagnostic (`code` is a string, or { value, target } once it has a docs link). */
export function ruleIdOf(d) {
  return typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code);
}

/** The quick fixes a diagnostic carries, as published (`data.fixes`: { title, edits }). */
export function fixesOf(d) {
  return Array.isArray(d.data?.fixes) ? d.data.fixes : [];
}
