/**
 * What the server and the client agree on, declared once: the settings section, the
 * initialization options and the shape of a diagnostic's `data`. Types and constants only, so
 * the client can import it without pulling server code into its bundle.
 */
import type { Fix } from '../engine/finding';

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
