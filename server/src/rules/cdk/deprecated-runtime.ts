/**
 * deprecated-runtime on CDK: `runtime: lambda.Runtime.NODEJS_14_X` (or a CfnFunction's
 * 'nodejs14.x') past its deprecation date (the rule's severity), or within six months of it
 * (info). Dates: ../shared/lambda-runtimes.ts; this file only maps CDK's constant names.
 */
import * as ts from 'typescript';
import { isFunctionClass, strip } from '../../models/cdk';
import { LAMBDA_RUNTIMES, judgeRuntime } from '../shared/lambda-runtimes';
import type { CdkCheck } from './shared';
import { quoteOf, span } from './shared';

const { isPropertyAccessExpression, isStringLiteralLike } = ts;

/** CDK's `lambda.Runtime` constant for a runtime id: nodejs22.x → NODEJS_22_X, java8.al2 → JAVA_8_CORRETTO. */
export function cdkRuntimeName(id: string): string {
  const special: Record<string, string> = { 'java8.al2': 'JAVA_8_CORRETTO', 'dotnetcore1.0': 'DOTNET_CORE_1', 'dotnetcore2.0': 'DOTNET_CORE_2' };
  if (special[id]) return special[id];
  const m = /^(nodejs|python|java|dotnetcore|dotnet|ruby|go|provided)(.*)$/.exec(id);
  if (!m) return id.toUpperCase();
  const family = m[1] === 'dotnetcore' ? 'DOTNET_CORE' : m[1].toUpperCase();
  const rest = m[2].replace(/^\./, '').replace(/[.]/g, '_').toUpperCase();
  return rest ? `${family}_${rest}` : family;
}

const BY_CDK_NAME = new Map(LAMBDA_RUNTIMES.map((r) => [cdkRuntimeName(r.id), r.id]));

/** The runtime id a CDK constant name stands for (NODEJS_14_X → nodejs14.x). */
export function runtimeIdOfCdkName(name: string): string | undefined {
  return BY_CDK_NAME.get(name);
}

/** Today, for judging dates; tests set a fixed day so the table's facts, not the calendar, decide. */
export const clock = { now: (): Date => new Date() };

export const check: CdkCheck = (ctx, cdk) => {
  const sf = ctx.model.sourceFile;
  const now = clock.now();
  const judge = (fn: string, id: string) => judgeRuntime(fn, id, now);
  for (const fn of cdk.constructs) {
    const cfn = fn.cls === 'lambda.CfnFunction';
    if (!cfn && !isFunctionClass(fn.cls)) continue;
    for (const h of cdk.resolver.prop(fn.props, 'runtime').hits) {
      for (const t of cdk.resolver.resolve(h.value)) {
        const e = strip(t.expr);
        if (!cfn) {
          if (!cdk.imports.qualify(e)?.startsWith('lambda.Runtime.') || !isPropertyAccessExpression(e)) continue;
          const id = runtimeIdOfCdkName(e.name.text);
          const verdict = id && judge(fn.name, id);
          if (!verdict) continue;
          ctx.report({
            ...span(e, sf),
            resource: fn.name,
            message: verdict.message,
            severity: verdict.severity,
            fixes: verdict.next ? [{ title: `Use ${verdict.next} (test the function on it)`, edits: [{ ...span(e.name, sf), newText: cdkRuntimeName(verdict.next) }] }] : [],
          });
        } else if (isStringLiteralLike(e)) {
          const verdict = judge(fn.name, e.text);
          if (!verdict) continue;
          const q = quoteOf(e, sf);
          ctx.report({
            ...span(e, sf),
            resource: fn.name,
            message: verdict.message,
            severity: verdict.severity,
            fixes: verdict.next ? [{ title: `Use ${verdict.next} (test the function on it)`, edits: [{ ...span(e, sf), newText: `${q}${verdict.next}${q}` }] }] : [],
          });
        }
      }
    }
  }
};
