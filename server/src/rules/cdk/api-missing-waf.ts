/** api-missing-waf on CDK: a REST API stage or CloudFront distribution with no WAF web ACL in front of it. */
import * as ts from 'typescript';
import type { CdkModel, Construct, Val } from '../../models/cdk';
import type { CdkCheck } from './shared';
import { missingAt } from './shared';
import { REST_API_CLASSES } from './apis';
const { forEachChild, isIdentifier, isNewExpression, isPropertyAccessExpression } = ts;

/** The constructs an expression mentions (`api.deploymentStage.stageArn`, a template with `${api.restApiId}`). */
function mentioned(cdk: CdkModel, v: Val): { constructs: Construct[]; known: boolean } {
  const constructs: Construct[] = [];
  let known = false;
  for (const t of cdk.resolver.resolve(v)) {
    const visit = (n: ts.Node): void => {
      if (isIdentifier(n) || (isPropertyAccessExpression(n) && n.expression.kind === ts.SyntaxKind.ThisKeyword)) {
        const cs = cdk.constructsOf({ expr: n as ts.Expression, env: t.env });
        if (cs.length) {
          constructs.push(...cs);
          known = true;
        }
        if (isPropertyAccessExpression(n)) return;
      }
      forEachChild(n, visit);
    };
    visit(t.expr);
    if (isNewExpression(t.expr)) {
      const c = cdk.constructAt(t.expr, t.env);
      if (c) constructs.push(c);
      known = true;
    }
  }
  return { constructs, known };
}

export const check: CdkCheck = (ctx, cdk) => {
  const sf = ctx.model.sourceFile;
  const protectedNodes = new Set<ts.Node>();
  for (const assoc of cdk.ofClass('wafv2.CfnWebACLAssociation')) {
    const arn = cdk.resolver.prop(assoc.props, 'resourceArn');
    const m = arn.hits[0] ? mentioned(cdk, arn.hits[0].value) : { constructs: [], known: false };
    // An association whose target cannot be told may be protecting any API here: no finding then.
    if (!m.known) return;
    for (const c of m.constructs) protectedNodes.add(c.node);
  }
  for (const api of cdk.ofClass(...REST_API_CLASSES)) {
    if (protectedNodes.has(api.node)) continue;
    if (cdk.resolver.bool(cdk.resolver.prop(api.props, 'deploy').hits[0]?.value) === false) continue;
    ctx.report({
      ...missingAt(api, sf),
      resource: api.name,
      message: `${api.name}'s stage has no WAF web ACL in front of it — associate one (wafv2.CfnWebACLAssociation) to filter common exploits and floods before they reach your functions.`,
    });
  }
  for (const d of cdk.ofClass('cloudfront.Distribution', 'cloudfront.CloudFrontWebDistribution')) {
    const key = d.cls === 'cloudfront.Distribution' ? 'webAclId' : 'webACLId';
    if (cdk.resolver.prop(d.props, key).state !== 'absent') continue;
    ctx.report({
      ...missingAt(d, sf),
      resource: d.name,
      message: `${d.name} has no WAF web ACL (${key}) — attach one to filter common exploits and floods at the edge.`,
    });
  }
};
