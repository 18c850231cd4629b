/** iam-wildcard-resource on CDK: `resources: ['*']` (or `addAllResources()`) for actions that can be scoped to a resource. */
import * as ts from 'typescript';
import type { CdkModel, Construct, PolicyStmt } from '../../models/cdk';
import type { CdkCheck } from './shared';
import { policyOf, quoteOf, span } from './shared';
import { isStarOnlyAction } from '../shared/star-only-actions';
const { isBinaryExpression, isCallExpression, isClassLike, isIdentifier, isPropertyAccessExpression, isVariableDeclaration } = ts;

/** True for actions that accept only `Resource: "*"` (listing, tracing, metrics): `*` is right for them. */
export const onlyAcceptsStar = isStarOnlyAction;

/** The ARN attributes of the constructs a fix can point a statement at, by service prefix. */
const ARN_OF: Record<string, { classes: string[]; attr: string }> = {
  dynamodb: { classes: ['dynamodb.Table', 'dynamodb.TableV2'], attr: 'tableArn' },
  s3: { classes: ['s3.Bucket'], attr: 'bucketArn' },
  sqs: { classes: ['sqs.Queue'], attr: 'queueArn' },
  sns: { classes: ['sns.Topic'], attr: 'topicArn' },
  lambda: { classes: ['lambda.Function', 'lambda-nodejs.NodejsFunction', 'lambda-python.PythonFunction'], attr: 'functionArn' },
  secretsmanager: { classes: ['secretsmanager.Secret'], attr: 'secretArn' },
  kms: { classes: ['kms.Key'], attr: 'keyArn' },
  states: { classes: ['stepfunctions.StateMachine'], attr: 'stateMachineArn' },
  kinesis: { classes: ['kinesis.Stream'], attr: 'streamArn' },
  events: { classes: ['events.EventBus'], attr: 'eventBusArn' },
};

/** How code at `at` can refer to a construct: its const's name, or `this.x`, when in scope there. */
export function referenceTo(c: Construct, at: ts.Node): string | undefined {
  const p = c.node.parent;
  if (isVariableDeclaration(p) && isIdentifier(p.name) && p.initializer === c.node) {
    const block = p.parent.parent.parent;
    if (block && at.pos >= p.end && at.pos >= block.pos && at.end <= block.end) return p.name.text;
  }
  if (isBinaryExpression(p) && p.right === c.node && isPropertyAccessExpression(p.left) && p.left.expression.kind === ts.SyntaxKind.ThisKeyword) {
    let cls: ts.Node | undefined = p;
    while (cls && !isClassLike(cls)) cls = cls.parent;
    if (cls && at.pos >= cls.pos && at.end <= cls.end) return `this.${p.left.name.text}`;
  }
  return undefined;
}

function knownActions(cdk: CdkModel, st: PolicyStmt): string[] {
  return st.actions.values.flatMap((a) => cdk.resolver.strings(a).values.map((s) => s.text));
}

/** The ARN expressions of the one construct in this file that the statement's service points at, if exactly one fits. */
function arnReplacement(cdk: CdkModel, actions: string[], at: ts.Node): string | undefined {
  const services = new Set(actions.filter((a) => a !== '*').map((a) => a.split(':')[0].toLowerCase()));
  if (services.size !== 1 || actions.includes('*')) return undefined;
  const service = [...services][0];
  const spec = ARN_OF[service];
  if (!spec) return undefined;
  const refs = [...new Set(cdk.ofClass(...spec.classes).map((c) => referenceTo(c, at)).filter((r): r is string => r !== undefined))];
  if (refs.length !== 1) return undefined;
  const ref = refs[0];
  if (service === 's3') {
    const objectLevel = actions.filter((a) => /object|multipartupload/i.test(a));
    const parts: string[] = [];
    if (objectLevel.length < actions.length) parts.push(`${ref}.bucketArn`);
    if (objectLevel.length > 0) parts.push(`${ref}.arnForObjects('*')`);
    return parts.join(', ');
  }
  return `${ref}.${spec.attr}`;
}

export const check: CdkCheck = (ctx, cdk) => {
  const sf = ctx.model.sourceFile;
  for (const st of cdk.statements()) {
    if (st.effect !== 'Allow') continue;
    const actions = knownActions(cdk, st);
    // Unknown actions are never a finding by themselves; actions that only take `*` need it.
    const scoped = actions.filter((a) => !onlyAcceptsStar(a));
    if (scoped.length === 0) continue;
    const list = scoped.length > 3 ? `${scoped.slice(0, 3).join(', ')}...` : scoped.join(', ');
    for (const r of st.resources.values) {
      const e = r.expr;
      if (isCallExpression(e) && isPropertyAccessExpression(e.expression) && e.expression.name.text === 'addAllResources') {
        ctx.report({
          ...span(e.expression.name, sf),
          resource: st.owner?.name ?? null,
          message: `${policyOf(st.owner)} applies ${list} to every resource (*) — name the resources it uses.`,
        });
        continue;
      }
      for (const s of cdk.resolver.strings(r).values) {
        if (s.text !== '*') continue;
        const arn = st.kind === 'cdk' ? arnReplacement(cdk, actions, s.node) : undefined;
        const q = quoteOf(s.node, sf);
        const service = scoped[0] === '*' ? '<service>' : scoped[0].split(':')[0];
        const placeholder = `${q}arn:aws:${service}:<region>:<account>:<resource>${q}`;
        ctx.report({
          ...span(s.node, sf),
          resource: st.owner?.name ?? null,
          message: `${policyOf(st.owner)} applies ${list} to every resource (*) — name the resources it uses.`,
          fixes: [
            arn
              ? { title: `Scope it to ${arn}`, edits: [{ ...span(s.node, sf), newText: arn }] }
              : { title: 'Replace * with the resource ARN (placeholder to complete)', edits: [{ ...span(s.node, sf), newText: placeholder }] },
          ],
        });
      }
    }
  }
};
