import { rule } from './unencrypted-messaging';
import { run } from '../../../test/kit/rule-tester';

run(rule, {
  valid: [
    {
      name: 'a queue is encrypted by default; an SNS topic with a key; a queue with its own key',
      file: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Jobs:
    Type: AWS::SQS::Queue
  Keyed:
    Type: AWS::SQS::Queue
    Properties: { SqsManagedSseEnabled: false, KmsMasterKeyId: !Ref QueueKey }
  Events:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: !Ref TopicKey
`,
    },
    {
      name: 'SqsManagedSseEnabled from a parameter without default is unknown (JSON)',
      file: 'template.json',
      code: `{
  "Parameters": { "Sse": { "Type": "String" } },
  "Resources": { "Q": { "Type": "AWS::SQS::Queue", "Properties": { "SqsManagedSseEnabled": { "Ref": "Sse" } } } }
}
`,
    },
  ],
  invalid: [
    {
      name: 'SNS topic without a key: the fix adds alias/aws/sns',
      file: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  OrderEvents:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: order-events
`,
      errors: [{ line: 3, column: 3, endLine: 3, endColumn: 14, message: 'OrderEvents stores messages without encryption at rest', resource: 'OrderEvents' }],
      output: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  OrderEvents:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: order-events
      KmsMasterKeyId: alias/aws/sns
`,
    },
    {
      name: 'SNS topic without Properties in JSON: the fix adds them',
      file: 'template.json',
      code: `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Alerts": {
      "Type": "AWS::SNS::Topic"
    }
  }
}
`,
      errors: [{ line: 4, column: 5, endLine: 4, endColumn: 13, resource: 'Alerts' }],
      output: `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Alerts": {
      "Type": "AWS::SNS::Topic",
      "Properties": {
        "KmsMasterKeyId": "alias/aws/sns"
      }
    }
  }
}
`,
    },
    {
      name: 'SQS queue with SqsManagedSseEnabled: false and no key (SAM): the fix turns it back on',
      file: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Resources:
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      SqsManagedSseEnabled: false
`,
      errors: [{ line: 6, column: 29, endLine: 6, endColumn: 34, message: 'Jobs turns off server-side encryption' }],
      output: `Transform: AWS::Serverless-2016-10-31
Resources:
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      SqsManagedSseEnabled: true
`,
    },
  ],
});
