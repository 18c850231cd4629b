/** Reading TypeScript/JavaScript syntax without a type checker: imports, handlers, names. */
// The default import: a namespace import of this CommonJS package goes through a getter per
// property access once bundled, which costs more than the analysis itself on large files.
import ts from 'typescript';

/** Module specifiers the file imports or requires, with the local names bound to each. */
export interface ImportInfo {
  module: string;
  /** Local names: default/namespace imports, named imports (local alias), `const x = require(m)` and destructured requires. */
  names: string[];
}

export function imports(sf: ts.SourceFile): ImportInfo[] {
  const out: ImportInfo[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const names: string[] = [];
      const clause = node.importClause;
      if (clause?.name) names.push(clause.name.text);
      const nb = clause?.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) names.push(nb.name.text);
      if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) names.push(el.name.text);
      out.push({ module: node.moduleSpecifier.text, names });
      return;
    }
    if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      out.push({ module: node.moduleReference.expression.text, names: [node.name.text] });
      return;
    }
    if (ts.isCallExpression(node) && isRequireCall(node)) {
      const module = (node.arguments[0] as ts.StringLiteral).text;
      const names: string[] = [];
      let p: ts.Node = node.parent;
      while (p && (ts.isPropertyAccessExpression(p) || ts.isParenthesizedExpression(p) || ts.isAwaitExpression(p))) p = p.parent;
      if (p && ts.isVariableDeclaration(p)) names.push(...bindingNames(p.name));
      out.push({ module, names });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

function isRequireCall(node: ts.CallExpression): boolean {
  return (
    ts.isIdentifier(node.expression) &&
    node.expression.text === 'require' &&
    node.arguments.length === 1 &&
    ts.isStringLiteralLike(node.arguments[0])
  );
}

/** Names a binding pattern introduces: `a`, `{ a, b: c }` → a, c; `[x, ...y]` → x, y. */
export function bindingNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  const out: string[] = [];
  for (const el of name.elements) if (!ts.isOmittedExpression(el)) out.push(...bindingNames(el.name));
  return out;
}

export type FunctionNode = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration;

export interface Handler {
  name: string;
  fn: FunctionNode;
  /** The event parameter (the first), whose contents come from the caller: the request. */
  eventParam: ts.ParameterDeclaration;
}

function isFunctionLike(n: ts.Node | undefined): n is ts.FunctionExpression | ts.ArrowFunction {
  return n !== undefined && (ts.isFunctionExpression(n) || ts.isArrowFunction(n));
}

/** Unwraps wrappers such as middy(fn) or Sentry.wrapHandler(fn) to the function they wrap. */
function unwrapFunction(expr: ts.Expression | undefined): ts.FunctionExpression | ts.ArrowFunction | undefined {
  let e = expr;
  for (let depth = 0; e && depth < 5; depth++) {
    while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
    if (isFunctionLike(e)) return e;
    if (ts.isCallExpression(e)) {
      e = e.arguments.find((a) => isFunctionLike(a)) ?? (ts.isCallExpression(e.expression) ? e.expression : e.arguments[0]);
      continue;
    }
    return undefined;
  }
  return undefined;
}

function hasExportModifier(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/**
 * The file's Lambda handlers: exported functions (ESM `export`, `exports.x =`, `module.exports.x =`,
 * `module.exports = fn`) with at least one parameter. Lambda calls whichever export the
 * configuration names, so every exported function with an event parameter counts.
 */
export function handlers(sf: ts.SourceFile): Handler[] {
  const out: Handler[] = [];
  const add = (name: string, fn: FunctionNode | undefined): void => {
    if (fn && fn.parameters.length > 0) out.push({ name, fn, eventParam: fn.parameters[0] });
  };
  const exportedNames = new Set<string>();
  for (const st of sf.statements) {
    if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause)) {
      for (const el of st.exportClause.elements) exportedNames.add((el.propertyName ?? el.name).text);
    }
    if (ts.isExportAssignment(st) && ts.isIdentifier(st.expression)) exportedNames.add(st.expression.text);
  }
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name && (hasExportModifier(st) || exportedNames.has(st.name.text))) add(st.name.text, st);
    else if (ts.isVariableStatement(st)) {
      const exported = hasExportModifier(st);
      for (const d of st.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && (exported || exportedNames.has(d.name.text))) add(d.name.text, unwrapFunction(d.initializer));
      }
    } else if (ts.isExportAssignment(st)) {
      add('default', unwrapFunction(st.expression));
    } else if (ts.isExpressionStatement(st) && ts.isBinaryExpression(st.expression) && st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const target = st.expression.left.getText(sf);
      const m = /^(?:module\.)?exports\.([A-Za-z_$][\w$]*)$/.exec(target);
      if (m) add(m[1], unwrapFunction(st.expression.right));
      else if (target === 'module.exports') add('default', unwrapFunction(st.expression.right));
    }
  }
  return out;
}

/** The name a call is made on: `client.query(...)` → { object: 'client', method: 'query' }. */
export function calledMethod(call: ts.CallExpression): { object: ts.Expression; method: string } | undefined {
  const callee = call.expression;
  if (ts.isPropertyAccessExpression(callee)) return { object: callee.expression, method: callee.name.text };
  if (ts.isElementAccessExpression(callee) && ts.isStringLiteralLike(callee.argumentExpression)) {
    return { object: callee.expression, method: callee.argumentExpression.text };
  }
  return undefined;
}
