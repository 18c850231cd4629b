/** iam-wildcard-action: `Action: "*"` or `service:*` in an Allow statement, or NotAction with Allow. */
import type { Rule, RuleContext } from '../engine/rule';
import type { TemplateModel } from '../models/template/model';
import { entry, get, isScalar, str } from '../models/template/nodes';
import { listItems, policyStatements } from './shared/template-policies';

/** `*`, or a service prefix followed by `:*` (`dynamodb:*`). Narrower wildcards (`s3:Get*`) are another matter. */
export function isWildcardAction(action: string): boolean {
  return action === '*' || /^[a-zA-Z0-9-]+:\*$/.test(action);
}

function checkTemplate(ctx: RuleContext<TemplateModel>): void {
  for (const { resource, statement } of policyStatements(ctx.model)) {
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
    fixSummary: 'Replaces the wildcard with the specific actions the function needs (a SAM policy template where one fits).',
    whenNotToUse:
      'Break-glass administration roles that people (not functions) assume, defined and reviewed elsewhere; suppress with the reason.',
    moduleQuestion:
      'Q3: What is the difference between a Lambda execution role and a resource policy? The execution role is outbound: what the function can do.',
  },
  checkTemplate,
};
