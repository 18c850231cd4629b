/** iam-shared-role on CDK: one IAM role given to several functions (`role: sharedRole`). */
import * as ts from 'typescript';
import type { Construct, PropHit } from '../../models/cdk';
import { isFunctionClass, strip } from '../../models/cdk';
import type { CdkCheck } from './shared';
import { span } from './shared';
import { cdkAccess } from '../shared/cdk-access';
import { needsEvidence } from '../shared/function-access';
const { isCallExpression, isNewExpression, isPropertyAccessExpression, isStringLiteralLike } = ts;

export const check: CdkCheck = (ctx, cdk) => {
  const sf = ctx.model.sourceFile;
  // The role each function is given, keyed by the node that creates (or imports) the role.
  const users = new Map<ts.Node, { role: string; fn: Construct; hit: PropHit }[]>();
  const fns = cdk.constructs.filter((c) => isFunctionClass(c.cls) || c.cls === 'lambda.CfnFunction');
  for (const fn of fns) {
    for (const hit of cdk.resolver.prop(fn.props, 'role').hits) {
      for (const t of cdk.resolver.resolve(hit.value)) {
        let e = strip(t.expr);
        // CfnFunction takes the role's ARN: `role: shared.roleArn`.
        if (fn.cls === 'lambda.CfnFunction' && isPropertyAccessExpression(e) && e.name.text === 'roleArn') {
          const r = cdk.resolver.resolve({ expr: e.expression, env: t.env })[0];
          if (!r) continue;
          e = r.expr;
        }
        let key: ts.Node | undefined;
        let role: string | undefined;
        if (isNewExpression(e)) {
          const c = cdk.constructAt(e, t.env);
          if (c && (c.cls === 'iam.Role' || c.cls === 'iam.CfnRole')) {
            key = e;
            role = c.name;
          }
        } else if (isCallExpression(e) && /^iam\.Role\.fromRole(Arn|Name)$/.test(cdk.imports.qualify(e.expression) ?? '')) {
          key = e;
          const idArg = e.arguments[1];
          role = idArg && isStringLiteralLike(idArg) ? idArg.text : 'an imported role';
        }
        if (!key || !role) continue;
        const list = users.get(key) ?? [];
        if (!list.some((u) => u.fn === fn)) list.push({ role, fn, hit });
        users.set(key, list);
      }
    }
  }
  let access: ReturnType<typeof cdkAccess> | undefined;
  for (const list of users.values()) {
    if (list.length < 2) continue;
    access ??= cdkAccess(ctx.workspace, ctx.file, cdk);
    const evidence = needsEvidence(
      list.map((u) => {
        const a = access!.find((x) => x.fn === u.fn);
        return { name: u.fn.name, codeKey: a?.codeKey, needs: a?.needs ?? [] };
      }),
    );
    for (const u of list) {
      const others = list.filter((o) => o !== u).map((o) => o.fn.name);
      ctx.report({
        ...span(u.hit.value.expr, sf),
        resource: u.fn.name,
        message: `${u.fn.name} shares the role ${u.role} with ${others.join(', ')}, so each function gets every permission any of them needs — give each function its own role with only what it needs.${evidence}`,
      });
    }
  }
};
