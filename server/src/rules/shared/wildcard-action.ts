/** What counts as a wildcard action, shared by the template and CDK front ends of iam-wildcard-action. */

/** `*`, or a service prefix followed by `:*` (`dynamodb:*`). Narrower wildcards (`s3:Get*`) are another matter. */
export function isWildcardAction(action: string): boolean {
  return action === '*' || /^[a-zA-Z0-9-]+:\*$/.test(action);
}
