/** Credentials in CDK code: which names hold one, and the entries of a function's `environment`. */
import * as ts from 'typescript';
import type { CdkModel, PropHit, Val } from '../../models/cdk';
import { strip } from '../../models/cdk';
import { propertyNameText } from '../../models/cdk/values';
const { isCallExpression, isObjectLiteralExpression, isPropertyAccessExpression, isPropertyAssignment, isShorthandPropertyAssignment, isSpreadAssignment, isStringLiteralLike } = ts;

const CREDENTIAL = /(^|_)(PASSWORD|PASSWD|PWD|PASS|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|SECRET_?KEY|ACCESS_?KEY|CLIENT_?SECRET|CREDENTIALS?|AUTH_?KEY|SIGNING_?KEY)(_|$)/;
/** Names that hold where a credential is, not the credential: `DB_SECRET_ARN`, `TOKEN_URL`, `secretName`. */
const REFERENCE = /(_ARN|_NAME|_ID|_PARAM|_PARAMETER|_PATH|_REF|_URL|_URI|_ENDPOINT|_FILE|_HEADER|_TTL|_EXPIRY|_LENGTH|_REGION|_TYPE|_ENABLED|_VERSION)$/;

/** `dbPassword` → DB_PASSWORD, for matching keys written in any case. */
function normalize(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[-.\s]/g, '_').toUpperCase();
}

const credentialNames = new Map<string, boolean>();

export function isCredentialName(key: string): boolean {
  let known = credentialNames.get(key);
  if (known === undefined) {
    const n = normalize(key);
    known = CREDENTIAL.test(n) && !REFERENCE.test(n);
    // Keys repeat across a stack (runtime, handler, code...); the map stays as small as the vocabulary.
    if (credentialNames.size < 10000) credentialNames.set(key, known);
  }
  return known;
}

/** A literal that looks like a secret's value rather than a pointer to one or an empty placeholder. */
export function isSecretLiteral(text: string): boolean {
  return text.trim().length > 0 && !/^(arn:|\{\{resolve:|\/|ssm:|https?:\/\/|\$\{)/.test(text);
}

/** The entries of an object value (`environment: { ...common, DB_PASSWORD: x }`), later keys winning. */
export function entries(cdk: CdkModel, v: Val | undefined, depth = 0): Map<string, PropHit> {
  const out = new Map<string, PropHit>();
  if (!v || depth > 8) return out;
  for (const t of cdk.resolver.resolve(v)) {
    if (!isObjectLiteralExpression(t.expr)) continue;
    for (const p of t.expr.properties) {
      if (isSpreadAssignment(p)) {
        for (const [k, h] of entries(cdk, { expr: p.expression, env: t.env }, depth + 1)) out.set(k, h);
        continue;
      }
      const key = propertyNameText(p.name);
      if (key === undefined) continue;
      if (isPropertyAssignment(p)) out.set(key, { element: p, value: { expr: p.initializer, env: t.env } });
      else if (isShorthandPropertyAssignment(p)) out.set(key, { element: p, value: { expr: p.name, env: t.env } });
    }
  }
  return out;
}

/** Whether a value is surely a credential's plaintext at deploy time: a literal, an unwrapped SecretValue, an SSM value, process.env. */
export function secretValueKind(cdk: CdkModel, v: Val): string | undefined {
  for (const t of cdk.resolver.resolve(v)) {
    const e = strip(t.expr);
    if (isStringLiteralLike(e)) {
      if (isSecretLiteral(e.text)) return 'a literal';
      continue;
    }
    const text = e.getText();
    if (isCallExpression(e) || isPropertyAccessExpression(e)) {
      const q = cdk.imports.qualify(isCallExpression(e) ? e.expression : e) ?? '';
      if (/^core\.SecretValue\./.test(q)) return 'a SecretValue';
      if (/^ssm\.StringParameter\.value(ForStringParameter|ForSecureStringParameter|ForTypedStringParameter|FromLookup)/.test(q)) return 'an SSM parameter value';
      if (/\.unsafeUnwrap\(\)$/.test(text) || /\.secretValue(FromJson\([^)]*\))?(\.toString\(\))?$/.test(text)) return 'a Secrets Manager value';
      if (/^process\.env\.[A-Za-z_]\w*$/.test(text)) return 'a value from the deploying machine (process.env)';
    }
  }
  return undefined;
}
