/** The rule registry, sorted by id. One line per rule. */
import type { Rule } from '../engine/rule';
import { rule as apiMissingAuthorizer } from './api-missing-authorizer';
import { rule as apiMissingRequestValidation } from './api-missing-request-validation';
import { rule as apiMissingThrottling } from './api-missing-throttling';
import { rule as apiMissingWaf } from './api-missing-waf';
import { rule as deprecatedRuntime } from './deprecated-runtime';
import { rule as encryptionDefaultKey } from './encryption-default-key';
import { rule as functionUrlPublic } from './function-url-public';
import { rule as hardcodedSecret } from './hardcoded-secret';
import { rule as iamBroadManagedPolicy } from './iam-broad-managed-policy';
import { rule as iamSharedRole } from './iam-shared-role';
import { rule as iamWildcardAction } from './iam-wildcard-action';
import { rule as iamWildcardResource } from './iam-wildcard-resource';
import { rule as invalidSuppression } from './invalid-suppression';
import { rule as jwtAuthorizerIncomplete } from './jwt-authorizer-incomplete';
import { rule as leastPrivilege } from './least-privilege';
import { rule as missingAuditTrail } from './missing-audit-trail';
import { rule as resourcePolicyPublic } from './resource-policy-public';
import { rule as s3InsecureTransport } from './s3-insecure-transport';
import { rule as s3PublicAccess } from './s3-public-access';
import { rule as secretInEnvironment } from './secret-in-environment';
import { rule as sqlInjection } from './sql-injection';
import { rule as unencryptedMessaging } from './unencrypted-messaging';

export const RULES: readonly Rule[] = [
  apiMissingAuthorizer,
  apiMissingRequestValidation,
  apiMissingThrottling,
  apiMissingWaf,
  deprecatedRuntime,
  encryptionDefaultKey,
  functionUrlPublic,
  hardcodedSecret,
  iamBroadManagedPolicy,
  iamSharedRole,
  iamWildcardAction,
  iamWildcardResource,
  invalidSuppression,
  jwtAuthorizerIncomplete,
  leastPrivilege,
  missingAuditTrail,
  resourcePolicyPublic,
  s3InsecureTransport,
  s3PublicAccess,
  secretInEnvironment,
  sqlInjection,
  unencryptedMessaging,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.meta.id, r]));
