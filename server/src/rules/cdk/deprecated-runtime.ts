/** deprecated-runtime on CDK: `runtime: lambda.Runtime.NODEJS_14_X` (or a CfnFunction's 'nodejs14.x') past its deprecation date. */
import * as ts from 'typescript';
import { isFunctionClass, strip } from '../../models/cdk';
import type { CdkCheck } from './shared';
import { quoteOf, span } from './shared';
import table from './runtime-deprecations.json';
const { isPropertyAccessExpression, isStringLiteralLike } = ts;

interface RuntimeInfo {
  id: string;
  cdk: string;
  family: string;
  deprecated: string;
}

const BY_CDK = new Map<string, RuntimeInfo>(table.runtimes.map((r) => [r.cdk, r]));
const BY_ID = new Map<string, RuntimeInfo>(table.runtimes.map((r) => [r.id, r]));
const REPLACEMENTS: Record<string, { id: string; cdk: string }> = table.replacements;

/** Today, for judging dates; tests set a fixed day so the table's facts, not the calendar, decide. */
export const clock = { now: (): Date => new Date() };

/** The runtime's deprecation date when it has passed, else undefined. */
export function deprecatedOn(info: RuntimeInfo, now: Date): string | undefined {
  return Date.parse(`${info.deprecated}T00:00:00Z`) <= now.getTime() ? info.deprecated : undefined;
}

export function runtimeByCdkName(name: string): RuntimeInfo | undefined {
  return BY_CDK.get(name);
}

export const check: CdkCheck = (ctx, cdk) => {
  const sf = ctx.model.sourceFile;
  const now = clock.now();
  const message = (fn: string, info: RuntimeInfo, date: string, next: string): string =>
    `${fn} runs on ${info.id}, deprecated since ${date}: it no longer gets security patches — move to ${next}.`;
  for (const fn of cdk.constructs) {
    const cfn = fn.cls === 'lambda.CfnFunction';
    if (!cfn && !isFunctionClass(fn.cls)) continue;
    for (const h of cdk.resolver.prop(fn.props, 'runtime').hits) {
      for (const t of cdk.resolver.resolve(h.value)) {
        const e = strip(t.expr);
        if (!cfn) {
          const q = cdk.imports.qualify(e);
          if (!q?.startsWith('lambda.Runtime.') || !isPropertyAccessExpression(e)) continue;
          const info = BY_CDK.get(e.name.text);
          const date = info && deprecatedOn(info, now);
          if (!info || !date) continue;
          const next = REPLACEMENTS[info.family];
          ctx.report({
            ...span(e, sf),
            resource: fn.name,
            message: message(fn.name, info, date, next?.id ?? 'a supported runtime'),
            fixes: next ? [{ title: `Upgrade to ${next.id} (test the function on it)`, edits: [{ ...span(e.name, sf), newText: next.cdk }] }] : [],
          });
        } else if (isStringLiteralLike(e)) {
          const info = BY_ID.get(e.text);
          const date = info && deprecatedOn(info, now);
          if (!info || !date) continue;
          const next = REPLACEMENTS[info.family];
          const q = quoteOf(e, sf);
          ctx.report({
            ...span(e, sf),
            resource: fn.name,
            message: message(fn.name, info, date, next?.id ?? 'a supported runtime'),
            fixes: next ? [{ title: `Upgrade to ${next.id} (test the function on it)`, edits: [{ ...span(e, sf), newText: `${q}${next.id}${q}` }] }] : [],
          });
        }
      }
    }
  }
};
