import type { InvalidCase, ValidCase } from '../../../../test/kit/rule-tester';
import { runCdk } from '../../../../test/kit/cdk';

const HEAD = `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
`;

const stack = (body: string): string => `${HEAD}
export class MsgStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
${body}  }
}
`;

const QUEUE = stack(`    new sqs.Queue(this, 'Jobs', { encryption: sqs.QueueEncryption.UNENCRYPTED });
`);

export const CASES: { valid: ValidCase[]; invalid: InvalidCase[] } = {
  valid: [
    {
      name: 'a topic with a KMS key; queues are encrypted by default',
      file: 'lib/msg.ts',
      code: stack(`    const key = new kms.Key(this, 'Key', { enableKeyRotation: true });
    new sns.Topic(this, 'Events', { masterKey: key });
    new sqs.Queue(this, 'Jobs');
    new sqs.Queue(this, 'Audit', { encryption: sqs.QueueEncryption.KMS_MANAGED });
`),
    },
  ],
  invalid: [
    {
      name: 'an SNS topic without a key',
      file: 'lib/msg.ts',
      code: stack(`    new sns.Topic(this, 'Events', { displayName: 'order events' });
`),
      errors: [{ line: 10, column: 25, endLine: 10, endColumn: 33, message: 'Events keeps messages unencrypted at rest', resource: 'Events' }],
    },
    {
      name: 'an SQS queue with QueueEncryption.UNENCRYPTED (the fix uses SQS-managed)',
      file: 'lib/msg.ts',
      code: QUEUE,
      errors: [{ line: 10, column: 47, endLine: 10, endColumn: 78, resource: 'Jobs' }],
      output: QUEUE.replace('UNENCRYPTED', 'SQS_MANAGED'),
    },
    {
      name: 'CfnQueue with sqsManagedSseEnabled: false and CfnTopic without a key',
      file: 'lib/raw.ts',
      code: `import { Stack, aws_sqs as sqs, aws_sns as sns } from 'aws-cdk-lib';
export class RawStack extends Stack {
  constructor() {
    super();
    new sqs.CfnQueue(this, 'RawQueue', { sqsManagedSseEnabled: false });
    new sns.CfnTopic(this, 'RawTopic', {});
  }
}
`,
      errors: [
        { line: 5, column: 64, endLine: 5, endColumn: 69, resource: 'RawQueue' },
        { line: 6, column: 28, endLine: 6, endColumn: 38, resource: 'RawTopic' },
      ],
    },
  ],
};

runCdk('unencrypted-messaging', CASES);
