/**
 * resource-policy-public on CDK: a resource policy (Lambda permission, S3, SQS, SNS) open to
 * anyone — `new iam.AnyPrincipal()`, `StarPrincipal`, `ArnPrincipal('*')`, `Principal: '*'` —
 * or a Lambda permission for a service principal without sourceArn/sourceAccount.
 */
import * as ts from 'typescript';
import type { CdkModel, Construct, Val } from '../../models/cdk';
import { strip } from '../../models/cdk';
import type { CdkCheck } from './shared';
import { span } from './shared';
const { isCallExpression, isNewExpression, isObjectLiteralExpression, isPropertyAccessExpression, isStringLiteralLike } = ts;

/** The node to report when a CDK principal expression means "anyone". */
export function anyonePrincipal(cdk: CdkModel, v: Val): ts.Node | undefined {
  for (const t of cdk.resolver.resolve(v)) {
    const e = strip(t.expr);
    if (isNewExpression(e)) {
      const cls = cdk.imports.qualify(e.expression);
      if (cls === 'iam.AnyPrincipal' || cls === 'iam.StarPrincipal') return e;
      if ((cls === 'iam.ArnPrincipal' || cls === 'iam.AccountPrincipal') && e.arguments?.[0]) {
        if (cdk.resolver.strings({ expr: e.arguments[0], env: t.env }).values.some((s) => s.text === '*')) return e;
      }
    }
    // statement.addArnPrincipal('*')
    if (isCallExpression(e) && isPropertyAccessExpression(e.expression) && e.expression.name.text === 'addArnPrincipal' && e.arguments[0]) {
      if (cdk.resolver.strings({ expr: e.arguments[0], env: t.env }).values.some((s) => s.text === '*')) return e;
    }
  }
  return undefined;
}

/** The service a `new iam.ServicePrincipal('s3.amazonaws.com')` or a principal string names. */
function servicePrincipal(cdk: CdkModel, v: Val): { service: string; node: ts.Node } | undefined {
  for (const t of cdk.resolver.resolve(v)) {
    const e = strip(t.expr);
    if (isNewExpression(e) && cdk.imports.qualify(e.expression) === 'iam.ServicePrincipal' && e.arguments?.[0]) {
      const s = cdk.resolver.strings({ expr: e.arguments[0], env: t.env }).values[0];
      if (s) return { service: s.text, node: e };
    }
    if (isStringLiteralLike(e) && /\.amazonaws\.com(\.cn)?$/.test(e.text)) return { service: e.text, node: e };
  }
  return undefined;
}

/** Principal values of a raw JSON statement that mean anyone: `'*'`, `{ AWS: '*' }`. */
function jsonAnyone(cdk: CdkModel, v: Val): ts.Node[] {
  const out: ts.Node[] = [];
  for (const t of cdk.resolver.resolve(v)) {
    if (isStringLiteralLike(t.expr) && t.expr.text === '*') out.push(t.expr);
    if (isObjectLiteralExpression(t.expr)) {
      for (const h of cdk.resolver.prop(t, 'AWS').hits) {
        for (const el of cdk.jsonList(h.value).values) for (const s of cdk.resolver.strings(el).values) if (s.text === '*') out.push(s.node);
      }
    }
  }
  return out;
}

export const check: CdkCheck = (ctx, cdk) => {
  const sf = ctx.model.sourceFile;
  const whose = (owner: Construct | undefined): string => (owner ? `${owner.name}'s resource policy` : 'This resource policy statement');
  for (const st of cdk.statements()) {
    // A Deny for anyone is how TLS is enforced; a condition (org id, source VPC) narrows who.
    if (st.effect !== 'Allow' || st.conditions !== 'none') continue;
    const nodes: ts.Node[] = [];
    for (const p of st.principals) {
      if (st.kind === 'json') nodes.push(...jsonAnyone(cdk, p));
      else {
        const n = anyonePrincipal(cdk, p);
        if (n) nodes.push(n);
      }
    }
    for (const c of st.anyPrincipalCalls) nodes.push(isPropertyAccessExpression(c.expression) ? c.expression.name : c);
    for (const n of nodes) {
      ctx.report({
        ...span(n, sf),
        resource: st.owner?.name ?? null,
        message: `${whose(st.owner)} allows anyone (*) — name the accounts or services that may use it, or add a condition that narrows it.`,
      });
    }
  }
  // fn.grantInvoke(new iam.AnyPrincipal()), bucket.grantRead(new iam.AnyPrincipal())...
  for (const call of cdk.methodCalls) {
    if (!/^grant/.test(call.method)) continue;
    const target = cdk.constructsOf(call.receiver)[0];
    if (!target) continue;
    for (const a of call.node.arguments) {
      const n = anyonePrincipal(cdk, { expr: a, env: call.env });
      if (!n) continue;
      ctx.report({
        ...span(n, sf),
        resource: target.name,
        message: `${target.name}.${call.method} grants anyone (*) — grant it to the role, account or service that needs it.`,
      });
    }
  }
  // fn.addPermission('Id', { principal, sourceArn, sourceAccount })
  const permission = (owner: Construct | undefined, principal: Val | undefined, props: Val | undefined): void => {
    if (!principal) return;
    const name = owner?.name ?? 'This function';
    const anyone = anyonePrincipal(cdk, principal);
    const star = anyone ? undefined : cdk.resolver.strings(principal).values.find((s) => s.text === '*');
    if (anyone || star) {
      ctx.report({
        ...span((anyone ?? star!.node) as ts.Node, sf),
        resource: owner?.name ?? null,
        message: `${name}'s permission lets anyone (*) invoke it — name the account or service that calls it.`,
      });
      return;
    }
    const svc = servicePrincipal(cdk, principal);
    if (!svc) return;
    const arn = cdk.resolver.prop(props, 'sourceArn').state;
    const account = cdk.resolver.prop(props, 'sourceAccount').state;
    if (arn !== 'absent' || account !== 'absent') return;
    ctx.report({
      ...span(svc.node, sf),
      resource: owner?.name ?? null,
      message: `${name}'s permission lets ${svc.service} invoke it on behalf of any AWS account — add sourceArn (and sourceAccount) so only your own resource can.`,
    });
  };
  for (const call of cdk.calls('addPermission')) {
    const owner = cdk.constructsOf(call.receiver)[0];
    const opts = call.node.arguments[1];
    if (!opts) continue;
    const props = { expr: opts, env: call.env };
    permission(owner, cdk.resolver.prop(props, 'principal').hits[0]?.value, props);
  }
  for (const c of cdk.ofClass('lambda.CfnPermission')) {
    permission(c, cdk.resolver.prop(c.props, 'principal').hits[0]?.value, c.props);
  }
};
