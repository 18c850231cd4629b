/**
 * The AWS CDK model of one TypeScript/JavaScript file, on the TypeScript syntax tree alone:
 * the constructs it creates (`new X(scope, 'Id', props)`, class resolved through the import
 * aliases), the methods it calls on them (`fn.addToRolePolicy(...)`, `api.root.addResource(...)`),
 * the static CDK calls (`SecretValue.unsafePlainText(...)`), and the IAM policy statements, CDK
 * or raw JSON, with the construct each one belongs to. Built once per parsed file and shared by
 * every check. Nothing is synthesized or executed.
 */
import * as ts from 'typescript';
import { CdkImports } from './imports';
import type { ElementsResult, Env, FunctionLike, Val } from './values';
import { Resolver, enclosingFunction, isFunctionLike, propertyNameText, strip } from './values';
// Bound once (see values.ts).
const { isArrayLiteralExpression, isArrowFunction, isAsExpression, isBinaryExpression, isBindingElement, isCallExpression, isClassDeclaration, isConstructorDeclaration, isFunctionDeclaration, isFunctionExpression, isIdentifier, isMethodDeclaration, isNewExpression, isObjectLiteralExpression, isParenthesizedExpression, isPropertyAccessExpression, isPropertyAssignment, isPropertyDeclaration, isSatisfiesExpression, isShorthandPropertyAssignment, isSpreadAssignment, isSpreadElement, isStringLiteralLike, isTemplateExpression, isVariableDeclaration, forEachChild } = ts;

export interface Construct {
  node: ts.NewExpression;
  /** The class through the import aliases: `lambda.Function`, `iam.PolicyStatement`. */
  cls: string;
  /** The construct id when it is a known string. */
  id?: string;
  /** The construct id argument as written; findings about something missing land here. */
  idNode?: ts.Expression;
  /** The props argument (the third for constructs, the first for plain classes such as PolicyStatement). */
  props?: Val;
  env: Env;
  /** How findings name it: the construct id, else what is written. */
  name: string;
}

export interface MethodCall {
  node: ts.CallExpression;
  method: string;
  nameNode: ts.MemberName;
  receiver: Val;
  env: Env;
}

export interface StaticCall {
  node: ts.CallExpression;
  /** `core.SecretValue.unsafePlainText`, `iam.ManagedPolicy.fromAwsManagedPolicyName`. */
  callee: string;
  env: Env;
}

/** An IAM policy statement, written with the CDK (`new iam.PolicyStatement`) or as raw JSON. */
export interface PolicyStmt {
  kind: 'cdk' | 'json';
  node: ts.Expression;
  env: Env;
  /** The construct whose policy this is (the function, role, bucket...), when it can be told. */
  owner?: Construct;
  /** undefined when the effect cannot be read. */
  effect: 'Allow' | 'Deny' | undefined;
  actions: ElementsResult;
  /** The NotAction / notActions key, when present. */
  notActionsKey?: ts.Node;
  resources: ElementsResult;
  /** Principals as written (CDK principal expressions, or JSON principal values). */
  principals: Val[];
  /** Calls that add every principal (`addAnyPrincipal()`). */
  anyPrincipalCalls: ts.CallExpression[];
  conditions: 'none' | 'some' | 'unknown';
}

const FUNCTION_CLASSES = [
  'lambda.Function',
  'lambda.SingletonFunction',
  'lambda.DockerImageFunction',
  'lambda-nodejs.NodejsFunction',
  'lambda-python.PythonFunction',
  'lambda-go.GoFunction',
];

export function isFunctionClass(cls: string): boolean {
  return FUNCTION_CLASSES.includes(cls);
}

/** Classes whose constructors do not take (scope, id): principals and integrations. */
const NOT_CONSTRUCTS = /^(iam\.\w*Principal|iam\.PolicyStatement|iam\.PolicyDocument|apigateway\.\w*Integration|apigatewayv2-integrations\.\w+|apigatewayv2-authorizers\.\w+|core\.\w+)$/;

const STATEMENT_METHODS = new Set(['addActions', 'addNotActions', 'addResources', 'addAllResources', 'addPrincipals', 'addAnyPrincipal', 'addArnPrincipal', 'addAwsAccountPrincipal', 'addServicePrincipal', 'addCondition', 'addConditions']);

const JSON_POLICY_PROPS: Record<string, string[][]> = {
  'iam.CfnPolicy': [['policyDocument']],
  'iam.CfnManagedPolicy': [['policyDocument']],
  's3.CfnBucketPolicy': [['policyDocument']],
  'sqs.CfnQueuePolicy': [['policyDocument']],
  'sns.CfnTopicPolicy': [['policyDocument']],
};

const MAX_ENVS = 8;
const SK = ts.SyntaxKind;

export class CdkModel {
  readonly imports: CdkImports;
  readonly resolver: Resolver;
  readonly constructs: Construct[] = [];
  readonly methodCalls: MethodCall[] = [];
  readonly staticCalls: StaticCall[] = [];
  private readonly byNode = new Map<ts.NewExpression, Construct[]>();
  private readonly byClass = new Map<string, Construct[]>();
  private readonly byMethod = new Map<string, MethodCall[]>();
  private readonly callsByName = new Map<string, ts.CallExpression[]>();
  private readonly thisCallsByName = new Map<string, ts.CallExpression[]>();
  private readonly newsByName = new Map<string, ts.NewExpression[]>();
  private readonly identifiers = new Map<string, ts.Identifier[]>();
  private readonly envMemo = new Map<ts.Node, Env[]>();
  private readonly envBusy = new Set<ts.Node>();
  private statementsMemo?: PolicyStmt[];

  constructor(readonly sf: ts.SourceFile) {
    this.imports = new CdkImports(sf);
    this.resolver = new Resolver(sf, (e) => this.isCdkName(e), (n) => this.envsFor(n));
    if (!this.imports.isCdk) return;
    const news: ts.NewExpression[] = [];
    const calls: ts.CallExpression[] = [];
    const visit = (n: ts.Node): void => {
      const kind = n.kind;
      if (kind === SK.Identifier) {
        push(this.identifiers, (n as ts.Identifier).text, n as ts.Identifier);
        return;
      }
      if (kind === SK.NewExpression) {
        const ne = n as ts.NewExpression;
        news.push(ne);
        if (ne.expression.kind === SK.Identifier) push(this.newsByName, (ne.expression as ts.Identifier).text, ne);
      } else if (kind === SK.CallExpression) {
        const ce = n as ts.CallExpression;
        calls.push(ce);
        const callee = strip(ce.expression);
        if (callee.kind === SK.Identifier) push(this.callsByName, (callee as ts.Identifier).text, ce);
        else if (callee.kind === SK.PropertyAccessExpression && (callee as ts.PropertyAccessExpression).expression.kind === SK.ThisKeyword) {
          push(this.thisCallsByName, (callee as ts.PropertyAccessExpression).name.text, ce);
        }
      }
      forEachChild(n, visit);
    };
    visit(sf);
    for (const n of news) {
      const cls = this.imports.qualify(n.expression);
      if (cls === undefined || !cls.includes('.')) continue;
      const list: Construct[] = [];
      for (const env of this.envsFor(n)) list.push(this.makeConstruct(n, cls, env));
      this.byNode.set(n, list);
      this.constructs.push(...list);
      for (const c of list) push(this.byClass, cls, c);
    }
    for (const c of calls) {
      const callee = strip(c.expression);
      const q = this.imports.qualify(callee);
      if (q !== undefined) {
        for (const env of this.envsFor(c)) this.staticCalls.push({ node: c, callee: q, env });
        continue;
      }
      if (isPropertyAccessExpression(callee)) {
        for (const env of this.envsFor(c)) {
          const call: MethodCall = { node: c, method: callee.name.text, nameNode: callee.name, receiver: { expr: callee.expression, env }, env };
          this.methodCalls.push(call);
          push(this.byMethod, call.method, call);
        }
      }
    }
  }

  get isCdk(): boolean {
    return this.imports.isCdk;
  }

  private isCdkName(e: ts.Expression): boolean {
    const q = this.imports.qualify(e);
    return q !== undefined;
  }

  private makeConstruct(n: ts.NewExpression, cls: string, env: Env): Construct {
    const args = n.arguments ?? [];
    const a0 = args[0] && strip(args[0]);
    const a1 = args[1] && strip(args[1]);
    const isConstruct =
      !NOT_CONSTRUCTS.test(cls) &&
      a0 !== undefined &&
      a1 !== undefined &&
      (a0.kind === ts.SyntaxKind.ThisKeyword || isIdentifier(a0) || isPropertyAccessExpression(a0)) &&
      (isStringLiteralLike(a1) || isTemplateExpression(a1) || isIdentifier(a1) || isPropertyAccessExpression(a1) || isBinaryExpression(a1) || isCallExpression(a1));
    if (!isConstruct) {
      return { node: n, cls, props: args[0] ? { expr: args[0], env } : undefined, env, name: cls.replace(/^.*\./, '') };
    }
    const ids = this.resolver.strings({ expr: args[1], env });
    const id = ids.complete && ids.values.length === 1 ? ids.values[0].text : undefined;
    return {
      node: n,
      cls,
      id,
      idNode: args[1],
      props: args[2] ? { expr: args[2], env } : undefined,
      env,
      name: id ?? args[1].getText(this.sf),
    };
  }

  // ---- environments: the call sites a helper or a stack runs in -----------------------------

  /** The environments a node is evaluated in: one per call site of its enclosing helper (capped). */
  envsFor(n: ts.Node): Env[] {
    const fn = enclosingFunction(n);
    if (!fn) return [undefined];
    const memo = this.envMemo.get(fn);
    if (memo) return memo;
    if (this.envBusy.has(fn)) return [undefined];
    this.envBusy.add(fn);
    let envs: Env[];
    const sites = this.callSites(fn);
    if (!sites || sites.length === 0) envs = this.envsFor(fn);
    else {
      envs = [];
      for (const site of sites) {
        for (const outer of this.envsFor(site)) {
          if (envs.length >= MAX_ENVS) break;
          envs.push({ fn, args: site.arguments ?? [], callEnv: outer });
        }
      }
    }
    this.envBusy.delete(fn);
    this.envMemo.set(fn, envs);
    return envs;
  }

  private callSites(fn: FunctionLike): (ts.CallExpression | ts.NewExpression)[] | undefined {
    if (isFunctionDeclaration(fn) && fn.name) {
      return (this.callsByName.get(fn.name.text) ?? []).filter((c) => this.resolver.calledFunction(c) === fn);
    }
    if ((isArrowFunction(fn) || isFunctionExpression(fn)) && isVariableDeclaration(fn.parent) && isIdentifier(fn.parent.name)) {
      return (this.callsByName.get(fn.parent.name.text) ?? []).filter((c) => this.resolver.calledFunction(c) === fn);
    }
    if (isMethodDeclaration(fn)) {
      const name = propertyNameText(fn.name);
      return name === undefined ? undefined : (this.thisCallsByName.get(name) ?? []).filter((c) => this.resolver.calledFunction(c) === fn);
    }
    if (isConstructorDeclaration(fn) && isClassDeclaration(fn.parent) && fn.parent.name) {
      return this.newsByName.get(fn.parent.name.text) ?? [];
    }
    return undefined;
  }

  // ---- constructs ----------------------------------------------------------------------------

  /** The constructs a value is (a variable holding `new lambda.Function(...)`, `this.fn`...). */
  constructsOf(v: Val): Construct[] {
    const out: Construct[] = [];
    for (const t of this.resolver.resolve(v)) {
      if (!isNewExpression(t.expr)) continue;
      const cs = this.byNode.get(t.expr);
      if (cs) out.push(pick(cs, t.env));
    }
    return out;
  }

  constructAt(n: ts.NewExpression, env: Env): Construct | undefined {
    const cs = this.byNode.get(n);
    return cs ? pick(cs, env) : undefined;
  }

  /** Constructs of the given classes, in file order. */
  ofClass(...classes: string[]): Construct[] {
    if (classes.length === 1) return this.byClass.get(classes[0]) ?? [];
    return this.constructs.filter((c) => classes.includes(c.cls));
  }

  /** Lambda functions of every kind (Function, NodejsFunction, PythonFunction...). */
  functions(): Construct[] {
    return this.ofClass(...FUNCTION_CLASSES);
  }

  /** Method calls of the given names, in file order. */
  calls(...methods: string[]): MethodCall[] {
    if (methods.length === 1) return this.byMethod.get(methods[0]) ?? [];
    // In the order they are written, as the full list has them.
    return methods.flatMap((m) => this.byMethod.get(m) ?? []).sort((a, b) => a.node.pos - b.node.pos || b.node.end - a.node.end);
  }

  /** Method calls made on a construct (`fn.addFunctionUrl(...)` for fn). */
  callsOn(c: Construct, ...methods: string[]): MethodCall[] {
    return this.calls(...methods).filter((m) => this.constructsOf(m.receiver).some((r) => r.node === c.node));
  }

  /** Identifiers elsewhere in the file that refer to a variable declaration. */
  referencesTo(decl: ts.VariableDeclaration): ts.Identifier[] {
    if (!isIdentifier(decl.name)) return [];
    return (this.identifiers.get(decl.name.text) ?? []).filter((id) => id !== decl.name && !isPropertyName(id) && this.resolver.declarationOf(id) === decl);
  }

  /**
   * The construct something belongs to: the construct whose props contain it, or whose method
   * receives it (`fn.addToRolePolicy(statement)`), following a variable to where it is used.
   */
  ownerOf(node: ts.Node, env: Env, depth = 0): Construct | undefined {
    let p: ts.Node = node;
    for (let steps = 0; steps < 40 && depth < 6; steps++) {
      const parent: ts.Node | undefined = p.parent;
      if (!parent) return undefined;
      if (isVariableDeclaration(parent) && parent.initializer === p) {
        for (const ref of this.referencesTo(parent)) {
          const o = this.ownerOf(ref, env, depth + 1);
          if (o) return o;
        }
        return undefined;
      }
      if (isNewExpression(parent) && parent.arguments?.includes(p as ts.Expression)) {
        const c = this.constructAt(parent, env);
        if (c?.idNode) return c;
        p = parent;
        continue;
      }
      if (isCallExpression(parent) && parent.arguments.includes(p as ts.Expression)) {
        const callee = strip(parent.expression);
        if (this.imports.qualify(callee) !== undefined) {
          p = parent;
          continue;
        }
        if (!isPropertyAccessExpression(callee)) return undefined;
        // `fn.addToRolePolicy(s)`, and through a property of the construct: `fn.role?.addToPrincipalPolicy(s)`.
        let recv = strip(callee.expression);
        for (let i = 0; i < 2; i++) {
          const c = this.constructsOf({ expr: recv, env }).find((x) => x.idNode);
          if (c) return c;
          if (!isPropertyAccessExpression(recv)) break;
          recv = strip(recv.expression);
        }
        return undefined;
      }
      if (
        isArrayLiteralExpression(parent) ||
        isObjectLiteralExpression(parent) ||
        isPropertyAssignment(parent) ||
        isShorthandPropertyAssignment(parent) ||
        isSpreadElement(parent) ||
        isSpreadAssignment(parent) ||
        isParenthesizedExpression(parent) ||
        isAsExpression(parent) ||
        isSatisfiesExpression(parent)
      ) {
        p = parent;
        continue;
      }
      return undefined;
    }
    return undefined;
  }

  // ---- policy statements ---------------------------------------------------------------------

  /** Every IAM policy statement of the file, CDK and raw JSON, with its owner. */
  statements(): PolicyStmt[] {
    if (this.statementsMemo) return this.statementsMemo;
    const out: PolicyStmt[] = [];
    const mutators = new Map<ts.NewExpression, MethodCall[]>();
    for (const m of this.methodCalls) {
      if (!STATEMENT_METHODS.has(m.method)) continue;
      for (const t of this.resolver.resolve(m.receiver)) {
        if (isNewExpression(t.expr)) push(mutators, t.expr, m);
      }
    }
    for (const c of this.ofClass('iam.PolicyStatement')) out.push(this.cdkStatement(c, mutators.get(c.node) ?? []));
    for (const s of this.staticCalls) {
      const arg = s.node.arguments[0];
      if (!arg) continue;
      if (s.callee === 'iam.PolicyStatement.fromJson') {
        for (const t of this.resolver.resolve({ expr: arg, env: s.env })) {
          if (isObjectLiteralExpression(t.expr)) out.push(this.jsonStatement(t, this.ownerOf(s.node, s.env)));
        }
      }
      if (s.callee === 'iam.PolicyDocument.fromJson') this.jsonDocument({ expr: arg, env: s.env }, this.ownerOf(s.node, s.env), out);
    }
    for (const c of this.constructs) {
      if (c.cls === 'iam.CfnRole') {
        for (const p of this.resolver.elements(this.resolver.prop(c.props, 'policies').hits[0]?.value).values) {
          for (const h of this.resolver.prop(p, 'policyDocument').hits) this.jsonDocument(h.value, c, out);
        }
      }
      for (const path of JSON_POLICY_PROPS[c.cls] ?? []) {
        for (const h of this.resolver.path(c.props, path).hits) this.jsonDocument(h.value, c, out);
      }
    }
    this.statementsMemo = out;
    return out;
  }

  private cdkStatement(c: Construct, calls: MethodCall[]): PolicyStmt {
    const r = this.resolver;
    const effectHit = r.prop(c.props, 'effect');
    let effect: PolicyStmt['effect'];
    if (effectHit.state === 'absent') effect = 'Allow';
    else {
      const qs = effectHit.hits.flatMap((h) => r.resolve(h.value)).map((t) => this.imports.qualify(t.expr));
      if (qs.length && qs.every((q) => q === 'iam.Effect.DENY')) effect = 'Deny';
      else if (qs.length && qs.every((q) => q === 'iam.Effect.ALLOW')) effect = 'Allow';
    }
    const list = (name: string, method: string): ElementsResult => {
      const hit = r.prop(c.props, name);
      const res: ElementsResult = { values: [], complete: hit.state !== 'unknown' };
      for (const h of hit.hits) {
        const els = r.elements(h.value);
        res.values.push(...els.values);
        if (!els.complete) res.complete = false;
      }
      for (const m of calls) {
        if (m.method !== method) continue;
        for (const a of m.node.arguments) {
          if (isSpreadElement(a)) {
            const els = r.elements({ expr: a.expression, env: m.env });
            res.values.push(...els.values);
            if (!els.complete) res.complete = false;
          } else res.values.push({ expr: a, env: m.env });
        }
      }
      return res;
    };
    const actions = list('actions', 'addActions');
    const resources = list('resources', 'addResources');
    for (const m of calls) if (m.method === 'addAllResources') resources.values.push({ expr: m.node, env: m.env });
    const principals = list('principals', 'addPrincipals').values;
    const anyPrincipalCalls = calls.filter((m) => m.method === 'addAnyPrincipal').map((m) => m.node);
    for (const m of calls) {
      if (m.method === 'addArnPrincipal' && m.node.arguments[0]) principals.push({ expr: m.node, env: m.env });
    }
    const notActions = r.prop(c.props, 'notActions');
    const cond = r.prop(c.props, 'conditions');
    let conditions: PolicyStmt['conditions'] = cond.state === 'absent' ? 'none' : cond.state === 'found' ? 'some' : 'unknown';
    if (calls.some((m) => m.method === 'addCondition' || m.method === 'addConditions')) conditions = 'some';
    const notCall = calls.find((m) => m.method === 'addNotActions');
    return {
      kind: 'cdk',
      node: c.node,
      env: c.env,
      owner: this.ownerOf(c.node, c.env),
      effect,
      actions,
      notActionsKey: notActions.hits[0]?.element.name ?? notCall?.nameNode,
      resources,
      principals,
      anyPrincipalCalls,
      conditions,
    };
  }

  private jsonDocument(doc: Val, owner: Construct | undefined, out: PolicyStmt[]): void {
    for (const h of this.resolver.prop(doc, 'Statement').hits) {
      for (const s of this.jsonList(h.value).values) {
        for (const t of this.resolver.resolve(s)) if (isObjectLiteralExpression(t.expr)) out.push(this.jsonStatement(t, owner));
      }
    }
  }

  /** A JSON value that is a string or a list of them (`Action`, `Resource`). */
  jsonList(v: Val | undefined): ElementsResult {
    if (v === undefined) return { values: [], complete: true };
    const values: Val[] = [];
    let complete = true;
    for (const t of this.resolver.resolve(v)) {
      if (isArrayLiteralExpression(t.expr)) {
        const els = this.resolver.elements(t);
        values.push(...els.values);
        if (!els.complete) complete = false;
      } else if (isObjectLiteralExpression(t.expr)) {
        values.push(t);
      } else {
        values.push(t);
        if (!isStringLiteralLike(t.expr)) complete = false;
      }
    }
    return { values, complete };
  }

  private jsonStatement(obj: Val, owner: Construct | undefined): PolicyStmt {
    const r = this.resolver;
    const get = (k: string) => r.prop(obj, k);
    const eff = r.strings(get('Effect').hits[0]?.value);
    const effect = eff.complete && eff.values.length && eff.values.every((v) => v.text === 'Deny') ? 'Deny' : eff.complete && eff.values.length && eff.values.every((v) => v.text === 'Allow') ? 'Allow' : undefined;
    const principals: Val[] = [];
    for (const h of get('Principal').hits) principals.push(h.value);
    const cond = get('Condition');
    return {
      kind: 'json',
      node: obj.expr,
      env: obj.env,
      owner,
      effect,
      actions: this.jsonList(get('Action').hits[0]?.value),
      notActionsKey: get('NotAction').hits[0]?.element.name,
      resources: this.jsonList(get('Resource').hits[0]?.value),
      principals,
      anyPrincipalCalls: [],
      conditions: cond.state === 'absent' ? 'none' : cond.state === 'found' ? 'some' : 'unknown',
    };
  }
}

function pick(cs: Construct[], env: Env): Construct {
  return cs.find((c) => c.env === env) ?? cs[0];
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

function isPropertyName(id: ts.Identifier): boolean {
  const p = id.parent;
  return (
    (isPropertyAccessExpression(p) && p.name === id) ||
    (isPropertyAssignment(p) && p.name === id) ||
    (isPropertyDeclaration(p) && p.name === id) ||
    (isMethodDeclaration(p) && p.name === id) ||
    (isBindingElement(p) && p.propertyName === id)
  );
}

export { isFunctionLike };

const cache = new WeakMap<ts.SourceFile, CdkModel>();

/** The CDK model of a parsed file, built once per syntax tree and shared by every check. */
export function cdkModelOf(sf: ts.SourceFile): CdkModel {
  let m = cache.get(sf);
  if (!m) {
    m = new CdkModel(sf);
    cache.set(sf, m);
  }
  return m;
}
