/** api-missing-request-validation on CDK: a REST method taking a body (POST, PUT, PATCH, ANY) without a request validator. */
import * as ts from 'typescript';
import type { CdkModel, Val } from '../../models/cdk';
import { strip } from '../../models/cdk';
import type { CdkCheck } from './shared';
import { addProperty, span } from './shared';
import { restMethods } from './apis';
const { isObjectLiteralExpression } = ts;

const BODY_VERBS = new Set(['POST', 'PUT', 'PATCH', 'ANY']);
const VALIDATOR = 'requestValidatorOptions: { validateRequestBody: true, validateRequestParameters: true }';

/** validated / unknown / missing, reading the method's options then its defaults. */
function validation(cdk: CdkModel, options: Val[]): 'validated' | 'unknown' | 'missing' {
  for (const o of options) {
    const a = cdk.resolver.prop(o, 'requestValidator').state;
    const b = cdk.resolver.prop(o, 'requestValidatorOptions').state;
    if (a === 'unknown' || b === 'unknown') return 'unknown';
    if (a === 'found' || b === 'found') return 'validated';
  }
  return 'missing';
}

export const check: CdkCheck = (ctx, cdk) => {
  const sf = ctx.model.sourceFile;
  for (const m of restMethods(cdk)) {
    if (!m.api || m.api.cls === 'apigateway.SpecRestApi') continue;
    const verbs = m.verbs.filter((v) => BODY_VERBS.has(v));
    if (verbs.length === 0) continue;
    if (validation(cdk, m.options) !== 'missing') continue;
    const call = m.call.node;
    let edits;
    const own = call.arguments[2];
    if (own) {
      const lit = strip(own);
      if (isObjectLiteralExpression(lit)) edits = [addProperty(ctx.text, sf, lit, VALIDATOR)];
    } else if (call.arguments.length >= 1) {
      const last = call.arguments[call.arguments.length - 1];
      edits = [{ start: last.getEnd(), end: last.getEnd(), newText: `${call.arguments.length === 1 ? ', undefined' : ''}, { ${VALIDATOR} }` }];
    }
    ctx.report({
      ...span(m.methodArg, sf),
      resource: m.api.name,
      message: `${m.api.name}'s ${verbs.join('|')} ${m.path} accepts any request body — add a request validator (and a model for the body) so malformed input stops at the front door.`,
      fixes: edits ? [{ title: 'Validate the request body and parameters', edits }] : [],
    });
  }
  for (const c of cdk.ofClass('apigateway.CfnMethod')) {
    const verb = cdk.resolver.strings(cdk.resolver.prop(c.props, 'httpMethod').hits[0]?.value);
    if (!verb.complete || !verb.values.some((v) => BODY_VERBS.has(v.text.toUpperCase()))) continue;
    if (cdk.resolver.prop(c.props, 'requestValidatorId').state !== 'absent') continue;
    ctx.report({
      ...span(verb.values[0].node, sf),
      resource: c.name,
      message: `${c.name} (${verb.values[0].text}) accepts any request body — set requestValidatorId (and a model for the body).`,
    });
  }
};
