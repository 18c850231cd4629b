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
    e = stripParens(e);
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

/** Export names Lambda is conventionally pointed at (`index.handler`, `app.lambdaHandler`, `main`). */
const HANDLER_NAME = /^(?:handler|handle|main|lambdaHandler|lambda_handler)$|Handler$/;

/**
 * Event types of the aws-lambda typings (`@types/aws-lambda`) that only a handler receives: a
 * parameter typed with one of these marks a handler (`Context` and result types do not).
 */
const LAMBDA_EVENT_TYPE =
  /^(?:APIGateway\w*Event\w*|ALBEvent|LambdaFunctionURLEvent\w*|AppSyncResolverEvent|AppSync\w*Event|SQSEvent|SNSEvent|S3Event|S3BatchEvent|DynamoDBStreamEvent|KinesisStreamEvent|KinesisFirehoseTransformationEvent|EventBridgeEvent|ScheduledEvent|CloudWatchLogsEvent|CloudFront\w*Event|Cognito\w*Event|MSKEvent|SelfManagedKafkaEvent|IoTEvent|SESEvent|ConnectContactFlowEvent|LexEvent|LexV2Event|SecretsManagerRotationEvent|CloudFormationCustomResourceEvent|CdkCustomResourceEvent)$/;

/**
 * The aws-lambda type a type annotation names, by its name in that package: `SQSEvent`, an alias
 * imported from 'aws-lambda' (`import type { SQSEvent as Incoming }`), or `lambda.SQSEvent` through a
 * namespace import. Names not imported from 'aws-lambda' count when they are the package's own
 * event names, as in code that declares them globally.
 */
function lambdaTypeName(t: ts.TypeNode | undefined, imported: Map<string, string>): string | undefined {
  if (!t || !ts.isTypeReferenceNode(t)) return undefined;
  const n = t.typeName;
  if (ts.isIdentifier(n)) return imported.get(n.text) ?? n.text;
  return ts.isIdentifier(n.left) && imported.get(n.left.text) === '*' ? n.right.text : undefined;
}

/** `Handler<...>` from aws-lambda, not some other package's `Handler`. */
function isImportedHandler(t: ts.TypeNode, imported: Map<string, string>): boolean {
  if (!ts.isTypeReferenceNode(t)) return false;
  const n = t.typeName;
  return ts.isIdentifier(n) ? imported.has(n.text) : ts.isIdentifier(n.left) && imported.get(n.left.text) === '*';
}

/** Local names imported from 'aws-lambda' → their names there (`*` for a namespace import). */
function awsLambdaImports(sf: ts.SourceFile): Map<string, string> {
  const out = new Map<string, string>();
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || st.moduleSpecifier.text !== 'aws-lambda') continue;
    const nb = st.importClause?.namedBindings;
    if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) out.set(el.name.text, (el.propertyName ?? el.name).text);
    if (nb && ts.isNamespaceImport(nb)) out.set(nb.name.text, '*');
  }
  return out;
}

/**
 * The file's Lambda handlers: exported functions (ESM `export`, `exports.x =`, `module.exports.x =`,
 * `module.exports = fn`) with an event parameter that something marks as a handler: the export's
 * name is one Lambda is conventionally pointed at (`handler`, `main`, `...Handler`), the event
 * parameter has an aws-lambda event type, the exported variable has an aws-lambda handler type
 * (`APIGatewayProxyHandlerV2`, `Handler` from 'aws-lambda'), or `linked` says a template names
 * the export (SAM/CloudFormation `Handler: file.export`). Any other exported function is a helper: request data reaches it only
 * through a handler's call, where the rule follows it (and reports once, from the handler).
 */
export function handlers(sf: ts.SourceFile, linked: (exportName: string, fn: FunctionNode) => boolean = () => false): Handler[] {
  const out: Handler[] = [];
  const lambdaImports = awsLambdaImports(sf);
  const add = (name: string, fn: FunctionNode | undefined, declaredType?: ts.TypeNode): void => {
    if (!fn || fn.parameters.length === 0) return;
    const event = fn.parameters[0];
    const eventType = lambdaTypeName(event.type, lambdaImports);
    const fnType = lambdaTypeName(declaredType, lambdaImports);
    const marked =
      HANDLER_NAME.test(name) ||
      (eventType !== undefined && LAMBDA_EVENT_TYPE.test(eventType)) ||
      // `const getOrder: APIGatewayProxyHandlerV2 = ...`: the package names its handler types after their events.
      (fnType !== undefined && declaredType !== undefined &&
        (fnType === 'Handler' ? isImportedHandler(declaredType, lambdaImports) : LAMBDA_EVENT_TYPE.test(fnType.replace(/Handler/, 'Event')))) ||
      // Last: asking the workspace's templates costs the most.
      linked(name, fn);
    if (marked) out.push({ name, fn, eventParam: event });
  };
  const exportedNames = new Map<string, string>(); // local → exported
  for (const st of sf.statements) {
    if (ts.isExportDeclaration(st) && !st.moduleSpecifier && st.exportClause && ts.isNamedExports(st.exportClause)) {
      for (const el of st.exportClause.elements) exportedNames.set((el.propertyName ?? el.name).text, el.name.text);
    }
    if (ts.isExportAssignment(st) && ts.isIdentifier(st.expression)) exportedNames.set(st.expression.text, 'default');
  }
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name && (hasExportModifier(st) || exportedNames.has(st.name.text))) {
      add(hasExportModifier(st) ? st.name.text : exportedNames.get(st.name.text)!, st);
    } else if (ts.isVariableStatement(st)) {
      const exported = hasExportModifier(st);
      for (const d of st.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && (exported || exportedNames.has(d.name.text))) add(exported ? d.name.text : exportedNames.get(d.name.text)!, unwrapFunction(d.initializer), d.type);
      }
    } else if (ts.isExportAssignment(st)) {
      add('default', unwrapFunction(st.expression));
    } else if (ts.isExpressionStatement(st) && ts.isBinaryExpression(st.expression) && st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const target = st.expression.left.getText(sf);
      const right = st.expression.right;
      const m = /^(?:module\.)?exports\.([A-Za-z_$][\w$]*)$/.exec(target);
      if (m) addValue(m[1], right);
      else if (target === 'module.exports') {
        // `module.exports = { handler, list: listOrders }`: each property is an export of its own.
        const obj = stripParens(right);
        if (ts.isObjectLiteralExpression(obj)) {
          for (const p of obj.properties) {
            if (ts.isShorthandPropertyAssignment(p)) addValue(p.name.text, p.name);
            else if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) addValue(p.name.text, p.initializer);
            else if (ts.isMethodDeclaration(p) && ts.isIdentifier(p.name)) add(p.name.text, p);
          }
        } else addValue('default', right);
      }
    }
  }
  return out;

  /** An exported value: a function written in place, or the name of one declared at the top of the file. */
  function addValue(name: string, value: ts.Expression): void {
    const e = stripParens(value);
    if (ts.isIdentifier(e)) {
      const local = topLevelFunction(sf, e.text);
      if (local) add(name, local.fn, local.type);
      return;
    }
    add(name, unwrapFunction(value));
  }
}

function stripParens(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

/** A function declared at the top of the file under a name: `function handler(...)` or `const handler = async (...) => ...`. */
function topLevelFunction(sf: ts.SourceFile, name: string): { fn: FunctionNode; type?: ts.TypeNode } | undefined {
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name?.text === name && st.body) return { fn: st };
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (!ts.isIdentifier(d.name) || d.name.text !== name) continue;
        const fn = unwrapFunction(d.initializer);
        return fn ? { fn, type: d.type } : undefined;
      }
    }
  }
  return undefined;
}

