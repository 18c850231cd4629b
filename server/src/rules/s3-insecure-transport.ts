/** s3-insecure-transport: a bucket whose policy does not deny requests made without TLS. */
import type { FixInput, Rule, RuleContext } from '../engine/rule';
import type { TemplateModel, TemplateResource } from '../models/template/model';
import type { MapNode } from '../models/template/nodes';
import { get, getPath, isSeq, str } from '../models/template/nodes';
import { Resolver } from '../models/template/resolve';
import { bucketPolicies, policyDocumentStatements } from './shared/template-buckets';
import type { FixValue } from './shared/template-edit';
import { TemplateEditor, freshId, getAtt, ref, sub } from './shared/template-edit';
import { listItems } from './shared/template-policies';
import { resourcesOfType } from './shared/template-refs';
import { CDK_CHECKS } from './cdk';

type Verdict = 'enforced' | 'partial' | 'none';

function deniesInsecureTransport(s: MapNode, resolver: Resolver): Verdict {
  if (str(get(s, 'Effect')) !== 'Deny') return 'none';
  const condition = get(s, 'Condition');
  const insecure = ['Bool', 'BoolIfExists'].some((op) => {
    const v = getPath(condition, op, 'aws:SecureTransport');
    return (resolver.values(v) ?? []).some((x) => x === false || String(x) === 'false');
  });
  if (!insecure) return 'none';
  const actions = listItems(get(s, 'Action')).map(str);
  return actions.some((a) => a === '*' || a === 's3:*') ? 'enforced' : 'partial';
}

function denyStatement(bucketId: string): FixValue {
  return {
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [getAtt(bucketId, 'Arn'), sub(`\${${bucketId}.Arn}/*`)],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}

function fixFor(model: TemplateModel, editor: TemplateEditor, bucket: TemplateResource, policies: TemplateResource[]): FixInput[] {
  if (policies.length === 1) {
    const statements = getPath(policies[0].properties, 'PolicyDocument', 'Statement');
    if (!isSeq(statements)) return [];
    return [{ title: `Deny requests to ${bucket.id} made without TLS`, edits: [editor.addToSeq(statements, denyStatement(bucket.id))] }];
  }
  if (policies.length > 1) return [];
  const policy: FixValue = {
    Type: 'AWS::S3::BucketPolicy',
    Properties: {
      Bucket: ref(bucket.id),
      PolicyDocument: { Version: '2012-10-17', Statement: [denyStatement(bucket.id)] },
    },
  };
  return [{ title: `Add a bucket policy that denies requests to ${bucket.id} made without TLS`, edits: [editor.addAfterEntry(bucket.entry, freshId(model, `${bucket.id}Policy`), policy)] }];
}

function checkTemplate(ctx: RuleContext<TemplateModel>): void {
  const resolver = new Resolver(ctx.model);
  const editor = new TemplateEditor(ctx.text, ctx.model);
  const policies = bucketPolicies(ctx.model, resolver);
  // A policy for a bucket we cannot identify may be the one that enforces TLS.
  if (policies.unknownTarget) return;
  for (const b of resourcesOfType(ctx.model, 'AWS::S3::Bucket')) {
    const mine = policies.byBucket.get(b.id) ?? [];
    let verdict: Verdict = 'none';
    let unknown = false;
    for (const p of mine) {
      const statements = policyDocumentStatements(p);
      if (statements === undefined) unknown = true;
      for (const s of statements ?? []) {
        const v = deniesInsecureTransport(s, resolver);
        if (v === 'enforced' || (v === 'partial' && verdict === 'none')) verdict = v;
      }
    }
    if (verdict === 'enforced' || unknown) continue;
    const message =
      verdict === 'partial'
        ? `${b.id}'s bucket policy denies only some actions without TLS — deny s3:* when aws:SecureTransport is false.`
        : mine.length > 0
          ? `${b.id}'s bucket policy does not deny requests made without TLS — add a Deny of s3:* when aws:SecureTransport is false.`
          : `${b.id} has no bucket policy denying requests made without TLS — add one with a Deny of s3:* when aws:SecureTransport is false.`;
    const fixes = verdict === 'none' ? fixFor(ctx.model, editor, b, mine) : [];
    ctx.report({ start: b.entry.keyStart, end: b.entry.keyEnd, resource: b.id, message, fixes });
  }
}

export const rule: Rule = {
  meta: {
    id: 's3-insecure-transport',
    title: 'S3 bucket that accepts requests without TLS',
    layer: 'Data',
    defaultSeverity: 'warning',
    explanation:
      'S3 still answers plain HTTP requests unless the bucket policy refuses them. A client, SDK setting or script that ' +
      'uses http:// sends credentials-signed requests and object data in the clear, where anyone on the path can read or ' +
      'alter them. A Deny statement on `aws:SecureTransport: false` makes TLS a property of the bucket rather than of ' +
      'every client that talks to it.',
    analogy:
      'Encryption in transit is the armoured carriage between the castle and the vault: the bucket policy should refuse ' +
      'anything that arrives in an open cart.',
    examples: [
      {
        frontEnd: 'cloudformation',
        bad: 'Reports:\n  Type: AWS::S3::Bucket',
        good: 'ReportsPolicy:\n  Type: AWS::S3::BucketPolicy\n  Properties:\n    Bucket: !Ref Reports\n    PolicyDocument:\n      Statement:\n        - Effect: Deny\n          Principal: "*"\n          Action: s3:*\n          Resource: [!GetAtt Reports.Arn, !Sub "${Reports.Arn}/*"]\n          Condition:\n            Bool: { aws:SecureTransport: "false" }',
      },
      {
        frontEnd: 'sam',
        bad: 'Uploads:\n  Type: AWS::S3::Bucket\n  Properties:\n    BucketName: !Sub uploads-${AWS::AccountId}',
        good: 'UploadsPolicy:\n  Type: AWS::S3::BucketPolicy\n  Properties:\n    Bucket: !Ref Uploads\n    PolicyDocument:\n      Statement:\n        - Sid: DenyInsecureTransport\n          Effect: Deny\n          Principal: "*"\n          Action: s3:*\n          Resource: [!GetAtt Uploads.Arn, !Sub "${Uploads.Arn}/*"]\n          Condition: { Bool: { aws:SecureTransport: "false" } }',
      },
      {
        frontEnd: 'cdk',
        bad: "new s3.Bucket(this, 'Reports');",
        good: "new s3.Bucket(this, 'Reports', { enforceSSL: true });",
      },
    ],
    fixSummary: 'Adds a Deny statement for requests without TLS to the bucket\'s policy, or a new AWS::S3::BucketPolicy beside the bucket.',
    whenNotToUse: 'Buckets whose policy is managed in another stack (suppress with that reason).',
  },
  checkTemplate,
  checkCode: CDK_CHECKS['s3-insecure-transport'],
};
