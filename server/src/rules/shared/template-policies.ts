/**
 * Finds the IAM policy statements of a template, wherever CloudFormation and SAM let them be
 * written: a SAM function's inline `Policies`, `AWS::IAM::Role` `Policies`, and the
 * `PolicyDocument` of `AWS::IAM::Policy`, `ManagedPolicy`, `RolePolicy`, `UserPolicy` and `GroupPolicy`.
 */
import type { TemplateModel, TemplateResource } from '../../models/template/model';
import type { MapNode, TNode } from '../../models/template/nodes';
import { asList, get, intrinsicName, isMap, isSeq } from '../../models/template/nodes';

export interface PolicyStatement {
  /** The resource that carries the statement (the SAM function, not the role SAM makes for it). */
  resource: TemplateResource;
  statement: MapNode;
}

const DOCUMENT_TYPES = new Set([
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::RolePolicy',
  'AWS::IAM::UserPolicy',
  'AWS::IAM::GroupPolicy',
]);

/**
 * Expands `Fn::If [cond, a, b]` to both branches, since either may be deployed; other values
 * pass through. `AWS::NoValue` branches drop out.
 */
export function branches(node: TNode | undefined): TNode[] {
  if (node === undefined) return [];
  if (intrinsicName(node) === 'Fn::If' && isMap(node)) {
    const args = node.entries[0].value;
    if (isSeq(args) && args.items.length === 3) return [...branches(args.items[1]), ...branches(args.items[2])];
    return [];
  }
  if (intrinsicName(node) === 'Ref' && isMap(node)) {
    const v = node.entries[0].value;
    if (v.kind === 'scalar' && v.value === 'AWS::NoValue') return [];
  }
  return [node];
}

/** Every element of a list-valued property, with `Fn::If` expanded at both levels. */
export function listItems(node: TNode | undefined): TNode[] {
  const out: TNode[] = [];
  for (const list of branches(node)) for (const item of asList(list)) out.push(...branches(item));
  return out;
}

function statementsOfDocument(doc: TNode | undefined): MapNode[] {
  const out: MapNode[] = [];
  for (const d of branches(doc)) {
    for (const s of listItems(get(d, 'Statement'))) if (isMap(s) && !intrinsicName(s)) out.push(s);
  }
  return out;
}

export function policyStatements(model: TemplateModel): PolicyStatement[] {
  const out: PolicyStatement[] = [];
  for (const res of model.resources) {
    const props = res.properties;
    if (!props) continue;
    let docs: TNode[] = [];
    if (res.type === 'AWS::Serverless::Function') {
      // SAM Policies: a managed policy name or ARN, a policy template ({DynamoDBReadPolicy: ...}),
      // or an inline policy document ({Statement: [...]}); a single document may stand alone.
      docs = listItems(get(props, 'Policies')).filter((p) => isMap(p) && get(p, 'Statement') !== undefined);
    } else if (res.type === 'AWS::IAM::Role' || res.type === 'AWS::IAM::User' || res.type === 'AWS::IAM::Group') {
      docs = listItems(get(props, 'Policies')).map((p) => get(p, 'PolicyDocument')).filter((d): d is TNode => d !== undefined);
    } else if (DOCUMENT_TYPES.has(res.type)) {
      const d = get(props, 'PolicyDocument');
      if (d) docs = [d];
    }
    for (const d of docs) for (const statement of statementsOfDocument(d)) out.push({ resource: res, statement });
  }
  return out;
}
