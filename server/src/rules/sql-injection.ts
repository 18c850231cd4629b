/**
 * sql-injection: request data from a handler's event reaching SQL text that a database driver or an
 * AWS query API runs. Taint is followed through variables, objects, string building and calls to
 * functions of the same file and its relative imports (shared/taint.ts). The quick fix rewrites the
 * query to the driver's own placeholders and moves every interpolated value into its parameters.
 */
// The default import: a namespace import of this CommonJS package goes through a getter per
// property access once bundled, which costs more than the analysis itself on large files.
import ts from 'typescript';
import type { FixInput, ReportInput, Rule, RuleContext } from '../engine/rule';
import type { CodeModel } from '../models/code/model';
import type { FunctionNode } from './shared/code';
import { handlers } from './shared/code';
import { templateHandlerExports } from './shared/function-access';
import type { CallSite, FileFacts, FunctionAnalysis, ModuleScope, Taint } from './shared/taint';
import { TaintProgram, fileFacts, modulesAnywhere, scopeAt, skipOuter } from './shared/taint';

/** How a fix passes the values: beside the SQL as an argument, or as a property of the command input. */
type FixStyle =
  | { kind: 'array'; placeholder: Placeholder }
  | { kind: 'sequelize' }
  | { kind: 'typeorm-where' }
  | { kind: 'prepare' }
  | { kind: 'property'; placeholder: Placeholder; key: string; render: (name: string, value: string) => string };

type Placeholder = (n: number, name: string) => string;
const DOLLAR: Placeholder = (n) => `$${n}`;
const QUESTION: Placeholder = () => '?';
const COLON: Placeholder = (_n, name) => `:${name}`;

/** A driver whose query methods take SQL text as their first argument. */
interface MethodDriver {
  name: string;
  modules: string[];
  /** Method name → the fix it allows (null: reported without a fix). */
  methods: Record<string, FixStyle | null>;
  /** Any method ending in this suffix is a sink too (knex's whereRaw, havingRaw...). */
  suffix?: string;
  /** The property of an options object that holds the SQL (`{ text }` for pg, `{ sql }` for mysql). */
  objectKey?: string;
}

/** The drivers this rule understands, recognised from the file's imports. */
export const DRIVERS: readonly MethodDriver[] = [
  { name: 'pg', modules: ['pg', 'pg-pool'], methods: { query: { kind: 'array', placeholder: DOLLAR } }, objectKey: 'text' },
  {
    name: 'mysql',
    modules: ['mysql', 'mysql2', 'mysql2/promise', 'serverless-mysql'],
    methods: { query: { kind: 'array', placeholder: QUESTION }, execute: { kind: 'array', placeholder: QUESTION } },
    objectKey: 'sql',
  },
  {
    name: 'sqlite',
    modules: ['sqlite3', 'better-sqlite3', 'sqlite'],
    methods: {
      run: { kind: 'array', placeholder: QUESTION },
      all: { kind: 'array', placeholder: QUESTION },
      get: { kind: 'array', placeholder: QUESTION },
      each: null,
      exec: null,
      prepare: { kind: 'prepare' },
    },
  },
  { name: 'mssql', modules: ['mssql'], methods: { query: null, batch: null } },
  { name: 'knex', modules: ['knex'], methods: { raw: { kind: 'array', placeholder: QUESTION } }, suffix: 'Raw' },
  { name: 'sequelize', modules: ['sequelize', '@sequelize/core'], methods: { query: { kind: 'sequelize' } } },
  {
    name: 'typeorm',
    modules: ['typeorm'],
    methods: {
      query: null,
      where: { kind: 'typeorm-where' },
      andWhere: { kind: 'typeorm-where' },
      orWhere: { kind: 'typeorm-where' },
      having: { kind: 'typeorm-where' },
      andHaving: { kind: 'typeorm-where' },
      orHaving: { kind: 'typeorm-where' },
    },
  },
  { name: 'prisma', modules: ['@prisma/client'], methods: { $queryRawUnsafe: null, $executeRawUnsafe: null } },
  { name: 'postgres', modules: ['postgres'], methods: { unsafe: null } },
  { name: 'slonik', modules: ['slonik'], methods: { raw: null } },
];

/** AWS SDK v3 commands that run a query, by module and command name: where the SQL is and how to fix it. */
interface CommandSink {
  /** The property holding the SQL, or a list property whose items hold it under `itemKey`. */
  key: string;
  itemKey?: string;
  list?: boolean;
  fix?: FixStyle;
  /** What the message suggests where no fix is offered. */
  hint?: string;
}

const COMMANDS: Record<string, Record<string, CommandSink>> = {
  '@aws-sdk/client-rds-data': {
    ExecuteStatementCommand: {
      key: 'sql',
      fix: { kind: 'property', placeholder: COLON, key: 'parameters', render: (name, value) => `{ name: '${name}', value: { stringValue: ${value} } }` },
    },
    BatchExecuteStatementCommand: { key: 'sql' },
  },
  '@aws-sdk/client-redshift-data': {
    ExecuteStatementCommand: {
      key: 'Sql',
      fix: { kind: 'property', placeholder: COLON, key: 'Parameters', render: (name, value) => `{ name: '${name}', value: ${value} }` },
    },
    BatchExecuteStatementCommand: { key: 'Sqls', list: true },
  },
  '@aws-sdk/client-athena': { StartQueryExecutionCommand: { key: 'QueryString', hint: '? with ExecutionParameters' } },
  '@aws-sdk/client-dynamodb': {
    ExecuteStatementCommand: { key: 'Statement', fix: { kind: 'property', placeholder: QUESTION, key: 'Parameters', render: (_n, value) => `{ S: ${value} }` } },
    BatchExecuteStatementCommand: { key: 'Statements', itemKey: 'Statement' },
    ExecuteTransactionCommand: { key: 'TransactStatements', itemKey: 'Statement' },
  },
  '@aws-sdk/lib-dynamodb': {
    ExecuteStatementCommand: { key: 'Statement', fix: { kind: 'property', placeholder: QUESTION, key: 'Parameters', render: (_n, value) => value } },
    BatchExecuteStatementCommand: { key: 'Statements', itemKey: 'Statement' },
    ExecuteTransactionCommand: { key: 'TransactStatements', itemKey: 'Statement' },
  },
};

/** The same APIs through the v2 SDK (`new AWS.RDSDataService().executeStatement({ sql })`). */
const V2_METHODS: Record<string, CommandSink[]> = {
  executeStatement: [{ key: 'sql' }, { key: 'Sql' }, { key: 'Statement' }],
  batchExecuteStatement: [{ key: 'sql' }, { key: 'Sqls', list: true }, { key: 'Statements', itemKey: 'Statement' }],
  startQueryExecution: [{ key: 'QueryString' }],
  executeTransaction: [{ key: 'TransactStatements', itemKey: 'Statement' }],
};

/** One place where SQL text meets a sink. */
interface Sink {
  call: ts.CallExpression | ts.NewExpression;
  sql: ts.Expression;
  /** `client.query`, `ExecuteStatementCommand`: how messages name the sink. */
  label: string;
  /** The dialect's first placeholder, for the message. */
  placeholderHint: string;
  fix?: FixStyle;
  /** For property sinks: the object literal and the property, where the parameters go. */
  object?: ts.ObjectLiteralExpression;
  property?: ts.ObjectLiteralElementLike;
}

function isPreparedStatement(receiver: ts.Expression, fn: FunctionNode): boolean {
  let r = skipOuter(receiver);
  if (ts.isIdentifier(r)) {
    const d = singleDeclaration(r, fn);
    if (!d?.initializer) return false;
    r = skipOuter(d.initializer);
  }
  return ts.isCallExpression(r) && ts.isPropertyAccessExpression(r.expression) && r.expression.name.text === 'prepare';
}

/** What the message suggests where no fix is offered. */
const NO_FIX_HINTS: Record<string, string> = {
  mssql: '@name with request.input()',
  typeorm: "the database's placeholders with a values array",
  prisma: 'the tagged $queryRaw`...` form',
  postgres: 'the sql`...` tag',
  slonik: 'the sql`...` tag',
  sqlite: '? with values',
  pg: '$1 with a values array',
  mysql: '? with a values array',
};

function methodDrivers(modules: ReadonlySet<string>): MethodDriver[] {
  return DRIVERS.filter((d) => d.modules.some((m) => modules.has(m)));
}

function propertyNamed(obj: ts.ObjectLiteralExpression, key: string): ts.ObjectLiteralElementLike | undefined {
  return obj.properties.find((p) => p.name !== undefined && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === key);
}

function propertyValue(p: ts.ObjectLiteralElementLike | undefined): ts.Expression | undefined {
  if (!p) return undefined;
  if (ts.isPropertyAssignment(p)) return p.initializer;
  if (ts.isShorthandPropertyAssignment(p)) return p.name;
  return undefined;
}

/** The items of a list property: an array literal's elements, or what a `.map(x => ...)` callback returns. */
function listItems(value: ts.Expression): readonly ts.Expression[] {
  const v = skipOuter(value);
  if (ts.isArrayLiteralExpression(v)) return v.elements;
  if (ts.isCallExpression(v) && ts.isPropertyAccessExpression(v.expression) && v.expression.name.text === 'map') {
    const cb = v.arguments[0] && skipOuter(v.arguments[0]);
    if (cb && (ts.isArrowFunction(cb) || ts.isFunctionExpression(cb))) {
      if (!ts.isBlock(cb.body)) return [cb.body];
      const out: ts.Expression[] = [];
      const visit = (n: ts.Node): void => {
        if (ts.isReturnStatement(n) && n.expression) out.push(n.expression);
        if (!ts.isFunctionLike(n)) ts.forEachChild(n, visit);
      };
      ts.forEachChild(cb.body, visit);
      return out;
    }
  }
  return [];
}

/** The object literal an argument is, or the one the variable it names was set to. */
function objectArg(arg: ts.Expression | undefined, fn: FunctionNode): ts.ObjectLiteralExpression | undefined {
  if (!arg) return undefined;
  const e = skipOuter(arg);
  if (ts.isObjectLiteralExpression(e)) return e;
  if (ts.isIdentifier(e)) {
    const d = singleDeclaration(e, fn);
    const init = d?.initializer && skipOuter(d.initializer);
    if (init && ts.isObjectLiteralExpression(init)) return init;
  }
  return undefined;
}

function placeholderHint(fix: FixStyle | undefined, fallback = 'placeholders'): string {
  if (!fix) return fallback;
  switch (fix.kind) {
    case 'array':
    case 'property':
      return fix.placeholder(1, 'name');
    case 'sequelize':
      return '? with replacements';
    case 'typeorm-where':
      return ':name with parameters';
    case 'prepare':
      return '?';
  }
}

/** The sinks one call or `new` is, given the drivers its file imports and the functions around it require. */
function sinksOf(site: CallSite): Sink[] {
  const { node } = site;
  const scope: ModuleScope = scopeAt(site.facts, node);
  const fn = site.analysis.fn;
  const sf = site.facts.sf;
  const out: Sink[] = [];
  const fromCommand = (cmd: CommandSink, obj: ts.ObjectLiteralExpression, label: string): void => {
    const prop = propertyNamed(obj, cmd.key);
    const value = propertyValue(prop);
    if (!value) return;
    const items = cmd.list || cmd.itemKey ? listItems(value) : [value];
    for (const item of items) {
      if (cmd.itemKey) {
        const inner = ts.isObjectLiteralExpression(skipOuter(item)) ? (skipOuter(item) as ts.ObjectLiteralExpression) : undefined;
        const v = inner && propertyValue(propertyNamed(inner, cmd.itemKey));
        if (v) out.push({ call: node, sql: v, label, placeholderHint: 'parameters' });
      } else {
        out.push({ call: node, sql: item, label, placeholderHint: placeholderHint(cmd.fix, cmd.hint ?? 'parameters'), fix: cmd.list ? undefined : cmd.fix, object: obj, property: prop });
      }
    }
  };

  if (ts.isNewExpression(node)) {
    const callee = skipOuter(node.expression);
    let local: string | undefined;
    let name: string | undefined;
    if (ts.isIdentifier(callee)) local = callee.text;
    else if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
      local = callee.expression.text;
      name = callee.name.text;
    }
    const imp = local ? scope.importedNames.get(local) : undefined;
    if (!imp) return out;
    const commandName = name ?? imp.name;
    const cmd = COMMANDS[imp.module]?.[commandName];
    const obj = cmd && objectArg(node.arguments?.[0], fn);
    if (cmd && obj) fromCommand(cmd, obj, commandName);
    return out;
  }

  const callee = skipOuter(node.expression);
  if (!ts.isPropertyAccessExpression(callee) && !ts.isElementAccessExpression(callee)) return out;
  const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isStringLiteralLike(callee.argumentExpression) ? callee.argumentExpression.text : undefined;
  if (!method || node.arguments.length === 0) return out;
  const receiver = callee.expression.getText(sf);
  const label = receiver.length <= 40 && !/[`\n]/.test(receiver) ? `${receiver}.${method}` : `….${method}`;

  if (scope.modules.has('aws-sdk') && V2_METHODS[method]) {
    const obj = objectArg(node.arguments[0], fn);
    if (obj) for (const cmd of V2_METHODS[method]) fromCommand(cmd, obj, label);
    return out;
  }

  const drivers = methodDrivers(scope.modules).filter((d) => method in d.methods || (d.suffix !== undefined && method.endsWith(d.suffix) && method.length > d.suffix.length));
  if (drivers.length === 0) return out;
  const d = drivers[0];
  // A prepared statement's run/get/all take values, not SQL: `db.prepare(sql).run(id)`, `stmt.get(id)`.
  if (d.name === 'sqlite' && method !== 'prepare' && method !== 'exec' && isPreparedStatement(callee.expression, fn)) return out;
  // With two drivers offering this method, the placeholder style cannot be told from the call: report without a fix.
  const fix = drivers.length === 1 ? (d.methods[method] ?? (d.suffix && method.endsWith(d.suffix) ? d.methods.raw : undefined) ?? undefined) : undefined;
  const hint = fix ? placeholderHint(fix) : (NO_FIX_HINTS[d.name] ?? 'placeholders');
  let sql = node.arguments[0];
  const obj = d.objectKey ? objectArg(sql, fn) : undefined;
  if (obj && d.objectKey) {
    const v = propertyValue(propertyNamed(obj, d.objectKey));
    if (!v) return out;
    out.push({ call: node, sql: v, label, placeholderHint: hint });
    return out;
  }
  // mssql's tagged form (`sql.query\`...\``) is a tagged template, not a call: it never gets here.
  sql = node.arguments[0];
  out.push({ call: node, sql, label, placeholderHint: hint, fix: fix ?? undefined });
  return out;
}

/** A piece of a built string: literal SQL text (raw source, escapes kept) or an interpolated value. */
type Part = { literal: string } | { value: ts.Expression };

/** Splits a template literal or a `+` chain into parts, or undefined when it is not built text. */
function builtParts(e: ts.Expression): { parts: Part[]; quote: string } | undefined {
  const sf = e.getSourceFile();
  const text = sf.text;
  if (ts.isTemplateExpression(e)) {
    const parts: Part[] = [{ literal: text.slice(e.head.getStart(sf) + 1, e.head.end - 2) }];
    for (const span of e.templateSpans) {
      parts.push({ value: span.expression });
      const isTail = ts.isTemplateTail(span.literal);
      parts.push({ literal: text.slice(span.literal.getStart(sf) + 1, span.literal.end - (isTail ? 1 : 2)) });
    }
    return { parts, quote: '`' };
  }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const operands: ts.Expression[] = [];
    // An explicit stack: generated code can chain thousands of `+`.
    const stack: ts.Expression[] = [e];
    while (stack.length > 0) {
      const y = skipParens(stack.pop()!);
      if (ts.isBinaryExpression(y) && y.operatorToken.kind === ts.SyntaxKind.PlusToken) stack.push(y.right, y.left);
      else operands.push(y);
    }
    let quote = '';
    const parts: Part[] = [];
    for (const o of operands) {
      if (ts.isStringLiteral(o) || ts.isNoSubstitutionTemplateLiteral(o)) {
        const src = o.getText(sf);
        quote ||= src[0];
        parts.push({ literal: src.slice(1, -1) });
      } else if (ts.isTemplateExpression(o)) {
        const inner = builtParts(o);
        if (inner) parts.push(...inner.parts);
      } else parts.push({ value: o });
    }
    // Adding numbers is not building SQL: at least one operand must be string text.
    if (!quote) return undefined;
    return { parts, quote };
  }
  return undefined;
}

function skipParens(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  return e;
}

/** A parameter name for a value: its last identifier (`order.item` → item), else p1, p2... */
function nameFor(valueText: string, n: number, used: Set<string>): string {
  const ids = valueText.match(/[A-Za-z_]\w*/g) ?? [];
  let base = ids.length > 0 ? ids[ids.length - 1] : `p${n}`;
  if (!/^[A-Za-z_]\w*$/.test(base)) base = `p${n}`;
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base}${i}`;
  used.add(name);
  return name;
}

/**
 * Builds the parameterized form: placeholders where values were, values in order. A value
 * inside SQL quotes (`'${name}'`) loses the quotes; one inside a quoted pattern (`'%${q}%'`)
 * takes the surrounding text into the parameter. Returns undefined where no safe rewrite exists.
 */
export function parameterize(input: Part[], placeholder: Placeholder, sf: ts.SourceFile): { sql: string; params: { name: string; value: string }[] } | undefined {
  const parts = [...input];
  const pieces: string[] = [];
  const params: { name: string; value: string }[] = [];
  const used = new Set<string>();
  const add = (value: string, nameSource: string): string => {
    const name = nameFor(nameSource, params.length + 1, used);
    params.push({ name, value });
    return placeholder(params.length, name);
  };
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if ('literal' in part) {
      pieces.push(part.literal);
      continue;
    }
    const before = pieces.join('');
    const insideQuotes = (before.replace(/\\'/g, '').split("'").length - 1) % 2 === 1;
    const valueText = part.value.getText(sf);
    if (!insideQuotes) {
      // A value spliced in where SQL expects a name or a clause (ORDER BY, a column list, a whole
      // condition) cannot become a parameter: the fix would change what the query means.
      if (!isValuePosition(before)) return undefined;
      pieces.push(add(valueText, valueText));
      continue;
    }
    const next = parts[i + 1];
    if (!next || !('literal' in next)) return undefined;
    const close = next.literal.indexOf("'");
    if (close < 0) return undefined;
    const open = before.lastIndexOf("'");
    const prefix = before.slice(open + 1);
    const suffix = next.literal.slice(0, close);
    pieces.length = 0;
    const value = prefix || suffix ? `\`${escapeTemplate(prefix)}\${${valueText}}${escapeTemplate(suffix)}\`` : valueText;
    pieces.push(before.slice(0, open), add(value, valueText));
    parts[i + 1] = { literal: next.literal.slice(close + 1) };
  }
  return { sql: pieces.join(''), params };
}

/** Whether SQL text ending in `before` expects a value next: after a comparison, LIKE, LIMIT, or inside VALUES (...) / IN (...). */
export function isValuePosition(before: string): boolean {
  const b = before.replace(/\s+$/, '');
  if (/(?:=|<>|!=|<|>|\bLIKE|\bILIKE|\bLIMIT|\bOFFSET|\bBETWEEN|\bBETWEEN\s+\S+\s+AND)$/i.test(b)) return true;
  if (b.endsWith('(') || b.endsWith(',')) {
    let depth = 0;
    for (let i = b.length - 1; i >= 0; i--) {
      const c = b[i];
      if (c === ')') depth++;
      else if (c === '(') {
        if (depth === 0) return /\b(?:VALUES|IN)\s*$/i.test(b.slice(0, i));
        depth--;
      }
    }
  }
  return false;
}

function escapeTemplate(raw: string): string {
  return raw.replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

function quoteSql(raw: string, quote: string): string {
  if (quote !== '`' && !raw.includes(quote)) return `${quote}${raw}${quote}`;
  return `\`${escapeTemplate(raw)}\``;
}

/** The declaration an identifier names, when it is a variable of `fn` that is never reassigned. */
function singleDeclaration(id: ts.Identifier, fn: FunctionNode): ts.VariableDeclaration | undefined {
  let found: ts.VariableDeclaration | undefined;
  let writes = 0;
  const visit = (n: ts.Node): void => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === id.text && n.pos < id.pos) found = n;
    if (ts.isBinaryExpression(n) && ts.isIdentifier(n.left) && n.left.text === id.text && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) writes++;
    ts.forEachChild(n, visit);
  };
  if (fn.body) visit(fn.body);
  return found && writes === 0 ? found : undefined;
}

/**
 * Whether an exported function's first parameter can be a Lambda event: untyped, `any`, or a type
 * that is not a primitive. `export function findOrder(id: string)` is a helper, not a handler.
 */
function acceptsEvent(p: ts.ParameterDeclaration): boolean {
  const t = p.type;
  if (!t) return true;
  switch (t.kind) {
    case ts.SyntaxKind.StringKeyword:
    case ts.SyntaxKind.NumberKeyword:
    case ts.SyntaxKind.BooleanKeyword:
    case ts.SyntaxKind.BigIntKeyword:
    case ts.SyntaxKind.ArrayType:
    case ts.SyntaxKind.LiteralType:
      return false;
  }
  return true;
}

function short(text: string): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > 60 ? `${one.slice(0, 57)}…` : one;
}

function check(ctx: RuleContext<CodeModel>): void {
  const sf = ctx.model.sourceFile;
  const rootFacts = fileFacts(ctx.file, sf);
  const reported = new Set<string>();

  const onCall = (site: CallSite): void => {
    for (const sink of sinksOf(site)) {
      const taint = site.analysis.taintOf(sink.sql);
      if (!taint) continue;
      if (site.facts.file === ctx.file) reportHere(ctx, site.analysis, sink, taint, reported);
      else if (site.analysis.entryCall) reportAtCall(ctx, site.analysis, sink, taint, reported);
    }
  };
  const program = new TaintProgram(ctx.file, ctx.workspace, { onCall });
  const mayReachSink = sinkReach(rootFacts);
  // An export a template names as its function's handler, for exports nothing else marks as one.
  let fromTemplates: Set<string> | undefined;
  const linked = (name: string, fn: FunctionNode): boolean =>
    mayReachSink(fn) && (fromTemplates ??= templateHandlerExports(ctx.workspace, ctx.file)).has(name);

  for (const h of handlers(sf, linked)) {
    if (!acceptsEvent(h.eventParam) || !mayReachSink(h.fn)) continue;
    const source = ts.isIdentifier(h.eventParam.name) ? h.eventParam.name.text : 'the event';
    const taint: Taint = { origin: h.eventParam, originFile: ctx.file, via: [], fromParam: true, source };
    program.analyse(rootFacts, h.fn, [taint]);
  }
}

/** `a|b|c` for a regular expression, names escaped. */
function alternation(names: Iterable<string>): string {
  return [...names].map((n) => n.replace(/[$.*+?^()[\]{}|\\]/g, '\\$&')).join('|');
}

/**
 * A cheap, text-level test of which functions can reach a sink at all: those whose text calls a
 * sink method of an imported driver, names a query command, calls such a function of this file,
 * or uses a relative import. Handlers that cannot are not analysed; on a large file of many
 * handlers this spares most of the work.
 */
function sinkReach(facts: FileFacts): (fn: FunctionNode) => boolean {
  const methods = new Set<string>();
  let rawSuffix = false;
  // Drivers required inside functions count here too: this only decides what is worth analysing.
  const modules = modulesAnywhere(facts);
  for (const d of methodDrivers(modules)) {
    for (const m of Object.keys(d.methods)) methods.add(m);
    if (d.suffix) rawSuffix = true;
  }
  const commands = new Set<string>();
  for (const [module, cmds] of Object.entries(COMMANDS)) if (modules.has(module)) for (const c of Object.keys(cmds)) commands.add(c);
  if (modules.has('aws-sdk')) for (const m of Object.keys(V2_METHODS)) methods.add(m);
  const relative = [...facts.importedNames.entries()].filter(([, v]) => v.module.startsWith('.')).map(([k]) => k);
  const parts: string[] = [];
  if (methods.size > 0) parts.push(`\\.\\s*(?:${alternation(methods)})\\s*\\(`);
  if (rawSuffix) parts.push('\\.\\s*\\w+Raw\\s*\\(');
  if (commands.size > 0) parts.push(`\\b(?:${alternation(commands)})\\b`);
  if (relative.length > 0) parts.push(`(?<![\\w$.])(?:${alternation(relative)})\\b`);
  // A relative module required or imported inside a function: its names are known only there.
  if ([...modules].some((m) => m.startsWith('.') && !facts.modules.has(m))) parts.push(`\\b(?:require|import)\\s*\\(\\s*['"\`]\\.`);
  if (parts.length === 0) return () => false;
  const direct = new RegExp(parts.join('|'));
  const text = facts.sf.text;
  const bodyText = (fn: FunctionNode): string => (fn.body ? text.slice(fn.body.pos, fn.body.end) : '');
  // Functions of this file that reach a sink, directly or through each other, to a fixed point.
  const reaching = new Set<string>();
  const calls = new Map<string, Set<string>>();
  for (const [name, fn] of facts.functions) {
    const body = bodyText(fn);
    if (direct.test(body)) reaching.add(name);
    else calls.set(name, new Set(body.match(/[A-Za-z_$][\w$]*(?=\s*\()/g) ?? []));
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const [name, called] of calls) {
      if (reaching.has(name)) continue;
      for (const c of called) {
        if (reaching.has(c)) {
          reaching.add(name);
          changed = true;
          break;
        }
      }
    }
  }
  const viaLocal = reaching.size > 0 ? new RegExp(`(?<![\\w$.])(?:${alternation(reaching)})\\s*\\(`) : undefined;
  return (fn) => {
    const body = bodyText(fn);
    return direct.test(body) || (viaLocal !== undefined && viaLocal.test(body));
  };
}

/** The first interpolated value of built SQL that carries request data, for the message. */
function firstTaintedPart(analysis: FunctionAnalysis, parts: Part[] | undefined): ts.Expression | undefined {
  for (const p of parts ?? []) if ('value' in p && analysis.taintOf(p.value)) return p.value;
  return undefined;
}

function pathText(taint: Taint, sinkLabel: string): string {
  const start = taint.origin.getSourceFile();
  const originText = ts.isParameter(taint.origin) ? taint.origin.name.getText(start) : taint.origin.getText(start);
  return [short(originText), ...taint.via, `${sinkLabel}()`].join(' → ');
}

function reportHere(ctx: RuleContext<CodeModel>, analysis: FunctionAnalysis, sink: Sink, taint: Taint, reported: Set<string>): void {
  const sf = ctx.model.sourceFile;
  let built = skipOuter(sink.sql);
  let decl: ts.VariableDeclaration | undefined;
  if (ts.isIdentifier(built)) {
    decl = singleDeclaration(built, analysis.fn);
    if (decl?.initializer && builtParts(skipOuter(decl.initializer))) built = skipOuter(decl.initializer);
  }
  const key = `${built.getStart(sf)}:${built.end}`;
  if (reported.has(key)) return;
  reported.add(key);
  const shape = builtParts(built);
  const sourceExpr = firstTaintedPart(analysis, shape?.parts) ?? built;
  const label = short(sourceExpr.getText(sf));
  const related: NonNullable<ReportInput['related']> = [];
  if (taint.originFile === ctx.file) {
    related.push({ start: taint.origin.getStart(sf), end: taint.origin.end, message: `request data enters here (${short(taint.origin.getText(sf))})` });
  }
  const sameAsOrigin = taint.originFile === ctx.file && sourceExpr.getStart(sf) === taint.origin.getStart(sf) && sourceExpr.end === taint.origin.end;
  if (sourceExpr !== built && !sameAsOrigin) related.push({ start: sourceExpr.getStart(sf), end: sourceExpr.end, message: `${label} carries request data into the SQL text` });
  related.push({ start: sinkStart(sink, sf), end: sink.call.end, message: `the SQL text reaches ${sink.label}()` });
  const fix = shape ? buildFix(sf, sink, built, shape) : undefined;
  ctx.report({
    start: built.getStart(sf),
    end: built.end,
    resource: null,
    message:
      `${shape ? 'SQL text built from' : 'SQL text taken from'} request data (${label}, from ${taint.source}) reaches ${sink.label}(): ${pathText(taint, sink.label)}. ` +
      `Pass values as query parameters (${sink.placeholderHint}) instead of building the string.`,
    related,
    fixes: fix ? [fix] : [],
  });
}

/** A sink in an imported file, reached through a call in this one: reported on that call's tainted argument. */
function reportAtCall(ctx: RuleContext<CodeModel>, analysis: FunctionAnalysis, sink: Sink, taint: Taint, reported: Set<string>): void {
  const sf = ctx.model.sourceFile;
  const call = analysis.entryCall!;
  const root = call.getSourceFile();
  if (root !== sf) return;
  const arg = call.arguments.find((a) => a.getSourceFile() === sf) ?? call;
  const key = `${arg.getStart(sf)}:${arg.end}:${sink.call.pos}`;
  if (reported.has(key)) return;
  reported.add(key);
  const otherSf = sink.call.getSourceFile();
  const otherName = analysis.file.slice(analysis.file.lastIndexOf('/') + 1);
  const fnName = call.expression.getText(sf);
  const related: NonNullable<ReportInput['related']> = [];
  if (taint.originFile === ctx.file) {
    related.push({ start: taint.origin.getStart(sf), end: taint.origin.end, message: `request data enters here (${short(taint.origin.getText(sf))})` });
  }
  related.push({ start: call.getStart(sf), end: call.end, message: `it is passed to ${fnName}()` });
  related.push({ file: analysis.file, start: sink.call.getStart(otherSf), end: sink.call.end, message: `the SQL text reaches ${sink.label}() in ${otherName}` });
  ctx.report({
    start: arg.getStart(sf),
    end: arg.end,
    resource: null,
    message:
      `Request data (${short(arg.getText(sf))}, from ${taint.source}) is passed to ${fnName}(), which builds SQL text from it for ${sink.label}() in ${otherName}: ` +
      `${pathText(taint, sink.label)}. Pass values as query parameters (${sink.placeholderHint}) there.`,
    related,
  });
}

/** Where a sink's call starts for the eye: the method name of a chained call (`.whereRaw(`), else the call. */
function sinkStart(sink: Sink, sf: ts.SourceFile): number {
  const c = sink.call.expression;
  return ts.isCallExpression(sink.call) && ts.isPropertyAccessExpression(c) && c.expression.getText(sf).length > 40 ? c.name.getStart(sf) : sink.call.getStart(sf);
}

function buildFix(sf: ts.SourceFile, sink: Sink, built: ts.Expression, shape: { parts: Part[]; quote: string }): FixInput | undefined {
  const style = sink.fix;
  if (!style) return undefined;
  const placeholder: Placeholder =
    style.kind === 'array' || style.kind === 'property' ? style.placeholder : style.kind === 'typeorm-where' ? COLON : QUESTION;
  const rewritten = parameterize(shape.parts, placeholder, sf);
  if (!rewritten || rewritten.params.length === 0) return undefined;
  const values = rewritten.params.map((p) => p.value);
  const sqlEdit = { start: built.getStart(sf), end: built.end, newText: quoteSql(rewritten.sql, shape.quote) };
  const call = sink.call;
  const args = call.arguments ?? ts.factory.createNodeArray<ts.Expression>();
  const first = args[0];
  const title = `Use a parameterized query (${placeholder(1, rewritten.params[0].name)} placeholders)`;
  switch (style.kind) {
    case 'array':
    case 'sequelize':
    case 'typeorm-where': {
      // A trailing callback (`query(sql, (err, rows) => ...)`) stays last, after the values.
      const callbackOnly = args.length === 2 && style.kind === 'array' && (ts.isArrowFunction(args[1]) || ts.isFunctionExpression(args[1]));
      if ((args.length !== 1 && !callbackOnly) || !first) return undefined;
      const extra =
        style.kind === 'array'
          ? `[${values.join(', ')}]`
          : style.kind === 'sequelize'
            ? `{ replacements: [${values.join(', ')}] }`
            : `{ ${rewritten.params.map((p) => (p.value === p.name ? p.name : `${p.name}: ${p.value}`)).join(', ')} }`;
      return { title, edits: [sqlEdit, { start: first.end, end: first.end, newText: `, ${extra}` }] };
    }
    case 'prepare': {
      // better-sqlite3 and sqlite3: `db.prepare(sql).get()` takes the values in the statement's call.
      if (args.length !== 1 || !ts.isCallExpression(call)) return undefined;
      const access = call.parent;
      const run = access?.parent;
      if (!access || !ts.isPropertyAccessExpression(access) || !run || !ts.isCallExpression(run) || run.expression !== access || run.arguments.length !== 0) return undefined;
      const at = run.end - 1; // just before `)`
      return { title, edits: [sqlEdit, { start: at, end: at, newText: values.join(', ') }] };
    }
    case 'property': {
      if (!sink.object || !sink.property || propertyNamed(sink.object, style.key)) return undefined;
      const list = rewritten.params.map((p) => style.render(p.name, p.value)).join(', ');
      return { title, edits: [sqlEdit, { start: sink.property.end, end: sink.property.end, newText: `, ${style.key}: [${list}]` }] };
    }
  }
}

export const rule: Rule = {
  meta: {
    id: 'sql-injection',
    title: 'SQL built from request data',
    layer: 'Lambda',
    defaultSeverity: 'error',
    explanation:
      'When a query is assembled by gluing request values into SQL text, the database cannot tell the values from the ' +
      'command: a value such as `1\' OR \'1\'=\'1` or `\'; DROP TABLE users; --` becomes part of the query and changes ' +
      'what it does. Parameterized queries send the SQL and the values separately, so a value is only ever data. ' +
      'The rule follows request data from the handler\'s event (query string, path, headers, body, queue records, ' +
      'AppSync arguments) through variables, objects, string building and helper functions to pg, mysql, sqlite, mssql, ' +
      'knex, Sequelize, TypeORM, Prisma, postgres, slonik, the RDS and Redshift Data APIs, Athena and DynamoDB PartiQL. ' +
      'A WAF rule can block the obvious attempts at the edge, but only the parameterized query closes the hole in the code.',
    analogy:
      'Building SQL from input is letting a customer write on the order form in a way that tricks the kitchen into ' +
      'handing over all the food. A prepared statement is a form with fixed boxes: each box only holds the kind of data it expects.',
    examples: [
      {
        frontEnd: 'handler',
        bad: "const id = event.pathParameters?.id;\nawait client.query(`SELECT * FROM orders WHERE id = '${id}'`);",
        good: "const id = event.pathParameters?.id;\nawait client.query('SELECT * FROM orders WHERE id = $1', [id]);",
      },
      {
        frontEnd: 'handler',
        bad: "await ddb.send(new ExecuteStatementCommand({\n  Statement: `SELECT * FROM \"orders\" WHERE pk = '${event.pathParameters.id}'`,\n}));",
        good: "await ddb.send(new ExecuteStatementCommand({\n  Statement: 'SELECT * FROM \"orders\" WHERE pk = ?',\n  Parameters: [{ S: event.pathParameters.id }],\n}));",
      },
    ],
    fixSummary:
      "Rewrites the query to the driver's own placeholders ($1 for pg, ? for mysql, sqlite, knex and PartiQL, :name for the RDS and Redshift Data APIs and TypeORM, replacements for Sequelize) and moves every interpolated value into the parameters, in order.",
    whenNotToUse:
      'Identifiers such as table or column names cannot be parameters; check them against a constant allow-list (`if (!ALLOWED.includes(col)) throw ...`) ' +
      'or a strict pattern (`if (!/^[a-z_]+$/.test(col)) throw ...`) before the query, which the rule recognises, or suppress with that reason.',
    details: [
      {
        heading: 'Handlers and drivers',
        markdown: [
          'Request data starts at the event parameter of a handler. A function counts as a handler when it is exported under a name Lambda is pointed at ' +
            '(`handler`, `main`, `handle`, `lambdaHandler`, or a name ending in `Handler`), when its first parameter has an aws-lambda event type ' +
            '(`APIGatewayProxyEventV2`, `SQSEvent`, `ALBEvent`, ...), when its variable has an aws-lambda handler type (`APIGatewayProxyHandlerV2`, `Handler`), ' +
            'or when a SAM or CloudFormation template of the workspace names it (`Handler: orders.getOrder`). ' +
            'Exports count however they are written: `export`, `exports.handler = ...`, `module.exports = { handler }` or a function declared above and exported by name. ' +
            'Other exported functions are helpers: request data reaches them through a handler\'s call, and a query they build from it is reported once, ' +
            'on that call in the handler, with the query in the related information.',
          '',
          'Drivers are recognised from the file\'s imports and top-level `require()` calls, and from `require()` or `await import()` inside a function, ' +
            'which count in that function and the functions nested in it.',
        ].join('\n'),
      },
      {
        heading: 'Validation the rule recognises',
        markdown: [
          'A value stops being request data where a check has proved it harmless, in the code that runs only after the check passed: ' +
            'the rest of the block after `if (!ok) return` (or `throw`, `continue`, `break`), the rest of the block after `assert(ok)`, ' +
            'the branch of `if (ok) { ... }` or of a ternary, the cases of a `switch` over literals whose default leaves. The check is on a variable or a property path ' +
            '(`id`, `event.pathParameters.id`, also as `id ?? \'\'` or `String(id)`), and it no longer holds where that variable is assigned again after it.',
          '',
          '- A regular expression anchored at both ends whose characters are only letters, digits and `_ . , +`: `/^\\d+$/.test(id)`, `/^[a-z_]+$/i`, ' +
            'a UUID pattern. A dash is allowed as a single character where two cannot meet (`--` starts a comment); character classes may not hold one. ' +
            'Unanchored patterns, `.`, `\\S`, `\\s`, negated classes, the `m` flag and classes holding a quote, a space or a semicolon are not proof.',
          '- `assert(...)`, `assert.ok(...)`, `assert.match(x, /^...$/)` and `assert.equal(x, \'literal\')` from `node:assert`.',
          '- Membership in a constant list of literals: `ALLOWED.includes(col)` where `ALLOWED` is a `const` array (or `Object.freeze`d one), ' +
            '`new Set([...])`, `new Map([...])`, `Object.keys(CONST)`, and `col in COLUMNS` or `Object.hasOwn(COLUMNS, col)` on a constant object.',
          '- Equality with a literal (`dir === \'asc\' || dir === \'desc\'`) and `typeof x === \'number\'`.',
          '- Numbers: the results of `Number()`, `parseInt()`, `parseFloat()` and `Math` functions are never request text, with or without a NaN check. ' +
            'On the text itself, `!isNaN(x)`, `!Number.isNaN(Number(x))` and `Number.isInteger(Number(x))` are proof; `!isNaN(parseInt(x))` is not (`parseInt(\'1; DROP TABLE t\')` is 1).',
          '',
          'Not recognised, so still reported: schema validation such as `schema.parse(body)` (zod, joi), whose result depends on a schema the rule does not read; ' +
            'patterns built with `new RegExp()` or imported from another file; checks in a branch that does not lead to the query on every path, or after it.',
        ].join('\n'),
      },
    ],
    moduleQuestion: 'Q2: Which API Gateway feature prevents SQL injection attacks reaching your backend? AWS WAF with SQL injection rules — and in the code, prepared statements.',
  },
  // Helpers imported from other files are followed through the workspace index.
  readsOtherFiles: true,
  checkCode: check,
};
