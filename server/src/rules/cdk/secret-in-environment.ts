/** secret-in-environment on CDK: a credential passed as a Lambda environment variable (`environment: { DB_PASSWORD: ... }`). */
import * as ts from 'typescript';
import { isFunctionClass, strip } from '../../models/cdk';
import type { CdkCheck } from './shared';
import { span } from './shared';
import { entries, isCredentialName, secretValueKind } from './secrets';
const { isCallExpression, isIdentifier, isPropertyAccessExpression, isPropertyAssignment } = ts;

/** `secret` in `secret.secretValue`, `secret.secretValueFromJson('k').unsafeUnwrap()`, `secret.secretValue.toString()`. */
function secretBehind(expr: ts.Expression): ts.Expression | undefined {
  let e = strip(expr);
  if (isCallExpression(e) && isPropertyAccessExpression(e.expression) && ['unsafeUnwrap', 'toString'].includes(e.expression.name.text)) e = strip(e.expression.expression);
  if (isCallExpression(e) && isPropertyAccessExpression(e.expression) && e.expression.name.text === 'secretValueFromJson') return e.expression.expression;
  if (isPropertyAccessExpression(e) && e.expression && e.name.text === 'secretValue') return e.expression;
  return undefined;
}

export const check: CdkCheck = (ctx, cdk) => {
  const sf = ctx.model.sourceFile;
  for (const fn of cdk.constructs) {
    let env;
    if (isFunctionClass(fn.cls)) env = cdk.resolver.prop(fn.props, 'environment').hits[0]?.value;
    else if (fn.cls === 'lambda.CfnFunction') env = cdk.resolver.path(fn.props, ['environment', 'variables']).hits[0]?.value;
    else continue;
    for (const [key, hit] of entries(cdk, env)) {
      if (!isCredentialName(key)) continue;
      const kind = secretValueKind(cdk, hit.value);
      if (!kind) continue;
      const base = secretBehind(hit.value.expr);
      const isSecret =
        base !== undefined &&
        (cdk.constructsOf({ expr: base, env: hit.value.env }).some((c) => /^(secretsmanager\.Secret|rds\.DatabaseSecret)$/.test(c.cls)) ||
          cdk.resolver.resolve({ expr: base, env: hit.value.env }).some((t) => /^secretsmanager\.Secret\.from/.test(cdk.imports.qualify(isCallExpression(t.expr) ? t.expr.expression : t.expr) ?? '')));
      // DB_PASSWORD: secret.secretValue.unsafeUnwrap() → DB_PASSWORD_SECRET_ARN: secret.secretArn
      const fixes =
        isSecret && isPropertyAssignment(hit.element) && isIdentifier(hit.element.name)
          ? [{ title: `Pass the secret's ARN instead (${key}_SECRET_ARN) and read it at run time`, edits: [{ ...span(hit.element, sf), newText: `${key}_SECRET_ARN: ${base!.getText(sf)}.secretArn` }] }]
          : [];
      ctx.report({
        ...span(hit.value.expr, sf),
        resource: fn.name,
        message: `${fn.name} gets ${key} as an environment variable (${kind}): it sits in plain text in the function's configuration and never rotates — pass the secret's ARN and read it from Secrets Manager at run time.`,
        fixes,
      });
    }
  }
};
