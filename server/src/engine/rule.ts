/** What a rule is: its record (shown by hovers, the Explain view, docs and SARIF) and its checks. */
import type { CodeModel } from '../models/code/model';
import type { TemplateModel } from '../models/template/model';
import type { Severity, SeveritySetting } from './finding';
import type { LineIndex } from './text';
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
  /** Longer notes for the docs page only (what the rule reads and recognises), each a section of Markdown. */
  details?: { heading: string; markdown: string }[];
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
  /**
   * A milder severity for this one finding than the rule's (a runtime that is only approaching
   * its deprecation date). It never raises the configured severity.
   */
  severity?: Severity;
  fixes?: FixInput[];
  /** Steps of the evidence; offsets into `file` when given (another indexed file), else into this one. */
  related?: { file?: string; start: number; end: number; message: string }[];
}

export interface RuleContext<M> {
  /** The file as the caller named it. */
  file: string;
  text: string;
  model: M;
  workspace: WorkspaceIndex;
  report(finding: ReportInput): void;
}

/** A configuration file read as text: a dotenv file, or YAML/JSON that is not a template. */
export interface TextModel {
  kind: 'text';
  format: 'env' | 'yaml' | 'json';
  lines: LineIndex;
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
  /** Configuration files (`.env`, YAML/JSON that is not a template); only rules that look for secrets need it. */
  checkText?(ctx: RuleContext<TextModel>): void;
}

export const DOCS_BASE = 'https://github.com/serverless-guard/serverless-guard/blob/main/docs/rules/';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}${ruleId}.md`;
}
