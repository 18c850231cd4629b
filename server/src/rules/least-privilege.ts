/**
 * least-privilege: what a function's role allows, against the AWS SDK calls its handler makes.
 * Reports statements that allow more than the code calls (with a fix to exactly the calls) and
 * calls that no statement allows (they fail with AccessDenied at run time).
 */
import type { FixInput, Rule, RuleContext } from '../engine/rule';
import type { TemplateModel } from '../models/template/model';
import type { TNode } from '../models/template/nodes';
import { entry, get, isScalar, isSeq } from '../models/template/nodes';
import { listItems as listLike } from './shared/template-policies';
import type { FunctionAccess, Grant, Need } from './shared/function-access';
import { actionMatches, isImplicitAction, listText, needCovered, needsText, templateAccess } from './shared/function-access';
import { isDestructive, judgeStatement, relatedOf, sharedRoleText, shortFile, statementMessage, unresolvedText, narrowTitle, unusedWrites, writesText } from './shared/least-privilege-text';
import type { CfnValue } from './shared/fix-text';
import { jsonValue, yamlBlock } from './shared/fix-text';
import { pickTemplate, groupNeeds, policyItems, statementsFor } from './shared/policy-fix';
import { SAM_POLICY_TEMPLATES } from './shared/sam-policy-templates';
import { CDK_CHECKS } from './cdk';

function holdersText(grant: Grant): string {
  if (grant.holders.length === 1) return grant.holders[0];
  return `${listText(grant.holders)} (sharing ${grant.owner.id})`;
}

function checkTemplate(ctx: RuleContext<TemplateModel>): void {
  const access = templateAccess(ctx.workspace, ctx.file, ctx.model);
  const byFn = new Map(access.map((a) => [a.fn.id, a]));
  const seen = new Set<Grant>();
  for (const a of access) {
    for (const g of a.grants) {
      if (seen.has(g)) continue;
      seen.add(g);
      const holders = g.holders.map((h) => byFn.get(h)).filter((h): h is FunctionAccess => h !== undefined);
      // Without every holder's code, nothing can be said about what the grant is for.
      if (holders.length !== g.holders.length || holders.some((h) => !h.codeKey)) continue;
      if (g.kind === 'statement') checkStatement(ctx, g, holders);
      else checkPolicyTemplate(ctx, g, holders);
    }
    checkMissing(ctx, a);
  }
}

function checkStatement(ctx: RuleContext<TemplateModel>, g: Grant, holders: FunctionAccess[]): void {
  const unresolved = holders.flatMap((h) => h.calls.unresolved);
  const verdict = judgeStatement(g, holders.flatMap((h) => h.needs), unresolved);
  const { broad, unused, served } = verdict;
  if (broad.length === 0 && unused.length === 0) return;
  let message = statementMessage(holdersText(g), holders.length, g.resourceText, verdict);
  message += sharedRoleText(holders.map((h) => ({ name: h.fn.id, needs: h.needs })), served);
  message += unresolvedText(ctx.workspace, unresolved);
  const offending = [...broad, ...unused];
  const actionNodes = listLike(g.actionEntry!.value).filter((n) => isScalar(n) && offending.includes(String(n.value)));
  const at: TNode = actionNodes.length === 1 ? actionNodes[0] : g.actionEntry!.value;
  const fix = unresolved.length === 0 ? narrowStatementFix(ctx, g, served) : undefined;
  ctx.report({
    start: at.start,
    end: at.end,
    resource: g.owner.id,
    message,
    related: relatedOf(ctx.workspace, served, 'calls'),
    fixes: fix ? [fix] : [],
  });
}

/** A policy template wider than the calls need: a narrower one fits, or it allows writes the code never makes; or one never used. */
function checkPolicyTemplate(ctx: RuleContext<TemplateModel>, g: Grant, holders: FunctionAccess[]): void {
  const needs = holders.flatMap((h) => h.needs).filter((n) => n.call);
  const unresolved = holders.flatMap((h) => h.calls.unresolved);
  const served = needs.filter((n) => g.actions.some((p) => actionMatches(p, n.action)) && g.covers(n.target, n.scope) !== 'no');
  const name = g.templateName!;
  const service = g.actions[0]?.split(':')[0];
  if (unresolved.some((u) => u.service === undefined || u.service === service)) return;
  const entryNode = g.templateEntry!;
  let message: string | undefined;
  let fix: FixInput | undefined;
  if (served.length === 0) {
    if (g.actions.every(isImplicitAction)) return;
    message = `${holdersText(g)} is granted ${name}, but ${holders.length > 1 ? 'their' : 'its'} code calls none of its actions on that resource.`;
  } else {
    const groups = groupNeeds(served);
    const better = groups.length === 1 ? pickTemplate(groups[0]) : undefined;
    const size = (t: string): number => SAM_POLICY_TEMPLATES[t]?.statements.reduce((n, s) => n + s.actions.length, 0) ?? Infinity;
    if (better && better.template !== name && size(better.template) < size(name)) {
      message = `${holdersText(g)} is granted ${name}, which allows actions its code never calls; it calls only ${needsText(served)}, which ${better.template} covers.`;
      fix = { title: `Use ${better.template} instead of ${name}`, edits: [{ start: entryNode.keyStart, end: entryNode.keyEnd, newText: better.template }] };
      // The parameter names differ between templates of different services only; same service here.
    } else {
      // No template fits without more. Extra reads are the templates' convention and a write
      // template's other writes are a fair bundle; deleting what the code never deletes is not.
      const writes = unusedWrites(g.actions, served);
      if (!writes.some(isDestructive)) return;
      message = `${holdersText(g)} is granted ${name}, which also allows ${writesText(writes)} that ${holders.length > 1 ? 'their' : 'its'} code never makes; it calls only ${needsText(served)}.`;
      const items = unresolved.length === 0 ? policyItems(served, true) : undefined;
      const text = items && itemsText(ctx, g.policiesItem!, items);
      if (text !== undefined) fix = { title: narrowTitle(served), edits: [{ start: g.policiesItem!.start, end: g.policiesItem!.end, newText: text }] };
    }
  }
  ctx.report({ start: entryNode.keyStart, end: entryNode.keyEnd, resource: g.owner.id, message, related: relatedOf(ctx.workspace, served, 'calls'), fixes: fix ? [fix] : [] });
}

/** Calls that no statement allows: they fail with AccessDenied. */
function checkMissing(ctx: RuleContext<TemplateModel>, a: FunctionAccess): void {
  if (!a.codeKey || a.opaqueGrants.length > 0) return;
  const missing = a.needs.filter((n) => n.call && needCovered(a, n) === 'no');
  if (missing.length === 0) return;
  const policies = a.fn.properties ? entry(a.fn.properties, 'Policies') : undefined;
  const role = a.fn.properties ? entry(a.fn.properties, 'Role') : undefined;
  const where = role ?? policies;
  const first = missing[0].call!;
  const whereCall = `${shortFile(first.file)}:${first.line + 1}`;
  ctx.report({
    start: where ? where.keyStart : a.fn.entry.keyStart,
    end: where ? where.keyEnd : a.fn.entry.keyEnd,
    resource: a.fn.id,
    message: `${a.fn.id}'s code calls ${needsText(missing)} (${whereCall}${missing.length > 1 ? ' and more' : ''}), which ${role ? `its role ${a.roleId}` : 'its policies'} do not allow: ${missing.length > 1 ? 'these calls' : 'the call'} will fail with AccessDenied.`,
    related: relatedOf(ctx.workspace, missing, 'needs'),
    fixes: role ? [] : addPoliciesFix(ctx, a, missing),
  });
}

/** The offsets of a block-YAML sequence item, and the column of its dash. */
function itemDash(text: string, node: TNode): number | undefined {
  const lineStart = text.lastIndexOf('\n', node.start - 1) + 1;
  const m = /^(\s*)- $/.exec(text.slice(lineStart, node.start));
  return m ? m[1].length : undefined;
}

/** Text for items replacing one sequence item (block YAML or JSON). */
function itemsText(ctx: RuleContext<TemplateModel>, at: TNode, items: CfnValue[]): string | undefined {
  if (ctx.model.format === 'json') return items.map(jsonValue).join(', ');
  const dash = itemDash(ctx.text, at);
  if (dash === undefined) return undefined;
  const eol = ctx.text.includes('\r\n') ? '\r\n' : '\n';
  return items.map((i) => yamlBlock(i, dash + 2)).join(`${eol}${' '.repeat(dash)}- `).replace(/\n/g, eol === '\r\n' ? '\r\n' : '\n');
}

/** Removes one item of a sequence with its line (block YAML) or its comma (JSON). */
function removeItem(ctx: RuleContext<TemplateModel>, seq: TNode, item: TNode): { start: number; end: number; newText: string } | undefined {
  if (!isSeq(seq) || seq.items.length < 2) return undefined;
  const i = seq.items.indexOf(item);
  if (i < 0) return undefined;
  if (ctx.model.format === 'json') {
    return i > 0 ? { start: seq.items[i - 1].end, end: item.end, newText: '' } : { start: item.start, end: seq.items[1].start, newText: '' };
  }
  const dash = itemDash(ctx.text, item);
  if (dash === undefined) return undefined;
  const lineStart = ctx.text.lastIndexOf('\n', item.start - 1) + 1;
  const next = i + 1 < seq.items.length ? ctx.text.lastIndexOf('\n', seq.items[i + 1].start - 1) + 1 : ctx.text.indexOf('\n', item.end) + 1 || ctx.text.length;
  return { start: lineStart, end: next, newText: '' };
}

/** Replaces a broad statement with exactly the served needs. */
function narrowStatementFix(ctx: RuleContext<TemplateModel>, g: Grant, served: Need[]): FixInput | undefined {
  const samItem = g.owner.type === 'AWS::Serverless::Function' && g.policiesItem !== undefined && g.policiesItem === g.document;
  const statements = listLike(get(g.document, 'Statement'));
  const alone = statements.length === 1 && statements[0] === g.statement;
  const title = narrowTitle(served);
  if (samItem && alone) {
    const policies = get(g.owner.properties, 'Policies');
    if (served.length === 0) {
      const edit = policies && removeItem(ctx, policies, g.policiesItem!);
      return edit && { title, edits: [edit] };
    }
    const items = policyItems(served, true);
    const text = items && itemsText(ctx, g.policiesItem!, items);
    return text === undefined ? undefined : { title, edits: [{ start: g.policiesItem!.start, end: g.policiesItem!.end, newText: text }] };
  }
  const seq = get(g.document, 'Statement');
  if (served.length === 0) {
    const edit = seq && removeItem(ctx, seq, g.statement!);
    return edit && { title, edits: [edit] };
  }
  if (!isSeq(seq)) return undefined;
  const sts = statementsFor(served);
  const text = sts && itemsText(ctx, g.statement!, sts);
  return text === undefined ? undefined : { title, edits: [{ start: g.statement!.start, end: g.statement!.end, newText: text }] };
}

/** Adds policies for missing calls to a SAM function's own `Policies` list. */
function addPoliciesFix(ctx: RuleContext<TemplateModel>, a: FunctionAccess, missing: Need[]): FixInput[] {
  if (a.fn.type !== 'AWS::Serverless::Function') return [];
  const policies = get(a.fn.properties, 'Policies');
  if (!isSeq(policies) || policies.items.length === 0) return [];
  const items = policyItems(missing, true);
  if (!items) return [];
  const last = policies.items[policies.items.length - 1];
  if (ctx.model.format === 'json') {
    return [{ title: 'Allow the calls the code makes', edits: [{ start: last.end, end: last.end, newText: `, ${items.map(jsonValue).join(', ')}` }] }];
  }
  const dash = itemDash(ctx.text, last);
  if (dash === undefined) return [];
  const text = items.map((i) => `\n${' '.repeat(dash)}- ${yamlBlock(i, dash + 2)}`).join('');
  return [{ title: 'Allow the calls the code makes', edits: [{ start: last.end, end: last.end, newText: text }] }];
}

export const rule: Rule = {
  meta: {
    id: 'least-privilege',
    title: 'Permissions differ from what the handler calls',
    layer: 'Lambda',
    defaultSeverity: 'warning',
    explanation:
      'Serverless Guard reads a function\'s handler and its template or CDK stack together: it finds the AWS SDK calls the code makes ' +
      '(v3 commands, paginators, uploads, presigned URLs, v2 clients), maps each to the IAM action it needs and, through ' +
      'the function\'s environment variables, to the table, bucket, queue or secret it names. A policy that allows more ' +
      'than that (a `dynamodb:*`, a write the code never makes) only widens what an attacker gets from a compromised ' +
      'function; a call that no policy allows fails with AccessDenied the first time it runs. Calls the analysis cannot ' +
      'read are named in the message, and then no narrowing is offered.',
    analogy:
      'A separate badge per employee, opening only the rooms their job takes them to: the function that reads orders gets ' +
      'dynamodb:GetItem on the orders table, the one that stores them gets dynamodb:PutItem, and neither holds the master key.',
    examples: [
      {
        frontEnd: 'sam',
        bad: '# get-order.ts: documents.send(new GetCommand({ TableName: process.env.ORDERS_TABLE, ... }))\nGetOrderFunction:\n  Properties:\n    Environment: { Variables: { ORDERS_TABLE: !Ref OrdersTable } }\n    Policies:\n      - Statement:\n          - Effect: Allow\n            Action: dynamodb:*\n            Resource: "*"',
        good: 'GetOrderFunction:\n  Properties:\n    Environment: { Variables: { ORDERS_TABLE: !Ref OrdersTable } }\n    Policies:\n      - DynamoDBReadPolicy:\n          TableName: !Ref OrdersTable',
      },
      {
        frontEnd: 'cloudformation',
        bad: '"GetOrderRole": { "Type": "AWS::IAM::Role", "Properties": { "Policies": [ { "PolicyDocument": { "Statement": [ { "Effect": "Allow", "Action": "dynamodb:*", "Resource": "*" } ] } } ] } }',
        good: '"Statement": [ { "Effect": "Allow", "Action": ["dynamodb:GetItem"], "Resource": { "Fn::GetAtt": ["OrdersTable", "Arn"] } } ]',
      },
      {
        frontEnd: 'cdk',
        bad: "const fn = new NodejsFunction(this, 'GetOrder', { entry: 'src/get-order.ts', environment: { ORDERS_TABLE: table.tableName } });\nfn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));",
        good: "const fn = new NodejsFunction(this, 'GetOrder', { entry: 'src/get-order.ts', environment: { ORDERS_TABLE: table.tableName } });\nfn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [table.tableArn] }));",
      },
    ],
    fixSummary:
      'Replaces the broad statement with exactly the actions the code calls on the resources it names: a SAM policy template where one covers the calls without adding writes, a scoped statement otherwise; on the CDK, a `PolicyStatement` naming `table.tableArn`, or a narrower `grant*` method. A policy template or `grant*` method that lets the function delete what its code never deletes (`DynamoDBCrudPolicy` for a function that only puts) becomes a statement with exactly the calls. Adds the statement a call is missing.',
    whenNotToUse:
      'Functions whose code reaches AWS through a library this tool does not read (an internal SDK wrapper, a framework), or whose permissions ' +
      'are also granted by resource policies (a KMS key policy, a bucket policy); suppress on the function with that reason.',
    moduleQuestion:
      'Q3: What is the difference between a Lambda execution role and a resource policy? The execution role is outbound: what the function can do.',
  },
  readsOtherFiles: true,
  checkTemplate,
  checkCode: CDK_CHECKS['least-privilege'],
};

