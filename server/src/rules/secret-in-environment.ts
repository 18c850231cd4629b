/**
 * secret-in-environment: a credential passed to a Lambda function as an environment variable,
 * whether written in the template, taken from a parameter, or resolved at deploy time from a
 * `{{resolve:secretsmanager:...}}` / `{{resolve:ssm-secure:...}}` dynamic reference (which
 * CloudFormation writes into the function's configuration in plain text, where it never rotates).
 */
import { CDK_CHECKS } from './cdk';
import type { FixInput, Rule, RuleContext } from '../engine/rule';
import type { TemplateModel, TemplateResource } from '../models/template/model';
import type { MapEntry, TNode } from '../models/template/nodes';
import { entry, get, getPath, intrinsicName, isMap, isScalar, isSeq, str } from '../models/template/nodes';
import type { CfnValue } from './shared/fix-text';
import {
  columnIndent, eolOf, insertEntriesBefore, isParameter, lineIndent, renderInline, renderYamlBlock, resourcesOfType, startsItsLine,
} from './shared/fix-text';

/** Name parts that say "this is a credential". */
const CREDENTIAL_WORDS = new Set([
  'PASSWORD', 'PASSWD', 'PASS', 'PWD', 'PASSPHRASE', 'SECRET', 'SECRETS', 'TOKEN', 'CREDENTIAL', 'CREDENTIALS', 'APIKEY', 'PRIVATEKEY',
]);
/** Two-part names that say the same: API_KEY, PRIVATE_KEY, ACCESS_KEY... */
const CREDENTIAL_PAIRS = new Set(['API KEY', 'PRIVATE KEY', 'ACCESS KEY', 'SECRET KEY', 'SIGNING KEY', 'AUTH KEY', 'MASTER KEY', 'CLIENT SECRET']);
/** A last part that makes the variable a pointer to a credential, or a setting about one: DB_SECRET_ARN, TOKEN_TABLE. */
const REFERENCE_WORDS = new Set([
  'ARN', 'NAME', 'ID', 'IDS', 'TABLE', 'BUCKET', 'QUEUE', 'TOPIC', 'PARAM', 'PARAMETER', 'PATH', 'URL', 'URI', 'ENDPOINT', 'HEADER',
  'TTL', 'EXPIRY', 'EXPIRATION', 'LENGTH', 'ENABLED', 'REGION', 'FILE', 'PREFIX', 'FIELD', 'TYPE', 'VERSION', 'LOCATION', 'ROLE',
  'POLICY', 'ROTATION', 'SECONDS', 'DAYS', 'COUNT', 'MODE', 'LIMIT', 'STORE', 'KEYID',
]);

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[_\-.\s]+/)
    .filter(Boolean)
    .map((w) => w.toUpperCase());
}

/** True for DB_PASSWORD, apiKey, STRIPE_SECRET; false for DB_SECRET_ARN, SECRET_NAME, TOKEN_TABLE. */
export function isCredentialName(name: string): boolean {
  const w = words(name);
  if (w.length === 0 || REFERENCE_WORDS.has(w[w.length - 1])) return false;
  if (w.some((x) => CREDENTIAL_WORDS.has(x))) return true;
  for (let i = 0; i + 1 < w.length; i++) if (CREDENTIAL_PAIRS.has(`${w[i]} ${w[i + 1]}`)) return true;
  return false;
}

type Source = { kind: 'literal' } | { kind: 'parameter'; name: string } | { kind: 'dynamic'; ref: string };

const DYNAMIC = /\{\{resolve:(secretsmanager|ssm-secure|ssm):[^}]*\}\}/;

/** How the value reaches the variable; undefined when it is not a credential value (a reference, an ARN, unknown). */
function sourceOf(model: TemplateModel, value: TNode): Source | undefined {
  if (isScalar(value)) {
    if (typeof value.value === 'boolean' || value.value === null) return undefined;
    const s = String(value.value);
    const dyn = DYNAMIC.exec(s);
    if (dyn) return { kind: 'dynamic', ref: dyn[0] };
    // Empty, an ARN or a parameter path names where the secret lives: that is the good pattern.
    if (s.trim() === '' || s.startsWith('arn:') || s.startsWith('/')) return undefined;
    return { kind: 'literal' };
  }
  const fn = intrinsicName(value);
  if (fn === 'Ref') {
    const name = str(get(value, 'Ref'));
    return name && isParameter(model, name) ? { kind: 'parameter', name } : undefined;
  }
  if (fn === 'Fn::Sub') {
    const arg = get(value, 'Fn::Sub');
    const template = isSeq(arg) ? str(arg.items[0]) : str(arg);
    if (template === undefined) return undefined;
    const dyn = DYNAMIC.exec(template);
    if (dyn) return { kind: 'dynamic', ref: dyn[0] };
    const param = [...template.matchAll(/\$\{([^!}.][^}.]*)\}/g)].map((m) => m[1]).find((n) => isParameter(model, n));
    if (param) return { kind: 'parameter', name: param };
    if (!template.includes('${')) return template.trim() && !template.startsWith('arn:') ? { kind: 'literal' } : undefined;
  }
  return undefined;
}

function pascal(name: string): string {
  return words(name)
    .map((w) => w[0] + w.slice(1).toLowerCase())
    .join('');
}

function checkVariables(ctx: RuleContext<TemplateModel>, variables: TNode | undefined, fn: TemplateResource | undefined, where: string): void {
  if (!isMap(variables) || intrinsicName(variables)) return;
  for (const v of variables.entries) {
    if (!isCredentialName(v.key)) continue;
    const source = sourceOf(ctx.model, v.value);
    if (!source) continue;
    const how =
      source.kind === 'literal'
        ? 'is written in the template'
        : source.kind === 'parameter'
          ? `comes from parameter ${source.name}, so it sits in plain text in the function's configuration`
          : `resolves ${source.ref} at deploy time into plain text in the function's configuration, where it never rotates`;
    ctx.report({
      start: v.value.start,
      end: v.value.end,
      resource: fn?.id ?? null,
      message: `${where}'s environment variable ${v.key} ${how} — pass the secret's ARN instead and read it from Secrets Manager at run time.`,
      fixes: [fixFor(ctx, v, fn)],
    });
  }
}

/**
 * Renames DB_PASSWORD to DB_PASSWORD_SECRET_ARN holding `!Ref` to the secret (the template's one
 * `AWS::SecretsManager::Secret`, or a placeholder), and grants the SAM function
 * `AWSSecretsManagerGetSecretValuePolicy` on it.
 */
function fixFor(ctx: RuleContext<TemplateModel>, v: MapEntry, fn: TemplateResource | undefined): FixInput {
  const { text, model } = ctx;
  const format = model.format;
  const secrets = resourcesOfType(model, ['AWS::SecretsManager::Secret']);
  const secretId = secrets.length === 1 ? secrets[0].id : `${pascal(v.key)}Secret`;
  // DB_PASSWORD → DB_PASSWORD_SECRET_ARN, apiKey → apiKeySecretArn: the name's own style.
  const newName = /[a-z]/.test(v.key) && !v.key.includes('_') ? `${v.key}SecretArn` : `${v.key}_SECRET_ARN`;
  const keyText = text.slice(v.keyStart, v.keyEnd);
  const ref: CfnValue = { Ref: secretId };
  const edits: FixInput['edits'] = [
    { start: v.keyStart, end: v.keyEnd, newText: keyText.replace(v.key, newName) },
    { start: v.value.start, end: v.value.end, newText: renderInline(ref, format) },
  ];
  const grant: CfnValue = { map: [['AWSSecretsManagerGetSecretValuePolicy', { map: [['SecretArn', ref]] }]] };
  let granted = false;
  if (fn?.type === 'AWS::Serverless::Function' && fn.properties) {
    const policies = entry(fn.properties, 'Policies');
    if (policies && isSeq(policies.value) && policies.value.items.length > 0) {
      const last = policies.value.items[policies.value.items.length - 1];
      let insert: string;
      if (format === 'yaml' && startsItsLine(text, last.start) && text[policies.value.start] !== '[') {
        const dash = lineIndent(text, last.start);
        insert = `${eolOf(text)}${dash}- ${renderYamlBlock(grant, `${dash}  `)}`;
      } else if (format === 'json' && startsItsLine(text, last.start)) {
        insert = `,${eolOf(text)}${columnIndent(text, last.start)}${renderInline(grant, format)}`;
      } else {
        insert = `, ${renderInline(grant, format)}`;
      }
      edits.push({ start: last.end, end: last.end, newText: insert });
      granted = true;
    } else if (!policies) {
      const env = entry(fn.properties, 'Environment');
      if (env && format === 'yaml' && startsItsLine(text, env.keyStart)) {
        const indent = columnIndent(text, env.keyStart);
        const eol = eolOf(text);
        const at = text.lastIndexOf('\n', env.keyStart - 1) + 1;
        edits.push({ start: at, end: at, newText: `${indent}Policies:${eol}${indent}  - ${renderYamlBlock(grant, `${indent}    `)}${eol}` });
        granted = true;
      } else if (env) {
        edits.push(insertEntriesBefore(text, format, env, [['Policies', { list: [grant] }]]));
        granted = true;
      }
    }
  }
  return {
    title: `Pass the secret's ARN as ${newName}${granted ? ' and allow secretsmanager:GetSecretValue on it' : ''}`,
    edits,
  };
}

function checkTemplate(ctx: RuleContext<TemplateModel>): void {
  const { model } = ctx;
  if (model.isSam) checkVariables(ctx, getPath(model.root, 'Globals', 'Function', 'Environment', 'Variables'), undefined, 'Globals.Function');
  for (const res of model.resources) {
    if (res.type !== 'AWS::Serverless::Function' && res.type !== 'AWS::Lambda::Function') continue;
    checkVariables(ctx, getPath(res.properties, 'Environment', 'Variables'), res, res.id);
  }
}

export const rule: Rule = {
  meta: {
    id: 'secret-in-environment',
    title: 'Credential passed as a Lambda environment variable',
    layer: 'Data',
    defaultSeverity: 'warning',
    explanation:
      'Environment variables are better than credentials in code, but they are part of the function\'s configuration: ' +
      'anyone who can read the function (`lambda:GetFunctionConfiguration`, the console, a deployment log) reads the ' +
      'secret, and it only changes when you redeploy, so it never rotates. That holds for a literal, a template ' +
      'parameter, and a `{{resolve:secretsmanager:...}}` dynamic reference alike: CloudFormation resolves it once at ' +
      'deploy time and writes the plain value into the configuration. Pass the secret\'s ARN instead, allow ' +
      '`secretsmanager:GetSecretValue` on that one secret, and in the handler read it at run time, once per execution ' +
      'environment (outside the handler function, or memoised), and cache it, so rotation takes effect without a redeploy.',
    analogy:
      'Hardcoding a password is writing it on the office door; an environment variable is a sticky note in the desk ' +
      'drawer — better hidden, but nobody ever changes it. Secrets Manager is the vault with a key that rotates itself.',
    examples: [
      {
        frontEnd: 'sam',
        bad: 'Environment:\n  Variables:\n    DB_PASSWORD: !Ref DbPassword',
        good: 'Environment:\n  Variables:\n    DB_PASSWORD_SECRET_ARN: !Ref DbSecret\nPolicies:\n  - AWSSecretsManagerGetSecretValuePolicy:\n      SecretArn: !Ref DbSecret',
      },
      {
        frontEnd: 'cloudformation',
        bad: '"Environment": { "Variables": { "API_KEY": "{{resolve:secretsmanager:stripe:SecretString:key}}" } }',
        good: '"Environment": { "Variables": { "API_KEY_SECRET_ARN": { "Ref": "StripeSecret" } } }',
      },
      {
        frontEnd: 'handler',
        bad: "const password = process.env.DB_PASSWORD;",
        good:
          "import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';\n" +
          'const client = new SecretsManagerClient({});\n' +
          'let cached: Promise<string> | undefined; // once per execution environment\n' +
          'function dbPassword(): Promise<string> {\n' +
          '  cached ??= client.send(new GetSecretValueCommand({ SecretId: process.env.DB_PASSWORD_SECRET_ARN }))\n' +
          "    .then((r) => r.SecretString ?? '');\n" +
          '  return cached;\n' +
          '}',
      },
      {
        frontEnd: 'cdk',
        bad: "new lambda.Function(this, 'Fn', { environment: { DB_PASSWORD: props.dbPassword }, ... });",
        good: "const fn = new lambda.Function(this, 'Fn', { environment: { DB_SECRET_ARN: secret.secretArn }, ... });\nsecret.grantRead(fn);",
      },
    ],
    fixSummary:
      'Renames the variable to `<NAME>_SECRET_ARN` holding `!Ref` to the secret (the template\'s one Secrets Manager secret, ' +
      'or a placeholder to create), and adds `AWSSecretsManagerGetSecretValuePolicy` on it to the SAM function\'s Policies.',
    whenNotToUse:
      'Values that only look like credentials (a public key, a test fixture in a sandbox stack); suppress with the reason.',
    moduleQuestion:
      'Q4: How should you store database credentials for a Lambda function? In AWS Secrets Manager with automatic rotation; environment variables are better than hardcoding but do not rotate.',
  },
  checkTemplate,
  checkCode: CDK_CHECKS['secret-in-environment'],
};
