/**
 * sql-injection: SQL text built by `+` or a template literal from a handler's event, reaching a
 * database driver's query call. The quick fix rewrites it to a parameterized query in the
 * driver's own placeholder dialect.
 */
import * as ts from 'typescript';
import type { FixInput, Rule, RuleContext } from '../engine/rule';
import type { CodeModel } from '../models/code/model';
import type { FunctionNode, Handler } from './shared/code';
import { bindingNames, calledMethod, handlers, imports } from './shared/code';

interface Driver {
  name: string;
  modules: string[];
  methods: string[];
  placeholder: (n: number) => string;
}

/** The drivers this rule understands, recognised from the file's imports. */
export const DRIVERS: readonly Driver[] = [
  { name: 'pg', modules: ['pg', 'pg-pool'], methods: ['query'], placeholder: (n) => `$${n}` },
  { name: 'mysql2', modules: ['mysql2', 'mysql2/promise'], methods: ['query', 'execute'], placeholder: () => '?' },
];

/** Calls whose result is a number or boolean: their output cannot carry SQL. */
const SANITIZERS = new Set(['Number', 'parseInt', 'parseFloat', 'Boolean', 'Math.round', 'Math.floor', 'Math.ceil', 'Math.trunc', 'Math.abs', 'Number.parseInt', 'Number.parseFloat']);

type Tainted = Map<string, ts.Node>;

/** The first identifier inside `expr` that carries request data, skipping what sanitizers convert. */
function taintIn(expr: ts.Node, tainted: Tainted): ts.Identifier | undefined {
  let found: ts.Identifier | undefined;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n) && SANITIZERS.has(n.expression.getText())) return;
    if (ts.isIdentifier(n) && tainted.has(n.text)) {
      const p = n.parent;
      const isPropertyName =
        (ts.isPropertyAccessExpression(p) && p.name === n) ||
        (ts.isPropertyAssignment(p) && p.name === n) ||
        (ts.isQualifiedName(p) && p.right === n);
      if (!isPropertyName) {
        found = n;
        return;
      }
    }
    // A nested function's body runs later and its parameters shadow; only its captured uses matter,
    // which the declaration walk handles.
    if (n !== expr && (ts.isFunctionLike(n) || ts.isClassLike(n))) return;
    ts.forEachChild(n, visit);
  };
  visit(expr);
  return found;
}

/**
 * Names inside the handler that hold request data: the event parameter, and every variable
 * assigned from an expression that uses one, to a fixed point.
 */
function taintedNames(h: Handler): Tainted {
  const tainted: Tainted = new Map();
  for (const name of bindingNames(h.eventParam.name)) tainted.set(name, h.eventParam);
  const assignments: { names: string[]; value: ts.Expression; at: ts.Node }[] = [];
  const collect = (n: ts.Node): void => {
    if (ts.isVariableDeclaration(n) && n.initializer) assignments.push({ names: bindingNames(n.name), value: n.initializer, at: n });
    else if (
      ts.isBinaryExpression(n) &&
      (n.operatorToken.kind === ts.SyntaxKind.EqualsToken || n.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken) &&
      ts.isIdentifier(n.left)
    ) {
      assignments.push({ names: [n.left.text], value: n.right, at: n });
    }
    ts.forEachChild(n, collect);
  };
  if (h.fn.body) collect(h.fn.body);
  for (let changed = true, rounds = 0; changed && rounds < 20; rounds++) {
    changed = false;
    for (const a of assignments) {
      if (a.names.every((x) => tainted.has(x))) continue;
      if (!taintIn(a.value, tainted)) continue;
      for (const x of a.names) if (!tainted.has(x)) tainted.set(x, a.at);
      changed = true;
    }
  }
  return tainted;
}

function skipParens(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  return e;
}

/** A piece of a built string: literal SQL text (raw source, escapes kept) or an interpolated value. */
type Part = { literal: string } | { value: ts.Expression };

/** Splits a template literal or a `+` chain into parts, or undefined when it is not built SQL text. */
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
    const flatten = (x: ts.Expression): void => {
      const y = skipParens(x);
      if (ts.isBinaryExpression(y) && y.operatorToken.kind === ts.SyntaxKind.PlusToken) {
        flatten(y.left);
        flatten(y.right);
      } else operands.push(y);
    };
    flatten(e);
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

/**
 * Builds the parameterized form: placeholders where values were, values in order. A value
 * inside SQL quotes (`'${name}'`) loses the quotes; one inside a quoted pattern (`'%${q}%'`)
 * takes the surrounding text into the parameter. Returns undefined where no safe rewrite exists.
 */
export function parameterize(parts: Part[], placeholder: (n: number) => string, sf: ts.SourceFile): { sql: string; params: string[] } | undefined {
  const pieces: string[] = [];
  const params: string[] = [];
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
      pieces.push(placeholder(params.length + 1));
      params.push(valueText);
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
    pieces.push(before.slice(0, open), placeholder(params.length + 1));
    params.push(prefix || suffix ? `\`${escapeTemplate(prefix)}\${${valueText}}${escapeTemplate(suffix)}\`` : valueText);
    parts[i + 1] = { literal: next.literal.slice(close + 1) };
  }
  return { sql: pieces.join(''), params };
}

function escapeTemplate(raw: string): string {
  return raw.replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

function quoteSql(raw: string, quote: string): string {
  if (quote !== '`' && !raw.includes(quote)) return `${quote}${raw}${quote}`;
  return `\`${escapeTemplate(raw)}\``;
}

/** The declaration a query argument names, when it is a variable set once from built SQL. */
function declarationOf(id: ts.Identifier, fn: FunctionNode): ts.VariableDeclaration | undefined {
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

function check(ctx: RuleContext<CodeModel>): void {
  const sf = ctx.model.sourceFile;
  const imported = new Set(imports(sf).map((i) => i.module));
  const drivers = DRIVERS.filter((d) => d.modules.some((m) => imported.has(m)));
  if (drivers.length === 0) return;
  const methods = new Set(drivers.flatMap((d) => d.methods));
  // With two drivers imported, the placeholder style cannot be told from the call; pg's is used only when pg is the only one.
  const driver = drivers[0];

  for (const h of handlers(sf)) {
    const tainted = taintedNames(h);
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n) && n.arguments.length > 0) {
        const m = calledMethod(n);
        if (m && methods.has(m.method)) checkCall(ctx, n, h, tainted, driver, drivers.length === 1);
      }
      ts.forEachChild(n, visit);
    };
    if (h.fn.body) visit(h.fn.body);
  }
}

function checkCall(ctx: RuleContext<CodeModel>, call: ts.CallExpression, h: Handler, tainted: Tainted, driver: Driver, canFix: boolean): void {
  const sf = ctx.model.sourceFile;
  const arg = skipParens(call.arguments[0]);
  let built = arg;
  let decl: ts.VariableDeclaration | undefined;
  if (ts.isIdentifier(arg)) {
    decl = declarationOf(arg, h.fn);
    if (!decl?.initializer) return;
    built = skipParens(decl.initializer);
  }
  const shape = builtParts(built);
  if (!shape) return;
  const source = taintIn(built, tainted);
  if (!source) return;
  const callee = call.expression.getText(sf);
  const eventName = ts.isIdentifier(h.eventParam.name) ? h.eventParam.name.text : 'the event';
  const related = [
    { start: h.eventParam.getStart(sf), end: h.eventParam.end, message: `request data enters here (${eventName})` },
    { start: source.getStart(sf), end: source.end, message: `${source.text} carries request data into the SQL text` },
    { start: call.getStart(sf), end: call.end, message: `the SQL text reaches ${callee}()` },
  ];
  const fixes: FixInput[] = [];
  const rewritten = canFix && call.arguments.length === 1 ? parameterize(shape.parts, driver.placeholder, sf) : undefined;
  if (rewritten && rewritten.params.length > 0) {
    fixes.push({
      title: `Use a parameterized query (${driver.placeholder(1)} placeholders)`,
      edits: [
        { start: built.getStart(sf), end: built.end, newText: quoteSql(rewritten.sql, shape.quote) },
        { start: call.arguments[0].end, end: call.arguments[0].end, newText: `, [${rewritten.params.join(', ')}]` },
      ],
    });
  }
  ctx.report({
    start: built.getStart(sf),
    end: built.end,
    resource: null,
    message:
      `SQL text built from request data (${source.text}, from ${eventName}) reaches ${callee}(); ` +
      `pass values as query parameters (${driver.placeholder(1)}) instead of building the string.`,
    related,
    fixes,
  });
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
    ],
    fixSummary: "Rewrites the query to the driver's placeholders ($1 for pg, ? for mysql2) and moves every interpolated value into the parameter list, in order.",
    whenNotToUse:
      'Identifiers such as table or column names cannot be parameters; check them against an allow-list instead, and suppress with that reason.',
    moduleQuestion: 'Q2: Which API Gateway feature prevents SQL injection attacks reaching your backend? AWS WAF with SQL injection rules — and in the code, prepared statements.',
  },
  checkCode: check,
};
