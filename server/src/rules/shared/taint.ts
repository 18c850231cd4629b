/**
 * Taint tracking for handler code, on syntax alone: which expressions carry request data from a
 * handler's event to a sink. Flow-insensitive per function (a name is tainted once anything
 * tainted is assigned to it), field-insensitive (an object holding request data is request data),
 * and inter-procedural over functions of the same file and its relative imports, which are read
 * from the workspace index, never from disk. Each function is analysed once per set of tainted
 * parameters.
 */
// The default import: a namespace import of this CommonJS package goes through a getter per
// property access once bundled, which costs more than the analysis itself on large files.
import ts from 'typescript';
import type { WorkspaceIndex } from '../../engine/workspace';
import type { FunctionNode } from './code';
import { bindingNames } from './code';
import { GuardReader, pathKey } from './guards';

/** Where request data came from, and how it got here. */
export interface Taint {
  /** The expression where request data enters (`event.pathParameters.id`, a destructured parameter). */
  origin: ts.Node;
  /** The file of `origin`. */
  originFile: string;
  /** The names it passed through on the way, in order. */
  via: string[];
  /** True while the value is still the event itself or a path into it (for labelling the origin). */
  fromParam: boolean;
  /** How messages name the event: `event`, or `the event` when the handler destructures it. */
  source: string;
}

/** Calls whose result is a number or boolean: their output cannot carry SQL text. */
const SANITIZERS = new Set([
  'Number', 'parseInt', 'parseFloat', 'Boolean', 'Number.parseInt', 'Number.parseFloat', 'Number.isInteger', 'Number.isNaN', 'isNaN',
  'Math.round', 'Math.floor', 'Math.ceil', 'Math.trunc', 'Math.abs', 'Math.min', 'Math.max', 'BigInt', 'Date.parse',
]);

/** Free functions that pass their arguments' content on. */
const PASS_THROUGH = new Set([
  'JSON.parse', 'JSON.stringify', 'String', 'decodeURIComponent', 'decodeURI', 'encodeURIComponent', 'unescape', 'atob',
  'Buffer.from', 'Object.values', 'Object.keys', 'Object.entries', 'Object.assign', 'Object.fromEntries', 'Array.from', 'Array.of',
  'util.format', 'format', 'querystring.parse', 'qs.parse', 'structuredClone',
]);

/** Methods whose result is a number or boolean whatever the receiver holds. */
const CLEAN_METHODS = new Set([
  'includes', 'indexOf', 'lastIndexOf', 'startsWith', 'endsWith', 'test', 'some', 'every', 'findIndex', 'findLastIndex', 'has',
  'localeCompare', 'search', 'getTime', 'valueOf', 'charCodeAt', 'codePointAt', 'isArray',
]);

/** Methods that put their arguments into the receiver (`parts.push(x)` makes `parts` tainted). */
const COLLECTING_METHODS = new Set(['push', 'unshift', 'splice', 'set', 'append', 'add', 'concat', 'assign']);

/** Array methods whose callback receives the receiver's elements. */
const CALLBACK_METHODS = new Set(['map', 'flatMap', 'forEach', 'filter', 'find', 'findLast', 'reduce', 'reduceRight', 'some', 'every', 'sort']);

export function skipOuter(e: ts.Expression): ts.Expression {
  while (
    ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e) ||
    ts.isTypeAssertionExpression(e) || ts.isAwaitExpression(e)
  ) {
    e = e.expression;
  }
  return e;
}

/** `a.b.c` as text, for names of calls (`Math.floor`, `util.format`). */
function calleeName(e: ts.Expression): string | undefined {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) {
    const left = calleeName(e.expression);
    return left ? `${left}.${e.name.text}` : undefined;
  }
  return undefined;
}

export function isFunctionNode(n: ts.Node | undefined): n is FunctionNode {
  return n !== undefined && (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n));
}

/** What one file offers the analysis: its local functions and the names it imports. */
export interface FileFacts {
  file: string;
  sf: ts.SourceFile;
  /** Functions by the name they are declared or assigned to. */
  functions: Map<string, FunctionNode>;
  /** Exported functions by their exported name (`default` for the default export). */
  exported: Map<string, FunctionNode>;
  /** Local name → module and the imported name (`*` for namespace/default-as-module, `default`). */
  importedNames: Map<string, { module: string; name: string }>;
  modules: Set<string>;
}

const factsCache = new WeakMap<ts.SourceFile, FileFacts>();

export function fileFacts(file: string, sf: ts.SourceFile): FileFacts {
  const cached = factsCache.get(sf);
  if (cached && cached.file === file) return cached;
  const functions = new Map<string, FunctionNode>();
  const exported = new Map<string, FunctionNode>();
  const importedNames = new Map<string, { module: string; name: string }>();
  const exportNames = new Map<string, string>(); // local → exported
  const isExported = (n: ts.Node): boolean => ts.canHaveModifiers(n) && (ts.getModifiers(n) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const isDefault = (n: ts.Node): boolean => ts.canHaveModifiers(n) && (ts.getModifiers(n) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
  const modules = new Set<string>();
  const requireOf = (d: ts.VariableDeclaration): void => {
    const load = moduleLoad(d);
    if (!load) return;
    modules.add(load.module);
    for (const [local, name] of load.names) importedNames.set(local, { module: load.module, name });
  };
  // Top-level statements only: a full walk of a large file costs a fair part of a parse, and
  // imports, requires and the functions other code calls by name live at the top level.
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name && !functions.has(st.name.text)) functions.set(st.name.text, st);
    else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && d.initializer) {
          const init = skipOuter(d.initializer);
          if (isFunctionNode(init) && !functions.has(d.name.text)) functions.set(d.name.text, init);
        }
        requireOf(d);
      }
    } else if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
      const module = st.moduleSpecifier.text;
      modules.add(module);
      const clause = st.importClause;
      if (clause?.name) importedNames.set(clause.name.text, { module, name: 'default' });
      const nb = clause?.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) importedNames.set(nb.name.text, { module, name: '*' });
      if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) importedNames.set(el.name.text, { module, name: (el.propertyName ?? el.name).text });
    } else if (ts.isImportEqualsDeclaration(st) && ts.isExternalModuleReference(st.moduleReference) && ts.isStringLiteral(st.moduleReference.expression)) {
      const module = st.moduleReference.expression.text;
      modules.add(module);
      importedNames.set(st.name.text, { module, name: '*' });
    }
  }
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && isExported(st)) exported.set(isDefault(st) ? 'default' : (st.name?.text ?? 'default'), st);
    else if (ts.isVariableStatement(st) && isExported(st)) {
      for (const d of st.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && d.initializer && isFunctionNode(skipOuter(d.initializer))) exported.set(d.name.text, skipOuter(d.initializer) as FunctionNode);
      }
    } else if (ts.isExportDeclaration(st) && !st.moduleSpecifier && st.exportClause && ts.isNamedExports(st.exportClause)) {
      for (const el of st.exportClause.elements) exportNames.set((el.propertyName ?? el.name).text, el.name.text);
    } else if (ts.isExportAssignment(st)) {
      const e = skipOuter(st.expression);
      if (isFunctionNode(e)) exported.set('default', e);
      else if (ts.isIdentifier(e)) exportNames.set(e.text, 'default');
    } else if (ts.isExpressionStatement(st) && ts.isBinaryExpression(st.expression) && st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const target = st.expression.left.getText(sf);
      const m = /^(?:module\.)?exports\.([A-Za-z_$][\w$]*)$/.exec(target);
      const right = skipOuter(st.expression.right);
      const fn = isFunctionNode(right) ? right : ts.isIdentifier(right) ? functions.get(right.text) : undefined;
      if (m && fn) exported.set(m[1], fn);
      else if (target === 'module.exports' && fn) exported.set('default', fn);
      else if (target === 'module.exports' && ts.isObjectLiteralExpression(right)) {
        for (const p of right.properties) {
          if (ts.isShorthandPropertyAssignment(p) && functions.has(p.name.text)) exported.set(p.name.text, functions.get(p.name.text)!);
          else if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name)) {
            const v = skipOuter(p.initializer);
            const f = isFunctionNode(v) ? v : ts.isIdentifier(v) ? functions.get(v.text) : undefined;
            if (f) exported.set(p.name.text, f);
          } else if (ts.isMethodDeclaration(p) && ts.isIdentifier(p.name)) exported.set(p.name.text, p);
        }
      }
    }
  }
  for (const [local, name] of exportNames) {
    const f = functions.get(local);
    if (f) exported.set(name, f);
  }
  const facts: FileFacts = { file, sf, functions, exported, importedNames, modules };
  factsCache.set(sf, facts);
  return facts;
}

/**
 * A variable set to a module: `require('m')`, `require('m').x`, `await import('m')`,
 * `(await import('m')).default`, with the local names it binds (`*` for the module itself).
 */
function moduleLoad(d: ts.VariableDeclaration): { module: string; names: Map<string, string> } | undefined {
  if (!d.initializer) return undefined;
  let init = skipOuter(d.initializer);
  let member: string | undefined;
  if (ts.isPropertyAccessExpression(init)) {
    member = init.name.text;
    init = skipOuter(init.expression);
  }
  if (!ts.isCallExpression(init) || init.arguments.length !== 1 || !ts.isStringLiteralLike(init.arguments[0])) return undefined;
  const isRequire = ts.isIdentifier(init.expression) && init.expression.text === 'require';
  const isImport = init.expression.kind === ts.SyntaxKind.ImportKeyword;
  if (!isRequire && !isImport) return undefined;
  // `import('m')` without await binds a promise, not the module.
  if (isImport && !hasAwait(d.initializer)) return undefined;
  const module = init.arguments[0].text;
  const names = new Map<string, string>();
  if (ts.isIdentifier(d.name)) names.set(d.name.text, member ?? '*');
  else if (ts.isObjectBindingPattern(d.name)) {
    for (const el of d.name.elements) {
      if (!ts.isIdentifier(el.name)) continue;
      const prop = el.propertyName && (ts.isIdentifier(el.propertyName) || ts.isStringLiteral(el.propertyName)) ? el.propertyName.text : el.name.text;
      names.set(el.name.text, prop);
    }
  }
  return { module, names };
}

function hasAwait(e: ts.Expression): boolean {
  for (;;) {
    if (ts.isAwaitExpression(e)) return true;
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e) || ts.isTypeAssertionExpression(e)) e = e.expression;
    else if (ts.isPropertyAccessExpression(e)) e = e.expression;
    else return false;
  }
}

/** The modules and imported names a place in the code sees. */
export interface ModuleScope {
  modules: ReadonlySet<string>;
  importedNames: ReadonlyMap<string, { module: string; name: string }>;
}

const localLoadsCache = new WeakMap<ts.Node, { module: string; names: Map<string, string> }[]>();

/** Modules a function loads in its own body (`const mysql = require('mysql2/promise')`), not in functions nested in it. */
function localLoads(fn: ts.SignatureDeclaration): { module: string; names: Map<string, string> }[] {
  let out = localLoadsCache.get(fn);
  if (out) return out;
  out = [];
  const found = out;
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n)) return;
    if (ts.isVariableDeclaration(n)) {
      const load = moduleLoad(n);
      if (load) found.push(load);
    }
    ts.forEachChild(n, visit);
  };
  const body = 'body' in fn ? (fn.body as ts.Node | undefined) : undefined;
  if (body) ts.forEachChild(body, visit);
  localLoadsCache.set(fn, found);
  return found;
}

/**
 * What `node` sees: the file's imports and top-level requires, plus the modules that the
 * functions around it require or import in their bodies. Such a require binds only inside its
 * function (and the functions nested in it), as its name does.
 */
export function scopeAt(facts: FileFacts, node: ts.Node): ModuleScope {
  let p: ts.Node | undefined = node.parent;
  while (p && !ts.isSourceFile(p) && !ts.isFunctionLike(p)) p = p.parent;
  return p && !ts.isSourceFile(p) ? functionScope(facts, p as ts.SignatureDeclaration) : facts;
}

const scopeCache = new WeakMap<ts.Node, { facts: FileFacts; scope: ModuleScope }>();

/** What code directly inside `fn` sees (see scopeAt), once per function. */
function functionScope(facts: FileFacts, fn: ts.SignatureDeclaration): ModuleScope {
  const cached = scopeCache.get(fn);
  if (cached && cached.facts === facts) return cached.scope;
  let outer: ts.Node | undefined = fn.parent;
  while (outer && !ts.isSourceFile(outer) && !ts.isFunctionLike(outer)) outer = outer.parent;
  const base = outer && !ts.isSourceFile(outer) ? functionScope(facts, outer as ts.SignatureDeclaration) : facts;
  const loads = localLoads(fn);
  let scope = base;
  if (loads.length > 0) {
    // An inner function's require shadows an outer one of the same name.
    const modules = new Set(base.modules);
    const importedNames = new Map(base.importedNames);
    for (const load of loads) {
      modules.add(load.module);
      for (const [local, name] of load.names) importedNames.set(local, { module: load.module, name });
    }
    scope = { modules, importedNames };
  }
  scopeCache.set(fn, { facts, scope });
  return scope;
}

/** Every module the file's text loads anywhere, top level or inside functions: a superset, for quick tests. */
export function modulesAnywhere(facts: FileFacts): Set<string> {
  const out = new Set(facts.modules);
  for (const m of facts.sf.text.matchAll(/\b(?:require|import)\s*\(\s*(['"`])([^'"`\n]+)\1\s*\)/g)) out.add(m[2]);
  return out;
}

const CODE_EXTS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** Joins a relative module specifier to the importing file's folder; works for paths and URIs alike. */
function joinPath(fromFile: string, spec: string): string {
  const cut = fromFile.lastIndexOf('/');
  const dir = cut >= 0 ? fromFile.slice(0, cut) : '';
  const prefixMatch = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(dir);
  const prefix = prefixMatch ? prefixMatch[0] : '';
  const rest = dir.slice(prefix.length);
  const parts = rest.split('/');
  const leadingSlash = rest.startsWith('/');
  const out: string[] = [];
  for (const p of [...parts, ...spec.split('/')]) {
    if (p === '' || p === '.') continue;
    if (p === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(p);
  }
  return prefix + (leadingSlash ? '/' : '') + out.join('/');
}

/** The workspace file a relative import names, trying the extensions and index files TypeScript and Node would. */
export function resolveImport(fromFile: string, spec: string, workspace: WorkspaceIndex): { file: string; sf: ts.SourceFile } | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = joinPath(fromFile, spec);
  const stem = base.replace(/\.(?:[cm]?js|jsx)$/i, '');
  const candidates = [base, ...CODE_EXTS.map((x) => stem + x), ...CODE_EXTS.map((x) => `${base}/index${x}`)];
  for (const c of candidates) {
    const f = workspace.get(c);
    if (f && f.kind === 'code') return { file: c, sf: f.model.sourceFile };
  }
  return undefined;
}

/** A call in the analysed code, as a sink checker sees it. */
export interface CallSite {
  node: ts.CallExpression | ts.NewExpression;
  facts: FileFacts;
  analysis: FunctionAnalysis;
}

export interface TaintHooks {
  /** Called once for every call and `new` inside each analysed function. */
  onCall(site: CallSite): void;
}

/** One analysis run: the root file, the workspace, memoised function summaries. */
export class TaintProgram {
  private readonly summaries = new Map<string, FunctionAnalysis | 'busy'>();
  private readonly nodeIds = new WeakMap<ts.Node, number>();
  private nextId = 1;
  /** Bounds the work on pathological code (deep call chains, many taint combinations). */
  private budget = 400;

  constructor(
    readonly rootFile: string,
    readonly workspace: WorkspaceIndex,
    readonly hooks: TaintHooks,
  ) {}

  factsOf(file: string, sf: ts.SourceFile): FileFacts {
    return fileFacts(file, sf);
  }

  private idOf(n: ts.Node): number {
    let id = this.nodeIds.get(n);
    if (id === undefined) {
      id = this.nextId++;
      this.nodeIds.set(n, id);
    }
    return id;
  }

  /**
   * Analyses `fn` with the given parameters tainted (index → taint); `entryCall` is the call in the
   * root file through which the analysis left it, when `fn` lives in another file.
   */
  analyse(facts: FileFacts, fn: FunctionNode, params: (Taint | undefined)[], entryCall?: ts.CallExpression): FunctionAnalysis | undefined {
    const key = `${facts.file}#${this.idOf(fn)}#${params.map((p) => (p ? 1 : 0)).join('')}`;
    const known = this.summaries.get(key);
    if (known === 'busy') return undefined; // recursion: the outer analysis decides
    if (known) return known;
    if (this.budget-- <= 0) return undefined;
    this.summaries.set(key, 'busy');
    const a = new FunctionAnalysis(this, facts, fn, params, entryCall);
    a.run();
    this.summaries.set(key, a);
    return a;
  }

  /** The function a call invokes, when it is declared in this file or exported by a relative import. */
  resolveCallee(call: ts.CallExpression, facts: FileFacts): { facts: FileFacts; fn: FunctionNode } | undefined {
    const callee = skipOuter(call.expression);
    let local: string | undefined;
    let member: string | undefined;
    if (ts.isIdentifier(callee)) local = callee.text;
    else if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
      local = callee.expression.text;
      member = callee.name.text;
    } else return undefined;
    if (!member) {
      const fn = facts.functions.get(local);
      if (fn) return { facts, fn };
    }
    const imp = scopeAt(facts, call).importedNames.get(local);
    if (!imp || !imp.module.startsWith('.')) return undefined;
    const target = resolveImport(facts.file, imp.module, this.workspace);
    if (!target) return undefined;
    const other = this.factsOf(target.file, target.sf);
    const name = imp.name === '*' ? (member ?? 'default') : imp.name === 'default' && member ? member : imp.name;
    const fn = other.exported.get(name) ?? (imp.name === '*' && !member ? other.exported.get('default') : undefined);
    return fn ? { facts: other, fn } : undefined;
  }
}

/** A write to a variable (or into it, for objects): where, and the innermost function it is in. */
interface Write {
  root: string;
  pos: number;
  container: ts.Node;
}

/** One function analysed with some parameters tainted. */
export class FunctionAnalysis {
  /** Tainted names in the function (and the functions nested in it). */
  readonly env = new Map<string, Taint>();
  /** Whether the function's return value carries request data. */
  returns: Taint | undefined;
  private readonly guardReader: GuardReader;
  /** Writes and declarations in the function, read once a guard needs judging. */
  private bindings?: { writes: Write[]; declarations: { name: string; pos: number }[] };

  constructor(
    readonly program: TaintProgram,
    readonly facts: FileFacts,
    readonly fn: FunctionNode,
    readonly params: (Taint | undefined)[],
    /** Set when this function lives outside the root file: the root file's call that led here. */
    readonly entryCall?: ts.CallExpression,
  ) {
    this.guardReader = new GuardReader({
      constant: (name, at) => constantInitializer(name, at),
      imported: (name, at) => scopeAt(facts, at).importedNames.get(name),
    });
  }

  get file(): string {
    return this.facts.file;
  }

  run(): void {
    this.fn.parameters.forEach((p, i) => {
      const t = this.params[i];
      if (!t) return;
      for (const name of bindingNames(p.name)) this.env.set(name, t.fromParam && !ts.isIdentifier(p.name) ? { ...t, origin: p, originFile: this.file } : t);
    });
    const flows: { names: string[]; value: () => Taint | undefined }[] = [];
    const calls: (ts.CallExpression | ts.NewExpression)[] = [];
    const returns: ts.Expression[] = [];
    const body = this.fn.body;
    if (!body) return;
    if (!ts.isBlock(body)) returns.push(body);
    const collect = (n: ts.Node, inNested: boolean): void => {
      this.guardReader.visit(n);
      if (ts.isVariableDeclaration(n) && n.initializer) {
        const init = n.initializer;
        const source = ts.isObjectBindingPattern(n.name) ? pathKey(init) : undefined;
        if (source !== undefined && ts.isObjectBindingPattern(n.name)) {
          // `const { id } = event.pathParameters` after a check of event.pathParameters.id: id is checked too.
          for (const el of n.name.elements) {
            const prop = el.propertyName ?? (ts.isIdentifier(el.name) ? el.name : undefined);
            const key = !el.dotDotDotToken && prop && (ts.isIdentifier(prop) || ts.isStringLiteral(prop)) ? `${source}.${prop.text}` : undefined;
            flows.push({ names: bindingNames(el.name), value: () => (key !== undefined && this.isGuarded(el, key) ? undefined : this.taintOf(init)) });
          }
        } else flows.push({ names: bindingNames(n.name), value: () => this.taintOf(init) });
      } else if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
        const target = rootName(n.left);
        if (target) {
          const right = n.right;
          flows.push({ names: [target], value: () => this.taintOf(right) });
        }
      } else if ((ts.isForOfStatement(n) || ts.isForInStatement(n)) && ts.isVariableDeclarationList(n.initializer)) {
        const over = n.expression;
        const isIn = ts.isForInStatement(n);
        const names = n.initializer.declarations.flatMap((d) => bindingNames(d.name));
        flows.push({ names, value: () => (isIn ? undefined : this.taintOf(over)) });
      } else if (ts.isCallExpression(n)) {
        calls.push(n);
        const m = ts.isPropertyAccessExpression(n.expression) ? n.expression : undefined;
        if (m && COLLECTING_METHODS.has(m.name.text)) {
          const target = rootName(m.expression);
          const args = n.arguments;
          if (target) flows.push({ names: [target], value: () => this.firstTaint(args) });
        }
        if (m && CALLBACK_METHODS.has(m.name.text)) {
          const receiver = m.expression;
          const cb = n.arguments[0] && skipOuter(n.arguments[0]);
          if (cb && (ts.isArrowFunction(cb) || ts.isFunctionExpression(cb))) {
            // reduce's element is the second parameter; the others take it first.
            const p = m.name.text.startsWith('reduce') ? cb.parameters[1] : cb.parameters[0];
            if (p) flows.push({ names: bindingNames(p.name), value: () => this.taintOf(receiver) });
          }
        }
      } else if (ts.isNewExpression(n)) {
        calls.push(n);
      } else if (ts.isReturnStatement(n) && n.expression && !inNested) {
        returns.push(n.expression);
      }
      const nested = inNested || (n !== body && ts.isFunctionLike(n));
      ts.forEachChild(n, (c) => collect(c, nested));
    };
    collect(body, false);
    // Flows in source order converge in a round or two; later-to-earlier flows (loops) need more.
    for (let round = 0, changed = true; changed && round < 8; round++) {
      changed = false;
      for (const f of flows) {
        if (f.names.length === 0 || f.names.every((x) => this.env.has(x))) continue;
        const t = f.value();
        if (!t) continue;
        for (const x of f.names) if (!this.env.has(x)) this.env.set(x, { ...t, fromParam: false, via: [...t.via, x] });
        changed = true;
      }
    }
    for (const r of returns) {
      this.returns ??= this.taintOf(r);
      if (this.returns) break;
    }
    for (const c of calls) {
      this.program.hooks.onCall({ node: c, facts: this.facts, analysis: this });
      // Request data handed to a function of this file or an imported one: follow it there.
      if (ts.isCallExpression(c) && c.arguments.some((a) => this.taintOf(a))) this.callTaint(c);
    }
  }

  private firstTaint(args: readonly ts.Expression[]): Taint | undefined {
    for (const a of args) {
      const t = this.taintOf(a);
      if (t) return t;
    }
    return undefined;
  }

  /**
   * What the function declares (parameters of nested functions included) and writes, with the
   * innermost function each write is in: read on the first guard to judge, so that code without
   * a matching guard pays nothing for it.
   */
  private readBindings(): { writes: Write[]; declarations: { name: string; pos: number }[] } {
    const writes: Write[] = [];
    const declarations: { name: string; pos: number }[] = [];
    const visit = (n: ts.Node, container: ts.Node): void => {
      switch (n.kind) {
        case ts.SyntaxKind.VariableDeclaration:
        case ts.SyntaxKind.Parameter:
        case ts.SyntaxKind.BindingElement:
        case ts.SyntaxKind.FunctionDeclaration:
        case ts.SyntaxKind.ClassDeclaration: {
          const name = (n as ts.NamedDeclaration).name;
          if (name && ts.isIdentifier(name)) declarations.push({ name: name.text, pos: n.pos });
          break;
        }
        case ts.SyntaxKind.BinaryExpression: {
          const b = n as ts.BinaryExpression;
          if (b.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && b.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
            for (const root of assignedRoots(b.left)) writes.push({ root, pos: n.pos, container });
          }
          break;
        }
        case ts.SyntaxKind.PrefixUnaryExpression:
        case ts.SyntaxKind.PostfixUnaryExpression: {
          const u = n as ts.PrefixUnaryExpression | ts.PostfixUnaryExpression;
          const root = u.operator === ts.SyntaxKind.PlusPlusToken || u.operator === ts.SyntaxKind.MinusMinusToken ? rootName(u.operand) : undefined;
          if (root) writes.push({ root, pos: n.pos, container });
          break;
        }
        case ts.SyntaxKind.ForOfStatement:
        case ts.SyntaxKind.ForInStatement: {
          const init = (n as ts.ForOfStatement | ts.ForInStatement).initializer;
          if (!ts.isVariableDeclarationList(init)) for (const root of assignedRoots(init)) writes.push({ root, pos: n.pos, container });
          break;
        }
        case ts.SyntaxKind.CallExpression: {
          // `list.push(x)`, `Object.assign(obj, x)`: the receiver or the first argument changes.
          const c = n as ts.CallExpression;
          const callee = skipOuter(c.expression);
          if (ts.isPropertyAccessExpression(callee) && COLLECTING_METHODS.has(callee.name.text)) {
            const root = calleeName(callee) === 'Object.assign' && c.arguments[0] ? rootName(c.arguments[0]) : rootName(callee.expression);
            if (root) writes.push({ root, pos: n.pos, container });
          }
          break;
        }
      }
      const inner = n !== this.fn && ts.isFunctionLike(n) ? n : container;
      ts.forEachChild(n, (c) => visit(c, inner));
    };
    if (this.fn.body) visit(this.fn.body, this.fn);
    return { writes, declarations };
  }

  /**
   * Whether a validation guard holds where `e` (a name or a property path) is used: the use lies in
   * code the guard dominates, nothing writes the guarded variable from the guard on (nor from a
   * closure that may run at any time), and no declaration in between shadows it.
   */
  private isGuarded(e: ts.Node, key: string): boolean {
    const guards = this.guardReader.guards;
    for (const g of guards) {
      if (g.key !== key || e.pos < g.from || e.end > g.to) continue;
      // A function declared after the guard is hoisted: code before the guard may call it.
      if (declaredWithin(e, g.from)) continue;
      const { writes, declarations } = (this.bindings ??= this.readBindings());
      if (writes.some((w) => w.root === g.root && (w.pos >= g.start || !(w.container.pos <= g.start && g.start < w.container.end)))) continue;
      if (declarations.some((d) => d.name === g.root && d.pos >= g.from && d.pos < g.to)) continue;
      return true;
    }
    return false;
  }

  /** The taint an expression carries, or undefined when it holds no request data. */
  taintOf(expr: ts.Node, depth = 0): Taint | undefined {
    if (depth > 60) return undefined;
    const d = depth + 1;
    const e = ts.isExpression(expr) ? skipOuter(expr) : expr;
    if (ts.isIdentifier(e)) {
      const t = this.env.get(e.text);
      if (!t || this.isGuarded(e, e.text)) return undefined;
      return t;
    }
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
      if (ts.isPropertyAccessExpression(e) && e.name.text === 'length') return undefined;
      if (this.guardReader.guards.length > 0) {
        const key = pathKey(e);
        if (key !== undefined && this.isGuarded(e, key)) return undefined;
      }
      const t = this.taintOf(e.expression, d);
      if (!t) return undefined;
      // The longest path into the event names where the data enters: event.pathParameters.id.
      return t.fromParam ? { ...t, origin: e, originFile: this.file } : t;
    }
    if (ts.isTemplateExpression(e)) {
      for (const s of e.templateSpans) {
        const t = this.taintOf(s.expression, d);
        if (t) return t;
      }
      return undefined;
    }
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === ts.SyntaxKind.PlusToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.CommaToken) {
        return this.taintOf(e.left, d) ?? this.taintOf(e.right, d);
      }
      if (op === ts.SyntaxKind.AmpersandAmpersandToken) return this.taintOf(e.right, d);
      if (op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment) return this.taintOf(e.right, d);
      return undefined; // arithmetic and comparisons give numbers and booleans
    }
    if (ts.isConditionalExpression(e)) return this.taintOf(e.whenTrue, d) ?? this.taintOf(e.whenFalse, d);
    if (ts.isArrayLiteralExpression(e)) {
      for (const el of e.elements) {
        const t = this.taintOf(ts.isSpreadElement(el) ? el.expression : el, d);
        if (t) return t;
      }
      return undefined;
    }
    if (ts.isObjectLiteralExpression(e)) {
      for (const p of e.properties) {
        const v = ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : ts.isSpreadAssignment(p) ? p.expression : undefined;
        const t = v && this.taintOf(v, d);
        if (t) return t;
      }
      return undefined;
    }
    if (ts.isCallExpression(e)) return this.callTaint(e, d);
    // Tagged templates (`sql\`...\``) build parameterized queries; `new`, literals, typeof, unary +/-: no text from the request.
    return undefined;
  }

  private callTaint(call: ts.CallExpression, depth = 0): Taint | undefined {
    const name = calleeName(call.expression);
    if (name && (SANITIZERS.has(name) || name.endsWith('.escape') || name === 'escape')) return undefined;
    if (name && PASS_THROUGH.has(name)) return this.firstTaint(call.arguments);
    const callee = skipOuter(call.expression);
    if (ts.isPropertyAccessExpression(callee)) {
      const method = callee.name.text;
      if (CLEAN_METHODS.has(method)) return undefined;
      const recv = this.taintOf(callee.expression, depth + 1);
      if (recv && (method === 'map' || method === 'flatMap')) return this.mapTaint(call, recv);
      if (recv) return { ...recv, fromParam: false };
      if (method === 'concat' || method === 'replace' || method === 'replaceAll' || method === 'padStart' || method === 'padEnd') {
        const t = this.firstTaint(call.arguments);
        if (t) return t;
      }
    }
    const target = this.program.resolveCallee(call, this.facts);
    if (!target) return undefined;
    const argTaints = call.arguments.map((a) => this.taintOf(a, depth + 1));
    if (!argTaints.some(Boolean)) return undefined;
    const entry = this.entryCall ?? (target.facts.file !== this.program.rootFile ? call : undefined);
    const a = this.program.analyse(target.facts, target.fn, argTaints, entry);
    return a?.returns;
  }

  /** `ids.map(Number)` and `ids.map((x) => parseInt(x))` give numbers; other callbacks pass the data on. */
  private mapTaint(call: ts.CallExpression, recv: Taint): Taint | undefined {
    const cb = call.arguments[0] && skipOuter(call.arguments[0]);
    if (!cb) return recv;
    const n = calleeName(cb);
    if (n && SANITIZERS.has(n)) return undefined;
    if (ts.isArrowFunction(cb) || ts.isFunctionExpression(cb)) {
      const results: ts.Expression[] = [];
      if (!ts.isBlock(cb.body)) results.push(cb.body);
      else {
        const visit = (x: ts.Node): void => {
          if (ts.isReturnStatement(x) && x.expression) results.push(x.expression);
          if (!ts.isFunctionLike(x)) ts.forEachChild(x, visit);
        };
        ts.forEachChild(cb.body, visit);
      }
      for (const r of results) {
        const t = this.taintOf(r);
        if (t) return { ...t, fromParam: false };
      }
      return undefined;
    }
    return { ...recv, fromParam: false };
  }
}

/** The variable an assignment target writes into: `x`, `x.y`, `x[i]` → x. */
function rootName(e: ts.Expression): string | undefined {
  let x = skipOuter(e);
  while (ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x)) x = skipOuter(x.expression);
  return ts.isIdentifier(x) ? x.text : undefined;
}

/** Whether `e` lies in a function declaration that starts at or after `from`. */
function declaredWithin(e: ts.Node, from: number): boolean {
  for (let p = e.parent; p && p.pos >= from; p = p.parent) if (ts.isFunctionDeclaration(p)) return true;
  return false;
}

/** The roots an assignment target writes: `x`, `x.y` → x; `({ a, b: c } = ...)`, `[a, b] = ...` → a, c / a, b. */
function assignedRoots(target: ts.Node): string[] {
  if (ts.isExpression(target)) {
    const t = skipOuter(target);
    const r = rootName(t);
    if (r) return [r];
    if (ts.isObjectLiteralExpression(t)) {
      return t.properties.flatMap((p) =>
        ts.isShorthandPropertyAssignment(p) ? [p.name.text] : ts.isPropertyAssignment(p) ? assignedRoots(p.initializer) : ts.isSpreadAssignment(p) ? assignedRoots(p.expression) : [],
      );
    }
    if (ts.isArrayLiteralExpression(t)) return t.elements.flatMap((el) => assignedRoots(ts.isSpreadElement(el) ? el.expression : el));
    if (ts.isBinaryExpression(t) && t.operatorToken.kind === ts.SyntaxKind.EqualsToken) return assignedRoots(t.left); // a default: `[a = 1] = ...`
  }
  return [];
}

/** The initializer of the `const` a name denotes at `at`: the nearest enclosing block or file that declares it. */
function constantInitializer(name: string, at: ts.Node): ts.Expression | undefined {
  for (let p: ts.Node | undefined = at.parent; p; p = p.parent) {
    // A parameter, loop variable or catch variable of that name hides any constant further out.
    if (ts.isFunctionLike(p) && p.parameters.some((q) => bindingNames(q.name).includes(name))) return undefined;
    if ((ts.isForOfStatement(p) || ts.isForInStatement(p) || ts.isForStatement(p)) && p.initializer && ts.isVariableDeclarationList(p.initializer)) {
      if (p.initializer.declarations.some((d) => bindingNames(d.name).includes(name))) return undefined;
    }
    if (ts.isCatchClause(p) && p.variableDeclaration && bindingNames(p.variableDeclaration.name).includes(name)) return undefined;
    const statements = ts.isBlock(p) || ts.isSourceFile(p) || ts.isModuleBlock(p) ? p.statements : undefined;
    if (!statements) continue;
    for (const st of statements) {
      if (!ts.isVariableStatement(st)) continue;
      for (const d of st.declarationList.declarations) {
        if (!ts.isIdentifier(d.name) || d.name.text !== name) continue;
        return st.declarationList.flags & ts.NodeFlags.Const ? d.initializer : undefined;
      }
    }
  }
  return undefined;
}
