/**
 * hardcoded-secret: credentials, keys and tokens written into handler code, templates and
 * configuration files (.env, YAML/JSON that is not a template). Known token formats are found
 * anywhere; a generic value counts when its name says it is a credential and the value is neither
 * a placeholder nor a reference. The formats and filters are data (shared/secret-patterns.ts).
 */
// The default import: a namespace import of this CommonJS package goes through a getter per
// property access once bundled, which costs more than the analysis itself on large files.
import { CDK_CHECKS } from './cdk';
import ts from 'typescript';
import type { FixInput, Rule, RuleContext, TextModel } from '../engine/rule';
import type { CodeModel } from '../models/code/model';
import type { TemplateModel } from '../models/template/model';
import type { MapNode, ScalarNode, TNode } from '../models/template/nodes';
import { entry, isMap, isSeq } from '../models/template/nodes';
import {
  NOT_SECRET_NAMES,
  PLACEHOLDER_VALUE,
  REFERENCE_VALUE,
  SECRET_FORMATS,
  SECRET_NAME_ENDINGS,
  UUID,
} from './shared/secret-patterns';

/** `AKIA…WXYZ`: enough to recognise the value, never enough to use it. */
export function redact(secret: string): string {
  if (secret.startsWith('-----BEGIN')) return secret;
  if (secret.length >= 16) return `${secret.slice(0, 4)}…${secret.slice(-4)}`;
  if (secret.length >= 8) return `${secret.slice(0, 2)}…${secret.slice(-2)}`;
  return '…';
}

/** Whether a name says its value is a credential: `dbPassword`, `STRIPE_API_KEY`, `clientSecret`. */
export function isSecretName(name: string): boolean {
  if (NOT_SECRET_NAMES.some((r) => r.test(name))) return false;
  const flat = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  return SECRET_NAME_ENDINGS.some((e) => flat.endsWith(e));
}

/** Shannon entropy in bits per character. */
function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

function isPlaceholder(v: string): boolean {
  return PLACEHOLDER_VALUE.test(v.trim());
}

/**
 * Whether a literal value assigned to a secret-like name is itself a credential, not a placeholder,
 * a reference (ARN, path, env var name, dynamic reference), an id, a hash or a sentence.
 */
export function looksLikeSecretValue(raw: string, name: string): boolean {
  const v = raw.trim().replace(/^'(.*)'$/, '$1');
  const flat = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (flat.endsWith('connectionstring') || flat.endsWith('connstring')) {
    const m = /(?:password|pwd)\s*=\s*([^;'"]+)/i.exec(v);
    return m !== null && !isPlaceholder(m[1]) && !REFERENCE_VALUE.test(m[1]);
  }
  if (v.length < 8 || v.length > 4096) return false;
  if (isPlaceholder(v) || REFERENCE_VALUE.test(v) || UUID.test(v)) return false;
  if (/\s/.test(v)) return false; // a sentence or a label, not a credential
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(v)) return false; // the name of an environment variable
  if (/^[a-z0-9_.-]+(?:\/[a-z0-9_.-]+)+$/i.test(v) && !/[A-Z].*\d|\d.*[A-Z]/.test(v)) return false; // a path or secret name
  if (/^[a-z]+(?:[A-Z][a-z]+)+$/.test(v)) return false; // a camelCase identifier
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(v)).length;
  if (classes < 2 && v.length < 16) return false;
  return entropy(v) >= 2.8;
}

interface FormatMatch {
  start: number;
  end: number;
  label: string;
  secret: string;
  id: string;
}

/** Every known-format credential in `text`, placeholders left out. */
export function findFormats(text: string): FormatMatch[] {
  const out: FormatMatch[] = [];
  for (const f of SECRET_FORMATS) {
    f.pattern.lastIndex = 0;
    for (let m = f.pattern.exec(text); m; m = f.pattern.exec(text)) {
      const secret = m.groups?.secret ?? m[0];
      const start = m.groups?.secret !== undefined ? m.index + m[0].lastIndexOf(secret) : m.index;
      if (isPlaceholder(secret) || /EXAMPLE/i.test(m[0])) continue;
      if (out.some((o) => start < o.end && o.start < start + secret.length)) continue;
      out.push({ start, end: start + secret.length, label: f.label, secret, id: f.id });
      if (m[0].length === 0) f.pattern.lastIndex++;
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

const WHY = 'anyone who can read the code, the repository or a build artifact can use it, and it cannot rotate';

function adviceFor(formatId: string): string {
  return formatId.startsWith('aws-')
    ? "Let the function's execution role supply AWS credentials; never put access keys in code."
    : 'Read it at run time from AWS Secrets Manager.';
}

// ---------------------------------------------------------------------------------------------
// Handler code

/** A secret-like name followed by an assignment or a colon and a string, or a CDK plain-text secret: worth a closer look. */
const SECRET_NAME_HINT = /(?:pass(?:wd|word|phrase)?|pwd|secret|key|token|credentials?|authorization|conn(?:ection)?string)[^\n;]{0,40}?[:=]\s*["'`]|PlainText\(/i;

function isTestFile(file: string): boolean {
  return /(?:^|[\\/])(?:__tests__|__mocks__|tests?|spec|fixtures?)[\\/]|\.(?:test|spec)\.[cm]?[jt]sx?$/i.test(file);
}

/** The name a literal is assigned to: a variable, a property, an assignment target, a parameter. */
function nameOf(lit: ts.Node): string | undefined {
  const p = lit.parent;
  if (!p) return undefined;
  if (ts.isVariableDeclaration(p) && p.initializer === lit && ts.isIdentifier(p.name)) return p.name.text;
  if (ts.isPropertyAssignment(p) && p.initializer === lit) {
    if (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) || ts.isPrivateIdentifier(p.name)) return p.name.text;
  }
  if (ts.isPropertyDeclaration(p) && p.initializer === lit && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) return p.name.text;
  if (ts.isParameter(p) && p.initializer === lit && ts.isIdentifier(p.name)) return p.name.text;
  if (ts.isBinaryExpression(p) && p.right === lit && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const l = p.left;
    if (ts.isIdentifier(l)) return l.text;
    if (ts.isPropertyAccessExpression(l)) return l.name.text;
    if (ts.isElementAccessExpression(l) && ts.isStringLiteralLike(l.argumentExpression)) return l.argumentExpression.text;
  }
  // CDK: SecretValue.unsafePlainText('...') puts the value into the synthesized template.
  if (ts.isCallExpression(p) && p.arguments[0] === lit && /(?:^|\.)(?:unsafePlainText|plainText)$/.test(p.expression.getText())) return 'SecretValue.unsafePlainText(secret)';
  if (ts.isJsxAttribute(p.parent ?? p) && ts.isIdentifier((p.parent as ts.JsxAttribute).name)) return ((p.parent as ts.JsxAttribute).name as ts.Identifier).text;
  return undefined;
}

/**
 * Code and CDK stacks: the CDK check knows constructs (it names the construct and offers
 * `SecretValue.secretsManager`), so where both see the same literal the CDK finding stands.
 */
function checkCodeAndCdk(ctx: RuleContext<CodeModel>): void {
  const cdkSpans: { start: number; end: number }[] = [];
  CDK_CHECKS['hardcoded-secret']({
    ...ctx,
    report: (r) => {
      cdkSpans.push(r);
      ctx.report(r);
    },
  });
  checkCode({ ...ctx, report: (r) => (cdkSpans.some((c) => r.start < c.end && c.start < r.end) ? undefined : ctx.report(r)) });
}

function checkCode(ctx: RuleContext<CodeModel>): void {
  const sf = ctx.model.sourceFile;
  const text = ctx.text;
  const literals: (ts.StringLiteral | ts.NoSubstitutionTemplateLiteral)[] = [];
  // The walk that collects literals is skipped when nothing in the text is assigned to a
  // secret-like name: on a large handler it would cost a fair part of a parse.
  if (SECRET_NAME_HINT.test(text)) {
    const visit = (n: ts.Node): void => {
      if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) {
        literals.push(n);
        return;
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  /** The string literal holding an offset, found by descending from the root. */
  const literalAt = (offset: number): ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | undefined => {
    let node: ts.Node = sf;
    for (;;) {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node;
      const child: ts.Node | undefined = ts.forEachChild(node, (c) => (c.getStart(sf) <= offset && offset < c.end ? c : undefined));
      if (!child) return undefined;
      node = child;
    }
  };
  const taken: { start: number; end: number }[] = [];
  const overlaps = (s: number, e: number) => taken.some((t) => s < t.end && t.start < e);

  for (const m of findFormats(text)) {
    const lit = literalAt(m.start);
    const name = lit ? nameOf(lit) : undefined;
    taken.push({ start: m.start, end: m.end });
    const whole = lit !== undefined && (lit.text === m.secret || m.id === 'private-key');
    const fixes = whole ? codeFixes(ctx, lit, name ?? m.id) : [];
    ctx.report({
      start: m.start,
      end: m.end,
      resource: null,
      message: `Hardcoded ${m.label} (${redact(m.secret)}): ${WHY}. ${adviceFor(m.id)}`,
      fixes,
    });
  }
  if (isTestFile(ctx.file)) return; // test fixtures hold fake credentials by design; known formats above still count
  for (const lit of literals) {
    const name = nameOf(lit);
    if (!name || !isSecretName(name) || !looksLikeSecretValue(lit.text, name)) continue;
    const start = lit.getStart(sf);
    if (overlaps(start, lit.end)) continue;
    ctx.report({
      start,
      end: lit.end,
      resource: null,
      message: `Hardcoded secret in ${name} (${redact(lit.text)}): ${WHY}. Read it at run time from AWS Secrets Manager.`,
      fixes: codeFixes(ctx, lit, name),
    });
  }
}

function envNameFor(name: string): string {
  const snake = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  return `${snake || 'SECRET'}_SECRET_ARN`;
}

/** The SDK client a `credentials: {...}` object configures: `new S3Client({ credentials: {...} })`. */
function credentialsProperty(lit: ts.Node): ts.PropertyAssignment | undefined {
  const prop = lit.parent;
  if (!prop || !ts.isPropertyAssignment(prop)) return undefined;
  const obj = prop.parent;
  const credentials = obj?.parent;
  if (!credentials || !ts.isPropertyAssignment(credentials) || credentials.name.getText() !== 'credentials') return undefined;
  const config = credentials.parent;
  return config && ts.isObjectLiteralExpression(config) && config.parent && ts.isNewExpression(config.parent) ? credentials : undefined;
}

function codeFixes(ctx: RuleContext<CodeModel>, lit: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral, name: string): FixInput[] {
  const sf = ctx.model.sourceFile;
  const creds = credentialsProperty(lit);
  if (creds) {
    // AWS credentials in an SDK client: the function's execution role already supplies them.
    const text = ctx.text;
    let end = creds.end;
    if (text[end] === ',') end++;
    let start = creds.getStart(sf);
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    if (/^\s*$/.test(text.slice(lineStart, start)) && text[end] === '\n') {
      start = lineStart;
      end++;
    }
    return [{ title: "Remove the hardcoded credentials: the SDK uses the function's execution role", edits: [{ start, end, newText: '' }] }];
  }
  // `await` is only valid inside an async function, or at the top level of an ES module.
  let fn: ts.Node | undefined = lit.parent;
  while (fn && !ts.isFunctionLike(fn)) fn = fn.parent;
  const isAsync = fn !== undefined && (ts.getCombinedModifierFlags(fn as ts.Declaration) & ts.ModifierFlags.Async) !== 0;
  const isModule = sf.statements.some((s) => ts.isImportDeclaration(s) || ts.isExportDeclaration(s) || ts.isExportAssignment(s) || (ts.canHaveModifiers(s) && (ts.getModifiers(s) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)));
  const topLevelOk = fn === undefined && isModule && !/\.c[jt]s$/i.test(ctx.file);
  if (!isAsync && !topLevelOk) return [];
  const envName = envNameFor(name);
  const edits: FixInput['edits'] = [];
  if (!/\bfunction getSecret\(/.test(ctx.text)) {
    const isTs = /\.[cm]?tsx?$/i.test(ctx.file);
    const usesEsm = sf.statements.some((s) => ts.isImportDeclaration(s)) || !/\brequire\(/.test(ctx.text);
    const lastImport = [...sf.statements].reverse().find((s) => ts.isImportDeclaration(s) || isRequireStatement(s));
    const at = lastImport ? lastImport.end : 0;
    const importLine = usesEsm
      ? "import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';"
      : "const { GetSecretValueCommand, SecretsManagerClient } = require('@aws-sdk/client-secrets-manager');";
    const helper = [
      '',
      '// Secrets come from AWS Secrets Manager, fetched once per execution environment (outside the handler) and cached.',
      'const secretsManager = new SecretsManagerClient({});',
      `const secretValues = new Map${isTs ? '<string, Promise<string>>' : ''}();`,
      `function getSecret(secretId${isTs ? ': string | undefined' : ''})${isTs ? ': Promise<string>' : ''} {`,
      "  if (!secretId) return Promise.reject(new Error('the secret ARN is not configured'));",
      '  let value = secretValues.get(secretId);',
      '  if (!value) {',
      "    value = secretsManager.send(new GetSecretValueCommand({ SecretId: secretId })).then((r) => r.SecretString ?? '');",
      '    secretValues.set(secretId, value);',
      '  }',
      '  return value;',
      '}',
    ].join('\n');
    const hasImport = ctx.text.includes('@aws-sdk/client-secrets-manager');
    const block = `${hasImport ? '' : importLine}\n${helper}\n`;
    edits.push({ start: at, end: at, newText: at === 0 ? `${block}\n` : `\n${block}` });
  }
  edits.push({ start: lit.getStart(sf), end: lit.end, newText: `await getSecret(process.env.${envName})` });
  return [{ title: `Read it from AWS Secrets Manager (the secret's ARN in ${envName}), fetched once and cached`, edits }];
}

function isRequireStatement(s: ts.Statement): boolean {
  if (!ts.isVariableStatement(s)) return false;
  return s.declarationList.declarations.every((d) => {
    let e = d.initializer;
    while (e && ts.isPropertyAccessExpression(e)) e = e.expression;
    return e !== undefined && ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'require';
  });
}

// ---------------------------------------------------------------------------------------------
// Templates

interface Found {
  node: ScalarNode;
  /** The key the value sits under, and the path of keys to it. */
  key: string;
  path: string[];
}

function checkTemplate(ctx: RuleContext<TemplateModel>): void {
  const model = ctx.model;
  const json = model.format === 'json';
  const taken: { start: number; end: number }[] = [];
  const strings: Found[] = [];
  // An explicit stack: the parser bounds nesting, and this walk must not be the one to overflow.
  const stack: { node: TNode; path: string[] }[] = [{ node: model.root, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (isMap(node)) {
      for (let i = node.entries.length - 1; i >= 0; i--) stack.push({ node: node.entries[i].value, path: [...path, node.entries[i].key] });
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push({ node: node.items[i], path: [...path, String(i)] });
    } else if (typeof node.value === 'string') {
      strings.push({ node, key: path[path.length - 1] ?? '', path });
    }
  }
  const resourceOf = (path: string[]): string | null => (path[0] === 'Resources' || path[0] === 'Parameters') && path.length > 1 ? path[1] : null;

  for (const s of strings) {
    const value = String(s.node.value);
    if (value.includes('{{resolve:')) continue;
    const raw = ctx.text.slice(s.node.start, s.node.end);
    for (const m of findFormats(raw)) {
      const start = s.node.start + m.start;
      taken.push({ start, end: start + m.secret.length });
      ctx.report({
        start,
        end: start + m.secret.length,
        resource: resourceOf(s.path),
        message: `Hardcoded ${m.label} (${redact(m.secret)}) in the template: ${WHY}. ${
          m.id.startsWith('aws-')
            ? 'Let the execution role supply AWS credentials.'
            : isParameterDefault(s.path)
              ? 'Make the parameter NoEcho without a default and pass the value at deploy time.'
              : 'Use a Secrets Manager dynamic reference ({{resolve:secretsmanager:...}}).'
        }`,
        fixes: raw.trim() === m.secret || raw.slice(1, -1) === m.secret ? templateFixes(ctx, s, json) : [],
      });
    }
  }
  for (const s of strings) {
    const value = String(s.node.value);
    if (value.includes('{{resolve:')) continue;
    const isDefault = isParameterDefault(s.path);
    const name = isDefault ? s.path[1] : s.key;
    if (!isSecretName(name) || !looksLikeSecretValue(value, name)) continue;
    if (taken.some((t) => s.node.start < t.end && t.start < s.node.end)) continue;
    const where = isDefault ? `the default of parameter ${name}` : `${name}`;
    const inEnvironment = s.path.includes('Environment') && s.path.includes('Variables');
    ctx.report({
      start: s.node.start,
      end: s.node.end,
      resource: resourceOf(s.path),
      message: `Hardcoded secret in ${where} (${redact(value.replace(/^'(.*)'$/, '$1'))}): ${WHY}. ${
        isDefault
          ? 'Make the parameter NoEcho without a default and pass the value at deploy time, or use a Secrets Manager dynamic reference.'
          : inEnvironment
            ? "Pass the secret's ARN instead and read the value in the handler (a dynamic reference would still land in the function's configuration as plain text)."
            : 'Use a Secrets Manager dynamic reference ({{resolve:secretsmanager:...}}).'
      }`,
      fixes: inEnvironment ? [] : templateFixes(ctx, s, json),
    });
  }
}

function isParameterDefault(path: string[]): boolean {
  return path.length === 3 && path[0] === 'Parameters' && path[2] === 'Default';
}

function templateFixes(ctx: RuleContext<TemplateModel>, s: Found, json: boolean): FixInput[] {
  if (isParameterDefault(s.path)) {
    const param = entry(ctx.model.root, 'Parameters');
    const p = param && isMap(param.value) ? entry(param.value, s.path[1]) : undefined;
    const paramNode = p?.value as MapNode | undefined;
    const def = paramNode && entry(paramNode, 'Default');
    if (!paramNode || !def) return [];
    if (entry(paramNode, 'NoEcho')) return []; // removing the line alone is left to the author
    return [
      {
        title: 'Make the parameter NoEcho without a default (pass the value at deploy time)',
        edits: [{ start: def.keyStart, end: def.value.end, newText: json ? '"NoEcho": true' : 'NoEcho: true' }],
      },
    ];
  }
  if (s.path[0] !== 'Resources' || s.path.length < 4) return [];
  const resource = s.path[1];
  const flat = s.key.toLowerCase();
  const key = /password|passwd|pwd/.test(flat) ? 'password' : /token/.test(flat) ? 'token' : /apikey|xapikey/.test(flat.replace(/[^a-z]/g, '')) ? 'apiKey' : 'secret';
  const ref = `{{resolve:secretsmanager:${resource}Secret:SecretString:${key}}}`;
  const raw = ctx.text.slice(s.node.start, s.node.end);
  // API Gateway static header values keep their inner single quotes: "'value'".
  const innerQuoted = /^["']?'.*'["']?$/.test(raw) && String(s.node.value).startsWith("'");
  const value = innerQuoted ? `'${ref}'` : ref;
  const newText = json ? JSON.stringify(value) : innerQuoted ? `"${value}"` : `'${value}'`;
  return [
    {
      title: `Use a Secrets Manager dynamic reference (create the secret ${resource}Secret with the key "${key}")`,
      edits: [{ start: s.node.start, end: s.node.end, newText }],
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Configuration files: .env, YAML and JSON that are not templates

const ENV_LINE = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][\w.-]*)[ \t]*=[ \t]*(.*)$/gm;
const YAML_LINE = /^[ \t]*(?:-[ \t]+)?["']?([\w.-]+)["']?[ \t]*:[ \t]+(.+)$/gm;
const JSON_PAIR = /"((?:[^"\\\n]|\\.)+)"\s*:\s*"((?:[^"\\\n]|\\.)*)"/g;

function checkText(ctx: RuleContext<TextModel>): void {
  const text = ctx.text;
  const taken: { start: number; end: number }[] = [];
  for (const m of findFormats(text)) {
    taken.push({ start: m.start, end: m.end });
    ctx.report({
      start: m.start,
      end: m.end,
      resource: null,
      message: `Hardcoded ${m.label} (${redact(m.secret)}) in a configuration file: ${WHY}. Keep it in AWS Secrets Manager and read it at run time.`,
    });
  }
  if (isTestFile(ctx.file)) return;
  const pairs: { name: string; value: string; start: number }[] = [];
  const format = ctx.model.format;
  const re = format === 'env' ? ENV_LINE : format === 'yaml' ? YAML_LINE : JSON_PAIR;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const name = m[1];
    let value = m[2];
    let offset = m.index + m[0].length - m[2].length;
    if (format !== 'json') {
      // Strip a trailing comment and the quotes around the value.
      const quoted = /^(["'])(.*)\1\s*(?:#.*)?$/.exec(value);
      if (quoted) {
        value = quoted[2];
        offset += 1;
      } else {
        if (/^[[{&*!|>]/.test(value)) continue; // YAML structure, anchors, tags, block scalars
        value = value.replace(/\s+#.*$/, '').trimEnd();
      }
    }
    pairs.push({ name, value, start: offset });
  }
  for (const p of pairs) {
    if (!isSecretName(p.name) || !looksLikeSecretValue(p.value, p.name)) continue;
    const end = p.start + p.value.length;
    if (taken.some((t) => p.start < t.end && t.start < end)) continue;
    ctx.report({
      start: p.start,
      end,
      resource: null,
      message: `Hardcoded secret in ${p.name} (${redact(p.value)}) in a configuration file: ${WHY}. Keep it in AWS Secrets Manager and read it at run time; keep .env files out of version control.`,
    });
  }
}

export const rule: Rule = {
  meta: {
    id: 'hardcoded-secret',
    title: 'Credential written into code, a template or a config file',
    layer: 'Data',
    defaultSeverity: 'error',
    explanation:
      'A password, API key or access key written into source travels everywhere the source goes: every clone of the ' +
      'repository, every build artifact and deployment package, every log of a template, every laptop. It cannot be ' +
      'rotated without a release, and removing it later does not remove it from version history. The rule knows the ' +
      'formats of AWS access keys, private keys, GitHub, Slack, Stripe, SendGrid, Twilio and AI-provider tokens, JWTs ' +
      'and database URLs with a password, and flags other values assigned to names such as password, secret, apiKey or ' +
      'token unless they are placeholders, references or identifiers. Keep secrets in AWS Secrets Manager and read them ' +
      'at run time; in a template, use a dynamic reference or a NoEcho parameter.',
    analogy:
      'Hardcoding a credential is writing the vault combination on the vault door: anyone with access to the code sees it. ' +
      'Secrets Manager is the vault itself, which hands the combination only to those whose badge allows it, and can change it on a schedule.',
    examples: [
      {
        frontEnd: 'handler',
        bad: "const pool = new Pool({ password: 'Pr0d-Db#2024!x' });",
        good:
          "const secret = await getSecret(process.env.DB_PASSWORD_SECRET_ARN); // GetSecretValueCommand, fetched once and cached\nconst pool = new Pool({ password: secret });",
      },
      {
        frontEnd: 'cloudformation',
        bad: 'OrdersDb:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    MasterUsername: admin\n    MasterUserPassword: Pr0d-Db#2024!x',
        good:
          "OrdersDb:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    MasterUsername: admin\n    MasterUserPassword: '{{resolve:secretsmanager:OrdersDbSecret:SecretString:password}}'",
      },
      {
        frontEnd: 'sam',
        bad: 'Parameters:\n  StripeApiKey:\n    Type: String\n    Default: sk_live_51Hc8Qx2eZvKYlo2C9a8b7c6d',
        good: 'Parameters:\n  StripeApiKey:\n    Type: String\n    NoEcho: true',
      },
      {
        frontEnd: 'cdk',
        bad: "new rds.DatabaseInstance(this, 'Db', { credentials: rds.Credentials.fromPassword('admin', SecretValue.unsafePlainText('Pr0d-Db#2024!x')) });",
        good: "new rds.DatabaseInstance(this, 'Db', { credentials: rds.Credentials.fromGeneratedSecret('admin') });",
      },
    ],
    fixSummary:
      'In code, reads the value from AWS Secrets Manager (GetSecretValueCommand) through a helper that fetches it once per execution environment and caches it, adding the import; AWS keys in an SDK client are removed so the execution role supplies credentials. In templates, replaces the value with a {{resolve:secretsmanager:...}} dynamic reference, or makes a parameter NoEcho without a default.',
    whenNotToUse:
      'Test fixtures and documentation samples with fake values: prefer obvious placeholders (`<your-password>`, `changeme`, `AKIAIOSFODNN7EXAMPLE`), which the rule skips, or suppress with the reason.',
    moduleQuestion: 'Q4: How should you store database credentials for a Lambda function? AWS Secrets Manager with automatic rotation — hardcoding means anyone with code access sees them.',
  },
  checkCode: checkCodeAndCdk,
  checkTemplate,
  checkText,
};
