/** s3-public-access: a bucket that a template makes public, or lets become public. */
import type { FixInput, Rule, RuleContext } from '../engine/rule';
import type { TemplateModel, TemplateResource } from '../models/template/model';
import type { MapNode, TNode } from '../models/template/nodes';
import { entry, get, intrinsicName, isMap, isScalar, str } from '../models/template/nodes';
import { Resolver } from '../models/template/resolve';
import { bucketPolicies, policyDocumentStatements } from './shared/template-buckets';
import { TemplateEditor } from './shared/template-edit';
import { listItems } from './shared/template-policies';
import { resourcesOfType } from './shared/template-refs';
import { CDK_CHECKS } from './cdk';

const FLAGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;
const POLICY_FLAGS = new Set(['BlockPublicPolicy', 'RestrictPublicBuckets']);
const PUBLIC_ACLS: Record<string, string> = {
  PublicRead: 'anyone on the internet can list and read its objects',
  PublicReadWrite: 'anyone on the internet can list, read, overwrite and delete its objects',
  AuthenticatedRead: 'anyone with any AWS account can list and read its objects',
};

interface Off {
  flag: string;
  /** The `false` value, or undefined when the flag is left out (which means false). */
  node?: TNode;
}

/** The flags a PublicAccessBlockConfiguration turns off; undefined when unknown. */
function disabledFlags(pab: TNode, resolver: Resolver): Off[] | undefined {
  if (!isMap(pab) || intrinsicName(pab)) return undefined;
  const off: Off[] = [];
  for (const flag of FLAGS) {
    const e = entry(pab, flag);
    if (!e) {
      off.push({ flag });
      continue;
    }
    const vs = resolver.values(e.value);
    if (vs === undefined) continue; // unknown: not a finding by itself
    if (vs.some((v) => v === false || v === 'false')) off.push({ flag, node: e.value });
  }
  return off;
}

function isPublicPrincipal(p: TNode | undefined): boolean {
  if (isScalar(p)) return str(p) === '*';
  return listItems(get(p, 'AWS')).some((x) => str(x) === '*');
}

/** A policy statement allowing everyone, with no Condition that narrows who. */
function publicGrant(policies: TemplateResource[]): { policy: TemplateResource; actions: string } | undefined {
  for (const policy of policies) {
    for (const s of policyDocumentStatements(policy) ?? []) {
      if (str(get(s, 'Effect')) !== 'Allow' || !isPublicPrincipal(get(s, 'Principal')) || get(s, 'Condition') !== undefined) continue;
      const actions = listItems(get(s, 'Action')).map(str).filter((a): a is string => a !== undefined);
      return { policy, actions: actions.join(', ') || 'access' };
    }
  }
  return undefined;
}

function blockFix(editor: TemplateEditor, pab: MapNode, off: Off[]): FixInput[] {
  const edits = off.filter((o) => o.node && isScalar(o.node)).map((o) => editor.replace(o.node!, true));
  const missing = off.filter((o) => !o.node);
  if (missing.length > 0) edits.push(editor.addToMap(pab, Object.fromEntries(missing.map((o) => [o.flag, true]))));
  return edits.length > 0 ? [{ title: 'Turn Block Public Access back on', edits }] : [];
}

function checkTemplate(ctx: RuleContext<TemplateModel>): void {
  const resolver = new Resolver(ctx.model);
  const editor = new TemplateEditor(ctx.text, ctx.model);
  const policies = bucketPolicies(ctx.model, resolver);
  for (const b of resourcesOfType(ctx.model, 'AWS::S3::Bucket')) {
    const props = b.properties;
    const acl = get(props, 'AccessControl');
    for (const value of resolver.values(acl) ?? []) {
      const what = PUBLIC_ACLS[String(value)];
      if (!what || !acl) continue;
      ctx.report({
        start: acl.start,
        end: acl.end,
        resource: b.id,
        message: `${b.id} grants the ${String(value)} canned ACL: ${what} — remove it and serve public content through CloudFront with origin access control.`,
      });
      break;
    }

    const pabEntry = entry(props, 'PublicAccessBlockConfiguration');
    if (!pabEntry) continue; // new buckets block public access by default (since April 2023)
    const off = disabledFlags(pabEntry.value, resolver);
    if (!off || off.length === 0) continue;
    const grant = publicGrant(policies.byBucket.get(b.id) ?? []);
    const policyOff = off.filter((o) => POLICY_FLAGS.has(o.flag));
    const main = (grant && policyOff.length > 0 ? policyOff : off).find((o) => o.node) ?? (grant && policyOff.length > 0 ? policyOff[0] : off[0]);
    const at = main.node ? { start: main.node.start, end: main.node.end } : { start: pabEntry.keyStart, end: pabEntry.keyEnd };
    const left = off.filter((o) => !o.node).map((o) => o.flag);
    const names = off.map((o) => o.flag).join(', ');
    const leftNote = left.length > 0 ? ` (${left.join(', ')} ${left.length === 1 ? 'is' : 'are'} left out, which means false)` : '';
    const message =
      grant && policyOff.length > 0
        ? `${b.id} turns off Block Public Access (${names})${leftNote} and its bucket policy ${grant.policy.id} allows ${grant.actions} to everyone, so the bucket is public — keep the block on and serve public content through CloudFront with origin access control.`
        : `${b.id} turns off Block Public Access (${names})${leftNote}, so a bucket policy or ACL can make it public — set all four to true unless the bucket must be public.`;
    const fixes = isMap(pabEntry.value) ? blockFix(editor, pabEntry.value, off) : [];
    ctx.report({ ...at, resource: b.id, message, fixes });
  }
}

export const rule: Rule = {
  meta: {
    id: 's3-public-access',
    title: 'S3 bucket that is or can become public',
    layer: 'Data',
    defaultSeverity: 'error',
    explanation:
      'Since April 2023 a new S3 bucket blocks public access and disables ACLs by default, so a bucket becomes public only ' +
      'where its template says so: by turning settings of PublicAccessBlockConfiguration off (a setting left out of that ' +
      'block counts as off), by granting a public canned ACL, or by a bucket policy that allows everyone once the block is ' +
      'off. Public buckets are among the most common causes of data leaks. Content that must be public is better served ' +
      'through CloudFront with origin access control, which keeps the bucket itself private.',
    analogy:
      'Encrypted, private storage is the castle\'s vault. Turning off Block Public Access is leaving the vault door ' +
      'unlocked: it only takes one note on the door (a policy or ACL) to let everyone in.',
    examples: [
      {
        frontEnd: 'cloudformation',
        bad: 'Assets:\n  Type: AWS::S3::Bucket\n  Properties:\n    PublicAccessBlockConfiguration:\n      BlockPublicPolicy: false\n      RestrictPublicBuckets: false',
        good: 'Assets:\n  Type: AWS::S3::Bucket\n  Properties:\n    PublicAccessBlockConfiguration:\n      BlockPublicAcls: true\n      IgnorePublicAcls: true\n      BlockPublicPolicy: true\n      RestrictPublicBuckets: true',
      },
      {
        frontEnd: 'sam',
        bad: 'Site:\n  Type: AWS::S3::Bucket\n  Properties:\n    AccessControl: PublicRead',
        good: 'Site:\n  Type: AWS::S3::Bucket\n# served through a CloudFront distribution with origin access control',
      },
      {
        frontEnd: 'cdk',
        bad: "new s3.Bucket(this, 'Site', { publicReadAccess: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS });",
        good: "new s3.Bucket(this, 'Site', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });",
      },
    ],
    fixSummary: 'Sets every Block Public Access setting of the bucket back to true (adding those left out).',
    whenNotToUse: 'A bucket that must be public on purpose (a public dataset) and cannot sit behind CloudFront: suppress with the reason.',
  },
  checkTemplate,
  checkCode: CDK_CHECKS['s3-public-access'],
};
