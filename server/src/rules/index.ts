/** The rule registry, sorted by id. One line per rule. */
import type { Rule } from '../engine/rule';
import { rule as hardcodedSecret } from './hardcoded-secret';
import { rule as iamWildcardAction } from './iam-wildcard-action';
import { rule as invalidSuppression } from './invalid-suppression';
import { rule as sqlInjection } from './sql-injection';

export const RULES: readonly Rule[] = [
  hardcodedSecret,
  iamWildcardAction,
  invalidSuppression,
  sqlInjection,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.meta.id, r]));
