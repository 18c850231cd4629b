/** The rule registry, sorted by id. One line per rule. */
import type { Rule } from '../engine/rule';
import { rule as deprecatedRuntime } from './deprecated-runtime';
import { rule as functionUrlPublic } from './function-url-public';
import { rule as iamBroadManagedPolicy } from './iam-broad-managed-policy';
import { rule as iamSharedRole } from './iam-shared-role';
import { rule as iamWildcardAction } from './iam-wildcard-action';
import { rule as iamWildcardResource } from './iam-wildcard-resource';
import { rule as invalidSuppression } from './invalid-suppression';
import { rule as resourcePolicyPublic } from './resource-policy-public';
import { rule as secretInEnvironment } from './secret-in-environment';
import { rule as sqlInjection } from './sql-injection';

export const RULES: readonly Rule[] = [
  deprecatedRuntime,
  functionUrlPublic,
  iamBroadManagedPolicy,
  iamSharedRole,
  iamWildcardAction,
  iamWildcardResource,
  invalidSuppression,
  resourcePolicyPublic,
  secretInEnvironment,
  sqlInjection,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.meta.id, r]));
