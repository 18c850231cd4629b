/**
 * Which local names bind which AWS CDK modules and classes, read from the file's imports by
 * name alone, so the analysis works without node_modules and without a type checker:
 * `import * as iam from 'aws-cdk-lib/aws-iam'`, `import { aws_iam as iam } from 'aws-cdk-lib'`,
 * named imports, `require`, and CDK v1 `@aws-cdk/*` packages.
 */
import * as ts from 'typescript';
const { isCallExpression, isExternalModuleReference, isIdentifier, isImportDeclaration, isImportEqualsDeclaration, isNamedImports, isNamespaceImport, isNonNullExpression, isObjectBindingPattern, isParenthesizedExpression, isPropertyAccessExpression, isStringLiteral, isStringLiteralLike, isVariableStatement } = ts;

/** A local name: a whole CDK module (`iam`), or one export of it (`PolicyStatement` of `iam`). */
export interface CdkBinding {
  /** The module's short name: `core` for aws-cdk-lib itself, `iam` for aws-iam, `lambda-nodejs`... */
  module: string;
  /** The export it names; undefined for a namespace import of the whole module. */
  name?: string;
  /** The import declaration it comes from (fixes add names to it). */
  declaration: ts.Node;
  /** The module specifier as written. */
  specifier: string;
}

/** `aws-cdk-lib` → core, `aws-cdk-lib/aws-iam` → iam, `@aws-cdk/aws-apigatewayv2-alpha` → apigatewayv2. */
export function cdkModuleOf(specifier: string): string | undefined {
  if (specifier === 'aws-cdk-lib' || specifier === 'aws-cdk-lib/core' || specifier === '@aws-cdk/core') return 'core';
  const m = /^aws-cdk-lib\/aws-([a-z0-9-]+)$/.exec(specifier) ?? /^@aws-cdk\/aws-([a-z0-9-]+?)(?:-alpha)?$/.exec(specifier);
  return m ? m[1] : undefined;
}

/** `aws_lambda_nodejs` (a member of aws-cdk-lib) → `lambda-nodejs`. */
function rootMemberModule(name: string): string | undefined {
  return /^aws_[a-z0-9_]+$/.test(name) ? name.slice(4).replace(/_/g, '-') : undefined;
}

export class CdkImports {
  readonly bindings = new Map<string, CdkBinding>();
  /** True when the file imports any CDK module: it is a CDK app or construct library file. */
  isCdk = false;
  /** 2 for aws-cdk-lib, 1 for @aws-cdk/* (fixes that add an import follow the file). */
  version: 1 | 2 = 2;
  /** Every import declaration of the file, in order (fixes insert after the last). */
  readonly declarations: ts.Statement[] = [];

  constructor(sf: ts.SourceFile) {
    for (const st of sf.statements) {
      if (isImportDeclaration(st) && isStringLiteral(st.moduleSpecifier)) {
        this.declarations.push(st);
        this.fromImport(st, st.moduleSpecifier.text);
      } else if (isImportEqualsDeclaration(st)) {
        this.declarations.push(st);
        const ref = st.moduleReference;
        if (isExternalModuleReference(ref) && isStringLiteral(ref.expression)) this.bind(st.name.text, ref.expression.text, undefined, st);
      } else if (isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) this.fromRequire(d, st);
      }
    }
  }

  private fromImport(st: ts.ImportDeclaration, spec: string): void {
    const clause = st.importClause;
    if (!clause) return this.note(spec);
    if (clause.name) this.bind(clause.name.text, spec, undefined, st);
    const nb = clause.namedBindings;
    if (nb && isNamespaceImport(nb)) this.bind(nb.name.text, spec, undefined, st);
    if (nb && isNamedImports(nb)) for (const el of nb.elements) this.bind(el.name.text, spec, (el.propertyName ?? el.name).text, st);
    this.note(spec);
  }

  private fromRequire(d: ts.VariableDeclaration, st: ts.Statement): void {
    let init = d.initializer;
    while (init && isParenthesizedExpression(init)) init = init.expression;
    if (!init || !isCallExpression(init) || !isIdentifier(init.expression) || init.expression.text !== 'require') return;
    const arg = init.arguments[0];
    if (!arg || !isStringLiteralLike(arg)) return;
    this.declarations.push(st);
    if (isIdentifier(d.name)) this.bind(d.name.text, arg.text, undefined, st);
    else if (isObjectBindingPattern(d.name)) {
      for (const el of d.name.elements) {
        if (!isIdentifier(el.name)) continue;
        const prop = el.propertyName && isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text;
        this.bind(el.name.text, arg.text, prop, st);
      }
    }
  }

  private note(spec: string): void {
    if (cdkModuleOf(spec) !== undefined) {
      this.isCdk = true;
      if (spec.startsWith('@aws-cdk/')) this.version = 1;
    }
  }

  private bind(local: string, spec: string, name: string | undefined, declaration: ts.Node): void {
    const module = cdkModuleOf(spec);
    if (module === undefined) return;
    this.isCdk = true;
    if (spec.startsWith('@aws-cdk/')) this.version = 1;
    if (module === 'core' && name !== undefined) {
      // `import { aws_iam as iam } from 'aws-cdk-lib'` binds a whole service module.
      const service = rootMemberModule(name);
      if (service !== undefined) {
        this.bindings.set(local, { module: service, declaration, specifier: spec });
        return;
      }
    }
    this.bindings.set(local, { module, name, declaration, specifier: spec });
  }

  /**
   * The CDK name an expression spells, through the import aliases: `iam.PolicyStatement`,
   * `lambda.Runtime.NODEJS_14_X`, `core.SecretValue.unsafePlainText`; a bare module name (`iam`)
   * for a namespace; undefined for anything that is not CDK.
   */
  qualify(expr: ts.Node): string | undefined {
    while (isParenthesizedExpression(expr) || isNonNullExpression(expr)) expr = expr.expression;
    if (isIdentifier(expr)) {
      const b = this.bindings.get(expr.text);
      if (!b) return undefined;
      return b.name === undefined ? b.module : `${b.module}.${b.name}`;
    }
    if (isPropertyAccessExpression(expr) && isIdentifier(expr.name)) {
      const left = this.qualify(expr.expression);
      if (left === undefined) return undefined;
      const name = expr.name.text;
      if (left === 'core') return rootMemberModule(name) ?? `core.${name}`;
      return `${left}.${name}`;
    }
    return undefined;
  }

  /** The local way to write a module's namespace, when the file imports it whole. */
  namespaceFor(module: string): string | undefined {
    for (const [local, b] of this.bindings) if (b.module === module && b.name === undefined) return local;
    for (const [local, b] of this.bindings) if (b.module === 'core' && b.name === undefined && module !== 'core') return `${local}.aws_${module.replace(/-/g, '_')}`;
    return undefined;
  }

  /** The local name bound to one export of a module, if the file imports it by name. */
  localNameOf(module: string, name: string): string | undefined {
    for (const [local, b] of this.bindings) if (b.module === module && b.name === name) return local;
    return undefined;
  }
}
