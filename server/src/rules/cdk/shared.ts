/** What the CDK checks share: where findings land, and quick-fix edits that keep the file parsing. */
import * as ts from 'typescript';
import type { FixInput, RuleContext } from '../../engine/rule';
import type { CodeModel } from '../../models/code/model';
import type { CdkModel, Construct, Val } from '../../models/cdk';
import { strip } from '../../models/cdk';
const { isIdentifier, isImportDeclaration, isImportEqualsDeclaration, isNamedImports, isObjectLiteralExpression } = ts;

export type CdkCheck = (ctx: RuleContext<CodeModel>, cdk: CdkModel) => void;
export type Edit = FixInput['edits'][number];

export function span(node: ts.Node, sf: ts.SourceFile): { start: number; end: number } {
  return { start: node.getStart(sf), end: node.getEnd() };
}

/** Where a finding about something a construct lacks lands: its construct id, else its class. */
export function missingAt(c: Construct, sf: ts.SourceFile): { start: number; end: number } {
  return span(c.idNode ?? c.node.expression, sf);
}

/** The object literal written for a construct's props, when it is one (directly or through one const). */
export function propsLiteral(cdk: CdkModel, c: Construct): ts.ObjectLiteralExpression | undefined {
  if (!c.props) return undefined;
  const direct = strip(c.props.expr);
  if (isObjectLiteralExpression(direct)) return direct;
  const ts_ = cdk.resolver.resolve(c.props);
  return ts_.length === 1 && isObjectLiteralExpression(ts_[0].expr) ? ts_[0].expr : undefined;
}

/** Leading blanks at a position (sticky, so no copy of the rest of the file is made). */
const INDENT = /[ \t]*/y;

/** An edit adding `prop` (e.g. `enforceSSL: true`) as the last property of an object literal, in its layout. */
export function addProperty(text: string, sf: ts.SourceFile, obj: ts.ObjectLiteralExpression, prop: string): Edit {
  const props = obj.properties;
  const open = obj.getStart(sf);
  if (props.length === 0) return { start: open + 1, end: obj.getEnd() - 1, newText: ` ${prop} ` };
  const last = props[props.length - 1];
  let at = last.getEnd();
  const trailing = props.hasTrailingComma;
  if (trailing) at = text.indexOf(',', at) + 1;
  const lastLine = sf.getLineAndCharacterOfPosition(last.getStart(sf)).line;
  const openLine = sf.getLineAndCharacterOfPosition(open).line;
  if (lastLine !== openLine) {
    const lineStart = sf.getPositionOfLineAndCharacter(lastLine, 0);
    INDENT.lastIndex = lineStart;
    const indent = INDENT.exec(text)![0];
    return { start: at, end: at, newText: `${trailing ? '' : ','}\n${indent}${prop}${trailing ? ',' : ''}` };
  }
  return { start: at, end: at, newText: trailing ? ` ${prop},` : `, ${prop}` };
}

/** Edits adding a property to a construct's props: into its object literal, or as a new props argument. */
export function addConstructProp(ctx: RuleContext<CodeModel>, cdk: CdkModel, c: Construct, prop: string): Edit[] | undefined {
  const sf = ctx.model.sourceFile;
  const lit = propsLiteral(cdk, c);
  if (lit) return [addProperty(ctx.text, sf, lit, prop)];
  if (!c.props && c.idNode) {
    const end = c.idNode.getEnd();
    return [{ start: end, end, newText: `, { ${prop} }` }];
  }
  return undefined;
}

/**
 * How to write a CDK export (`lambda.Runtime`, `AuthorizationType`) in this file, with the edit
 * that imports it when the file does not yet: the module's namespace if imported whole, an
 * existing named import, a name added to an import of that module, or a new import line.
 */
export function cdkRef(ctx: RuleContext<CodeModel>, cdk: CdkModel, module: string, name: string): { text: string; edits: Edit[] } {
  const imports = cdk.imports;
  const local = imports.localNameOf(module, name);
  if (local) return { text: local, edits: [] };
  const ns = imports.namespaceFor(module);
  if (ns) return { text: `${ns}.${name}`, edits: [] };
  const sf = ctx.model.sourceFile;
  for (const [, b] of imports.bindings) {
    if (b.module !== module || b.name === undefined || !isImportDeclaration(b.declaration)) continue;
    const nb = b.declaration.importClause?.namedBindings;
    if (nb && isNamedImports(nb) && nb.elements.length > 0) {
      const lastEl = nb.elements[nb.elements.length - 1];
      const at = lastEl.getEnd();
      return { text: name, edits: [{ start: at, end: at, newText: `, ${name}` }] };
    }
  }
  const spec = moduleSpecifier(module, imports.version);
  const last = imports.declarations[imports.declarations.length - 1];
  const at = last ? last.getEnd() : 0;
  const quote = last && /^[^'"]*"/.test(last.getText(sf)) ? '"' : "'";
  // A CommonJS file gets a require, like its other imports.
  const line = last && !isImportDeclaration(last) && !isImportEqualsDeclaration(last) ? `const { ${name} } = require(${quote}${spec}${quote});` : `import { ${name} } from ${quote}${spec}${quote};`;
  return { text: name, edits: [{ start: at, end: at, newText: last ? `\n${line}` : `${line}\n` }] };
}

function moduleSpecifier(module: string, version: 1 | 2): string {
  const alpha = new Set(['apigatewayv2', 'apigatewayv2-integrations', 'apigatewayv2-authorizers', 'lambda-python', 'lambda-go']);
  if (version === 1) return module === 'core' ? '@aws-cdk/core' : `@aws-cdk/aws-${module}${alpha.has(module) ? '-alpha' : ''}`;
  return module === 'core' ? 'aws-cdk-lib' : `aws-cdk-lib/aws-${module}`;
}

/** The quote a string literal is written with, to keep the file's style in fixes. */
export function quoteOf(node: ts.Node, sf: ts.SourceFile): string {
  const t = node.getText(sf);
  return t[0] === '"' || t[0] === '`' ? t[0] : "'";
}

/** True for `undefined` / absent values, which CDK treats as not set. */
export function isUndefined(v: Val): boolean {
  const e = strip(v.expr);
  return isIdentifier(e) && e.text === 'undefined';
}

/** The qualified CDK names a value may resolve to (`lambda.Tracing.ACTIVE`), undefined entries for others. */
export function qualifiedValues(cdk: CdkModel, v: Val | undefined): { q: string | undefined; node: ts.Expression }[] {
  if (!v) return [];
  return cdk.resolver.resolve(v).map((t) => ({ q: cdk.imports.qualify(t.expr), node: t.expr }));
}

/** How a message names the policy a statement belongs to: "OrdersFunction's policy", or the statement itself. */
export function policyOf(owner: Construct | undefined): string {
  return owner ? `${owner.name}'s policy` : 'This policy statement';
}
