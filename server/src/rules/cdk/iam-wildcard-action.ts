/** iam-wildcard-action on CDK: `actions: ['*']` / `['dynamodb:*']` in Allow statements, `notActions`, `grantFullAccess`. */
import * as ts from 'typescript';
import type { CdkCheck } from './shared';
import { policyOf, quoteOf, span } from './shared';
import { isWildcardAction } from '../shared/wildcard-action';
const { isSpreadElement } = ts;

export const check: CdkCheck = (ctx, cdk) => {
  const sf = ctx.model.sourceFile;
  for (const st of cdk.statements()) {
    // Deny statements narrow access; an effect that cannot be read is unknown, never a finding.
    if (st.effect !== 'Allow') continue;
    const scope = st.conditions === 'some' ? ' (a condition narrows when it applies, not which actions)' : '';
    for (const a of st.actions.values) {
      for (const s of cdk.resolver.strings(a).values) {
        if (!isWildcardAction(s.text)) continue;
        const what = s.text === '*' ? 'every action of every AWS service (*)' : s.text;
        const q = quoteOf(s.node, sf);
        const placeholder = s.text === '*' ? '<service>:<Action>' : `${s.text.slice(0, -1)}<Action>`;
        ctx.report({
          ...span(s.node, sf),
          resource: st.owner?.name ?? null,
          message: `${policyOf(st.owner)} allows ${what}${scope} — grant only the actions it calls.`,
          fixes: [{ title: `Replace ${s.text} with the specific actions (placeholder to complete)`, edits: [{ ...span(s.node, sf), newText: `${q}${placeholder}${q}` }] }],
        });
      }
    }
    if (st.notActionsKey) {
      ctx.report({
        ...span(st.notActionsKey, sf),
        resource: st.owner?.name ?? null,
        message: `${policyOf(st.owner)} uses NotAction with Allow, which allows every action except those listed, including ones AWS adds later — list the allowed actions instead.`,
      });
    }
  }
  // table.grantFullAccess(fn): the table's every action (dynamodb:*) for the grantee.
  for (const call of cdk.calls('grantFullAccess')) {
    const target = cdk.constructsOf(call.receiver)[0];
    if (!target) continue;
    const grantee = call.node.arguments[0] ? cdk.constructsOf({ expr: call.node.arguments[0], env: call.env })[0] : undefined;
    const service = target.cls.split('.')[0];
    const isTable = target.cls === 'dynamodb.Table' || target.cls === 'dynamodb.TableV2';
    ctx.report({
      ...span(call.nameNode, sf),
      resource: grantee?.name ?? target.name,
      message: `${grantee ? `${grantee.name}'s policy` : 'This grant'} allows ${service}:* on ${target.name} (grantFullAccess) — grant only the actions it calls (grantReadData, grantWriteData...).`,
      fixes: isTable ? [{ title: 'Grant read and write of items only (grantReadWriteData)', edits: [{ ...span(call.nameNode, sf), newText: 'grantReadWriteData' }] }] : [],
    });
  }
  // bucket.grant(fn, 's3:*'): explicit wildcard actions on a construct's grant.
  for (const call of cdk.calls('grant')) {
    const target = cdk.constructsOf(call.receiver)[0];
    if (!target) continue;
    const grantee = call.node.arguments[0] ? cdk.constructsOf({ expr: call.node.arguments[0], env: call.env })[0] : undefined;
    for (const arg of call.node.arguments.slice(1)) {
      if (isSpreadElement(arg)) continue;
      for (const s of cdk.resolver.strings({ expr: arg, env: call.env }).values) {
        if (!isWildcardAction(s.text)) continue;
        ctx.report({
          ...span(s.node, sf),
          resource: grantee?.name ?? target.name,
          message: `${grantee ? `${grantee.name}'s policy` : 'This grant'} allows ${s.text === '*' ? 'every action (*)' : s.text} on ${target.name} — grant only the actions it calls.`,
        });
      }
    }
  }
};
