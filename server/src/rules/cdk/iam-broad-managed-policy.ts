/** iam-broad-managed-policy on CDK: AdministratorAccess, PowerUserAccess or a *FullAccess AWS managed policy on a role. */
import type * as ts from 'typescript';
import type { Construct } from '../../models/cdk';
import type { CdkCheck } from './shared';
import { span } from './shared';

/** The AWS managed policies that give far more than a function needs. */
export function isBroadManagedPolicy(name: string): boolean {
  return name === 'AdministratorAccess' || name === 'PowerUserAccess' || /FullAccess(V\d+)?$/.test(name);
}

function policyNameOfArn(arn: string): string | undefined {
  const m = /^arn:aws[a-z-]*:iam::aws:policy\/(?:.*\/)?([A-Za-z0-9+=,.@_-]+)$/.exec(arn);
  return m?.[1];
}

export const check: CdkCheck = (ctx, cdk) => {
  const sf = ctx.model.sourceFile;
  const report = (node: ts.StringLiteralLike, name: string, owner: Construct | undefined): void => {
    ctx.report({
      ...span(node, sf),
      resource: owner?.name ?? null,
      message: `${owner ? (/Role$/.test(owner.cls) ? `${owner.name} has` : `${owner.name}'s role has`) : 'This role gets'} the AWS managed policy ${name}, which allows far more than one function needs — grant the specific actions it calls instead.`,
    });
  };
  for (const s of cdk.staticCalls) {
    let arg: ts.Expression | undefined;
    let fromArn = false;
    if (s.callee === 'iam.ManagedPolicy.fromAwsManagedPolicyName') arg = s.node.arguments[0];
    else if (s.callee === 'iam.ManagedPolicy.fromManagedPolicyArn') {
      arg = s.node.arguments[2];
      fromArn = true;
    }
    if (!arg) continue;
    for (const v of cdk.resolver.strings({ expr: arg, env: s.env }).values) {
      const name = fromArn ? policyNameOfArn(v.text) : v.text.replace(/^.*\//, '');
      if (name && isBroadManagedPolicy(name)) report(v.node, name, cdk.ownerOf(s.node, s.env));
    }
  }
  for (const c of cdk.ofClass('iam.CfnRole')) {
    for (const h of cdk.resolver.prop(c.props, 'managedPolicyArns').hits) {
      for (const el of cdk.resolver.elements(h.value).values) {
        for (const v of cdk.resolver.strings(el).values) {
          const name = policyNameOfArn(v.text);
          if (name && isBroadManagedPolicy(name)) report(v.node, name, c);
        }
      }
    }
  }
};
