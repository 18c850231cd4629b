/**
 * Every command of the extension, declared once: id, title and where it shows. package.json's
 * `contributes.commands` and `menus` are checked against this table by a test; the handlers are
 * registered from it in commands.ts. Pure data, no VS Code import.
 */
import { EXPLAIN_COMMAND, SET_CURSOR_COMMAND } from '../../server/src/lsp/protocol';

export const CATEGORY = 'Serverless Guard';

export interface CommandSpec {
  id: string;
  title: string;
  /** In the command palette: always (true), never (false: internal, needs arguments), or under this `when` clause. */
  palette: boolean | string;
  /** Shown in the editor's context menu under this `when` clause. */
  editorContext?: string;
}

/** Files the server reads: the context menu entry shows only there. */
export const LANGUAGES_WHEN = 'editorLangId =~ /^(yaml|json|jsonc|typescript|typescriptreact|javascript|javascriptreact)$/';

export const COMMANDS = {
  explain: { id: EXPLAIN_COMMAND, title: 'Explain this risk', palette: 'editorIsOpen', editorContext: LANGUAGES_WHEN },
  showDefenseInDepth: { id: 'serverlessGuard.showDefenseInDepth', title: 'Show defense in depth', palette: true },
  scanWorkspace: { id: 'serverlessGuard.scanWorkspace', title: 'Scan workspace', palette: true },
  showOutput: { id: 'serverlessGuard.showOutput', title: 'Show output', palette: true },
  restartServer: { id: 'serverlessGuard.restartServer', title: 'Restart the language server', palette: true },
  applyFix: { id: 'serverlessGuard.applyFix', title: 'Apply a quick fix', palette: false },
  setCursor: { id: SET_CURSOR_COMMAND, title: 'Put the cursor on the suppression reason', palette: false },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;

/** What package.json must contribute for the table: commands and their menus. */
export function manifestContributions(): {
  commands: { command: string; title: string; category: string }[];
  menus: { commandPalette: { command: string; when: string }[]; 'editor/context': { command: string; when: string; group: string }[] };
} {
  const specs: CommandSpec[] = Object.values(COMMANDS);
  return {
    commands: specs.map((c) => ({ command: c.id, title: c.title, category: CATEGORY })),
    menus: {
      commandPalette: specs.filter((c) => c.palette !== true).map((c) => ({ command: c.id, when: c.palette === false ? 'false' : String(c.palette) })),
      'editor/context': specs.filter((c) => c.editorContext).map((c) => ({ command: c.id, when: c.editorContext!, group: 'serverlessGuard@1' })),
    },
  };
}
