/**
 * Finds the IAM policy statements of a template, wherever CloudFormation and SAM let them be
 * written: a SAM function's inline `Policies`, `AWS::IAM::Role` `Policies`, and the
 * `PolicyDocument` of `AWS::IAM::Policy`, `ManagedPolicy`, `RolePolicy`, `UserPolicy` and `GroupPolicy`;
 * and the statements that SAM policy templates (`DynamoDBCrudPolicy: {TableName: ...}`) expand to.
 */
import type { TemplateModel, TemplateResource } from '../../models/template/model';
import type { MapEntry, MapNode, TNode } from '../../models/template/nodes';
import { asList, get, intrinsicName, isMap, isSeq } from '../../models/template/nodes';
import { Resolver } from '../../models/template/resolve';
import { SAM_POLICY_TEMPLATES } from './sam-policy-templates';

export interface PolicyStatement {
  /** The resource that carries the statement (the SAM function, not the role SAM makes for it). */
  resource: TemplateResource;
  statement: MapNode;
  /** The policy document that holds the statement (for a SAM function, the `Policies` item). */
  document: TNode;
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

function statementsOfDocument(doc: TNode | undefined): { statement: MapNode; document: TNode }[] {
  const out: { statement: MapNode; document: TNode }[] = [];
  for (const d of branches(doc)) {
    for (const s of listItems(get(d, 'Statement'))) if (isMap(s) && !intrinsicName(s)) out.push({ statement: s, document: d });
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
    for (const d of docs) for (const s of statementsOfDocument(d)) out.push({ resource: res, ...s });
  }
  return out;
}

/** One resource ARN pattern of an expanded SAM policy template statement. */
export interface ExpandedResource {
  /** The ARN pattern from the template's definition, e.g. `arn:${Partition}:dynamodb:...:table/${TableName}`. */
  pattern: string;
  /** True when the resource is every resource: `*` in the definition, or a parameter whose value may be `*`. */
  wildcard: boolean;
  /** The parameter whose value fills the pattern, when there is one. */
  parameter?: string;
  /** That parameter's value as written: where a finding about it lands. */
  node?: TNode;
}

/** A statement that a SAM policy template expands to. Policy templates always Allow. */
export interface TemplatePolicyStatement {
  /** The SAM function whose `Policies` lists the template. */
  resource: TemplateResource;
  /** The template's name, e.g. `DynamoDBCrudPolicy`. */
  template: string;
  /** The template's entry in `Policies` (`DynamoDBCrudPolicy: ...`). */
  entry: MapEntry;
  /** The `Policies` item that holds the template. */
  item: MapNode;
  actions: readonly string[];
  resources: ExpandedResource[];
}

/**
 * The statements of the SAM policy templates in each function's `Policies`, with parameters
 * resolved as far as the template allows (a parameter default of `*` makes the resource a
 * wildcard). Templates this tool does not know are left out.
 */
export function policyTemplateStatements(model: TemplateModel, resolver: Resolver = new Resolver(model)): TemplatePolicyStatement[] {
  const out: TemplatePolicyStatement[] = [];
  if (!model.isSam) return out;
  for (const res of model.resources) {
    if (res.type !== 'AWS::Serverless::Function' || !res.properties) continue;
    for (const item of listItems(get(res.properties, 'Policies'))) {
      if (!isMap(item) || item.entries.length !== 1 || intrinsicName(item)) continue;
      const entry = item.entries[0];
      const def = SAM_POLICY_TEMPLATES[entry.key];
      if (!def) continue;
      for (const st of def.statements) {
        const resources = st.resources.map((pattern): ExpandedResource => {
          if (pattern === '*') return { pattern, wildcard: true };
          const parameter = def.parameters.find((p) => pattern.includes(`\${${p}}`));
          if (!parameter) return { pattern, wildcard: false };
          const node = get(entry.value, parameter);
          return { pattern, parameter, node, wildcard: node !== undefined && resolver.mayBe(node, '*') };
        });
        out.push({ resource: res, template: entry.key, entry, item, actions: st.actions, resources });
      }
    }
  }
  return out;
}
