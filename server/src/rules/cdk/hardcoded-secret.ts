/**
 * hardcoded-secret on CDK: credentials written into the stack — `SecretValue.unsafePlainText('...')`,
 * `SecretValue.plainText('...')`, a literal under a credential name in a function's environment
 * or in a construct's props (`masterUserPassword: '...'`). Literals end up in the synthesized
 * template, readable by anyone with the code or the template.
 */
import * as ts from 'typescript';
import { isFunctionClass } from '../../models/cdk';
import type { CdkCheck } from './shared';
import { quoteOf, span } from './shared';
import { entries, isCredentialName, isSecretLiteral } from './secrets';
const { isPropertyAccessExpression } = ts;

export const check: CdkCheck = (ctx, cdk) => {
  const sf = ctx.model.sourceFile;
  const r = cdk.resolver;
  for (const s of cdk.staticCalls) {
    if (s.callee !== 'core.SecretValue.unsafePlainText' && s.callee !== 'core.SecretValue.plainText') continue;
    const arg = s.node.arguments[0];
    if (!arg) continue;
    const owner = cdk.ownerOf(s.node, s.env);
    const callee = s.node.expression;
    const cls = isPropertyAccessExpression(callee) ? callee.expression.getText(sf) : undefined;
    for (const v of r.strings({ expr: arg, env: s.env }).values) {
      if (!isSecretLiteral(v.text)) continue;
      const q = quoteOf(v.node, sf);
      ctx.report({
        ...span(v.node, sf),
        resource: owner?.name ?? null,
        message: `A credential is written into the code (SecretValue.${s.callee.replace(/^.*\./, '')}): anyone with the code or the synthesized template can read it — keep it in Secrets Manager and reference it.`,
        fixes: cls ? [{ title: 'Reference a Secrets Manager secret instead (name it)', edits: [{ ...span(s.node, sf), newText: `${cls}.secretsManager(${q}<secret-name>${q})` }] }] : [],
      });
    }
  }
  for (const c of cdk.constructs) {
    if (!c.idNode) continue;
    const props = entries(cdk, c.props);
    const envs: [string, ts.Expression, typeof c.env, boolean][] = [];
    for (const [key, hit] of props) envs.push([key, hit.value.expr, hit.value.env, false]);
    if (isFunctionClass(c.cls)) {
      for (const [key, hit] of entries(cdk, r.prop(c.props, 'environment').hits[0]?.value)) envs.push([key, hit.value.expr, hit.value.env, true]);
    }
    for (const [key, expr, env, inEnv] of envs) {
      if (!isCredentialName(key)) continue;
      for (const v of r.strings({ expr, env }).values) {
        if (!isSecretLiteral(v.text)) continue;
        ctx.report({
          ...span(v.node, sf),
          resource: c.name,
          message: `${c.name}'s ${inEnv ? 'environment variable ' : ''}${key} is a credential written into the code: anyone with the code or the synthesized template can read it — keep it in Secrets Manager and reference it.`,
        });
      }
    }
  }
};
