/**
 * Where a value in a CDK file comes from, without running it: through local `const`s,
 * destructuring, object spreads, `this.x` fields, the props of the file's own constructs and
 * stacks, and simple helper functions (their parameters bound to each call site's arguments).
 * What cannot be followed stays as it is written: an unknown value, never a finding by itself.
 */
import * as ts from 'typescript';

/** One call of a local function: its parameters are bound to these arguments. */
export interface Frame {
  fn: ts.SignatureDeclaration;
  args: readonly ts.Expression[];
  /** Where the call itself was made. */
  callEnv: Env;
}
export type Env = Frame | undefined;

/** An expression together with the call that gives its parameters their values. */
export interface Val {
  expr: ts.Expression;
  env: Env;
}

export interface PropHit {
  /** The property as written: its key is where a finding about it lands. */
  element: ts.ObjectLiteralElementLike;
  value: Val;
}

/** found: at least one hit; absent: surely not set; unknown: a spread or value that cannot be read. */
export interface PropResult {
  hits: PropHit[];
  state: 'found' | 'absent' | 'unknown';
}

export interface ElementsResult {
  values: Val[];
  /** false when part of the list could not be read. */
  complete: boolean;
}

const MAX_DEPTH = 24;
const MAX_VALUES = 16;

export type FunctionLike = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration | ts.ConstructorDeclaration;

export function isFunctionLike(n: ts.Node): n is FunctionLike {
  return ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n) || ts.isConstructorDeclaration(n);
}

export function strip(e: ts.Expression): ts.Expression {
  while (
    ts.isParenthesizedExpression(e) ||
    ts.isAsExpression(e) ||
    ts.isSatisfiesExpression(e) ||
    ts.isNonNullExpression(e) ||
    ts.isTypeAssertionExpression(e)
  ) {
    e = e.expression;
  }
  return e;
}

export function propertyNameText(name: ts.PropertyName | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isComputedPropertyName(name) && ts.isStringLiteralLike(name.expression)) return name.expression.text;
  return undefined;
}

type Declaration = ts.VariableDeclaration | ts.ParameterDeclaration | ts.BindingElement | ts.FunctionDeclaration | ts.ClassDeclaration;

/** Resolves values of one source file. Memoizes scope lookups; holds no state across files. */
export class Resolver {
  private readonly declCache = new Map<ts.Identifier, Declaration | null>();

  constructor(
    readonly sf: ts.SourceFile,
    /** True for expressions that name a CDK export (`lambda.Runtime.NODEJS_20_X`): never followed further. */
    private readonly isCdkName: (e: ts.Expression) => boolean,
    /** The environments (call sites) a function runs in, for `this.x` fields set in another method. */
    private readonly envsOf: (n: ts.Node) => Env[],
  ) {}

  /** The expressions a value may finally be: literals, object and array literals, `new` expressions, or unknowns as written. */
  resolve(v: Val, depth = 0): Val[] {
    const out: Val[] = [];
    this.collect(v, depth, out, new Set());
    return out;
  }

  private collect(v: Val, depth: number, out: Val[], seen: Set<ts.Node>): void {
    if (out.length >= MAX_VALUES) return;
    const e = strip(v.expr);
    if (depth > MAX_DEPTH || seen.has(e)) {
      out.push({ expr: e, env: v.env });
      return;
    }
    const next = (x: ts.Expression, env: Env): void => {
      const s = new Set(seen);
      s.add(e);
      this.collect({ expr: x, env }, depth + 1, out, s);
    };
    if (ts.isIdentifier(e)) {
      if (this.isCdkName(e)) return void out.push({ expr: e, env: v.env });
      const got = this.identifierValues(e, v.env, depth);
      if (got === undefined) return void out.push({ expr: e, env: v.env });
      for (const g of got) next(g.expr, g.env);
      return;
    }
    if (ts.isConditionalExpression(e)) {
      next(e.whenTrue, v.env);
      next(e.whenFalse, v.env);
      return;
    }
    if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
      next(e.left, v.env);
      next(e.right, v.env);
      return;
    }
    if ((ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) && !this.isCdkName(e)) {
      const got = this.memberValues(e, v.env, depth);
      if (got === undefined) return void out.push({ expr: e, env: v.env });
      for (const g of got) next(g.expr, g.env);
      return;
    }
    if (ts.isCallExpression(e)) {
      const got = this.callValues(e, v.env);
      if (got === undefined) return void out.push({ expr: e, env: v.env });
      for (const g of got) next(g.expr, g.env);
      return;
    }
    out.push({ expr: e, env: v.env });
  }

  /** A property of an object value: `props.runtime`, `{ ...defaults, runtime }`. */
  prop(obj: Val | undefined, name: string, depth = 0): PropResult {
    if (obj === undefined) return { hits: [], state: 'absent' };
    const hits: PropHit[] = [];
    let unknown = false;
    for (const t of this.resolve(obj, depth + 1)) {
      if (ts.isObjectLiteralExpression(t.expr)) {
        const r = this.propIn(t.expr, t.env, name, depth + 1);
        hits.push(...r.hits);
        if (r.state === 'unknown') unknown = true;
      } else if (!(t.expr.kind === ts.SyntaxKind.UndefinedKeyword || (ts.isIdentifier(t.expr) && t.expr.text === 'undefined'))) {
        unknown = true;
      }
    }
    return { hits, state: unknown ? 'unknown' : hits.length > 0 ? 'found' : 'absent' };
  }

  private propIn(obj: ts.ObjectLiteralExpression, env: Env, name: string, depth: number): PropResult {
    // Later properties win, so read from the end.
    for (let i = obj.properties.length - 1; i >= 0; i--) {
      const p = obj.properties[i];
      if (ts.isSpreadAssignment(p)) {
        const r = this.prop({ expr: p.expression, env }, name, depth + 1);
        if (r.state !== 'absent') return r;
        continue;
      }
      const key = propertyNameText(p.name);
      if (key === undefined) {
        // A computed key we cannot read may be this one.
        if (p.name && ts.isComputedPropertyName(p.name)) return { hits: [], state: 'unknown' };
        continue;
      }
      if (key !== name) continue;
      if (ts.isPropertyAssignment(p)) return { hits: [{ element: p, value: { expr: p.initializer, env } }], state: 'found' };
      if (ts.isShorthandPropertyAssignment(p)) return { hits: [{ element: p, value: { expr: p.name, env } }], state: 'found' };
      return { hits: [], state: 'unknown' };
    }
    return { hits: [], state: 'absent' };
  }

  /** The values of a nested property path (`deployOptions.accessLogDestination`). */
  path(obj: Val | undefined, names: string[]): PropResult {
    let vals: Val[] = obj ? [obj] : [];
    let result: PropResult = { hits: [], state: obj ? 'found' : 'absent' };
    let unknown = false;
    for (const n of names) {
      const hits: PropHit[] = [];
      for (const v of vals) {
        const r = this.prop(v, n);
        hits.push(...r.hits);
        if (r.state === 'unknown') unknown = true;
      }
      result = { hits, state: unknown ? 'unknown' : hits.length ? 'found' : 'absent' };
      vals = hits.map((h) => h.value);
      if (!vals.length) break;
    }
    return result;
  }

  /** The elements of an array value, through spreads and consts. */
  elements(v: Val | undefined): ElementsResult {
    if (v === undefined) return { values: [], complete: true };
    const values: Val[] = [];
    let complete = true;
    for (const t of this.resolve(v)) {
      if (ts.isArrayLiteralExpression(t.expr)) {
        for (const el of t.expr.elements) {
          if (ts.isSpreadElement(el)) {
            const r = this.elements({ expr: el.expression, env: t.env });
            values.push(...r.values);
            if (!r.complete) complete = false;
          } else if (!ts.isOmittedExpression(el)) values.push({ expr: el, env: t.env });
        }
      } else complete = false;
    }
    return { values, complete };
  }

  /** The string literals a value may be (with where each is written); `complete` false when some value is unknown. */
  strings(v: Val | undefined): { values: { text: string; node: ts.StringLiteralLike }[]; complete: boolean } {
    if (v === undefined) return { values: [], complete: false };
    const values: { text: string; node: ts.StringLiteralLike }[] = [];
    let complete = true;
    for (const t of this.resolve(v)) {
      if (ts.isStringLiteralLike(t.expr)) values.push({ text: t.expr.text, node: t.expr });
      else complete = false;
    }
    return { values, complete };
  }

  /** true / false when the value is surely that boolean; undefined otherwise. */
  bool(v: Val | undefined): boolean | undefined {
    if (v === undefined) return undefined;
    const ts_ = this.resolve(v);
    if (ts_.length === 0) return undefined;
    if (ts_.every((t) => t.expr.kind === ts.SyntaxKind.TrueKeyword)) return true;
    if (ts_.every((t) => t.expr.kind === ts.SyntaxKind.FalseKeyword)) return false;
    return undefined;
  }

  // ---- identifiers ------------------------------------------------------------------------

  /** The declaration an identifier refers to, by lexical scope. */
  declarationOf(id: ts.Identifier): Declaration | undefined {
    const cached = this.declCache.get(id);
    if (cached !== undefined) return cached ?? undefined;
    const found = this.lookup(id);
    this.declCache.set(id, found ?? null);
    return found;
  }

  private lookup(id: ts.Identifier): Declaration | undefined {
    const name = id.text;
    for (let n: ts.Node | undefined = id.parent; n; n = n.parent) {
      if (isFunctionLike(n)) {
        for (const p of n.parameters) {
          const d = findInBinding(p, p.name, name);
          if (d) return d;
        }
        if (ts.isFunctionExpression(n) && n.name?.text === name) return undefined;
      }
      if (ts.isForOfStatement(n) || ts.isForInStatement(n) || ts.isForStatement(n)) {
        const init = n.initializer;
        if (init && ts.isVariableDeclarationList(init)) for (const d of init.declarations) {
          const f = findInBinding(d, d.name, name);
          if (f) return f;
        }
      }
      if (ts.isCatchClause(n) && n.variableDeclaration) {
        const f = findInBinding(n.variableDeclaration, n.variableDeclaration.name, name);
        if (f) return f;
      }
      if (ts.isBlock(n) || ts.isSourceFile(n) || ts.isModuleBlock(n) || ts.isCaseClause(n) || ts.isDefaultClause(n)) {
        for (const st of n.statements) {
          if (ts.isVariableStatement(st)) {
            for (const d of st.declarationList.declarations) {
              const f = findInBinding(d, d.name, name);
              if (f) return f;
            }
          } else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name?.text === name) return st;
        }
      }
    }
    return undefined;
  }

  private identifierValues(id: ts.Identifier, env: Env, depth: number): Val[] | undefined {
    if (id.text === 'undefined') return undefined;
    const d = this.declarationOf(id);
    if (!d) return undefined;
    if (ts.isFunctionDeclaration(d) || ts.isClassDeclaration(d)) return undefined;
    // Walk from the name up to its declaring variable or parameter, remembering the path taken.
    const path: (string | number)[] = [];
    let node: ts.Node = d;
    let defaultValue: ts.Expression | undefined;
    while (ts.isBindingElement(node)) {
      const be: ts.BindingElement = node;
      if (defaultValue === undefined && be.initializer) defaultValue = be.initializer;
      const pattern = be.parent;
      if (ts.isObjectBindingPattern(pattern)) {
        const key = be.propertyName ? propertyNameText(be.propertyName) : ts.isIdentifier(be.name) ? be.name.text : undefined;
        if (key === undefined || be.dotDotDotToken) return undefined;
        path.unshift(key);
      } else {
        if (be.dotDotDotToken) return undefined;
        path.unshift(pattern.elements.indexOf(be));
      }
      node = pattern.parent;
    }
    let base: Val[] | undefined;
    if (ts.isVariableDeclaration(node)) {
      const decl = node;
      const list = decl.parent;
      if (ts.isVariableDeclarationList(list) && (ts.isForOfStatement(list.parent) || ts.isForInStatement(list.parent))) {
        if (!ts.isForOfStatement(list.parent)) return undefined;
        // `for (const name of ['A', 'B'])`: the loop variable is each element.
        const els = this.elements({ expr: list.parent.expression, env });
        base = els.values;
        if (!els.complete) base.push({ expr: id, env });
      } else if (decl.initializer) {
        // `let` and `var` may be reassigned later; only a `const` is followed.
        if (ts.isVariableDeclarationList(list) && !(list.flags & ts.NodeFlags.Const) && isReassigned(this.sf, decl)) return undefined;
        base = [{ expr: decl.initializer, env }];
      } else return undefined;
    } else if (ts.isParameter(node)) {
      base = this.parameterValues(node, env, id);
    } else return undefined;
    if (base === undefined) return undefined;
    if (path.length === 0) return base;
    const out: Val[] = [];
    for (const b of base) {
      let cur: Val[] = [b];
      for (const step of path) {
        const nextVals: Val[] = [];
        for (const c of cur) {
          if (typeof step === 'number') {
            const els = this.elements(c);
            const el = els.values[step];
            if (el) nextVals.push(el);
            else nextVals.push({ expr: id, env });
          } else {
            const r = this.prop(c, step, depth + 1);
            if (r.hits.length) nextVals.push(...r.hits.map((h) => h.value));
            if (r.state === 'absent' && defaultValue) nextVals.push({ expr: defaultValue, env });
            else if (r.state !== 'found') nextVals.push({ expr: id, env });
          }
        }
        cur = nextVals;
      }
      out.push(...cur);
    }
    return out;
  }

  private parameterValues(p: ts.ParameterDeclaration, env: Env, at: ts.Identifier): Val[] | undefined {
    const fn = p.parent;
    if (!isFunctionLike(fn)) return undefined;
    const index = fn.parameters.indexOf(p);
    for (let f = env; f; f = f.callEnv) {
      if (f.fn !== fn) continue;
      if (p.dotDotDotToken) return undefined;
      const arg = f.args[index];
      if (arg) return [{ expr: arg, env: f.callEnv }];
      if (p.initializer) return [{ expr: p.initializer, env: f.callEnv }];
      return [];
    }
    // `[...].forEach((x) => ...)`, `.map(x => ...)`: the parameter is each element of the array.
    const call = fn.parent;
    if (index === 0 && ts.isCallExpression(call) && call.arguments[0] === fn && ts.isPropertyAccessExpression(call.expression) && ['forEach', 'map', 'flatMap'].includes(call.expression.name.text)) {
      const els = this.elements({ expr: call.expression.expression, env });
      if (els.values.length > 0) return els.complete ? els.values : [...els.values, { expr: at, env }];
    }
    return undefined;
  }

  // ---- members and calls ------------------------------------------------------------------

  private memberValues(e: ts.PropertyAccessExpression | ts.ElementAccessExpression, env: Env, depth: number): Val[] | undefined {
    const name = ts.isPropertyAccessExpression(e) ? e.name.text : ts.isStringLiteralLike(e.argumentExpression) ? e.argumentExpression.text : undefined;
    if (name === undefined) return undefined;
    const obj = strip(e.expression);
    if (obj.kind === ts.SyntaxKind.ThisKeyword) return this.fieldValues(obj, name, env);
    const r = this.prop({ expr: obj, env }, name, depth + 1);
    if (r.state === 'found' && r.hits.length) return r.hits.map((h) => h.value);
    if (r.state === 'absent') return [];
    return r.hits.length ? [...r.hits.map((h) => h.value), { expr: e, env }] : undefined;
  }

  /** `this.x`: a field initializer or an assignment `this.x = ...` in the same class. */
  private fieldValues(self: ts.Node, name: string, env: Env): Val[] | undefined {
    let cls: ts.Node | undefined = self.parent;
    while (cls && !ts.isClassLike(cls)) cls = cls.parent;
    if (!cls || !ts.isClassLike(cls)) return undefined;
    const out: Val[] = [];
    for (const m of cls.members) {
      if (ts.isPropertyDeclaration(m) && propertyNameText(m.name) === name && m.initializer) out.push({ expr: m.initializer, env });
      if (ts.isConstructorDeclaration(m) && m.body) {
        for (const p of m.parameters) {
          // `constructor(private readonly table: Table)`: a parameter property.
          if (ts.isIdentifier(p.name) && p.name.text === name && ts.getModifiers(p)?.length) return undefined;
        }
      }
    }
    const visit = (n: ts.Node): void => {
      if (
        ts.isBinaryExpression(n) &&
        n.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        ts.isPropertyAccessExpression(n.left) &&
        n.left.expression.kind === ts.SyntaxKind.ThisKeyword &&
        n.left.name.text === name
      ) {
        const sameFn = enclosingFunction(n) === enclosingFunction(self);
        const envs = sameFn ? [env] : this.envsOf(n);
        for (const en of envs.slice(0, 4)) out.push({ expr: n.right, env: en });
      }
      if (ts.isClassLike(n) && n !== cls) return;
      ts.forEachChild(n, visit);
    };
    visit(cls);
    return out.length ? out : undefined;
  }

  /** A call of a local helper: the values its `return`s give with the parameters bound to this call's arguments. */
  private callValues(call: ts.CallExpression, env: Env): Val[] | undefined {
    const fn = this.calledFunction(call);
    if (!fn || !fn.body) return undefined;
    const frame: Frame = { fn, args: call.arguments, callEnv: env };
    if (!ts.isBlock(fn.body)) return [{ expr: fn.body, env: frame }];
    const out: Val[] = [];
    const visit = (n: ts.Node): void => {
      if (ts.isReturnStatement(n) && n.expression) out.push({ expr: n.expression, env: frame });
      if (isFunctionLike(n) || ts.isClassLike(n)) return;
      ts.forEachChild(n, visit);
    };
    ts.forEachChild(fn.body, visit);
    return out.length ? out : undefined;
  }

  /** The local function a call runs: `helper(...)`, `this.helper(...)`. */
  calledFunction(call: ts.CallExpression): FunctionLike | undefined {
    const callee = strip(call.expression);
    if (ts.isIdentifier(callee)) {
      const d = this.declarationOf(callee);
      if (d && ts.isFunctionDeclaration(d)) return d;
      if (d && ts.isVariableDeclaration(d) && d.initializer) {
        const init = strip(d.initializer);
        if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
      }
      return undefined;
    }
    if (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword) {
      let cls: ts.Node | undefined = callee.parent;
      while (cls && !ts.isClassLike(cls)) cls = cls.parent;
      if (!cls || !ts.isClassLike(cls)) return undefined;
      for (const m of cls.members) if (ts.isMethodDeclaration(m) && propertyNameText(m.name) === callee.name.text) return m;
    }
    return undefined;
  }
}

function findInBinding(decl: ts.VariableDeclaration | ts.ParameterDeclaration, name: ts.BindingName, text: string): Declaration | undefined {
  if (ts.isIdentifier(name)) return name.text === text ? decl : undefined;
  for (const el of name.elements) {
    if (ts.isOmittedExpression(el)) continue;
    if (ts.isIdentifier(el.name)) {
      if (el.name.text === text) return el;
    } else {
      const f = findInBindingElement(el.name, text);
      if (f) return f;
    }
  }
  return undefined;
}

function findInBindingElement(pattern: ts.BindingPattern, text: string): ts.BindingElement | undefined {
  for (const el of pattern.elements) {
    if (ts.isOmittedExpression(el)) continue;
    if (ts.isIdentifier(el.name)) {
      if (el.name.text === text) return el;
    } else {
      const f = findInBindingElement(el.name, text);
      if (f) return f;
    }
  }
  return undefined;
}

export function enclosingFunction(n: ts.Node): FunctionLike | undefined {
  for (let p = n.parent; p; p = p.parent) if (isFunctionLike(p)) return p;
  return undefined;
}

const reassignCache = new WeakMap<ts.VariableDeclaration, boolean>();

/** Whether a `let`/`var` is assigned again after its declaration (then its value is unknown). */
function isReassigned(sf: ts.SourceFile, decl: ts.VariableDeclaration): boolean {
  const cached = reassignCache.get(decl);
  if (cached !== undefined) return cached;
  if (!ts.isIdentifier(decl.name)) return true;
  const name = decl.name.text;
  let found = false;
  const scope = decl.parent.parent.parent ?? sf;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment && ts.isIdentifier(n.left) && n.left.text === name) found = true;
    if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && ts.isIdentifier(n.operand) && n.operand.text === name) found = true;
    ts.forEachChild(n, visit);
  };
  visit(scope);
  reassignCache.set(decl, found);
  return found;
}
