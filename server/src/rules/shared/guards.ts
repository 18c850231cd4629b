/**
 * Validation guards in handler code, on syntax alone: the checks after which a value can no longer
 * carry SQL, and the code they protect. A guard holds for one variable or property path
 * (`id`, `event.pathParameters.id`) in the code that runs only once the check has passed: the rest
 * of the statement list after `if (!ok) return/throw`, or after `assert(ok)`; the branch of
 * `if (ok) { ... }`; the cases of a switch over literals. Recognised checks: a fully anchored
 * regular expression whose every character is harmless in SQL (`/^\d+$/.test(id)`,
 * `assert.match(id, /^[a-z]+$/i)`), membership in a constant list of literals (`ALLOWED.includes(col)`,
 * `SET.has(col)`, `col in COLUMNS`), equality with a literal, and numeric checks that prove the
 * value converts to a number (`!isNaN(x)`, `Number.isInteger(Number(x))`).
 */
// The default import: a namespace import of this CommonJS package goes through a getter per
// property access once bundled, which costs more than the analysis itself on large files.
import ts from 'typescript';

/** A check that holds for `key` from `from` to `to` (source positions), set up by the statement at `start`. */
export interface Guard {
  key: string;
  /** The variable the key starts with (`event` for `event.pathParameters.id`). */
  root: string;
  start: number;
  from: number;
  to: number;
}

/** What a guard reader needs from its surroundings: constants and imports resolved by name. */
export interface GuardContext {
  /** The initializer of a `const` the name denotes at `at`, if it is one. */
  constant(name: string, at: ts.Node): ts.Expression | undefined;
  /** The module and imported name a local name is bound to at `at`. */
  imported(name: string, at: ts.Node): { module: string; name: string } | undefined;
}

const ASSERT_MODULES = new Set(['assert', 'node:assert', 'assert/strict', 'node:assert/strict']);

function skip(e: ts.Expression): ts.Expression {
  while (
    ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e) ||
    ts.isTypeAssertionExpression(e) || ts.isAwaitExpression(e)
  ) {
    e = e.expression;
  }
  return e;
}

/** `id`, `event.pathParameters.id`, `event.headers['x-id']` as one key; undefined for anything else. */
export function pathKey(e: ts.Expression): string | undefined {
  const x = skip(e);
  if (ts.isIdentifier(x)) return x.text;
  if (ts.isPropertyAccessExpression(x)) {
    const left = pathKey(x.expression);
    return left !== undefined && ts.isIdentifier(x.name) ? `${left}.${x.name.text}` : undefined;
  }
  if (ts.isElementAccessExpression(x) && (ts.isStringLiteralLike(x.argumentExpression) || ts.isNumericLiteral(x.argumentExpression))) {
    const left = pathKey(x.expression);
    return left !== undefined ? `${left}.${x.argumentExpression.text}` : undefined;
  }
  return undefined;
}

const rootOf = (key: string): string => key.split('.')[0];

/** Whether a statement always leaves the statement list it is in: return, throw, break, continue, or a block or if/else ending so. */
export function exits(s: ts.Statement): boolean {
  if (ts.isReturnStatement(s) || ts.isThrowStatement(s) || ts.isBreakStatement(s) || ts.isContinueStatement(s)) return true;
  if (ts.isBlock(s)) return s.statements.length > 0 && exits(s.statements[s.statements.length - 1]);
  if (ts.isIfStatement(s)) return s.elseStatement !== undefined && exits(s.thenStatement) && exits(s.elseStatement);
  return false;
}

/** Whether a statement in a switch's default leaves the code after the switch too (a `break`, even a labelled one, may not). */
function leavesSwitch(s: ts.Statement): boolean {
  if (ts.isReturnStatement(s) || ts.isThrowStatement(s) || ts.isContinueStatement(s)) return true;
  if (ts.isBlock(s)) return s.statements.length > 0 && leavesSwitch(s.statements[s.statements.length - 1]);
  return false;
}

/** The rest of the statement list after `s`, where `s` is a statement of a block, a case or the file; undefined elsewhere. */
function restOfList(s: ts.Statement): { from: number; to: number } | undefined {
  const p = s.parent;
  if (!p || !(ts.isBlock(p) || ts.isSourceFile(p) || ts.isCaseClause(p) || ts.isDefaultClause(p) || ts.isModuleBlock(p))) return undefined;
  return { from: s.end, to: p.end };
}

function union(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])];
}

function intersection(a: string[], b: string[]): string[] {
  return a.filter((k) => b.includes(k));
}

/** Reads the guards of one function's code. */
export class GuardReader {
  readonly guards: Guard[] = [];

  constructor(private readonly ctx: GuardContext) {}

  /** Records that `keys` are safe in `region`, by the check that `by` (an if, a switch, an assertion...) makes. */
  private add(keys: string[], by: ts.Node, region: { from: number; to: number } | undefined): void {
    if (!region || keys.length === 0) return;
    const start = by.getStart();
    for (const key of keys) this.guards.push({ key, root: rootOf(key), start, from: region.from, to: region.to });
  }

  /** Called for every node of the function (and the functions nested in it). */
  visit(n: ts.Node): void {
    switch (n.kind) {
      case ts.SyntaxKind.IfStatement:
        this.ifStatement(n as ts.IfStatement);
        break;
      case ts.SyntaxKind.SwitchStatement:
        this.switchStatement(n as ts.SwitchStatement);
        break;
      case ts.SyntaxKind.ExpressionStatement: {
        const e = skip((n as ts.ExpressionStatement).expression);
        if (ts.isCallExpression(e)) this.assertion(n as ts.ExpressionStatement, e);
        break;
      }
      case ts.SyntaxKind.ConditionalExpression: {
        const c = n as ts.ConditionalExpression;
        this.add(this.keysWhen(c.condition, true), c, { from: c.whenTrue.pos, to: c.whenTrue.end });
        this.add(this.keysWhen(c.condition, false), c, { from: c.whenFalse.pos, to: c.whenFalse.end });
        break;
      }
      case ts.SyntaxKind.BinaryExpression: {
        // `ok(x) && use(x)`: the right side runs only when the left is true (false for ||).
        const b = n as ts.BinaryExpression;
        const op = b.operatorToken.kind;
        if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken) {
          this.add(this.keysWhen(b.left, op === ts.SyntaxKind.AmpersandAmpersandToken), b, { from: b.right.pos, to: b.right.end });
        }
        break;
      }
    }
  }

  private ifStatement(n: ts.IfStatement): void {
    const whenTrue = this.keysWhen(n.expression, true);
    const whenFalse = this.keysWhen(n.expression, false);
    this.add(whenTrue, n, { from: n.thenStatement.pos, to: n.thenStatement.end });
    if (n.elseStatement) this.add(whenFalse, n, { from: n.elseStatement.pos, to: n.elseStatement.end });
    // `if (!ok) return;`: what follows runs only when the condition was false.
    if (exits(n.thenStatement)) this.add(whenFalse, n, restOfList(n));
    else if (n.elseStatement && exits(n.elseStatement)) this.add(whenTrue, n, restOfList(n));
  }

  /**
   * `switch (x)` over literal cases: inside a case that only literal cases lead to, x is one of
   * them; after the switch too when its default leaves. A default falling through into a case
   * brings an unchecked value there.
   */
  private switchStatement(n: ts.SwitchStatement): void {
    const key = pathKey(n.expression);
    if (!key) return;
    const clauses = n.caseBlock.clauses;
    if (!clauses.every((c) => ts.isDefaultClause(c) || isLiteral(c.expression))) return;
    let unchecked = false;
    for (const c of clauses) {
      if (ts.isDefaultClause(c)) unchecked = true;
      else if (!unchecked) this.add([key], n, { from: c.pos, to: c.end });
      const last = c.statements[c.statements.length - 1];
      if (last && exits(last)) unchecked = false;
    }
    const def = clauses.find(ts.isDefaultClause);
    const last = def?.statements[def.statements.length - 1];
    if (last && leavesSwitch(last)) this.add([key], n, restOfList(n));
  }

  /** `assert(ok)`, `assert.ok(ok)`, `assert.match(x, re)`, `assert.equal(x, 'lit')` from node:assert. */
  private assertion(st: ts.ExpressionStatement, call: ts.CallExpression): void {
    const name = this.assertName(call);
    if (!name) return;
    const [a, b] = call.arguments;
    let keys: string[] = [];
    if ((name === 'assert' || name === 'ok' || name === 'strict') && a) keys = this.keysWhen(a, true);
    else if (name === 'match' && a && b && this.safeRegex(b)) keys = keyList(a);
    else if ((name === 'equal' || name === 'strictEqual') && a && b) keys = isLiteral(b) ? keyList(a) : isLiteral(a) ? keyList(b) : [];
    this.add(keys, st, restOfList(st));
  }

  /** The node:assert function a call makes, by its name there (`assert` for the module itself). */
  private assertName(call: ts.CallExpression): string | undefined {
    const callee = skip(call.expression);
    const fromAssert = (local: string): { module: string; name: string } | undefined => {
      const imp = this.ctx.imported(local, call);
      return imp && ASSERT_MODULES.has(imp.module) ? imp : undefined;
    };
    if (ts.isIdentifier(callee)) {
      const imp = fromAssert(callee.text);
      if (!imp) return undefined;
      return imp.name === '*' || imp.name === 'default' ? 'assert' : imp.name;
    }
    if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
      const imp = fromAssert(callee.expression.text);
      if (!imp || !(imp.name === '*' || imp.name === 'default' || imp.name === 'strict')) return undefined;
      return callee.name.text;
    }
    return undefined;
  }

  /** The keys known to be safe when `e` evaluates to `truth`. */
  keysWhen(e: ts.Expression, truth: boolean, depth = 0): string[] {
    if (depth > 20) return [];
    const d = depth + 1;
    const x = skip(e);
    if (ts.isPrefixUnaryExpression(x) && x.operator === ts.SyntaxKind.ExclamationToken) return this.keysWhen(x.operand, !truth, d);
    if (ts.isBinaryExpression(x)) {
      const op = x.operatorToken.kind;
      if (op === ts.SyntaxKind.AmpersandAmpersandToken) {
        return truth ? union(this.keysWhen(x.left, true, d), this.keysWhen(x.right, true, d)) : intersection(this.keysWhen(x.left, false, d), this.keysWhen(x.right, false, d));
      }
      if (op === ts.SyntaxKind.BarBarToken) {
        return truth ? intersection(this.keysWhen(x.left, true, d), this.keysWhen(x.right, true, d)) : union(this.keysWhen(x.left, false, d), this.keysWhen(x.right, false, d));
      }
      const equal = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
      const notEqual = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
      if ((equal && truth) || (notEqual && !truth)) return this.equalityKeys(x.left, x.right);
      if (op === ts.SyntaxKind.InKeyword && truth && this.constObject(x.right)) return keyList(x.left);
      return [];
    }
    if (!ts.isCallExpression(x)) return [];
    const callee = skip(x.expression);
    const [a, b] = x.arguments;
    if (ts.isIdentifier(callee)) {
      // The global isNaN converts its argument as Number() does.
      if (callee.text === 'isNaN' && !truth && a) return numericKeys(a, true);
      return [];
    }
    if (!ts.isPropertyAccessExpression(callee)) return [];
    const method = callee.name.text;
    const receiver = callee.expression;
    const receiverName = ts.isIdentifier(skip(receiver)) ? (skip(receiver) as ts.Identifier).text : undefined;
    if (receiverName === 'Number') {
      if (method === 'isNaN' && !truth && a) return numericKeys(a, false);
      if ((method === 'isInteger' || method === 'isSafeInteger' || method === 'isFinite') && truth && a) return numericKeys(a, true);
      return [];
    }
    if (!truth) return [];
    if ((method === 'test' || method === 'exec') && a && this.safeRegex(receiver)) return keyList(a);
    if (method === 'match' && a && this.safeRegex(a)) return keyList(receiver);
    if ((method === 'includes' || method === 'has') && a && this.constList(receiver)) return keyList(a);
    if ((method === 'hasOwn' || method === 'hasOwnProperty') && receiverName === 'Object' && a && b && this.constObject(a)) return keyList(b);
    if (method === 'hasOwnProperty' && a && this.constObject(receiver)) return keyList(a);
    return [];
  }

  /** `x === 'asc'`, `'asc' === x`, `typeof x === 'number'`: x is then that literal, or a number or boolean. */
  private equalityKeys(l: ts.Expression, r: ts.Expression): string[] {
    for (const [value, other] of [[l, r], [r, l]] as const) {
      const o = skip(other);
      if (!isLiteral(value)) continue;
      if (ts.isTypeOfExpression(o)) {
        const t = (skip(value) as ts.LiteralExpression).text;
        return t === 'number' || t === 'boolean' || t === 'bigint' || t === 'undefined' ? keyList(o.expression) : [];
      }
      return keyList(o);
    }
    return [];
  }

  /** The expression a name stands for when it is a constant, through `Object.freeze(...)`; the expression itself otherwise. */
  private resolve(e: ts.Expression, depth = 0): ts.Expression {
    const x = skip(e);
    if (depth > 5) return x;
    if (ts.isIdentifier(x)) {
      const init = this.ctx.constant(x.text, x);
      return init ? this.resolve(init, depth + 1) : x;
    }
    if (ts.isCallExpression(x) && x.arguments.length === 1 && pathKey(x.expression) === 'Object.freeze') return this.resolve(x.arguments[0], depth + 1);
    return x;
  }

  private safeRegex(e: ts.Expression): boolean {
    const x = this.resolve(e);
    return ts.isRegularExpressionLiteral(x) && safeAnchoredRegex(x.text);
  }

  /**
   * A list of literals fixed in the code: `['asc', 'desc']`, a const holding one, `new Set([...])`,
   * `new Map([['a', ...], ...])` (its keys), `Object.keys(CONST)`.
   */
  private constList(e: ts.Expression): boolean {
    const x = this.resolve(e);
    if (ts.isArrayLiteralExpression(x)) return x.elements.every(isLiteral);
    if (ts.isNewExpression(x) && ts.isIdentifier(x.expression) && x.arguments?.length === 1) {
      const items = this.resolve(x.arguments[0]);
      if (!ts.isArrayLiteralExpression(items)) return false;
      if (x.expression.text === 'Set') return items.elements.every(isLiteral);
      if (x.expression.text === 'Map') return items.elements.every((p) => ts.isArrayLiteralExpression(skip(p)) && isLiteral((skip(p) as ts.ArrayLiteralExpression).elements[0]));
      return false;
    }
    if (ts.isCallExpression(x) && x.arguments.length === 1 && pathKey(x.expression) === 'Object.keys') return this.constObject(x.arguments[0]);
    return false;
  }

  /** An object literal fixed in the code, whose keys are written out (no spread, no computed key). */
  private constObject(e: ts.Expression): boolean {
    const x = this.resolve(e);
    return ts.isObjectLiteralExpression(x) && x.properties.every((p) => !ts.isSpreadAssignment(p) && p.name !== undefined && !ts.isComputedPropertyName(p.name));
  }
}

function isLiteral(e: ts.Expression | undefined): boolean {
  if (!e) return false;
  const x = skip(e);
  return ts.isStringLiteralLike(x) || ts.isNumericLiteral(x) || (ts.isPrefixUnaryExpression(x) && x.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(x.operand));
}

/**
 * The key a check's subject names: `x`, and `x ?? ''`, `x || 'none'`, `String(x)`, whose text is
 * x's own wherever x is not null, undefined or another falsy value (all of which read harmlessly).
 */
function keyList(e: ts.Expression): string[] {
  let x = skip(e);
  if (ts.isBinaryExpression(x) && (x.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || x.operatorToken.kind === ts.SyntaxKind.BarBarToken) && isLiteral(x.right)) x = skip(x.left);
  else if (ts.isCallExpression(x) && ts.isIdentifier(x.expression) && x.expression.text === 'String' && x.arguments.length === 1) x = skip(x.arguments[0]);
  const k = pathKey(x);
  return k === undefined ? [] : [k];
}

/**
 * The value a numeric check proves to be a number: `x` or `Number(x)`, and `+x`. `parseInt(x)` and
 * `parseFloat(x)` prove nothing about x (`parseInt("1; DROP TABLE t")` is 1). Where the check
 * itself does not convert (`Number.isNaN(x)` is false for any string), only a conversion counts.
 */
function numericKeys(e: ts.Expression, converts: boolean): string[] {
  const x = skip(e);
  if (ts.isCallExpression(x) && ts.isIdentifier(x.expression) && x.expression.text === 'Number' && x.arguments.length === 1) return keyList(x.arguments[0]);
  if (ts.isPrefixUnaryExpression(x) && x.operator === ts.SyntaxKind.PlusToken) return keyList(x.operand);
  return converts ? keyList(x) : [];
}

/**
 * Characters a validated value may hold: letters, digits and `_ . , +`, none of which can end a
 * quoted SQL string, start a comment, separate statements or words, or escape a quote. A dash
 * is allowed only as a single literal character (UUIDs, dates), never where two could meet (`--`).
 */
const SAFE_CHAR = /^[A-Za-z0-9_.,+]$/;
const DIGITS = '0123456789';
const WORD = `${DIGITS}abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_`;

/** What one piece of a pattern can match. */
interface Atom {
  /** Every character it can match is harmless, and no two dashes can meet inside it. */
  ok: boolean;
  /** What it matches can start, or end, with a dash. */
  startDash: boolean;
  endDash: boolean;
  /** It can match the empty string. */
  nullable: boolean;
  /** `^` or `$`. */
  anchor?: '^' | '$';
  /** How often it may repeat. */
  max?: number;
}

const BAD: Atom = { ok: false, startDash: false, endDash: false, nullable: false };
const PLAIN: Atom = { ok: true, startDash: false, endDash: false, nullable: false };
const EMPTY: Atom = { ok: true, startDash: false, endDash: false, nullable: true };

/**
 * Whether a regular expression literal (`/^\d+$/i`) accepts only values that cannot carry SQL:
 * every alternative anchored at both ends (`^...$`), no `m` flag (which lets `^` and `$` match at
 * any line), and every character it can match harmless (see SAFE_CHAR). `/^.+$/`, an unanchored
 * `/\d+/`, and classes that hold a quote, a space, a semicolon or a dash are rejected.
 */
export function safeAnchoredRegex(literal: string): boolean {
  const cut = literal.lastIndexOf('/');
  if (!literal.startsWith('/') || cut <= 0) return false;
  const flags = literal.slice(cut + 1);
  // `m` anchors at lines; `v` brings class set operations this reader does not follow.
  if (/[mv]/.test(flags)) return false;
  const p = new PatternReader(literal.slice(1, cut));
  const alternatives = p.alternatives();
  if (!alternatives || p.pos !== p.src.length) return false;
  return alternatives.every((seq) => seq.length >= 2 && seq[0].anchor === '^' && seq[seq.length - 1].anchor === '$' && sequence(seq).ok);
}

/** A sequence as one atom: every atom harmless, and no dash able to meet another (`--` starts a comment). */
function sequence(seq: Atom[]): Atom {
  let ok = true;
  let dashBefore = false;
  let startDash = false;
  let emptySoFar = true;
  for (const a of seq) {
    if (!a.ok) ok = false;
    if (a.startDash && dashBefore) ok = false;
    // Repeated, an atom that can both end and start with a dash puts two together.
    if ((a.max ?? 1) > 1 && a.startDash && a.endDash) ok = false;
    if (emptySoFar && a.startDash) startDash = true;
    dashBefore = a.endDash || (a.nullable && dashBefore);
    emptySoFar &&= a.nullable;
  }
  return { ok, startDash, endDash: dashBefore, nullable: emptySoFar };
}

class PatternReader {
  pos = 0;
  constructor(readonly src: string) {}

  /** Alternatives up to the end or a closing parenthesis, each a sequence of quantified atoms. */
  alternatives(depth = 0): Atom[][] | undefined {
    if (depth > 20) return undefined;
    const out: Atom[][] = [[]];
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === ')') break;
      if (c === '|') {
        this.pos++;
        out.push([]);
        continue;
      }
      const atom = this.atom(depth);
      if (!atom) return undefined;
      const q = this.quantifier();
      if (!q) return undefined;
      out[out.length - 1].push({ ...atom, nullable: atom.nullable || q.min === 0, max: atom.anchor ? 1 : q.max });
    }
    return out;
  }

  private quantifier(): { min: number; max: number } | undefined {
    const c = this.src[this.pos];
    let q: { min: number; max: number } = { min: 1, max: 1 };
    if (c === '*') q = { min: 0, max: Infinity };
    else if (c === '+') q = { min: 1, max: Infinity };
    else if (c === '?') q = { min: 0, max: 1 };
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos));
      if (!m) return undefined; // a lone `{` is a literal brace, which is not a harmless character anyway
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      this.pos += m[0].length;
      if (this.src[this.pos] === '?') this.pos++;
      return { min, max };
    } else return q;
    this.pos++;
    if (this.src[this.pos] === '?') this.pos++;
    return q;
  }

  private atom(depth: number): Atom | undefined {
    const c = this.src[this.pos++];
    if (c === '^' || c === '$') return { ...EMPTY, anchor: c };
    if (c === '.') return BAD;
    if (c === '[') return this.charClass();
    if (c === '(') return this.group(depth);
    if (c === '\\') return this.escape();
    if (c === '*' || c === '+' || c === '?' || c === '{' || c === '}' || c === ']') return BAD;
    return charAtom(c);
  }

  private group(depth: number): Atom | undefined {
    let lookaround = false;
    if (this.src.startsWith('?:', this.pos)) this.pos += 2;
    else if (this.src.startsWith('?=', this.pos) || this.src.startsWith('?!', this.pos)) {
      this.pos += 2;
      lookaround = true;
    } else if (this.src.startsWith('?<=', this.pos) || this.src.startsWith('?<!', this.pos)) {
      this.pos += 3;
      lookaround = true;
    } else if (this.src.startsWith('?<', this.pos)) {
      const close = this.src.indexOf('>', this.pos);
      if (close < 0) return undefined;
      this.pos = close + 1;
    } else if (this.src[this.pos] === '?') return undefined;
    const alts = this.alternatives(depth + 1);
    if (!alts || this.src[this.pos] !== ')') return undefined;
    this.pos++;
    // A lookaround matches no characters of its own.
    if (lookaround) return EMPTY;
    const seqs = alts.map(sequence);
    return {
      ok: alts.every((seq) => seq.every((a) => !a.anchor)) && seqs.every((q) => q.ok),
      startDash: seqs.some((q) => q.startDash),
      endDash: seqs.some((q) => q.endDash),
      nullable: seqs.some((q) => q.nullable),
    };
  }

  private escape(): Atom {
    const c = this.src[this.pos++];
    if (c === undefined) return BAD;
    if (c === 'd' || c === 'w') return PLAIN;
    if (c === 'b' || c === 'B') return EMPTY;
    const code = this.escapedCode(c);
    return code === undefined ? BAD : charAtom(String.fromCharCode(code));
  }

  /** The character an escape other than a class escape stands for; undefined for classes, references and controls. */
  private escapedCode(c: string): number | undefined {
    if (c === 'x') {
      const m = /^[0-9a-fA-F]{2}/.exec(this.src.slice(this.pos));
      if (!m) return undefined;
      this.pos += 2;
      return parseInt(m[0], 16);
    }
    if (c === 'u') {
      const m = /^(?:[0-9a-fA-F]{4}|\{[0-9a-fA-F]{1,6}\})/.exec(this.src.slice(this.pos));
      if (!m) return undefined;
      this.pos += m[0].length;
      return parseInt(m[0].replace(/[{}]/g, ''), 16);
    }
    // \s \S \D \W \p \P, backreferences, \0, \c and the control escapes: never harmless here.
    if (/[sSDWpPkc0-9nrtvf]/.test(c)) return undefined;
    return c.charCodeAt(0);
  }

  /** `[a-z0-9_]`: every member must be harmless; a class may not hold a dash at all. */
  private charClass(): Atom {
    if (this.src[this.pos] === '^') return BAD;
    const members: string[] = [];
    let ok = true;
    const take = (): string | undefined => {
      const c = this.src[this.pos++];
      if (c !== '\\') return c;
      const e = this.src[this.pos++];
      if (e === 'd') {
        members.push(...DIGITS);
        return '';
      }
      if (e === 'w') {
        members.push(...WORD);
        return '';
      }
      if (e === 'b') return '\b';
      const code = e === undefined ? undefined : this.escapedCode(e);
      return code === undefined ? undefined : String.fromCharCode(code);
    };
    while (this.pos < this.src.length && this.src[this.pos] !== ']') {
      const from = take();
      if (from === undefined) {
        ok = false;
        continue;
      }
      if (from === '') continue;
      if (this.src[this.pos] === '-' && this.src[this.pos + 1] !== ']' && this.pos + 1 < this.src.length) {
        this.pos++;
        const to = take();
        if (!to || from.length !== 1 || to.length !== 1 || to.charCodeAt(0) < from.charCodeAt(0) || to.charCodeAt(0) > 127) {
          ok = false;
          continue;
        }
        for (let code = from.charCodeAt(0); code <= to.charCodeAt(0); code++) members.push(String.fromCharCode(code));
      } else members.push(from);
    }
    if (this.src[this.pos] !== ']') return BAD;
    this.pos++;
    return ok && members.length > 0 && members.every((m) => SAFE_CHAR.test(m)) ? PLAIN : BAD;
  }
}

function charAtom(c: string): Atom {
  if (c === '-') return { ok: true, startDash: true, endDash: true, nullable: false };
  return SAFE_CHAR.test(c) ? PLAIN : BAD;
}
