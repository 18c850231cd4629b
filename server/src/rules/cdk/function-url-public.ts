/** function-url-public on CDK: `addFunctionUrl({ authType: FunctionUrlAuthType.NONE })`, `new lambda.FunctionUrl`, `CfnUrl`. */
import * as ts from 'typescript';
import type { Construct, Val } from '../../models/cdk';
import { strip } from '../../models/cdk';
import type { CdkCheck } from './shared';
import { quoteOf, span } from './shared';
const { isPropertyAccessExpression, isStringLiteralLike } = ts;

export const check: CdkCheck = (ctx, cdk) => {
  const sf = ctx.model.sourceFile;
  const message = (name: string): string =>
    `${name}'s function URL has authType NONE: anyone on the internet can invoke it — use AWS_IAM, or put it behind an API with an authorizer.`;
  const checkAuthType = (name: string, resource: string | null, props: Val | undefined): void => {
    for (const h of cdk.resolver.prop(props, 'authType').hits) {
      for (const t of cdk.resolver.resolve(h.value)) {
        const e = strip(t.expr);
        if (cdk.imports.qualify(e) === 'lambda.FunctionUrlAuthType.NONE' && isPropertyAccessExpression(e)) {
          ctx.report({ ...span(e, sf), resource, message: message(name), fixes: [{ title: 'Require IAM authorization (AWS_IAM)', edits: [{ ...span(e.name, sf), newText: 'AWS_IAM' }] }] });
        } else if (isStringLiteralLike(e) && e.text === 'NONE') {
          const q = quoteOf(e, sf);
          ctx.report({ ...span(e, sf), resource, message: message(name), fixes: [{ title: 'Require IAM authorization (AWS_IAM)', edits: [{ ...span(e, sf), newText: `${q}AWS_IAM${q}` }] }] });
        }
      }
    }
  };
  for (const call of cdk.calls('addFunctionUrl')) {
    const fn: Construct | undefined = cdk.constructsOf(call.receiver)[0];
    const opts = call.node.arguments[0];
    if (!opts) continue; // the default authType is AWS_IAM
    checkAuthType(fn?.name ?? 'This function', fn?.name ?? null, { expr: opts, env: call.env });
  }
  for (const c of cdk.ofClass('lambda.FunctionUrl', 'lambda.CfnUrl')) {
    const target = c.cls === 'lambda.FunctionUrl' ? cdk.resolver.prop(c.props, 'function').hits[0] : undefined;
    const fn = target ? cdk.constructsOf(target.value)[0] : undefined;
    checkAuthType(fn?.name ?? c.name, c.name, c.props);
  }
};
