/**
 * iam-shared-role: one `AWS::IAM::Role` of the template used as the execution role of several
 * functions. Each function then holds the union of what all of them need.
 */
import type { Rule, RuleContext } from '../engine/rule';
import type { TemplateModel, TemplateResource } from '../models/template/model';
import type { TNode } from '../models/template/nodes';
import { get } from '../models/template/nodes';
import { effectiveProperties } from '../models/template/sam';
import { referencedIds } from './shared/fix-text';
import { CDK_CHECKS } from './cdk';
import { needsEvidence, templateAccess } from './shared/function-access';

const FUNCTION_TYPES = new Set(['AWS::Serverless::Function', 'AWS::Lambda::Function']);

function checkTemplate(ctx: RuleContext<TemplateModel>): void {
  const { model } = ctx;
  const roles = new Map(model.resources.filter((r) => r.type === 'AWS::IAM::Role').map((r) => [r.id, r]));
  if (roles.size === 0) return;
  const users = new Map<string, { fn: TemplateResource; value: TNode }[]>();
  for (const fn of model.resources) {
    if (!FUNCTION_TYPES.has(fn.type)) continue;
    const props = fn.type === 'AWS::Serverless::Function' ? effectiveProperties(model, fn) : fn.properties;
    const value = get(props, 'Role');
    if (!value) continue;
    // `!GetAtt R.Arn`, `!Sub ${R.Arn}`, `!If [c, !GetAtt A.Arn, !GetAtt B.Arn]`: each role it may be.
    for (const id of referencedIds(value)) {
      if (!roles.has(id)) continue;
      const list = users.get(id) ?? [];
      list.push({ fn, value });
      users.set(id, list);
    }
  }
  let access: ReturnType<typeof templateAccess> | undefined;
  for (const [roleId, list] of users) {
    if (list.length < 2) continue;
    const role = roles.get(roleId)!;
    const names = list.map((u) => u.fn.id);
    access ??= templateAccess(ctx.workspace, ctx.file, model);
    const evidence = needsEvidence(
      list.map((u) => {
        const a = access!.find((x) => x.fn.id === u.fn.id);
        return { name: u.fn.id, codeKey: a?.codeKey, needs: a?.needs ?? [] };
      }),
    );
    ctx.report({
      start: role.entry.keyStart,
      end: role.entry.keyEnd,
      resource: roleId,
      message: `${roleId} is the execution role of ${list.length} functions (${names.join(', ')}), so each holds the permissions all of them need — give each function its own role with only what it calls.${evidence}`,
      related: list.map((u) => ({ start: u.value.start, end: u.value.end, message: `${u.fn.id} uses ${roleId}` })),
    });
  }
}

export const rule: Rule = {
  meta: {
    id: 'iam-shared-role',
    title: 'One execution role shared by several functions',
    layer: 'Lambda',
    defaultSeverity: 'info',
    explanation:
      'When several functions share one execution role, the role must allow everything any of them does, so each function ' +
      'holds permissions it never uses: the function that only reads orders can also delete them because its neighbour ' +
      'does. A compromise of the smallest function then reaches as far as the largest. SAM gives each function its own ' +
      'role when you list `Policies` instead of `Role`; with CloudFormation, declare one role per function.',
    analogy:
      'BAD: one role with broad access for all functions. GOOD: a separate role per function with minimal access — each ' +
      'employee gets a badge for the rooms of their own job, not a copy of the team\'s shared master badge.',
    examples: [
      {
        frontEnd: 'sam',
        bad: 'GetOrder:\n  Properties:\n    Role: !GetAtt AppRole.Arn\nPutOrder:\n  Properties:\n    Role: !GetAtt AppRole.Arn',
        good: 'GetOrder:\n  Properties:\n    Policies:\n      - DynamoDBReadPolicy: { TableName: !Ref Orders }\nPutOrder:\n  Properties:\n    Policies:\n      - DynamoDBWritePolicy: { TableName: !Ref Orders }',
      },
      {
        frontEnd: 'cloudformation',
        bad: '"GetOrder": { "Properties": { "Role": { "Fn::GetAtt": ["AppRole", "Arn"] } } },\n"PutOrder": { "Properties": { "Role": { "Fn::GetAtt": ["AppRole", "Arn"] } } }',
        good: '"GetOrder": { "Properties": { "Role": { "Fn::GetAtt": ["GetOrderRole", "Arn"] } } },\n"PutOrder": { "Properties": { "Role": { "Fn::GetAtt": ["PutOrderRole", "Arn"] } } }',
      },
      {
        frontEnd: 'cdk',
        bad: "const role = new iam.Role(this, 'AppRole', { assumedBy });\nnew lambda.Function(this, 'Get', { role, ... });\nnew lambda.Function(this, 'Put', { role, ... });",
        good: "const get = new lambda.Function(this, 'Get', { ... });\ntable.grantReadData(get);\nconst put = new lambda.Function(this, 'Put', { ... });\ntable.grantWriteData(put);",
      },
    ],
    fixSummary: 'No automatic fix: split the role, giving each function a role (or SAM policy templates) with only the actions it calls.',
    whenNotToUse:
      'Functions that truly do the same job with the same resources (one handler deployed per region or per tenant); suppress on the role with that reason.',
  },
  readsOtherFiles: true,
  checkTemplate,
  checkCode: CDK_CHECKS['iam-shared-role'],
};
