/**
 * The CDK side of the infrastructure rules, keyed by rule id. Each rule file's `checkCode` calls
 * its entry here; the CDK model is built once per parsed file (cached on the syntax tree) and
 * shared by every check, and files that import no CDK module cost one look at their imports.
 */
import type { RuleContext, ReportInput } from '../../engine/rule';
import type { CodeModel } from '../../models/code/model';
import { cdkModelOf } from '../../models/cdk';
import type { CdkCheck } from './shared';
import { check as apiMissingAuthorizer } from './api-missing-authorizer';
import { check as apiMissingRequestValidation } from './api-missing-request-validation';
import { check as apiMissingThrottling } from './api-missing-throttling';
import { check as apiMissingWaf } from './api-missing-waf';
import { check as deprecatedRuntime } from './deprecated-runtime';
import { check as encryptionDefaultKey } from './encryption-default-key';
import { check as functionUrlPublic } from './function-url-public';
import { check as hardcodedSecret } from './hardcoded-secret';
import { check as iamBroadManagedPolicy } from './iam-broad-managed-policy';
import { check as iamSharedRole } from './iam-shared-role';
import { check as iamWildcardAction } from './iam-wildcard-action';
import { check as iamWildcardResource } from './iam-wildcard-resource';
import { check as leastPrivilege } from './least-privilege';
import { check as missingAuditTrail } from './missing-audit-trail';
import { check as resourcePolicyPublic } from './resource-policy-public';
import { check as s3InsecureTransport } from './s3-insecure-transport';
import { check as s3PublicAccess } from './s3-public-access';
import { check as secretInEnvironment } from './secret-in-environment';
import { check as unencryptedMessaging } from './unencrypted-messaging';

/** Runs a check on CDK files only, reporting each finding once (a helper called twice reports its literal once). */
function cdkOnly(check: CdkCheck): (ctx: RuleContext<CodeModel>) => void {
  return (ctx) => {
    const cdk = cdkModelOf(ctx.model.sourceFile);
    if (!cdk.isCdk) return;
    const seen = new Set<string>();
    const report = (r: ReportInput): void => {
      const key = `${r.start}:${r.end}:${r.message}`;
      if (seen.has(key)) return;
      seen.add(key);
      ctx.report(r);
    };
    check({ ...ctx, report }, cdk);
  };
}

export const CDK_CHECKS: Record<string, (ctx: RuleContext<CodeModel>) => void> = {
  'api-missing-authorizer': cdkOnly(apiMissingAuthorizer),
  'api-missing-request-validation': cdkOnly(apiMissingRequestValidation),
  'api-missing-throttling': cdkOnly(apiMissingThrottling),
  'api-missing-waf': cdkOnly(apiMissingWaf),
  'deprecated-runtime': cdkOnly(deprecatedRuntime),
  'encryption-default-key': cdkOnly(encryptionDefaultKey),
  'function-url-public': cdkOnly(functionUrlPublic),
  'hardcoded-secret': cdkOnly(hardcodedSecret),
  'iam-broad-managed-policy': cdkOnly(iamBroadManagedPolicy),
  'iam-shared-role': cdkOnly(iamSharedRole),
  'iam-wildcard-action': cdkOnly(iamWildcardAction),
  'iam-wildcard-resource': cdkOnly(iamWildcardResource),
  'least-privilege': cdkOnly(leastPrivilege),
  'missing-audit-trail': cdkOnly(missingAuditTrail),
  'resource-policy-public': cdkOnly(resourcePolicyPublic),
  's3-insecure-transport': cdkOnly(s3InsecureTransport),
  's3-public-access': cdkOnly(s3PublicAccess),
  'secret-in-environment': cdkOnly(secretInEnvironment),
  'unencrypted-messaging': cdkOnly(unencryptedMessaging),
};
