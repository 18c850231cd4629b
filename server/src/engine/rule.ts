/** What a rule is: its record (shown by hovers, the Explain view, docs and SARIF) and its checks. */
import type { CodeModel } from '../models/code/model';
import type { TemplateModel } from '../models/template/model';
import type { SeveritySetting } from './finding';
import type { WorkspaceIndex } from './workspace';

/** The defense-in-depth layers of the castle, outermost first. */
export const LAYERS = ['Edge', 'API', 'Lambda', 'Data', 'Audit'] as const;
export type Layer = (typeof LAYERS)[number];

/** The kinds of source a rule can read. */
export type FrontEnd = 'handler' | 'sam' | 'cloudformation' | 'cdk';

export interface RuleExample {
  frontEnd: FrontEnd;
  bad: string;
  good: string;
}

export interface RuleMeta {
  id: string;
  title: string;
  /** null for rules about the tool itself (invalid-suppression). */
  layer: Layer | null;
  defaultSeverity: SeveritySetting;
  /** One paragraph: why it matters. */
  explanation: string;
  /** The course module's picture for this risk. */
  analogy: string;
  examples: RuleExample[];
  /** What the quick fix does, in one sentence. */
  fixSummary: string;
  whenNotToUse: string;
  /** The module's quiz question this rule relates to, if any. */
  moduleQuestion?: string;
}

export interface FixInput {
  title: string;
  /** Offsets into the file's text. */
  edits: { start: number; end: number; newText: string }[];
}

export interface ReportInput {
  /** Offsets into the file's text of the most specific offending text. */
  start: number;
  end: number;
  message: string;
  resource?: string | null;
  fixes?: FixInput[];
  related?: { start: number; end: number; message: string }[];
}

export interface RuleContext<M> {
  /** The file as the caller named it. */
  file: string;
  text: string;
  model: M;
  workspace: WorkspaceIndex;
  report(finding: ReportInput): void;
}

export interface Rule {
  meta: RuleMeta;
  /**
   * True when the rule reads files other than the one it checks (through the workspace index):
   * an edit to one file may then change another file's findings, so the server re-analyses
   * open documents after it.
   */
  readsOtherFiles?: boolean;
  checkTemplate?(ctx: RuleContext<TemplateModel>): void;
  checkCode?(ctx: RuleContext<CodeModel>): void;
}

export const DOCS_BASE = 'https://github.com/serverless-guard/serverless-guard/blob/main/docs/rules/';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}${ruleId}.md`;
}
