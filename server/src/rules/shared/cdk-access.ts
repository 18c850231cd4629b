/**
 * What the Lambda functions of a CDK file need and what they are granted, the CDK twin of
 * function-access.ts: each function linked to its handler module (`NodejsFunction` `entry`, or
 * `lambda.Function` `Code.fromAsset(dir)` + `handler`, paths built with `path.join(__dirname,
 * ...)` read without running anything), the AWS calls of that code with the resources they name
 * traced through the function's `environment` (`ORDERS_TABLE: table.tableName` → OrdersTable),
 * and what reaches the function's role: policy statements (`addToRolePolicy`, `initialPolicy`,
 * a shared role's statements) and the constructs' `grant*` methods.
 *
 * Targets use the same shape as the template side (`{ kind: 'resource', id, type }` with the
 * CloudFormation type the construct synthesizes), so coverage, messages and the policy
 * rendering are shared.
 */
import * as ts from 'typescript';
import type { WorkspaceIndex } from '../../engine/workspace';
import { dirnameKey, joinKey } from '../../engine/paths';
import type { CdkModel, Construct, PolicyStmt, Val } from '../../models/cdk';
import { strip } from '../../models/cdk';
import type { CodeCalls } from './aws-calls';
import { callsOfModuleGraph } from './aws-calls';
import type { CdkGrantMethod, GrantPart } from './cdk-resources';
import { CDK_CLASS_TYPES, CDK_GRANTS, CDK_STATIC_GRANTS, attributeOfProperty } from './cdk-resources';
import type { GrantLike, Need, Target } from './function-access';
import { best, targetOfName, textCovers } from './function-access';
const { isCallExpression, isIdentifier, isImportDeclaration, isNamedImports, isNamespaceImport, isNewExpression, isObjectBindingPattern, isObjectLiteralExpression, isPropertyAccessExpression, isPropertyAssignment, isShorthandPropertyAssignment, isSpreadAssignment, isSpreadElement, isStringLiteralLike, isTemplateExpression, isBinaryExpression, isVariableStatement, isNoSubstitutionTemplateLiteral } = ts;

const CODE_EXTS = ['.ts', '.js', '.mjs', '.cjs', '.mts', '.cts', '.tsx', '.jsx'];
const CODE_FILE = /\.[cm]?[jt]sx?$/;
/** How far up from the stack file a path relative to the CDK app's folder is looked for. */
const MAX_APP_DEPTH = 6;

/** A resource a CDK file creates (`new dynamodb.Table`) or imports (`Table.fromTableName`). */
export interface CdkResource {
  /** The node that makes it: the `new` expression or the `from*` call. */
  node: ts.Expression;
  /** The construct id, else what is written. */
  id: string;
  /** `dynamodb.Table`. */
  cls: string;
  /** The CloudFormation type it synthesizes, when known. */
  type?: string;
}

/** One grant that reaches a function's role. */
export interface CdkGrant extends GrantLike {
  kind: 'statement' | 'method' | 'static';
  /** The functions whose role it reaches. */
  holders: Construct[];
  actions: string[];
  resourceText: string;
  /** How a table of grants names where it comes from: "addToRolePolicy statement", "OrdersTable.grantReadData". */
  source: string;
  stmt?: PolicyStmt;
  /** For grant methods: the call, the method's name node, and the resource granted on. */
  call?: ts.CallExpression;
  method?: string;
  nameNode?: ts.Node;
  resource?: CdkResource;
  /** The role the statement is written on, when it is a role rather than the function. */
  role?: Construct;
}

export interface CdkFunctionAccess {
  fn: Construct;
  codeKey?: string;
  codeMissing?: string;
  calls: CodeCalls;
  needs: Need[];
  grants: CdkGrant[];
  opaqueGrants: string[];
  /** The role construct given to the function (`role: sharedRole`), when it is one of this file's. */
  role?: Construct;
  /** How the file writes each resource the needs name, by target id (for fixes): `table`. */
  resourceExprs: Map<string, ts.Expression>;
}

const EMPTY_CALLS: CodeCalls = { calls: [], unresolved: [], files: [] };

const accessMemo = new WeakMap<CdkModel, { workspace: WorkspaceIndex; generation: number; file: string; access: CdkFunctionAccess[] }>();

/**
 * Access of every Lambda function of a CDK file. Read once per syntax tree while the workspace
 * stays the same: least-privilege, iam-shared-role and the access hover all ask for it.
 */
export function cdkAccess(workspace: WorkspaceIndex, file: string, cdk: CdkModel): CdkFunctionAccess[] {
  const memo = accessMemo.get(cdk);
  if (memo && memo.workspace === workspace && memo.generation === workspace.generation && memo.file === file) return memo.access;
  const access = new CdkReader(workspace, file, cdk).read();
  accessMemo.set(cdk, { workspace, generation: workspace.generation, file, access });
  return access;
}

/** The code files of the index by folder (names only), and every folder above them. */
interface FolderIndex {
  byFolder: Map<string, Set<string>>;
  folders: Set<string>;
}

const folderMemo = new WeakMap<WorkspaceIndex, { generation: number; index: FolderIndex }>();

/** The folder index of a workspace, built once per generation of it (every CDK file and edit reads it). */
function foldersOf(workspace: WorkspaceIndex): FolderIndex {
  const memo = folderMemo.get(workspace);
  if (memo && memo.generation === workspace.generation) return memo.index;
  const index: FolderIndex = { byFolder: new Map(), folders: new Set() };
  for (const k of workspace.keys()) {
    if (!CODE_FILE.test(k)) continue;
    const [dir, name] = splitKey(k);
    let names = index.byFolder.get(dir);
    if (!names) {
      index.byFolder.set(dir, (names = new Set()));
      for (let d = dir; d && !index.folders.has(d); d = splitKey(d)[0]) index.folders.add(d);
    }
    names.add(name);
  }
  folderMemo.set(workspace, { generation: workspace.generation, index });
  return index;
}

class CdkReader {
  private readonly pathNames: PathNames;
  private readonly out: CdkFunctionAccess[] = [];

  constructor(
    private readonly workspace: WorkspaceIndex,
    private readonly file: string,
    private readonly cdk: CdkModel,
  ) {
    this.pathNames = pathModuleNames(cdk.sf);
  }

  read(): CdkFunctionAccess[] {
    // A helper that makes functions gives one construct per call site, each with its own props.
    for (const fn of this.cdk.functions()) {
      if (!fn.idNode) continue;
      const link = this.linkCode(fn);
      const calls = link.key ? callsOfModuleGraph(this.workspace, link.key) : EMPTY_CALLS;
      const env = this.environmentOf(fn);
      const a: CdkFunctionAccess = { fn, codeKey: link.key, codeMissing: link.missing, calls, needs: [], grants: [], opaqueGrants: [], resourceExprs: new Map() };
      for (const call of calls.calls) {
        const target = targetOfName(call.resource, env, 'environment', (v) => this.targetOfValue(v, a));
        for (const action of call.actions) a.needs.push({ action, target, scope: call.scope, call });
      }
      this.out.push(a);
    }
    this.readRoles();
    this.readStatements();
    this.readGrantMethods();
    return this.out;
  }

  // ---- code ------------------------------------------------------------------------------------

  private linkCode(fn: Construct): { key?: string; missing?: string } {
    const r = this.cdk.resolver;
    if (fn.cls === 'lambda-nodejs.NodejsFunction') {
      const entryHit = r.prop(fn.props, 'entry');
      if (entryHit.state === 'absent') {
        // The default entry: `<stack file>.<construct id>.ts` beside the stack file.
        const stem = this.file.replace(/\.[^./\\]+$/, '');
        const key = [`${stem}.${fn.id}.ts`, `${stem}.${fn.id}.js`].find((k) => this.isCode(k));
        return key ? { key } : { missing: `its default entry ${baseName(stem)}.${fn.id}.ts is not in the workspace` };
      }
      if (entryHit.hits.length !== 1) return { missing: 'its entry is not a plain path' };
      const p = this.evalPath(entryHit.hits[0].value);
      if (!p) return { missing: 'its entry is not a path this tool can read' };
      const key = this.findModule(p, (dir) => this.moduleAt(dir));
      return key ? { key } : { missing: `its entry ${p.rel} is not in the workspace` };
    }
    if (fn.cls !== 'lambda.Function' && fn.cls !== 'lambda.SingletonFunction') return { missing: 'it is not a Node.js function built from local code' };
    const handlers = r.strings(r.prop(fn.props, 'handler').hits[0]?.value);
    if (!handlers.complete || handlers.values.length !== 1) return { missing: 'its handler is not a plain value' };
    const handler = handlers.values[0].text;
    const dot = handler.lastIndexOf('.');
    if (dot <= 0) return { missing: `its handler '${handler}' names no module` };
    const module = handler.slice(0, dot);
    const codeHit = r.prop(fn.props, 'code').hits[0];
    if (!codeHit) return { missing: 'its code is not set' };
    const codes = r.resolve(codeHit.value);
    if (codes.length !== 1) return { missing: 'its code is not a plain asset' };
    const c = strip(codes[0].expr);
    const q = isCallExpression(c) || isNewExpression(c) ? this.cdk.imports.qualify(c.expression) : undefined;
    if (q === 'lambda.Code.fromInline' || q === 'lambda.InlineCode.fromInline' || q === 'lambda.InlineCode') return { missing: 'its code is inline' };
    if (q !== 'lambda.Code.fromAsset' && q !== 'lambda.AssetCode.fromAsset' && q !== 'lambda.AssetCode') return { missing: 'its code is not a local folder' };
    const arg = (c as ts.CallExpression | ts.NewExpression).arguments?.[0];
    const p = arg && this.evalPath({ expr: arg, env: codes[0].env });
    if (!p) return { missing: 'its asset folder is not a path this tool can read' };
    const key = this.findModule(p, (dir) => (this.holdsCode(dir) ? this.moduleAt(this.dirOf(dir, module)) : undefined));
    return key ? { key } : { missing: `its handler module ${module} (under ${p.rel || '.'}) is not in the workspace` };
  }

  private readonly codeKeys = new Map<string, boolean>();
  private readonly dirs = new Map<string, string>();

  /** The code-like files of the index by folder (names only): most candidates are not there. */
  private get byFolder(): Map<string, Set<string>> {
    return (this.folderIndex ??= foldersOf(this.workspace)).byFolder;
  }

  private folderIndex?: FolderIndex;

  /** Whether a folder holds code files, directly or below: a folder that does not cannot hold a handler. */
  private holdsCode(dir: string): boolean {
    const d = dir.replace(/[\\/]+$/, '');
    return d === '' || d === '.' || (this.folderIndex ??= foldersOf(this.workspace)).folders.has(d);
  }

  private isCode(key: string): boolean {
    let known = this.codeKeys.get(key);
    if (known === undefined) {
      known = this.workspace.get(key)?.kind === 'code';
      this.codeKeys.set(key, known);
    }
    return known;
  }

  /** `joinKey(base, rel)`, once per pair: every function of a stack usually shares its asset folder. */
  private dirOf(base: string, rel: string): string {
    const k = `${base}\0${rel}`;
    let d = this.dirs.get(k);
    if (d === undefined) {
      d = rel ? joinKey(base, rel) : base;
      this.dirs.set(k, d);
    }
    return d;
  }

  /** The first code file found for a path, from the stack's folder (`__dirname`) or the app's folder (tried upwards). */
  /** The code file a module path names: the path itself, with a code extension, or its index file. */
  private moduleAt(stem: string): string | undefined {
    const [dir, name] = splitKey(stem);
    const here = this.byFolder.get(dir);
    if (here) {
      const bare = CODE_FILE.test(name) ? name.replace(CODE_FILE, '') : name;
      for (const n of [name, ...CODE_EXTS.map((e) => bare + e)]) {
        if (here.has(n) && this.isCode(stem.slice(0, stem.length - name.length) + n)) return stem.slice(0, stem.length - name.length) + n;
      }
    }
    const inside = CODE_FILE.test(name) ? undefined : this.byFolder.get(stem);
    if (inside) {
      const sep = stem.includes('\\') && !stem.includes('/') ? '\\' : '/';
      for (const e of CODE_EXTS) if (inside.has(`index${e}`) && this.isCode(`${stem}${sep}index${e}`)) return `${stem}${sep}index${e}`;
    }
    return undefined;
  }

  private findModule(p: PathValue, lookup: (dir: string) => string | undefined): string | undefined {
    const stackDir = dirnameKey(this.file);
    const bases: string[] = [];
    if (p.base === 'dirname') bases.push(stackDir);
    else {
      let d = stackDir;
      for (let i = 0; i < MAX_APP_DEPTH; i++) {
        bases.push(d);
        const up = dirnameKey(d);
        if (up === d) break;
        d = up;
      }
    }
    for (const b of bases) {
      const key = lookup(this.dirOf(b, p.rel));
      if (key) return key;
    }
    return undefined;
  }

  /** A path expression: a literal, `__dirname`, `path.join(...)` / `path.resolve(...)`, `${__dirname}/x`, `a + '/x'`. */
  private evalPath(v: Val, depth = 0): PathValue | undefined {
    if (depth > 8) return undefined;
    const rs = this.cdk.resolver.resolve(v);
    if (rs.length !== 1) return undefined;
    const e = strip(rs[0].expr);
    const env = rs[0].env;
    if (isStringLiteralLike(e)) return literalPath(e.text);
    if (isIdentifier(e) && e.text === '__dirname') return { base: 'dirname', rel: '' };
    if (isCallExpression(e)) {
      const fn = this.pathFunction(e.expression);
      if (!fn) return undefined;
      let acc: PathValue | undefined;
      for (const a of e.arguments) {
        if (isSpreadElement(a)) return undefined;
        const p = this.evalPath({ expr: a, env }, depth + 1);
        if (!p) return undefined;
        if (!acc || (fn === 'resolve' && p.base === 'dirname')) acc = { ...p };
        else acc = { base: acc.base, rel: joinRel(acc.rel, p.rel) };
      }
      return acc;
    }
    if (isTemplateExpression(e)) {
      if (e.head.text !== '' || e.templateSpans.length !== 1) return undefined;
      const head = this.evalPath({ expr: e.templateSpans[0].expression, env }, depth + 1);
      return head && { base: head.base, rel: joinRel(head.rel, e.templateSpans[0].literal.text) };
    }
    if (isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const left = this.evalPath({ expr: e.left, env }, depth + 1);
      const right = this.cdk.resolver.strings({ expr: e.right, env });
      if (!left || !right.complete || right.values.length !== 1) return undefined;
      return { base: left.base, rel: joinRel(left.rel, right.values[0].text) };
    }
    return undefined;
  }

  private pathFunction(callee: ts.Expression): 'join' | 'resolve' | undefined {
    const c = strip(callee);
    if (isPropertyAccessExpression(c) && isIdentifier(c.expression) && this.pathNames.namespaces.has(c.expression.text)) {
      return c.name.text === 'join' || c.name.text === 'resolve' ? c.name.text : undefined;
    }
    if (isIdentifier(c)) return this.pathNames.functions.get(c.text);
    return undefined;
  }

  /** The function's environment variables: its `environment` prop and `fn.addEnvironment(k, v)` calls. */
  private environmentOf(fn: Construct): Map<string, Val> {
    const out = new Map<string, Val>();
    const r = this.cdk.resolver;
    const addObject = (v: Val, depth: number): void => {
      if (depth > 4) return;
      for (const t of r.resolve(v)) {
        if (!isObjectLiteralExpression(t.expr)) continue;
        for (const p of t.expr.properties) {
          if (isSpreadAssignment(p)) addObject({ expr: p.expression, env: t.env }, depth + 1);
          else if (isPropertyAssignment(p)) {
            const name = p.name.getText(this.cdk.sf).replace(/^['"`]|['"`]$/g, '');
            out.set(name, { expr: p.initializer, env: t.env });
          } else if (isShorthandPropertyAssignment(p)) out.set(p.name.text, { expr: p.name, env: t.env });
        }
      }
    };
    for (const h of r.prop(fn.props, 'environment').hits) addObject(h.value, 0);
    for (const m of this.cdk.callsOn(fn, 'addEnvironment')) {
      const [k, v] = m.node.arguments;
      const keys = k ? r.strings({ expr: k, env: m.env }) : undefined;
      if (keys?.complete && keys.values.length === 1 && v) out.set(keys.values[0].text, { expr: v, env: m.env });
    }
    return out;
  }


  /** What an environment value names: `table.tableName` → the table, a literal, or unknown. */
  private targetOfValue(v: Val, a: CdkFunctionAccess): Target {
    const rs = this.cdk.resolver.resolve(v);
    if (rs.length !== 1) return { kind: 'unknown', why: 'its value is chosen when the stack is synthesized' };
    const e = strip(rs[0].expr);
    if (isStringLiteralLike(e)) return { kind: 'literal', value: e.text };
    if (isPropertyAccessExpression(e)) {
      const res = this.resourceOf({ expr: e.expression, env: rs[0].env });
      if (res) {
        if (!a.resourceExprs.has(res.id)) a.resourceExprs.set(res.id, e.expression);
        return { kind: 'resource', id: res.id, type: res.type ?? `CDK ${res.cls}` };
      }
    }
    return { kind: 'unknown', why: `its value \`${e.getText(this.cdk.sf).slice(0, 60)}\` is computed when the stack is synthesized` };
  }

  /** The resource a value is: a construct made here, or one imported with a `from*` method. */
  resourceOf(v: Val): CdkResource | undefined {
    const rs = this.cdk.resolver.resolve(v);
    if (rs.length !== 1) return undefined;
    const e = strip(rs[0].expr);
    if (isNewExpression(e)) {
      const c = this.cdk.constructAt(e, rs[0].env);
      if (!c || !c.idNode) return undefined;
      return { node: e, id: c.name, cls: c.cls, type: CDK_CLASS_TYPES[c.cls] };
    }
    if (isCallExpression(e)) {
      const q = this.cdk.imports.qualify(e.expression);
      const m = q && /^([a-z0-9-]+\.[A-Za-z0-9]+)\.from[A-Za-z]+$/.exec(q);
      if (!m || !e.arguments[1]) return undefined;
      const ids = this.cdk.resolver.strings({ expr: e.arguments[1], env: rs[0].env });
      const id = ids.complete && ids.values.length === 1 ? ids.values[0].text : e.arguments[1].getText(this.cdk.sf);
      return { node: e, id, cls: m[1], type: CDK_CLASS_TYPES[m[1]] };
    }
    return undefined;
  }

  // ---- grants ----------------------------------------------------------------------------------

  /** The role given to each function (`role: r`); what makes a role's permissions unknown. */
  private readRoles(): void {
    const r = this.cdk.resolver;
    for (const a of this.out) {
      const hit = r.prop(a.fn.props, 'role');
      if (hit.state === 'absent') continue;
      const rs = hit.hits.length === 1 ? r.resolve(hit.hits[0].value) : [];
      const e = rs.length === 1 ? strip(rs[0].expr) : undefined;
      const role = e && isNewExpression(e) ? this.cdk.constructAt(e, rs[0].env) : undefined;
      if (!role || role.cls !== 'iam.Role') {
        a.opaqueGrants.push('its role is imported or computed');
        continue;
      }
      a.role = role;
      if (r.prop(role.props, 'managedPolicies').state !== 'absent') a.opaqueGrants.push(`${role.name} attaches managed policies`);
      if (r.prop(role.props, 'inlinePolicies').state !== 'absent') {
        // Inline policy documents are read as statements below when they are `new iam.PolicyDocument`.
      }
      if (this.cdk.callsOn(role, 'addManagedPolicy', 'attachInlinePolicy').length > 0) a.opaqueGrants.push(`${role.name} gets policies added elsewhere`);
    }
    const policyCalls = this.cdk.calls('addManagedPolicy', 'attachInlinePolicy');
    if (policyCalls.length === 0) return;
    // `fn.role.addManagedPolicy(...)`: the functions each call reaches, read once per call.
    const viaRole = policyCalls.flatMap((m) => {
      const recv = strip(m.receiver.expr);
      return isPropertyAccessExpression(recv) && recv.name.text === 'role' ? [this.functionsOf({ expr: recv.expression, env: m.env })] : [];
    });
    for (const a of this.out) {
      if (this.cdk.callsOn(a.fn, 'addManagedPolicy').length > 0) a.opaqueGrants.push('it gets a managed policy');
      for (const reached of viaRole) if (reached.includes(a)) a.opaqueGrants.push('its role gets a managed policy');
    }
  }

  /** The functions a grantee value reaches: a function, its `role` / `grantPrincipal`, or a role functions share. */
  functionsOf(v: Val): CdkFunctionAccess[] {
    const rs = this.cdk.resolver.resolve(v);
    const out: CdkFunctionAccess[] = [];
    for (const t of rs) {
      let e = strip(t.expr);
      if (isPropertyAccessExpression(e) && (e.name.text === 'role' || e.name.text === 'grantPrincipal')) e = strip(e.expression);
      for (const c of this.cdk.constructsOf({ expr: e, env: t.env })) {
        const direct = this.accessOf(c);
        if (direct) {
          out.push(...this.sharing(direct));
          continue;
        }
        if (c.cls === 'iam.Role') out.push(...this.out.filter((a) => a.role?.node === c.node));
      }
    }
    return [...new Set(out)];
  }

  private byFn?: Map<Construct, CdkFunctionAccess>;

  /** The access entry of a function construct of this file. */
  private accessOf(c: Construct): CdkFunctionAccess | undefined {
    this.byFn ??= new Map(this.out.map((a) => [a.fn, a]));
    return this.byFn.get(c);
  }

  /** The functions that hold the same role as `a` (itself included). */
  private sharing(a: CdkFunctionAccess): CdkFunctionAccess[] {
    if (!a.role) return [a];
    return this.out.filter((x) => x.role?.node === a.role!.node);
  }

  private readStatements(): void {
    for (const st of this.cdk.statements()) {
      if (st.effect !== 'Allow' || !st.owner) continue;
      const owner = st.owner;
      let holders: CdkFunctionAccess[];
      let role: Construct | undefined;
      const fnOwner = this.accessOf(owner);
      if (fnOwner) holders = this.sharing(fnOwner);
      else if (owner.cls === 'iam.Role') {
        role = owner;
        holders = this.out.filter((a) => a.role?.node === owner.node);
      } else if (owner.cls === 'iam.Policy' || owner.cls === 'iam.ManagedPolicy') {
        holders = this.policyHolders(owner);
      } else continue;
      if (holders.length === 0) continue;
      if (st.notActionsKey) {
        for (const h of holders) h.opaqueGrants.push('a statement uses NotAction');
        continue;
      }
      const actions: string[] = [];
      let readable = st.actions.complete;
      for (const v of st.actions.values) {
        const s = this.cdk.resolver.strings(v);
        if (!s.complete) readable = false;
        actions.push(...s.values.map((x) => x.text));
      }
      if (!readable) {
        for (const h of holders) h.opaqueGrants.push('a statement\'s actions are computed');
        continue;
      }
      const texts: (string | undefined)[] = [];
      const shown: string[] = [];
      for (const v of st.resources.values) {
        texts.push(...this.resourceTexts(v));
        const e = strip(v.expr);
        shown.push(isStringLiteralLike(e) ? e.text : e.getText(this.cdk.sf));
      }
      if (!st.resources.complete) {
        texts.push(undefined);
        shown.push('(a computed list)');
      }
      const conditioned = st.conditions !== 'none';
      const grant: CdkGrant = {
        kind: 'statement',
        holders: holders.map((h) => h.fn),
        actions,
        stmt: st,
        role,
        resourceText: shown.join(', ') || '(none)',
        source: role ? `${role.name} statement` : owner.cls.startsWith('iam.') ? `${owner.name} statement` : 'addToRolePolicy statement',
        covers: (target, scope) => {
          const c = best(texts.map((t) => textCovers(t, target, scope)));
          return conditioned && c === 'yes' ? 'maybe' : c;
        },
      };
      for (const h of holders) h.grants.push(grant);
    }
  }

  /** The functions an `iam.Policy` reaches through its `roles` prop. */
  private policyHolders(policy: Construct): CdkFunctionAccess[] {
    const out: CdkFunctionAccess[] = [];
    for (const h of this.cdk.resolver.prop(policy.props, 'roles').hits) {
      for (const el of this.cdk.resolver.elements(h.value).values) out.push(...this.functionsOf(el));
    }
    return [...new Set(out)];
  }

  /**
   * A resource written in a statement, as text with references in `${Id.Attr}` form:
   * `table.tableArn` → `${OrdersTable.Arn}`, `bucket.arnForObjects('*')` → `${Reports.Arn}/*`,
   * `` `${table.tableArn}/index/*` ``. Undefined for what cannot be read.
   */
  resourceTexts(v: Val, depth = 0): (string | undefined)[] {
    if (depth > 6) return [undefined];
    const out: (string | undefined)[] = [];
    for (const t of this.cdk.resolver.resolve(v)) out.push(this.resourceText(t, depth));
    return out.length ? out : [undefined];
  }

  private resourceText(t: Val, depth: number): string | undefined {
    const e = strip(t.expr);
    if (isStringLiteralLike(e)) return e.text;
    const q = this.cdk.imports.qualify(e);
    if (q && /^core\.Aws\.[A-Z_]+$/.test(q)) {
      const name = q.slice('core.Aws.'.length);
      const pseudo: Record<string, string> = { PARTITION: 'Partition', REGION: 'Region', ACCOUNT_ID: 'AccountId', URL_SUFFIX: 'URLSuffix' };
      return pseudo[name] ? `\${AWS::${pseudo[name]}}` : '${?}';
    }
    if (isPropertyAccessExpression(e)) {
      const res = this.resourceOf({ expr: e.expression, env: t.env });
      if (!res) return undefined;
      const attr = res.type ? attributeOfProperty(res.type, e.name.text) : undefined;
      if (attr === undefined) return `\${${res.id}.${e.name.text}}`;
      return attr === 'Ref' ? `\${${res.id}}` : `\${${res.id}.${attr}}`;
    }
    if (isCallExpression(e) && isPropertyAccessExpression(e.expression) && e.expression.name.text === 'arnForObjects') {
      const res = this.resourceOf({ expr: e.expression.expression, env: t.env });
      const pattern = e.arguments[0] ? this.cdk.resolver.strings({ expr: e.arguments[0], env: t.env }) : undefined;
      if (!res || !pattern?.complete || pattern.values.length !== 1) return undefined;
      return `\${${res.id}.Arn}/${pattern.values[0].text}`;
    }
    if (isTemplateExpression(e)) {
      let s = e.head.text;
      for (const span of e.templateSpans) {
        const inner = this.resourceTexts({ expr: span.expression, env: t.env }, depth + 1);
        s += (inner.length === 1 && inner[0] !== undefined ? inner[0] : '${?}') + span.literal.text;
      }
      return s;
    }
    if (isNoSubstitutionTemplateLiteral(e)) return e.text;
    if (isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const l = this.resourceTexts({ expr: e.left, env: t.env }, depth + 1);
      const r = this.resourceTexts({ expr: e.right, env: t.env }, depth + 1);
      return (l.length === 1 && l[0] !== undefined ? l[0] : '${?}') + (r.length === 1 && r[0] !== undefined ? r[0] : '${?}');
    }
    return undefined;
  }

  /** `table.grantReadData(fn)`, `table.grant(fn, 'dynamodb:PutItem')`, `EventBus.grantAllPutEvents(fn)`. */
  private readGrantMethods(): void {
    for (const m of this.cdk.methodCalls) {
      if (!/^grant/.test(m.method) || !m.node.arguments[0]) continue;
      const holders = this.functionsOf({ expr: m.node.arguments[0], env: m.env });
      if (holders.length === 0) continue;
      const res = this.resourceOf(m.receiver);
      if (!res) {
        for (const h of holders) h.opaqueGrants.push(`\`${m.node.getText(this.cdk.sf).slice(0, 60)}\` grants on something this tool cannot name`);
        continue;
      }
      let method: CdkGrantMethod | undefined;
      if (m.method === 'grant') {
        const actions: string[] = [];
        let complete = true;
        for (const a of m.node.arguments.slice(1)) {
          if (isSpreadElement(a)) {
            complete = false;
            continue;
          }
          const s = this.cdk.resolver.strings({ expr: a, env: m.env });
          if (!s.complete) complete = false;
          actions.push(...s.values.map((x) => x.text));
        }
        if (!complete) {
          for (const h of holders) h.opaqueGrants.push(`${res.id}.grant(...) names computed actions`);
          continue;
        }
        method = { actions, parts: res.type === 'AWS::DynamoDB::Table' || res.type === 'AWS::DynamoDB::GlobalTable' ? ['self', 'index'] : ['self'] };
      } else method = res.type ? CDK_GRANTS[res.type]?.[m.method] : undefined;
      if (!method) {
        for (const h of holders) h.opaqueGrants.push(`${res.id}.${m.method}(...) grants what this tool does not list`);
        continue;
      }
      const texts = method.parts.map((p) => partText(res.id, p));
      const grant: CdkGrant = {
        kind: 'method',
        holders: holders.map((h) => h.fn),
        actions: [...method.actions],
        call: m.node,
        method: m.method,
        nameNode: m.nameNode,
        resource: res,
        resourceText: method.parts.map((p) => partLabel(res.id, p)).join(', '),
        source: `${res.id}.${m.method}`,
        covers: (target, scope) => best(texts.map((x) => textCovers(x, target, scope))),
      };
      for (const h of holders) h.grants.push(grant);
    }
    for (const s of this.cdk.staticCalls) {
      const actions = CDK_STATIC_GRANTS[s.callee];
      if (!actions || !s.node.arguments[0]) continue;
      const holders = this.functionsOf({ expr: s.node.arguments[0], env: s.env });
      const grant: CdkGrant = {
        kind: 'static',
        holders: holders.map((h) => h.fn),
        actions: [...actions],
        call: s.node,
        resourceText: '*',
        source: s.callee.replace(/^[a-z0-9-]+\./, ''),
        covers: (target, scope) => textCovers('*', target, scope),
      };
      for (const h of holders) h.grants.push(grant);
    }
  }
}

/** How a grant method's part of a resource reads in text form. */
function partText(id: string, part: GrantPart): string {
  return part === 'self' ? `\${${id}.Arn}` : part === 'index' ? `\${${id}.Arn}/index/*` : `\${${id}.Arn}/*`;
}

function partLabel(id: string, part: GrantPart): string {
  return part === 'self' ? id : part === 'index' ? `${id}'s indexes` : `objects in ${id}`;
}

// ---- paths -------------------------------------------------------------------------------------

/** A path read from the stack: relative to the stack file's folder (`__dirname`) or to the CDK app's folder. */
interface PathValue {
  base: 'dirname' | 'cwd';
  /** `/`-separated, may hold `..`; empty for the base itself. */
  rel: string;
}

function literalPath(text: string): PathValue | undefined {
  if (/^([A-Za-z]:)?[\\/]/.test(text)) return undefined;
  return { base: 'cwd', rel: text.replace(/\\/g, '/').replace(/\/+$/, '') };
}

function joinRel(a: string, b: string): string {
  const bb = b.replace(/\\/g, '/').replace(/^\/+|\/+$/g, '');
  if (!a) return bb;
  if (!bb) return a;
  return `${a}/${bb}`;
}


/** A key's folder part and name, split at its last separator (the same way for index keys and candidates). */
function splitKey(key: string): [string, string] {
  const i = Math.max(key.lastIndexOf('/'), key.lastIndexOf('\\'));
  return i < 0 ? ['', key] : [key.slice(0, i), key.slice(i + 1)];
}

function baseName(key: string): string {
  return key.replace(/^.*[/\\]/, '');
}

interface PathNames {
  /** Local names of the `path` module itself (`path` in `import * as path from 'node:path'`). */
  namespaces: Set<string>;
  /** Local names of its `join` / `resolve`. */
  functions: Map<string, 'join' | 'resolve'>;
}

const PATH_MODULES = new Set(['path', 'node:path', 'path/posix', 'node:path/posix']);

/** How the file names Node's `path` module: imports and `require`. */
function pathModuleNames(sf: ts.SourceFile): PathNames {
  const out: PathNames = { namespaces: new Set(), functions: new Map() };
  const named = (local: string, imported: string): void => {
    if (imported === 'join' || imported === 'resolve') out.functions.set(local, imported);
  };
  for (const s of sf.statements) {
    if (isImportDeclaration(s) && isStringLiteralLike(s.moduleSpecifier) && PATH_MODULES.has(s.moduleSpecifier.text)) {
      const clause = s.importClause;
      if (clause?.name) out.namespaces.add(clause.name.text);
      const nb = clause?.namedBindings;
      if (nb && isNamespaceImport(nb)) out.namespaces.add(nb.name.text);
      if (nb && isNamedImports(nb)) for (const el of nb.elements) named(el.name.text, (el.propertyName ?? el.name).text);
    }
    if (isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        const init = d.initializer && strip(d.initializer);
        if (!init || !isCallExpression(init) || !isIdentifier(init.expression) || init.expression.text !== 'require') continue;
        const arg = init.arguments[0];
        if (!arg || !isStringLiteralLike(arg) || !PATH_MODULES.has(arg.text)) continue;
        if (isIdentifier(d.name)) out.namespaces.add(d.name.text);
        else if (isObjectBindingPattern(d.name)) {
          for (const el of d.name.elements) {
            if (isIdentifier(el.name)) named(el.name.text, el.propertyName && isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text);
          }
        }
      }
    }
  }
  return out;
}
