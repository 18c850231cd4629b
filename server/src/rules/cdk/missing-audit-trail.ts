/** missing-audit-trail on CDK: functions without X-Ray tracing, REST API stages without access logging. */
import * as ts from 'typescript';
import type { CdkCheck } from './shared';
import { addConstructProp, cdkRef, missingAt, qualifiedValues, span } from './shared';
import { REST_API_CLASSES } from './apis';
const { isPropertyAccessExpression } = ts;

export const check: CdkCheck = (ctx, cdk) => {
  const sf = ctx.model.sourceFile;
  const r = cdk.resolver;
  for (const fn of cdk.functions()) {
    const hit = r.prop(fn.props, 'tracing');
    if (hit.state === 'unknown') continue;
    const message = `${fn.name} has no X-Ray tracing, so a request's path through your functions leaves no trace to investigate — set tracing: Tracing.ACTIVE.`;
    if (hit.state === 'absent') {
      const ref = cdkRef(ctx, cdk, 'lambda', 'Tracing');
      const edits = addConstructProp(ctx, cdk, fn, `tracing: ${ref.text}.ACTIVE`);
      ctx.report({ ...missingAt(fn, sf), resource: fn.name, message, fixes: edits ? [{ title: 'Turn on active tracing', edits: [...edits, ...ref.edits] }] : [] });
      continue;
    }
    for (const v of qualifiedValues(cdk, hit.hits[0].value)) {
      if (v.q !== 'lambda.Tracing.DISABLED' || !isPropertyAccessExpression(v.node)) continue;
      ctx.report({ ...span(v.node, sf), resource: fn.name, message, fixes: [{ title: 'Turn on active tracing', edits: [{ ...span(v.node.name, sf), newText: 'ACTIVE' }] }] });
    }
  }
  for (const api of cdk.ofClass(...REST_API_CLASSES)) {
    if (r.bool(r.prop(api.props, 'deploy').hits[0]?.value) === false) continue;
    const opts = r.prop(api.props, 'deployOptions');
    if (opts.state === 'unknown') continue;
    const hit = opts.hits[0];
    const logging = hit ? r.prop(hit.value, 'accessLogDestination').state : 'absent';
    if (logging !== 'absent') continue;
    const at = hit ? span(hit.element.name ?? hit.element, sf) : missingAt(api, sf);
    ctx.report({
      ...at,
      resource: api.name,
      message: `${api.name}'s stage keeps no access log, so there is no record of who called what — set deployOptions.accessLogDestination (a LogGroupLogDestination).`,
    });
  }
};
