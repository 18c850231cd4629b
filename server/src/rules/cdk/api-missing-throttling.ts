/** api-missing-throttling on CDK: a REST API stage without rate limits (deployOptions or a usage plan with throttle). */
import type { CdkCheck } from './shared';
import { addConstructProp, addProperty, missingAt, span } from './shared';
import { REST_API_CLASSES } from './apis';
import * as ts from 'typescript';
import { strip } from '../../models/cdk';
const { isObjectLiteralExpression } = ts;

const LIMITS = 'throttlingRateLimit: 50, throttlingBurstLimit: 100';

export const check: CdkCheck = (ctx, cdk) => {
  const sf = ctx.model.sourceFile;
  // A usage plan with a throttle limits its clients; count it for every API of the file when its stages cannot be told.
  const plans = [
    ...cdk.ofClass('apigateway.UsagePlan').map((p) => cdk.resolver.prop(p.props, 'throttle').state),
    ...cdk.calls('addUsagePlan').map((c) => (c.node.arguments[1] ? cdk.resolver.prop({ expr: c.node.arguments[1], env: c.env }, 'throttle').state : 'absent')),
  ];
  if (plans.some((s) => s !== 'absent')) return;
  for (const api of cdk.ofClass(...REST_API_CLASSES)) {
    if (cdk.resolver.bool(cdk.resolver.prop(api.props, 'deploy').hits[0]?.value) === false) continue;
    const opts = cdk.resolver.prop(api.props, 'deployOptions');
    if (opts.state === 'unknown') continue;
    const hit = opts.hits[0];
    if (hit) {
      const rate = cdk.resolver.prop(hit.value, 'throttlingRateLimit').state;
      const burst = cdk.resolver.prop(hit.value, 'throttlingBurstLimit').state;
      const methods = cdk.resolver.prop(hit.value, 'methodOptions').state;
      if (rate !== 'absent' || burst !== 'absent' || methods !== 'absent') continue;
      const lit = strip(hit.value.expr);
      ctx.report({
        ...span(hit.element.name ?? hit.element, sf),
        resource: api.name,
        message: `${api.name}'s stage has no throttling, so one client can exhaust your concurrency and your bill — set throttlingRateLimit and throttlingBurstLimit.`,
        fixes: isObjectLiteralExpression(lit) ? [{ title: 'Add stage rate limits (tune the numbers)', edits: [addProperty(ctx.text, sf, lit, LIMITS)] }] : [],
      });
      continue;
    }
    const edits = addConstructProp(ctx, cdk, api, `deployOptions: { ${LIMITS} }`);
    ctx.report({
      ...missingAt(api, sf),
      resource: api.name,
      message: `${api.name}'s stage has no throttling, so one client can exhaust your concurrency and your bill — set deployOptions throttlingRateLimit and throttlingBurstLimit.`,
      fixes: edits ? [{ title: 'Add stage rate limits (tune the numbers)', edits }] : [],
    });
  }
};
