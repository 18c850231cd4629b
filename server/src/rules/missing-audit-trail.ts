/** missing-audit-trail: functions without active tracing, API stages without access logging. */
import type { Rule, RuleContext } from '../engine/rule';
import type { TemplateModel } from '../models/template/model';
import { entry, get } from '../models/template/nodes';
import { Resolver } from '../models/template/resolve';
import { effectiveProperties } from '../models/template/sam';
import { apiStages } from './shared/template-apis';
import { TemplateEditor } from './shared/template-edit';
import { CDK_CHECKS } from './cdk';

function checkFunctions(ctx: RuleContext<TemplateModel>, resolver: Resolver, editor: TemplateEditor): void {
  for (const fn of ctx.model.resources) {
    const sam = fn.type === 'AWS::Serverless::Function';
    if (!sam && fn.type !== 'AWS::Lambda::Function') continue;
    const props = sam ? effectiveProperties(ctx.model, fn) : fn.properties;
    const tracing = sam ? entry(props, 'Tracing') : entry(get(props, 'TracingConfig'), 'Mode');
    if (tracing) {
      const vs = resolver.values(tracing.value);
      if (vs === undefined || !vs.some((v) => v !== 'Active')) continue;
      // PassThrough (or Disabled) written out: the finding lands on that value.
      ctx.report({
        start: tracing.value.start,
        end: tracing.value.end,
        resource: fn.id,
        message: `${fn.id} does not record traces of its own (${vs.filter((v) => v !== 'Active').join(', ')}) — set ${sam ? 'Tracing' : 'TracingConfig.Mode'} to Active so each invocation leaves an X-Ray trace.`,
        fixes: vs.length === 1 ? [{ title: 'Set tracing to Active', edits: [editor.replace(tracing.value, 'Active')] }] : [],
      });
      continue;
    }
    const own = fn.properties;
    const fix = own
      ? [{ title: `Turn on X-Ray tracing for ${fn.id}`, edits: [editor.addToMap(own, sam ? { Tracing: 'Active' } : { TracingConfig: { Mode: 'Active' } })] }]
      : [];
    ctx.report({
      start: fn.entry.keyStart,
      end: fn.entry.keyEnd,
      resource: fn.id,
      message: sam
        ? `${fn.id} has no tracing — set Tracing: Active (on the function or in Globals.Function) so each invocation leaves an X-Ray trace.`
        : `${fn.id} has no tracing — set TracingConfig.Mode: Active (its role needs xray:PutTraceSegments) so each invocation leaves an X-Ray trace.`,
      fixes: fix,
    });
  }
}

function checkApis(ctx: RuleContext<TemplateModel>, resolver: Resolver): void {
  for (const stage of apiStages(ctx.model, resolver)) {
    const key = stage.kind === 'rest' ? 'AccessLogSetting' : 'AccessLogSettings';
    if (get(stage.settings, key) !== undefined) continue;
    const name = stage.stageResource?.type.includes('Stage') ? `${stage.resource} (a stage of ${stage.api})` : stage.api;
    ctx.report({
      start: stage.at.start,
      end: stage.at.end,
      resource: stage.resource,
      message: `${name} keeps no access log of who called which route — set ${key} with a log group destination in ${stage.where}.`,
    });
  }
}

function checkTemplate(ctx: RuleContext<TemplateModel>): void {
  const resolver = new Resolver(ctx.model);
  checkFunctions(ctx, resolver, new TemplateEditor(ctx.text, ctx.model));
  checkApis(ctx, resolver);
}

export const rule: Rule = {
  meta: {
    id: 'missing-audit-trail',
    title: 'Function without tracing or API without access logs',
    layer: 'Audit',
    defaultSeverity: 'info',
    explanation:
      'When something goes wrong — an abused route, a leaked token, a function behaving oddly — the first questions are ' +
      'who called what, when, and what happened next. CloudTrail records the AWS API calls, but not the requests your API ' +
      'served or the path one request took through your functions. API Gateway access logs record each caller, route and ' +
      'status; X-Ray tracing (Tracing: Active) follows each invocation through the services it calls. Without them an ' +
      'incident leaves little to investigate.',
    analogy:
      'Logs and traces are the castle\'s security cameras: they do not stop anyone at the gate, but without them nobody ' +
      'can tell afterwards who came in and which rooms they visited.',
    examples: [
      {
        frontEnd: 'sam',
        bad: 'Globals:\n  Function:\n    Runtime: nodejs20.x',
        good: 'Globals:\n  Function:\n    Runtime: nodejs20.x\n    Tracing: Active\n  Api:\n    AccessLogSetting:\n      DestinationArn: !GetAtt ApiLogs.Arn\n      Format: \'{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","route":"$context.resourcePath","status":"$context.status"}\'',
      },
      {
        frontEnd: 'cloudformation',
        bad: 'Fn:\n  Type: AWS::Lambda::Function\n  Properties:\n    Runtime: nodejs20.x',
        good: 'Fn:\n  Type: AWS::Lambda::Function\n  Properties:\n    Runtime: nodejs20.x\n    TracingConfig:\n      Mode: Active',
      },
      {
        frontEnd: 'cdk',
        bad: "new lambda.Function(this, 'Fn', { runtime, handler, code });",
        good: "new lambda.Function(this, 'Fn', { runtime, handler, code, tracing: lambda.Tracing.ACTIVE });",
      },
    ],
    fixSummary: 'Sets Tracing: Active on a SAM function (TracingConfig.Mode: Active on a Lambda function); access logging needs a log group, so the message names the setting.',
    whenNotToUse: 'Very high-volume functions where tracing cost is weighed against sampling elsewhere; turn it off in the configuration.',
  },
  checkTemplate,
  checkCode: CDK_CHECKS['missing-audit-trail'],
};
