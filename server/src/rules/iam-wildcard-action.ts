/** iam-wildcard-action: `Action: "*"` or `service:*` in an Allow statement, or NotAction with Allow. */
import type { FixInput, Rule, RuleContext } from '../engine/rule';
import type { TemplateModel } from '../models/template/model';
import type { ScalarNode } from '../models/template/nodes';
import { entry, get, isMap, isScalar, isSeq, str } from '../models/template/nodes';
import { SERVICE_TEMPLATES } from './shared/sam-policy-templates';
import type { CfnValue } from './shared/fix-text';
import { columnIndent, referencedIds, renderInline, renderYamlBlock, replaceScalarText, resourcesOfType } from './shared/fix-text';
import type { PolicyStatement } from './shared/template-policies';
import { listItems, policyStatements } from './shared/template-policies';
import { CDK_CHECKS } from './cdk';
import { isWildcardAction } from './shared/wildcard-action';

function checkTemplate(ctx: RuleContext<TemplateModel>): void {
  for (const ps of policyStatements(ctx.model)) {
    const { resource, statement } = ps;
    const effect = str(get(statement, 'Effect'));
    // Deny statements narrow access, so a wildcard there is a good thing. An Effect that is not
    // a literal (an intrinsic) is unknown, and unknown is never a finding by itself.
    if (effect !== 'Allow') continue;
    const scoped = get(statement, 'Condition') !== undefined;
    const scope = scoped ? ' (a Condition narrows when it applies, not which actions)' : '';
    for (const action of listItems(get(statement, 'Action'))) {
      const a = str(action);
      if (!isScalar(action) || a === undefined || !isWildcardAction(a)) continue;
      const what = a === '*' ? 'every action of every AWS service (*)' : a;
      ctx.report({
        start: action.start,
        end: action.end,
        resource: resource.id,
        message: `${resource.id}'s policy allows ${what}${scope} — grant only the actions it calls.`,
        fixes: fixesFor(ctx, { resource, statement, document: ps.document }, action, a),
      });
    }
    const notAction = entry(statement, 'NotAction');
    if (notAction) {
      ctx.report({
        start: notAction.keyStart,
        end: notAction.keyEnd,
        resource: resource.id,
        message: `${resource.id}'s policy uses NotAction with Allow, which allows every action except those listed, including ones AWS adds later — list the allowed actions instead.`,
      });
    }
  }
}

/**
 * The quick fixes for one wildcard action: the service's SAM policy template scoped to the one
 * resource the statement names, where that fits; otherwise a placeholder action to fill in.
 */
function fixesFor(ctx: RuleContext<TemplateModel>, ps: PolicyStatement, action: ScalarNode, value: string): FixInput[] {
  const fixes: FixInput[] = [];
  const template = templateFix(ctx, ps, value);
  if (template) fixes.push(template);
  const service = value === '*' ? '<service>' : value.slice(0, -2);
  const placeholder = `${service}:<Action>`;
  fixes.push({
    title: `Replace ${value} with the actions the function calls (fill in ${placeholder})`,
    edits: [{ start: action.start, end: action.end, newText: replaceScalarText(ctx.text, action, placeholder) }],
  });
  return fixes;
}

/**
 * `dynamodb:*` on one table of the template becomes `DynamoDBCrudPolicy: {TableName: !Ref Table}`.
 * Only for a SAM function whose `Policies` item holds just this statement, with one action, no
 * Condition (the template could not carry it) and a Resource naming exactly one resource of the
 * service.
 */
function templateFix(ctx: RuleContext<TemplateModel>, ps: PolicyStatement, value: string): FixInput | undefined {
  const { model, text } = ctx;
  if (ps.resource.type !== 'AWS::Serverless::Function' || value === '*') return undefined;
  const service = SERVICE_TEMPLATES[value.slice(0, -2).toLowerCase()];
  if (!service) return undefined;
  const st = ps.statement;
  if (listItems(get(st, 'Action')).length !== 1 || get(st, 'Condition') !== undefined || get(st, 'NotResource') !== undefined) return undefined;
  const policies = get(ps.resource.properties, 'Policies');
  if (!isSeq(policies) || !policies.items.includes(ps.document) || !isMap(ps.document)) return undefined;
  if (listItems(get(ps.document, 'Statement')).length !== 1) return undefined;
  const ids = referencedIds(get(st, 'Resource'));
  const candidates = new Set(resourcesOfType(model, service.types).map((r) => r.id));
  if (ids.length !== 1 || !candidates.has(ids[0])) return undefined;
  const target = ids[0];
  const param: CfnValue = service.value === 'TopicName' ? { GetAtt: [target, 'TopicName'] } : { Ref: target };
  const replacement: CfnValue = { map: [[service.template, { map: [[service.parameter, param]] }]] };
  const doc = ps.document;
  const flow = text[doc.start] === '{';
  const newText =
    model.format === 'json' || flow ? renderInline(replacement, model.format) : renderYamlBlock(replacement, columnIndent(text, doc.start));
  return {
    title: `Replace the statement with ${service.template} on ${target}`,
    edits: [{ start: doc.start, end: doc.end, newText }],
  };
}

export const rule: Rule = {
  meta: {
    id: 'iam-wildcard-action',
    title: 'IAM policy allows every action of a service',
    layer: 'Lambda',
    defaultSeverity: 'error',
    explanation:
      'A function\'s execution role decides what the function can do once it runs. An action wildcard grants today\'s ' +
      'and tomorrow\'s actions of a service (or of all services): if the function is tricked, by injected input or a ' +
      'compromised dependency, the attacker inherits every one of them — deleting tables, reading every object, ' +
      'changing other roles. Grant the specific actions the code calls, so a compromise stays small.',
    analogy:
      'The execution role is the function\'s badge. A wildcard action is a badge that opens every room in the building, ' +
      'when the function only ever needs the mail room.',
    examples: [
      {
        frontEnd: 'sam',
        bad: 'Policies:\n  - Statement:\n      - Effect: Allow\n        Action: dynamodb:*\n        Resource: "*"',
        good: 'Policies:\n  - DynamoDBReadPolicy:\n      TableName: !Ref OrdersTable',
      },
      {
        frontEnd: 'cloudformation',
        bad: 'PolicyDocument:\n  Statement:\n    - Effect: Allow\n      Action: "*"\n      Resource: "*"',
        good: 'PolicyDocument:\n  Statement:\n    - Effect: Allow\n      Action: [dynamodb:GetItem, dynamodb:Query]\n      Resource: !GetAtt OrdersTable.Arn',
      },
      {
        frontEnd: 'cdk',
        bad: "fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));",
        good: 'table.grantReadData(fn);',
      },
    ],
    fixSummary:
      'Replaces the wildcard with the service\'s SAM policy template scoped to the one resource the statement names (`dynamodb:*` ' +
      'on OrdersTable becomes `DynamoDBCrudPolicy: {TableName: !Ref OrdersTable}`), otherwise with a `<service>:<Action>` placeholder to fill in.',
    whenNotToUse:
      'Break-glass administration roles that people (not functions) assume, defined and reviewed elsewhere; suppress with the reason.',
    moduleQuestion:
      'Q3: What is the difference between a Lambda execution role and a resource policy? The execution role is outbound: what the function can do.',
  },
  checkTemplate,
  checkCode: CDK_CHECKS['iam-wildcard-action'],
};
