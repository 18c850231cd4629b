/**
 * What the server and the client agree on, declared once: the settings section, the
 * initialization options, the shape of a diagnostic's `data`, the custom requests and the
 * client commands the server names. Types and constants only, so the client can import it
 * without pulling engine code into its bundle. Requests are declared by method name and typed
 * params/result: the server and the client link different versions of vscode-jsonrpc, whose
 * RequestType classes do not mix.
 */
import type { Position, Range, WorkDoneProgressParams } from 'vscode-languageserver-protocol';
import type { Control, ControlStatus } from '../engine/defense-in-depth';
import type { Fix } from '../engine/finding';
import type { FrontEnd, Layer, RuleExample } from '../engine/rule';

/** `diagnostic.source` of everything this server publishes. */
export const DIAGNOSTIC_SOURCE = 'serverless-guard';

/** `diagnostic.code` of the one diagnostic a file that cannot be parsed gets. */
export const PARSE_ERROR_CODE = 'parse-error';

/** The configuration section of the editor settings (`serverlessGuard.*`). */
export const SETTINGS_SECTION = 'serverlessGuard';

export const DEFAULT_DEBOUNCE_MS = 300;

export type RunMode = 'onType' | 'onSave';

/** The `serverlessGuard` section as the editor sends it; every key may be missing or mistyped. */
export interface EditorSettings {
  enable?: boolean;
  rules?: Record<string, string>;
  exclude?: string[];
  run?: RunMode;
  maxFileSizeKB?: number;
  debounceMs?: number;
}

/** `initializationOptions` of the initialize request. */
export interface InitializationOptions {
  /** Delay between the last edit and the analysis; 0 analyses at once. */
  debounceMs?: number;
}

/** `diagnostic.data` of a finding: everything its code actions and the Explain view need. */
export interface DiagnosticData {
  ruleId: string;
  resource: string | null;
  fixes: Fix[];
  suppressed: boolean;
}

/** Client commands the server puts into code actions (the client registers them; see client/src/commands.ts). */
export const EXPLAIN_COMMAND = 'serverlessGuard.explain';
export const SET_CURSOR_COMMAND = 'serverlessGuard.setCursor';

/** Arguments of `serverlessGuard.explain` when a code action or the quick pick names a finding. */
export interface ExplainTarget {
  uri: string;
  ruleId: string;
  range: Range;
}

/** Arguments of `serverlessGuard.setCursor`: where to put the cursor after a suppression was inserted. */
export interface SetCursorArgs {
  uri: string;
  position: Position;
}

/** A rule's record as the Explain view shows it (the engine's RuleMeta, plus its docs address). */
export interface ExplainRule {
  id: string;
  title: string;
  layer: Layer | null;
  defaultSeverity: string;
  explanation: string;
  analogy: string;
  examples: RuleExample[];
  fixSummary: string;
  whenNotToUse: string;
  moduleQuestion?: string;
  docsUrl: string;
}

/** The finding being explained, as published (message and resource come from the user's file). */
export interface ExplainFinding {
  ruleId: string;
  severity: string;
  message: string;
  range: Range;
  resource: string | null;
  fixes: Fix[];
}

export interface ExplainLayer {
  layer: Layer;
  castlePart: string;
  services: string;
  summary: string;
}

/** What kind of source the file is, so the view shows the matching example. */
export type FileKind = FrontEnd;

export interface ExplainParams {
  uri: string;
  /** The finding under this position (the cursor), or … */
  position?: Position;
  /** … the finding of this rule at this range (a code action, the quick pick). */
  ruleId?: string;
  range?: Range;
}

export interface ExplainResult {
  rule: ExplainRule;
  /** null when the rule was named but its finding is gone (the text changed). */
  finding: ExplainFinding | null;
  fileKind: FileKind | null;
  /** The example for the file's kind (or the closest one), null when the rule has none. */
  example: RuleExample | null;
  layer: ExplainLayer | null;
}

/** `serverlessGuard/explain`: the rule record, the finding and the file kind for the Explain view; null when nothing is there. */
export namespace ExplainRequest {
  export const method = 'serverlessGuard/explain' as const;
  export type Params = ExplainParams;
  export type Result = ExplainResult | null;
}

/**
 * The controls of the defense-in-depth view, outermost first. Status: present; missing (with the
 * finding, when a rule reports it); n/a (does not apply to this kind); unknown (cannot tell from the template).
 */
export type { Control, ControlStatus };
export const CONTROLS: readonly Control[] = ['waf', 'authorizer', 'throttling', 'validation', 'least-privilege', 'encryption', 'secrets', 'audit'];

export interface ControlCheck {
  control: Control;
  layer: Layer;
  status: ControlStatus;
  /** One line: what was seen (e.g. "Auth.DefaultAuthorizer: CognitoAuth"). */
  detail: string;
  /** Where to go: the finding when a rule reports the gap, else the setting or the resource. */
  location?: { uri: string; range: Range };
  /** The rule whose finding this is, when a rule reports it. */
  ruleId?: string;
}

export interface DefenseItem {
  kind: 'api' | 'function';
  /** The logical id. */
  name: string;
  resourceType: string;
  uri: string;
  /** The resource's key in the template. */
  range: Range;
  checks: ControlCheck[];
}

export interface DefenseParams {
  /** Only this file's resources; all indexed templates otherwise. */
  uri?: string;
}

export interface DefenseResult {
  items: DefenseItem[];
  /** Templates looked at. */
  files: number;
}

/** `serverlessGuard/defenseInDepth`: the layers each API and function of the workspace has or lacks. */
export namespace DefenseInDepthRequest {
  export const method = 'serverlessGuard/defenseInDepth' as const;
  export type Params = DefenseParams;
  export type Result = DefenseResult;
}

export interface ScanWorkspaceParams extends WorkDoneProgressParams {}

export interface ScanWorkspaceResult {
  /** Files analysed (open documents are counted, but keep their live diagnostics). */
  files: number;
  /** Unsuppressed findings in those files. */
  findings: number;
  /** Files with findings. */
  filesWithFindings: number;
  /** Files that could not be parsed or were skipped. */
  errors: number;
  cancelled: boolean;
}

/**
 * `serverlessGuard/scanWorkspace`: analyses every indexed file and publishes diagnostics for the
 * files that are not open. Reports `$/progress` on the request's `workDoneToken`; cancel the
 * request to stop (what was already published stays).
 */
export namespace ScanWorkspaceRequest {
  export const method = 'serverlessGuard/scanWorkspace' as const;
  export type Params = ScanWorkspaceParams;
  export type Result = ScanWorkspaceResult;
}
