/** `serverlessGuard/explain`: the rule record, the finding and the file kind the Explain view renders. */
import type { Finding, Position, Range } from '../engine/finding';
import { docsUrl } from '../engine/rule';
import type { FrontEnd, RuleExample, RuleMeta } from '../engine/rule';
import type { ParsedFile } from '../engine/workspace';
import { LAYER_INFO } from '../knowledge/layers';
import { RULES_BY_ID } from '../rules';
import { isCdkModule } from './concepts';
import type { ExplainParams, ExplainResult, FileKind } from './protocol';
import * as ts from 'typescript';

/** Both ranges well formed and equal; `b` comes from the client and is checked, not trusted. */
function sameRange(a: Range, b: Range): boolean {
  if (typeof b !== 'object' || b === null || typeof b.start !== 'object' || b.start === null || typeof b.end !== 'object' || b.end === null) return false;
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

function contains(r: Range, p: Position): boolean {
  const afterStart = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const beforeEnd = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return afterStart && beforeEnd;
}

/** handler, sam, cloudformation or cdk: which of a rule's examples fits this file. */
export function fileKindOf(file: ParsedFile | undefined): FileKind | null {
  if (!file) return null;
  if (file.kind === 'template') return file.model.isSam ? 'sam' : 'cloudformation';
  if (file.kind === 'code') {
    for (const st of file.model.sourceFile.statements) {
      if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier) && isCdkModule(st.moduleSpecifier.text)) return 'cdk';
    }
    return /require\(\s*['"](aws-cdk-lib|@aws-cdk\/)/.test(file.text) ? 'cdk' : 'handler';
  }
  return null;
}

/** Which front ends stand in for each other when a rule has no example of the file's own kind. */
const FALLBACK: Record<FrontEnd, FrontEnd[]> = {
  handler: ['handler', 'cdk'],
  sam: ['sam', 'cloudformation', 'cdk'],
  cloudformation: ['cloudformation', 'sam', 'cdk'],
  cdk: ['cdk', 'sam', 'cloudformation', 'handler'],
};

export function exampleFor(meta: RuleMeta, kind: FileKind | null): RuleExample | null {
  for (const k of kind ? FALLBACK[kind] : []) {
    const ex = meta.examples.find((e) => e.frontEnd === k);
    if (ex) return ex;
  }
  return meta.examples[0] ?? null;
}

/**
 * Picks the finding: the one of the named rule at the named range, else (cursor) the finding
 * under the position, preferring the named rule. The rule can be named without a finding.
 */
export function explain(params: ExplainParams, findings: readonly Finding[], file: ParsedFile | undefined): ExplainResult | null {
  let finding: Finding | undefined;
  if (params.ruleId && params.range) finding = findings.find((f) => f.ruleId === params.ruleId && sameRange(f.range, params.range!));
  if (!finding && params.position) {
    const here = findings.filter((f) => !f.suppressed && contains(f.range, params.position!));
    finding = here.find((f) => f.ruleId === params.ruleId) ?? here[0];
  }
  const ruleId = finding?.ruleId ?? params.ruleId;
  const rule = ruleId ? RULES_BY_ID.get(ruleId) : undefined;
  if (!rule) return null;
  const m = rule.meta;
  const fileKind = fileKindOf(file);
  return {
    rule: {
      id: m.id,
      title: m.title,
      layer: m.layer,
      defaultSeverity: m.defaultSeverity,
      explanation: m.explanation,
      analogy: m.analogy,
      examples: m.examples,
      fixSummary: m.fixSummary,
      whenNotToUse: m.whenNotToUse,
      ...(m.moduleQuestion ? { moduleQuestion: m.moduleQuestion } : {}),
      docsUrl: docsUrl(m.id),
    },
    finding: finding
      ? { ruleId: finding.ruleId, severity: finding.severity, message: finding.message, range: finding.range, resource: finding.resource, fixes: finding.fixes }
      : null,
    fileKind,
    example: exampleFor(m, fileKind),
    layer: m.layer ? { ...LAYER_INFO[m.layer] } : null,
  };
}
