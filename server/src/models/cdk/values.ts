/**
 * Where a value in a CDK file comes from, without running it: through local `const`s,
 * destructuring, object spreads, `this.x` fields, the props of the file's own constructs and
 * stacks, and simple helper functions (their parameters bound to each call site's arguments).
 * What cannot be followed stays as it is written: an unknown value, never a finding by itself.
 */
import * as ts from 'typescript';
// Bound once: bundled, each `ts.x` access goes through a module-namespace getter, which in the
// hot loops here (every node of a 1,500-line stack) costs more than the analysis itself.
const { forEachChild, getModifiers, isArrayLiteralExpression, isArrowFunction, isBinaryExpression, isBindingElement, isBlock, isCallExpression, isCaseClause, isCatchClause, isClassDeclaration, isClassLike, isComputedPropertyName, isConditionalExpression, isConstructorDeclaration, isDefaultClause, isElementAccessExpression, isForInStatement, isForOfStatement, isForStatement, isFunctionDeclaration, isFunctionExpression, isIdentifier, isMethodDeclaration, isModuleBlock, isNumericLiteral, isObjectBindingPattern, isObjectLiteralExpression, isOmittedExpression, isParameter, isPostfixUnaryExpression, isPrefixUnaryExpression, isPrivateIdentifier, isPropertyAccessExpression, isPropertyAssignment, isPropertyDeclaration, isReturnStatement, isShorthandPropertyAssignment, isSourceFile, isSpreadAssignment, isSpreadElement, isStringLiteralLike, isVariableDeclaration, isVariableDeclarationList, isVariableStatement } = ts;

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
  readonly hits: readonly PropHit[];
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

const SK = ts.SyntaxKind;
const FUNCTION_KINDS = new Set<ts.SyntaxKind>([SK.FunctionDeclaration, SK.FunctionExpression, SK.ArrowFunction, SK.MethodDeclaration, SK.Constructor]);
const WRAPPER_KINDS = new Set<ts.SyntaxKind>([SK.ParenthesizedExpression, SK.AsExpression, SK.SatisfiesExpression, SK.NonNullExpression, SK.TypeAssertionExpression]);

export function isFunctionLike(n: ts.Node): n is FunctionLike {
  return FUNCTION_KINDS.has(n.kind);
}

export function strip(e: ts.Expression): ts.Expression {
  while (WRAPPER_KINDS.has(e.kind)) e = (e as ts.ParenthesizedExpression).expression;
  return e;
}

export function propertyNameText(name: ts.PropertyName | undefined): string | undefined {
  if (!name) return undefined;
  if (isIdentifier(name) || isStringLiteralLike(name) || isNumericLiteral(name) || isPrivateIdentifier(name)) return name.text;
  if (isComputedPropertyName(name) && isStringLiteralLike(name.expression)) return name.expression.text;
  return undefined;
}

type Declaration = ts.VariableDeclaration | ts.ParameterDeclaration | ts.BindingElement | ts.FunctionDeclaration | ts.ClassDeclaration;

/** Resolves values of one source file. Memoizes scope lookups; holds no state across files. */
export class Resolver {
  private readonly declCache = new Map<ts.Identifier, Declaration | null>();
  private readonly scopes = new Map<ts.Node, Map<string, Declaration | null> | null>();
  private readonly resolved = new Map<ts.Expression, { env: Env; depth: number; vals: readonly Val[] }[]>();
  private readonly props = new Map<ts.Expression, { env: Env; depth: number; name: string; result: PropResult }[]>();

  constructor(
    readonly sf: ts.SourceFile,
    /** True for expressions that name a CDK export (`lambda.Runtime.NODEJS_20_X`): never followed further. */
    private readonly isCdkName: (e: ts.Expression) => boolean,
    /** The environments (call sites) a function runs in, for `this.x` fields set in another method. */
    private readonly envsOf: (n: ts.Node) => Env[],
  ) {}

  /** The expressions a value may finally be: literals, object and array literals, `new` expressions, or unknowns as written. */
  resolve(v: Val, depth = 0): readonly Val[] {
    // Every check asks about the same props of the same constructs: answer each question once.
    let memo = this.resolved.get(v.expr);
    if (memo) for (const m of memo) if (m.env === v.env && m.depth === depth) return m.vals;
    const out: Val[] = [];
    this.collect(v, depth, out, new Set());
    if (!memo) this.resolved.set(v.expr, (memo = []));
    memo.push({ env: v.env, depth, vals: out });
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
    if (isIdentifier(e)) {
      if (this.isCdkName(e)) return void out.push({ expr: e, env: v.env });
      const got = this.identifierValues(e, v.env, depth);
      if (got === undefined) return void out.push({ expr: e, env: v.env });
      for (const g of got) next(g.expr, g.env);
      return;
    }
    if (isConditionalExpression(e)) {
      next(e.whenTrue, v.env);
      next(e.whenFalse, v.env);
      return;
    }
    if (isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
      next(e.left, v.env);
      next(e.right, v.env);
      return;
    }
    if ((isPropertyAccessExpression(e) || isElementAccessExpression(e)) && !this.isCdkName(e)) {
      const got = this.memberValues(e, v.env, depth);
      if (got === undefined) return void out.push({ expr: e, env: v.env });
      for (const g of got) next(g.expr, g.env);
      return;
    }
    if (isCallExpression(e)) {
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
    let memo = this.props.get(obj.expr);
    if (memo) for (const m of memo) if (m.env === obj.env && m.depth === depth && m.name === name) return m.result;
    const result = this.propUncached(obj, name, depth);
    if (!memo) this.props.set(obj.expr, (memo = []));
    memo.push({ env: obj.env, depth, name, result });
    return result;
  }

  private propUncached(obj: Val, name: string, depth: number): PropResult {
    const hits: PropHit[] = [];
    let unknown = false;
    for (const t of this.resolve(obj, depth + 1)) {
      if (isObjectLiteralExpression(t.expr)) {
        const r = this.propIn(t.expr, t.env, name, depth + 1);
        hits.push(...r.hits);
        if (r.state === 'unknown') unknown = true;
      } else if (!(t.expr.kind === ts.SyntaxKind.UndefinedKeyword || (isIdentifier(t.expr) && t.expr.text === 'undefined'))) {
        unknown = true;
      }
    }
    return { hits, state: unknown ? 'unknown' : hits.length > 0 ? 'found' : 'absent' };
  }

  private propIn(obj: ts.ObjectLiteralExpression, env: Env, name: string, depth: number): PropResult {
    // Later properties win, so read from the end.
    for (let i = obj.properties.length - 1; i >= 0; i--) {
      const p = obj.properties[i];
      if (isSpreadAssignment(p)) {
        const r = this.prop({ expr: p.expression, env }, name, depth + 1);
        if (r.state !== 'absent') return r;
        continue;
      }
      const key = propertyNameText(p.name);
      if (key === undefined) {
        // A computed key we cannot read may be this one.
        if (p.name && isComputedPropertyName(p.name)) return { hits: [], state: 'unknown' };
        continue;
      }
      if (key !== name) continue;
      if (isPropertyAssignment(p)) return { hits: [{ element: p, value: { expr: p.initializer, env } }], state: 'found' };
      if (isShorthandPropertyAssignment(p)) return { hits: [{ element: p, value: { expr: p.name, env } }], state: 'found' };
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
      if (isArrayLiteralExpression(t.expr)) {
        for (const el of t.expr.elements) {
          if (isSpreadElement(el)) {
            const r = this.elements({ expr: el.expression, env: t.env });
            values.push(...r.values);
            if (!r.complete) complete = false;
          } else if (!isOmittedExpression(el)) values.push({ expr: el, env: t.env });
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
      if (isStringLiteralLike(t.expr)) values.push({ text: t.expr.text, node: t.expr });
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
    for (let n: ts.Node | undefined = id.parent; n; n = n.parent) {
      const table = this.scopeTable(n);
      if (!table) continue;
      const d = table.get(id.text);
      if (d !== undefined) return d ?? undefined;
    }
    return undefined;
  }

  /**
   * The names a scope declares, built once per scope: a stack's constructor holds hundreds of
   * statements, and walking them for every identifier would make lookups quadratic.
   */
  private scopeTable(n: ts.Node): Map<string, Declaration | null> | undefined {
    const cached = this.scopes.get(n);
    if (cached !== undefined) return cached ?? undefined;
    let table: Map<string, Declaration | null> | undefined;
    const add = (decl: ts.VariableDeclaration | ts.ParameterDeclaration, name: ts.BindingName): void => {
      table ??= new Map();
      for (const [text, d] of bindingDeclarations(decl, name)) if (!table.has(text)) table.set(text, d);
    };
    if (isFunctionLike(n)) {
      for (const p of n.parameters) add(p, p.name);
      // A named function expression's own name shadows outer names; it is not a value we follow.
      if (isFunctionExpression(n) && n.name) (table ??= new Map()).set(n.name.text, null);
    } else if (isForOfStatement(n) || isForInStatement(n) || isForStatement(n)) {
      const init = n.initializer;
      if (init && isVariableDeclarationList(init)) for (const d of init.declarations) add(d, d.name);
    } else if (isCatchClause(n)) {
      if (n.variableDeclaration) add(n.variableDeclaration, n.variableDeclaration.name);
    } else if (isBlock(n) || isSourceFile(n) || isModuleBlock(n) || isCaseClause(n) || isDefaultClause(n)) {
      table = new Map();
      for (const st of n.statements) {
        if (isVariableStatement(st)) for (const d of st.declarationList.declarations) add(d, d.name);
        else if ((isFunctionDeclaration(st) || isClassDeclaration(st)) && st.name && !table.has(st.name.text)) table.set(st.name.text, st);
      }
    }
    this.scopes.set(n, table ?? null);
    return table;
  }

  private identifierValues(id: ts.Identifier, env: Env, depth: number): Val[] | undefined {
    if (id.text === 'undefined') return undefined;
    const d = this.declarationOf(id);
    if (!d) return undefined;
    if (isFunctionDeclaration(d) || isClassDeclaration(d)) return undefined;
    // Walk from the name up to its declaring variable or parameter, remembering the path taken.
    const path: (string | number)[] = [];
    let node: ts.Node = d;
    let defaultValue: ts.Expression | undefined;
    while (isBindingElement(node)) {
      const be: ts.BindingElement = node;
      if (defaultValue === undefined && be.initializer) defaultValue = be.initializer;
      const pattern = be.parent;
      if (isObjectBindingPattern(pattern)) {
        const key = be.propertyName ? propertyNameText(be.propertyName) : isIdentifier(be.name) ? be.name.text : undefined;
        if (key === undefined || be.dotDotDotToken) return undefined;
        path.unshift(key);
      } else {
        if (be.dotDotDotToken) return undefined;
        path.unshift(pattern.elements.indexOf(be));
      }
      node = pattern.parent;
    }
    let base: Val[] | undefined;
    if (isVariableDeclaration(node)) {
      const decl = node;
      const list = decl.parent;
      if (isVariableDeclarationList(list) && (isForOfStatement(list.parent) || isForInStatement(list.parent))) {
        if (!isForOfStatement(list.parent)) return undefined;
        // `for (const name of ['A', 'B'])`: the loop variable is each element.
        const els = this.elements({ expr: list.parent.expression, env });
        base = els.values;
        if (!els.complete) base.push({ expr: id, env });
      } else if (decl.initializer) {
        // `let` and `var` may be reassigned later; only a `const` is followed.
        if (isVariableDeclarationList(list) && !(list.flags & ts.NodeFlags.Const) && isReassigned(this.sf, decl)) return undefined;
        base = [{ expr: decl.initializer, env }];
      } else return undefined;
    } else if (isParameter(node)) {
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
    if (index === 0 && isCallExpression(call) && call.arguments[0] === fn && isPropertyAccessExpression(call.expression) && ['forEach', 'map', 'flatMap'].includes(call.expression.name.text)) {
      const els = this.elements({ expr: call.expression.expression, env });
      if (els.values.length > 0) return els.complete ? els.values : [...els.values, { expr: at, env }];
    }
    return undefined;
  }

  // ---- members and calls ------------------------------------------------------------------

  private memberValues(e: ts.PropertyAccessExpression | ts.ElementAccessExpression, env: Env, depth: number): Val[] | undefined {
    const name = isPropertyAccessExpression(e) ? e.name.text : isStringLiteralLike(e.argumentExpression) ? e.argumentExpression.text : undefined;
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
    while (cls && !isClassLike(cls)) cls = cls.parent;
    if (!cls || !isClassLike(cls)) return undefined;
    const out: Val[] = [];
    for (const m of cls.members) {
      if (isPropertyDeclaration(m) && propertyNameText(m.name) === name && m.initializer) out.push({ expr: m.initializer, env });
      if (isConstructorDeclaration(m) && m.body) {
        for (const p of m.parameters) {
          // `constructor(private readonly table: Table)`: a parameter property.
          if (isIdentifier(p.name) && p.name.text === name && getModifiers(p)?.length) return undefined;
        }
      }
    }
    const visit = (n: ts.Node): void => {
      if (
        isBinaryExpression(n) &&
        n.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        isPropertyAccessExpression(n.left) &&
        n.left.expression.kind === ts.SyntaxKind.ThisKeyword &&
        n.left.name.text === name
      ) {
        const sameFn = enclosingFunction(n) === enclosingFunction(self);
        const envs = sameFn ? [env] : this.envsOf(n);
        for (const en of envs.slice(0, 4)) out.push({ expr: n.right, env: en });
      }
      if (isClassLike(n) && n !== cls) return;
      forEachChild(n, visit);
    };
    visit(cls);
    return out.length ? out : undefined;
  }

  /** A call of a local helper: the values its `return`s give with the parameters bound to this call's arguments. */
  private callValues(call: ts.CallExpression, env: Env): Val[] | undefined {
    const fn = this.calledFunction(call);
    if (!fn || !fn.body) return undefined;
    const frame: Frame = { fn, args: call.arguments, callEnv: env };
    if (!isBlock(fn.body)) return [{ expr: fn.body, env: frame }];
    const out: Val[] = [];
    const visit = (n: ts.Node): void => {
      if (isReturnStatement(n) && n.expression) out.push({ expr: n.expression, env: frame });
      if (isFunctionLike(n) || isClassLike(n)) return;
      forEachChild(n, visit);
    };
    forEachChild(fn.body, visit);
    return out.length ? out : undefined;
  }

  /** The local function a call runs: `helper(...)`, `this.helper(...)`. */
  calledFunction(call: ts.CallExpression): FunctionLike | undefined {
    const callee = strip(call.expression);
    if (isIdentifier(callee)) {
      const d = this.declarationOf(callee);
      if (d && isFunctionDeclaration(d)) return d;
      if (d && isVariableDeclaration(d) && d.initializer) {
        const init = strip(d.initializer);
        if (isArrowFunction(init) || isFunctionExpression(init)) return init;
      }
      return undefined;
    }
    if (isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword) {
      let cls: ts.Node | undefined = callee.parent;
      while (cls && !isClassLike(cls)) cls = cls.parent;
      if (!cls || !isClassLike(cls)) return undefined;
      for (const m of cls.members) if (isMethodDeclaration(m) && propertyNameText(m.name) === callee.name.text) return m;
    }
    return undefined;
  }
}

/** Every name a declaration binds, with the node that declares it (the declaration, or a binding element). */
function bindingDeclarations(decl: ts.VariableDeclaration | ts.ParameterDeclaration, name: ts.BindingName): [string, Declaration][] {
  if (isIdentifier(name)) return [[name.text, decl]];
  const out: [string, Declaration][] = [];
  const walk = (pattern: ts.BindingPattern): void => {
    for (const el of pattern.elements) {
      if (isOmittedExpression(el)) continue;
      if (isIdentifier(el.name)) out.push([el.name.text, el]);
      else walk(el.name);
    }
  };
  walk(name);
  return out;
}

export function enclosingFunction(n: ts.Node): FunctionLike | undefined {
  for (let p = n.parent; p; p = p.parent) if (isFunctionLike(p)) return p;
  return undefined;
}

/**
 * Per syntax tree, then per declaration: after an edit the compiler reuses the nodes the edit did
 * not touch in the new tree, and an assignment may have been added elsewhere in their scope.
 */
const reassignCache = new WeakMap<ts.SourceFile, WeakMap<ts.VariableDeclaration, boolean>>();

/** Whether a `let`/`var` is assigned again after its declaration (then its value is unknown). */
function isReassigned(sf: ts.SourceFile, decl: ts.VariableDeclaration): boolean {
  let memo = reassignCache.get(sf);
  if (!memo) reassignCache.set(sf, (memo = new WeakMap()));
  const cached = memo.get(decl);
  if (cached !== undefined) return cached;
  if (!isIdentifier(decl.name)) return true;
  const name = decl.name.text;
  let found = false;
  const scope = decl.parent.parent.parent ?? sf;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment && isIdentifier(n.left) && n.left.text === name) found = true;
    if ((isPrefixUnaryExpression(n) || isPostfixUnaryExpression(n)) && isIdentifier(n.operand) && n.operand.text === name) found = true;
    forEachChild(n, visit);
  };
  visit(scope);
  memo.set(decl, found);
  return found;
}
