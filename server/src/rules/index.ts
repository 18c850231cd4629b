/** The rule registry, sorted by id. One line per rule. */
import type { Rule } from '../engine/rule';
import { rule as iamWildcardAction } from './iam-wildcard-action';
import { rule as invalidSuppression } from './invalid-suppression';
import { rule as leastPrivilege } from './least-privilege';
import { rule as sqlInjection } from './sql-injection';

export const RULES: readonly Rule[] = [
  iamWildcardAction,
  invalidSuppression,
  leastPrivilege,
  sqlInjection,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.meta.id, r]));
