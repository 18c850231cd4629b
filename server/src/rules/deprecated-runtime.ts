/**
 * deprecated-runtime: a Lambda runtime past its deprecation date (warning), or within six months
 * of it (info), judged against today's date. Dates: shared/lambda-runtimes.ts.
 */
import type { Rule, RuleContext } from '../engine/rule';
import type { TemplateModel } from '../models/template/model';
import type { TNode } from '../models/template/nodes';
import { get, getPath, isScalar, str } from '../models/template/nodes';
import { Resolver } from '../models/template/resolve';
import { judgeRuntime } from './shared/lambda-runtimes';
import { replaceScalarText } from './shared/fix-text';
import { CDK_CHECKS } from './cdk';

/** The rule, judging dates against `today()` (tests pass a fixed day). */
export function createRule(today: () => Date): Rule {
  function check(ctx: RuleContext<TemplateModel>, node: TNode | undefined, owner: string, resource: string | null, resolver: Resolver): void {
    if (!node) return;
    const now = today();
    for (const id of new Set((resolver.values(node) ?? []).map(String))) {
      const verdict = judgeRuntime(owner, id, now);
      if (!verdict) continue;
      const { message, next, severity } = verdict;
      const literal = isScalar(node) && str(node) === id ? node : undefined;
      ctx.report({
        start: node.start,
        end: node.end,
        resource,
        message,
        severity,
        fixes: literal && next ? [{ title: `Use ${next}`, edits: [{ start: node.start, end: node.end, newText: replaceScalarText(ctx.text, literal, next) }] }] : [],
      });
    }
  }

  function checkTemplate(ctx: RuleContext<TemplateModel>): void {
    const { model } = ctx;
    const resolver = new Resolver(model);
    // Globals.Function.Runtime is reported once, where it is written; a function's own Runtime overrides it.
    if (model.isSam) check(ctx, getPath(model.root, 'Globals', 'Function', 'Runtime'), 'Globals.Function', null, resolver);
    for (const res of model.resources) {
      if (res.type !== 'AWS::Serverless::Function' && res.type !== 'AWS::Lambda::Function') continue;
      check(ctx, get(res.properties, 'Runtime'), res.id, res.id, resolver);
    }
  }

  return {
    meta: {
      id: 'deprecated-runtime',
      title: 'Lambda runtime past (or near) its deprecation date',
      layer: 'Lambda',
      defaultSeverity: 'warning',
      explanation:
        'AWS patches the operating system and the language runtime of a managed Lambda runtime, but only until the ' +
        'runtime is deprecated, usually when the language version reaches its end of life. After that date the function ' +
        'keeps running on an environment that no longer receives security fixes, and AWS later blocks creating and ' +
        'updating functions on it, which turns an urgent fix into an urgent migration. The rule warns once a runtime is ' +
        'past its deprecation date and informs during the six months before it, so the upgrade can be planned.',
      analogy:
        'Shared responsibility is an apartment building: AWS maintains the building, but you choose which apartment to live ' +
        'in. A deprecated runtime is a wing the landlord has stopped maintaining — the locks still work, until they do not.',
      examples: [
        { frontEnd: 'sam', bad: 'Globals:\n  Function:\n    Runtime: nodejs16.x', good: 'Globals:\n  Function:\n    Runtime: nodejs24.x' },
        {
          frontEnd: 'cloudformation',
          bad: '"Properties": { "Runtime": "python3.8", "Handler": "app.handler" }',
          good: '"Properties": { "Runtime": "python3.14", "Handler": "app.handler" }',
        },
        {
          frontEnd: 'cdk',
          bad: "new lambda.Function(this, 'Fn', { runtime: lambda.Runtime.NODEJS_16_X, ... });",
          good: "new lambda.Function(this, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, ... });",
        },
      ],
      fixSummary: 'Replaces the runtime with the newest supported runtime of the same language (test the function on it before deploying).',
      whenNotToUse:
        'A function scheduled for removal before the date, or pinned to an old runtime for a dependency you are replacing; suppress with the plan.',
      moduleQuestion:
        'Q1: In the shared responsibility model for Lambda, what does AWS manage? OS patching and runtime security — for the runtimes it still supports.',
    },
    checkTemplate,
    checkCode: CDK_CHECKS['deprecated-runtime'],
  };
}

export const rule: Rule = createRule(() => new Date());
