/**
 * The AWS calls a handler makes, read from its syntax: AWS SDK v3 commands (`new GetItemCommand`,
 * `@aws-sdk/lib-dynamodb` `GetCommand`), paginators, `Upload` from lib-storage, presigners,
 * aggregated v3 clients (`ddb.getItem()`), and SDK v2 clients and DocumentClient. Each call is
 * mapped to IAM actions through the data in sdk-iam-actions.ts, with the resource it names when
 * the name can be traced (a literal, or `process.env.X`). What cannot be read is returned as
 * unresolved, so that no answer is more confident than the code allows.
 */
import * as ts from 'typescript';
import type { ParsedFile, WorkspaceIndex } from '../../engine/workspace';
import { dirnameKey, joinKey } from '../../engine/paths';
import type { ArnScope, SdkService } from './sdk-iam-actions';
import {
  DOCUMENT_CLIENT_OPERATIONS,
  HELPER_PACKAGES,
  PARTIQL_ACTIONS,
  TRANSACT_ITEM_ACTIONS,
  actionsFor,
  scopeFor,
  serviceByPackage,
  serviceByPrefix,
  serviceByV2Class,
  serviceByV2Module,
} from './sdk-iam-actions';

/** How a call names its resource. */
export type ResourceName =
  | { kind: 'env'; name: string }
  | { kind: 'literal'; value: string }
  /** EventBridge's default bus: PutEvents without an EventBusName. */
  | { kind: 'default-bus' }
  /** The action takes no resource (`Resource: "*"`). */
  | { kind: 'none' }
  | { kind: 'unknown'; text: string };

export interface AwsCall {
  /** IAM prefix of the service (`dynamodb`). */
  service: string;
  /** The API operation as the SDK names it (`GetItem`, `ListObjectsV2`). */
  operation: string;
  actions: string[];
  resource: ResourceName;
  scope: ArnScope;
  /** Where the call is: the file's index key and offsets of the command / method call. */
  file: string;
  start: number;
  end: number;
  /** 0-based line of `start`. */
  line: number;
}

export interface UnresolvedCall {
  file: string;
  start: number;
  end: number;
  line: number;
  /** Why the call could not be read, in a few words. */
  reason: string;
  service?: string;
}

export interface CodeCalls {
  calls: AwsCall[];
  unresolved: UnresolvedCall[];
  /** Every file read, the handler's module first. */
  files: string[];
}

type CodeFile = ParsedFile & { kind: 'code' };

/** What an imported name is. */
type Symbol =
  | { kind: 'v3'; service: SdkService; pkg: string; name: string }
  | { kind: 'v3-namespace'; service: SdkService; pkg: string }
  | { kind: 'v2-namespace' }
  | { kind: 'v2-class'; service: SdkService }
  | { kind: 'helper'; which: 'upload' | 'presigner' | 'presignedPost' }
  | { kind: 'relative'; module: string; name: string };

type ClientStyle = 'v3' | 'v3-agg' | 'v3-doc-agg' | 'v2' | 'v2-doc';
interface Client {
  style: ClientStyle;
  service: SdkService;
}

const V2_NOT_OPERATIONS = new Set(['promise', 'on', 'makeRequest', 'makeUnauthenticatedRequest', 'setupRequestListeners', 'send', 'abort', 'createSet', 'config']);
const V3_NOT_OPERATIONS = new Set(['send', 'destroy', 'config', 'middlewareStack', 'constructor']);
const CODE_EXTS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.jsx'];
const MAX_FILES = 60;
const MAX_DEPTH = 12;

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** The key of a relative module imported from `fromKey`, if the index holds it. */
export function resolveRelativeModule(workspace: WorkspaceIndex, fromKey: string, spec: string): string | undefined {
  const base = joinKey(dirnameKey(fromKey), spec);
  const candidates = [base];
  const stripped = base.replace(/\.(m|c)?js$/, '');
  for (const ext of CODE_EXTS) candidates.push(stripped + ext);
  for (const ext of CODE_EXTS) candidates.push(joinKey(base, `index${ext}`));
  return candidates.find((c) => workspace.has(c) && /\.[mc]?[jt]sx?$/.test(c));
}

/**
 * The calls of a module and of every relative module it imports (transitively, bounded), in
 * the files of the workspace index. Modules that are not in the index are unresolved.
 */
export function callsOfModuleGraph(workspace: WorkspaceIndex, entryKey: string): CodeCalls {
  const out: CodeCalls = { calls: [], unresolved: [], files: [] };
  const readers = new Map<string, FileReader | null>();
  const readerOf = (key: string): FileReader | null => {
    if (readers.has(key)) return readers.get(key)!;
    const parsed = workspace.get(key);
    const r = parsed && parsed.kind === 'code' ? new FileReader(parsed, workspace, readerOf) : null;
    readers.set(key, r);
    return r;
  };
  const queue: { key: string; depth: number }[] = [{ key: entryKey, depth: 0 }];
  const seen = new Set<string>([entryKey]);
  while (queue.length > 0) {
    const { key, depth } = queue.shift()!;
    const r = readerOf(key);
    if (!r) continue;
    out.files.push(key);
    const found = r.read();
    out.calls.push(...found.calls);
    out.unresolved.push(...found.unresolved);
    for (const imp of r.relativeImports) {
      const target = resolveRelativeModule(workspace, key, imp.module);
      if (!target) {
        out.unresolved.push({ ...r.where(imp.node), reason: `the module '${imp.module}' is not in the workspace, so its calls were not read` });
        continue;
      }
      if (seen.has(target)) continue;
      if (depth + 1 > MAX_DEPTH || seen.size >= MAX_FILES) {
        out.unresolved.push({ ...r.where(imp.node), reason: `imports go deeper than ${MAX_DEPTH} modules or ${MAX_FILES} files; '${imp.module}' was not read` });
        continue;
      }
      seen.add(target);
      queue.push({ key: target, depth: depth + 1 });
    }
  }
  return out;
}

/** Reads one code file: its imports, its clients, and its calls. */
class FileReader {
  readonly sf: ts.SourceFile;
  readonly symbols = new Map<string, Symbol>();
  readonly relativeImports: { module: string; node: ts.Node }[] = [];
  private readonly clients = new Map<string, Client>();
  private readonly declarations = new Map<string, ts.Expression | 'env' | { env: string }>();
  private result?: { calls: AwsCall[]; unresolved: UnresolvedCall[] };

  constructor(
    private readonly file: CodeFile,
    private readonly workspace: WorkspaceIndex,
    private readonly readerOf: (key: string) => FileReader | null,
  ) {
    this.sf = file.model.sourceFile;
    this.readImports();
    this.readDeclarations();
  }

  where(node: ts.Node): { file: string; start: number; end: number; line: number } {
    const start = node.getStart(this.sf);
    return { file: this.file.file, start, end: node.getEnd(), line: this.file.lines.positionAt(start).line };
  }

  private bind(module: string, local: string, imported: string, node: ts.Node): void {
    const v3 = serviceByPackage(module);
    if (module.startsWith('.')) {
      this.symbols.set(local, { kind: 'relative', module, name: imported });
      return;
    }
    if (v3) {
      this.symbols.set(local, imported === '*' ? { kind: 'v3-namespace', service: v3, pkg: module } : { kind: 'v3', service: v3, pkg: module, name: imported });
      return;
    }
    if (module === 'aws-sdk' || module === 'aws-sdk/global') {
      if (imported === '*' || imported === 'default') this.symbols.set(local, { kind: 'v2-namespace' });
      else {
        const s = serviceByV2Class(imported);
        if (s) this.symbols.set(local, { kind: 'v2-class', service: s });
      }
      return;
    }
    const v2 = serviceByV2Module(module);
    if (v2) {
      this.symbols.set(local, { kind: 'v2-class', service: v2 });
      return;
    }
    for (const [which, h] of Object.entries(HELPER_PACKAGES) as [keyof typeof HELPER_PACKAGES, (typeof HELPER_PACKAGES)[keyof typeof HELPER_PACKAGES]][]) {
      if (module === h.module && imported === h.export) this.symbols.set(local, { kind: 'helper', which });
    }
    void node;
  }

  private readImports(): void {
    const visit = (node: ts.Node): void => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        const module = node.moduleSpecifier.text;
        const clause = node.importClause;
        if (module.startsWith('.')) this.relativeImports.push({ module, node });
        if (clause && !clause.isTypeOnly) {
          if (clause.name) this.bind(module, clause.name.text, 'default', node);
          const nb = clause.namedBindings;
          if (nb && ts.isNamespaceImport(nb)) this.bind(module, nb.name.text, '*', node);
          if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) this.bind(module, el.name.text, (el.propertyName ?? el.name).text, node);
        } else if (clause?.isTypeOnly && clause.namedBindings && ts.isNamedImports(clause.namedBindings)) {
          // Type-only imports still tell what a parameter's client is.
          for (const el of clause.namedBindings.elements) this.bind(module, el.name.text, (el.propertyName ?? el.name).text, node);
        }
        return;
      }
      if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) && node.moduleSpecifier.text.startsWith('.')) {
        this.relativeImports.push({ module: node.moduleSpecifier.text, node });
        return;
      }
      if (ts.isCallExpression(node) && isRequire(node)) {
        const module = (node.arguments[0] as ts.StringLiteral).text;
        if (module.startsWith('.')) this.relativeImports.push({ module, node });
        let p: ts.Node = node.parent;
        let member: string | undefined;
        if (ts.isPropertyAccessExpression(p)) {
          member = p.name.text;
          p = p.parent;
        }
        if (ts.isVariableDeclaration(p)) {
          if (ts.isIdentifier(p.name)) this.bind(module, p.name.text, member ?? '*', node);
          else if (ts.isObjectBindingPattern(p.name) && member === undefined) {
            for (const el of p.name.elements) {
              if (!ts.isIdentifier(el.name)) continue;
              const imported = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text;
              this.bind(module, el.name.text, imported, node);
            }
          }
        }
      }
      if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
        const module = node.moduleReference.expression.text;
        if (module.startsWith('.')) this.relativeImports.push({ module, node });
        this.bind(module, node.name.text, '*', node);
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(this.sf);
  }

  /** Variable initialisers by name (for tracing names and clients), and `this.x = ...` assignments. */
  private readDeclarations(): void {
    const visit = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node)) {
        if (ts.isIdentifier(node.name) && node.initializer) this.declarations.set(node.name.text, node.initializer);
        else if (ts.isObjectBindingPattern(node.name) && node.initializer && isProcessEnv(unwrap(node.initializer))) {
          for (const el of node.name.elements) {
            if (!ts.isIdentifier(el.name)) continue;
            const prop = el.propertyName && (ts.isIdentifier(el.propertyName) || ts.isStringLiteral(el.propertyName)) ? el.propertyName.text : el.name.text;
            this.declarations.set(el.name.text, { env: prop });
          }
        }
      } else if (ts.isPropertyDeclaration(node) && node.initializer && ts.isIdentifier(node.name)) {
        this.declarations.set(`this.${node.name.text}`, node.initializer);
      } else if (
        ts.isBinaryExpression(node) &&
        node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        ts.isPropertyAccessExpression(node.left) &&
        node.left.expression.kind === ts.SyntaxKind.ThisKeyword
      ) {
        this.declarations.set(`this.${node.left.name.text}`, node.right);
      }
      // Parameters and properties typed as a client (a client passed in from elsewhere).
      if ((ts.isParameter(node) || ts.isPropertyDeclaration(node)) && node.type && ts.isTypeReferenceNode(node.type) && ts.isIdentifier(node.name)) {
        const c = this.clientOfType(node.type.typeName);
        if (c) this.clients.set(ts.isPropertyDeclaration(node) ? `this.${node.name.text}` : node.name.text, c);
      }
      ts.forEachChild(node, visit);
    };
    visit(this.sf);
  }

  private symbolOf(expr: ts.Expression): Symbol | undefined {
    const e = unwrap(expr);
    if (ts.isIdentifier(e)) {
      const s = this.symbols.get(e.text);
      if (s?.kind === 'relative') return this.readerOfModule(s.module)?.exportedSymbol(s.name) ?? s;
      return s;
    }
    if (ts.isPropertyAccessExpression(e)) {
      const base = this.symbolOf(e.expression);
      if (base?.kind === 'v3-namespace') return { kind: 'v3', service: base.service, pkg: base.pkg, name: e.name.text };
      if (base?.kind === 'v2-namespace') {
        const s = serviceByV2Class(e.name.text);
        return s ? { kind: 'v2-class', service: s } : undefined;
      }
    }
    return undefined;
  }

  /** A symbol this module exports under `name` (a re-exported SDK import). */
  exportedSymbol(name: string): Symbol | undefined {
    const s = this.symbols.get(name);
    return s && s.kind !== 'relative' ? s : undefined;
  }

  private readerOfModule(spec: string): FileReader | null {
    const key = resolveRelativeModule(this.workspace, this.file.file, spec);
    return key ? this.readerOf(key) : null;
  }

  private clientOfType(typeName: ts.EntityName): Client | undefined {
    const expr = ts.isIdentifier(typeName) ? typeName : undefined;
    if (!expr) {
      // AWS.DynamoDB.DocumentClient / AWS.S3 as a type
      const text = typeName.getText(this.sf);
      const m = /^(\w+)\.(\w+)(\.DocumentClient)?$/.exec(text);
      if (m && this.symbols.get(m[1])?.kind === 'v2-namespace') {
        const s = serviceByV2Class(m[2]);
        if (s) return { style: m[3] ? 'v2-doc' : 'v2', service: s };
      }
      return undefined;
    }
    return this.clientOfClass(this.symbolOf(expr));
  }

  private clientOfClass(sym: Symbol | undefined): Client | undefined {
    if (!sym) return undefined;
    if (sym.kind === 'v3') {
      if (sym.service.v3Clients.includes(sym.name)) return { style: 'v3', service: sym.service };
      if (sym.name === 'DynamoDBDocument') return { style: 'v3-doc-agg', service: sym.service };
      if (sym.service.v3Aggregated.includes(sym.name)) return { style: 'v3-agg', service: sym.service };
    }
    if (sym.kind === 'v2-class') return { style: 'v2', service: sym.service };
    return undefined;
  }

  /** The client an expression evaluates to, when it can be told. */
  clientOf(expr: ts.Expression, depth = 0): Client | undefined {
    if (depth > 8) return undefined;
    const e = unwrap(expr);
    const key = receiverKey(e);
    if (key !== undefined) {
      const known = this.clients.get(key);
      if (known) return known;
      const init = this.declarations.get(key);
      if (init && typeof init !== 'string' && !('env' in init)) return this.clientOf(init, depth + 1);
      if (ts.isIdentifier(e)) {
        const s = this.symbols.get(e.text);
        if (s?.kind === 'relative') {
          const r = this.readerOfModule(s.module);
          const exported = r?.declarations.get(s.name);
          if (r && exported && typeof exported !== 'string' && !('env' in exported)) return r.clientOf(exported, depth + 1);
        }
      }
      return undefined;
    }
    if (ts.isNewExpression(e)) {
      const callee = unwrap(e.expression);
      // new AWS.DynamoDB.DocumentClient() / new DynamoDB.DocumentClient()
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'DocumentClient') {
        const s = this.symbolOf(callee.expression);
        if (s?.kind === 'v2-class' && s.service.prefix === 'dynamodb') return { style: 'v2-doc', service: s.service };
      }
      return this.clientOfClass(this.symbolOf(callee));
    }
    if (ts.isCallExpression(e)) {
      const callee = unwrap(e.expression);
      // DynamoDBDocumentClient.from(client) / DynamoDBDocument.from(client)
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'from') {
        const c = this.clientOfClass(this.symbolOf(callee.expression));
        if (c) return c;
      }
      // Wrappers that return the client they are given: AWSXRay.captureAWSv3Client(new S3Client({})).
      for (const a of e.arguments) {
        const c = this.clientOf(a, depth + 1);
        if (c) return c;
      }
    }
    return undefined;
  }

  read(): { calls: AwsCall[]; unresolved: UnresolvedCall[] } {
    if (this.result) return this.result;
    const calls: AwsCall[] = [];
    const unresolved: UnresolvedCall[] = [];
    this.result = { calls, unresolved };
    const visit = (node: ts.Node): void => {
      if (ts.isNewExpression(node)) this.readNew(node, calls);
      else if (ts.isCallExpression(node)) this.readCall(node, calls, unresolved);
      ts.forEachChild(node, visit);
    };
    visit(this.sf);
    return this.result;
  }

  private commandOf(expr: ts.Expression): { service: SdkService; operation: string; pkg: string } | undefined {
    const s = this.symbolOf(expr);
    if (s?.kind !== 'v3' || !s.name.endsWith('Command')) return undefined;
    let operation = s.name.slice(0, -'Command'.length);
    if (s.pkg === '@aws-sdk/lib-dynamodb') operation = DOCUMENT_CLIENT_OPERATIONS[operation] ?? operation;
    return { service: s.service, operation, pkg: s.pkg };
  }

  private readNew(node: ts.NewExpression, calls: AwsCall[]): void {
    const cmd = this.commandOf(node.expression);
    if (cmd) {
      calls.push(...this.callsFor(cmd.service, cmd.operation, node.arguments?.[0], node));
      return;
    }
    const s = this.symbolOf(node.expression);
    if (s?.kind === 'helper' && s.which === 'upload') {
      const s3 = serviceByPrefix('s3')!;
      const params = propertyOf(this.objectOf(node.arguments?.[0]), 'params');
      calls.push(...this.callsFor(s3, 'Upload', params, node));
    }
  }

  private readCall(node: ts.CallExpression, calls: AwsCall[], unresolved: UnresolvedCall[]): void {
    const callee = unwrap(node.expression);
    const s = this.symbolOf(callee);
    if (s?.kind === 'v3' && /^paginate[A-Z]/.test(s.name)) {
      let operation = s.name.slice('paginate'.length);
      if (s.pkg === '@aws-sdk/lib-dynamodb') operation = DOCUMENT_CLIENT_OPERATIONS[operation] ?? operation;
      calls.push(...this.callsFor(s.service, operation, node.arguments[1], node));
      return;
    }
    if (s?.kind === 'helper' && s.which === 'presignedPost') {
      calls.push(...this.callsFor(serviceByPrefix('s3')!, 'CreatePresignedPost', node.arguments[1], node));
      return;
    }
    if (s?.kind === 'helper' && s.which === 'presigner') {
      // getSignedUrl(client, new GetObjectCommand(...)): the command is read where it is built.
      const arg = node.arguments[1];
      if (arg && !this.isKnownCommand(arg)) unresolved.push({ ...this.where(node), reason: 'a presigned URL for a command that is not built here', service: 's3' });
      return;
    }
    if (!ts.isPropertyAccessExpression(callee) && !ts.isElementAccessExpression(callee)) return;
    const client = this.clientOf(callee.expression);
    if (!client) return;
    let method: string | undefined;
    if (ts.isPropertyAccessExpression(callee)) method = callee.name.text;
    else if (ts.isStringLiteralLike(callee.argumentExpression)) method = callee.argumentExpression.text;
    if (method === undefined) {
      unresolved.push({ ...this.where(node), reason: `a ${client.service.name} method chosen at run time`, service: client.service.prefix });
      return;
    }
    const svc = client.service;
    if (method === 'send' && (client.style === 'v3' || client.style === 'v3-agg' || client.style === 'v3-doc-agg')) {
      const arg = node.arguments[0];
      if (!arg || !this.isKnownCommand(arg)) unresolved.push({ ...this.where(node), reason: `a ${svc.name} command that is not built in the code read`, service: svc.prefix });
      return;
    }
    switch (client.style) {
      case 'v3':
        return;
      case 'v3-agg':
        if (!V3_NOT_OPERATIONS.has(method)) calls.push(...this.callsFor(svc, capitalize(method), node.arguments[0], node));
        return;
      case 'v3-doc-agg':
      case 'v2-doc': {
        const op = DOCUMENT_CLIENT_OPERATIONS[capitalize(method)];
        if (op) calls.push(...this.callsFor(svc, op, node.arguments[0], node));
        return;
      }
      case 'v2': {
        if (V2_NOT_OPERATIONS.has(method)) return;
        if (method === 'upload') calls.push(...this.callsFor(svc, 'Upload', node.arguments[0], node));
        else if (method === 'createPresignedPost') calls.push(...this.callsFor(svc, 'CreatePresignedPost', node.arguments[0], node));
        else if (method === 'getSignedUrl' || method === 'getSignedUrlPromise') {
          const op = node.arguments[0] && unwrap(node.arguments[0]);
          if (op && ts.isStringLiteralLike(op)) calls.push(...this.callsFor(svc, capitalize(op.text), node.arguments[1], node));
          else unresolved.push({ ...this.where(node), reason: 'a presigned URL for an operation chosen at run time', service: svc.prefix });
        } else if (method === 'waitFor') {
          unresolved.push({ ...this.where(node), reason: `a ${svc.name} waiter, which calls a Describe/Get operation`, service: svc.prefix });
        } else calls.push(...this.callsFor(svc, capitalize(method), node.arguments[0], node));
        return;
      }
    }
  }

  private isKnownCommand(arg: ts.Expression, depth = 0): boolean {
    const e = unwrap(arg);
    if (ts.isNewExpression(e)) return this.commandOf(e.expression) !== undefined;
    if (ts.isIdentifier(e) && depth < 4) {
      const init = this.declarations.get(e.text);
      return init !== undefined && typeof init !== 'string' && !('env' in init) && this.isKnownCommand(init, depth + 1);
    }
    return false;
  }

  /** The object literal an expression is (directly, or through a const). */
  objectOf(expr: ts.Expression | undefined, depth = 0): ts.ObjectLiteralExpression | undefined {
    if (!expr || depth > 4) return undefined;
    const e = unwrap(expr);
    if (ts.isObjectLiteralExpression(e)) return e;
    if (ts.isIdentifier(e)) {
      const init = this.declarations.get(e.text);
      if (init && typeof init !== 'string' && !('env' in init)) return this.objectOf(init, depth + 1);
    }
    return undefined;
  }

  /** How an expression names a resource. */
  nameOf(expr: ts.Expression | undefined, depth = 0): ResourceName {
    if (!expr) return { kind: 'unknown', text: '' };
    const e = unwrap(expr);
    const text = e.getText(this.sf);
    if (depth > 6) return { kind: 'unknown', text };
    if (ts.isStringLiteralLike(e)) return { kind: 'literal', value: e.text };
    const env = envName(e);
    if (env) return { kind: 'env', name: env };
    if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
      // `process.env.TABLE ?? 'orders'`: Lambda sets the variable; the fallback is for local runs.
      const left = this.nameOf(e.left, depth + 1);
      return left.kind === 'env' ? left : { kind: 'unknown', text };
    }
    if (ts.isIdentifier(e)) {
      const init = this.declarations.get(e.text);
      if (init && typeof init !== 'string' && 'env' in init) return { kind: 'env', name: init.env };
      if (init && typeof init !== 'string') return this.nameOf(init, depth + 1);
      const s = this.symbols.get(e.text);
      if (s?.kind === 'relative') {
        const r = this.readerOfModule(s.module);
        const exported = r?.declarations.get(s.name);
        if (r && exported && typeof exported !== 'string') return 'env' in exported ? { kind: 'env', name: exported.env } : r.nameOf(exported, depth + 1);
      }
    }
    return { kind: 'unknown', text };
  }

  /** The calls one operation makes: one per resource it names, with the actions each needs. */
  private callsFor(service: SdkService, operation: string, input: ts.Expression | undefined, node: ts.Node): AwsCall[] {
    const at = this.where(node);
    const obj = this.objectOf(input);
    const base = { service: service.prefix, operation, ...at };
    const scope = scopeFor(service, operation);
    const make = (actions: readonly string[], resource: ResourceName, s: ArnScope = scope): AwsCall => ({
      ...base,
      actions: [...actions],
      resource: s === 'none' ? { kind: 'none' } : resource,
      scope: s,
    });
    const unknownInput: ResourceName = { kind: 'unknown', text: input ? unwrap(input).getText(this.sf) : '' };
    if (service.prefix === 'dynamodb') {
      if (operation === 'BatchGetItem' || operation === 'BatchWriteItem') {
        const items = this.objectOf(propertyOf(obj, 'RequestItems'));
        if (!items) return [make(actionsFor(service, operation), unknownInput)];
        return items.properties.map((p) => make(actionsFor(service, operation), this.keyName(p)));
      }
      if (operation === 'TransactWriteItems' || operation === 'TransactGetItems') {
        const list = propertyOf(obj, 'TransactItems');
        const arr = list && unwrap(list);
        if (!arr || !ts.isArrayLiteralExpression(arr)) return [make(actionsFor(service, operation), unknownInput)];
        const out: AwsCall[] = [];
        for (const el of arr.elements) {
          const item = this.objectOf(el);
          const kind = item?.properties.find((p) => p.name && TRANSACT_ITEM_ACTIONS[propName(p) ?? '']);
          if (!item || !kind || !ts.isPropertyAssignment(kind)) {
            out.push(make(actionsFor(service, operation), { kind: 'unknown', text: el.getText(this.sf) }));
            continue;
          }
          const inner = this.objectOf(kind.initializer);
          out.push(make([TRANSACT_ITEM_ACTIONS[propName(kind)!]], this.nameOf(propertyOf(inner, 'TableName'))));
        }
        return out;
      }
      if (operation === 'ExecuteStatement') {
        const st = propertyOf(obj, 'Statement');
        const e = st && unwrap(st);
        const verb = e && (ts.isStringLiteralLike(e) || ts.isTemplateExpression(e)) ? /^\s*(\w+)/.exec(ts.isTemplateExpression(e) ? e.head.text : e.text)?.[1]?.toUpperCase() : undefined;
        const action = verb ? PARTIQL_ACTIONS[verb] : undefined;
        return [make(action ? [action] : actionsFor(service, operation), { kind: 'unknown', text: 'a PartiQL statement' })];
      }
      if ((operation === 'Query' || operation === 'Scan') && propertyOf(obj, 'IndexName') !== undefined) {
        return [make(actionsFor(service, operation), this.nameOf(propertyOf(obj, 'TableName')), 'index')];
      }
    }
    if (service.prefix === 'events' && operation === 'PutEvents') {
      const list = propertyOf(obj, 'Entries');
      const arr = list && unwrap(list);
      if (!arr || !ts.isArrayLiteralExpression(arr)) return [make(actionsFor(service, operation), unknownInput)];
      const names = new Map<string, ResourceName>();
      for (const el of arr.elements) {
        const entry = this.objectOf(el);
        const bus = entry ? propertyOf(entry, 'EventBusName') : undefined;
        const name: ResourceName = !entry ? { kind: 'unknown', text: el.getText(this.sf) } : bus ? this.nameOf(bus) : { kind: 'default-bus' };
        names.set(JSON.stringify(name), name);
      }
      return [...names.values()].map((n) => make(actionsFor(service, operation), n));
    }
    if (scope === 'none') return [make(actionsFor(service, operation), { kind: 'none' })];
    for (const member of service.resourceMembers) {
      if (member.includes('[]')) {
        const [listName, inner] = member.split('[]');
        const list = propertyOf(obj, listName);
        if (list === undefined) continue;
        const arr = unwrap(list);
        if (!ts.isArrayLiteralExpression(arr)) return [make(actionsFor(service, operation), { kind: 'unknown', text: arr.getText(this.sf) })];
        return arr.elements.map((el) =>
          make(actionsFor(service, operation), inner ? this.nameOf(propertyOf(this.objectOf(el), inner.replace(/^\./, ''))) : this.nameOf(el)),
        );
      }
      const v = propertyOf(obj, member);
      if (v !== undefined) return [make(actionsFor(service, operation), this.nameOf(v))];
    }
    return [make(actionsFor(service, operation), service.resourceMembers.length === 0 ? { kind: 'unknown', text: 'not named in the call' } : unknownInput)];
  }

  private keyName(p: ts.ObjectLiteralElementLike): ResourceName {
    if (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) {
      const n = p.name;
      if (ts.isIdentifier(n) || ts.isStringLiteral(n)) return { kind: 'literal', value: n.text };
      if (ts.isComputedPropertyName(n)) return this.nameOf(n.expression);
    }
    return { kind: 'unknown', text: p.getText(this.sf) };
  }
}

function isRequire(node: ts.CallExpression): boolean {
  return ts.isIdentifier(node.expression) && node.expression.text === 'require' && node.arguments.length === 1 && ts.isStringLiteralLike(node.arguments[0]);
}

function unwrap(e: ts.Expression): ts.Expression {
  let x = e;
  for (;;) {
    if (ts.isParenthesizedExpression(x) || ts.isAsExpression(x) || ts.isNonNullExpression(x) || ts.isAwaitExpression(x) || ts.isSatisfiesExpression(x) || ts.isTypeAssertionExpression(x)) x = x.expression;
    else return x;
  }
}

function isProcessEnv(e: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(e) && e.name.text === 'env' && ts.isIdentifier(e.expression) && e.expression.text === 'process';
}

/** `process.env.X` or `process.env['X']` → X. */
function envName(e: ts.Expression): string | undefined {
  if (ts.isPropertyAccessExpression(e) && isProcessEnv(unwrap(e.expression))) return e.name.text;
  if (ts.isElementAccessExpression(e) && isProcessEnv(unwrap(e.expression)) && ts.isStringLiteralLike(e.argumentExpression)) return e.argumentExpression.text;
  return undefined;
}

/** The key a receiver is tracked under: `client`, `this.client`. */
function receiverKey(e: ts.Expression): string | undefined {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword) return `this.${e.name.text}`;
  return undefined;
}

function propName(p: ts.ObjectLiteralElementLike): string | undefined {
  const n = p.name;
  if (!n) return undefined;
  if (ts.isIdentifier(n) || ts.isStringLiteral(n)) return n.text;
  return undefined;
}

function propertyOf(obj: ts.ObjectLiteralExpression | undefined, name: string): ts.Expression | undefined {
  if (!obj) return undefined;
  for (let i = obj.properties.length - 1; i >= 0; i--) {
    const p = obj.properties[i];
    if (propName(p) !== name) continue;
    if (ts.isPropertyAssignment(p)) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p)) return p.name;
  }
  return undefined;
}
