import { rule } from './encryption-default-key';
import { run } from '../../../test/kit/rule-tester';

run(rule, {
  valid: [
    {
      name: 'a table with a customer key; a function with KmsKeyArn from Globals; a function without variables',
      file: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    KmsKeyArn: !GetAtt DataKey.Arn
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      SSESpecification: { SSEEnabled: true, SSEType: KMS, KMSMasterKeyId: !Ref DataKey }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Environment: { Variables: { TABLE: !Ref Orders } }
  Bare:
    Type: AWS::Lambda::Function
    Properties: { Runtime: nodejs20.x }
`,
    },
  ],
  invalid: [
    {
      name: 'tables with the AWS owned key, SSEEnabled false, and the AWS managed key by alias',
      file: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Plain:
    Type: AWS::DynamoDB::Table
  Off:
    Type: AWS::DynamoDB::Table
    Properties:
      SSESpecification: { SSEEnabled: false }
  Managed:
    Type: AWS::DynamoDB::Table
    Properties:
      SSESpecification:
        SSEEnabled: true
        KMSMasterKeyId: alias/aws/dynamodb
`,
      errors: [
        { line: 3, column: 3, endLine: 3, endColumn: 8, message: 'Plain is encrypted with the AWS owned key', resource: 'Plain' },
        { line: 8, column: 39, endLine: 8, endColumn: 44, message: 'Off is encrypted with the AWS owned key' },
        { line: 14, column: 25, endLine: 14, endColumn: 43, message: 'Managed is encrypted with the AWS managed key (alias/aws/dynamodb)' },
      ],
    },
    {
      name: 'Lambda environment variables without KmsKeyArn (JSON)',
      file: 'template.json',
      code: `{
  "Resources": {
    "Worker": { "Type": "AWS::Lambda::Function", "Properties": { "Environment": { "Variables": { "QUEUE_URL": { "Ref": "Queue" } } } } }
  }
}
`,
      errors: [{ line: 3, column: 5, endLine: 3, endColumn: 13, message: "Worker's environment variables are encrypted with the AWS managed key", resource: 'Worker' }],
    },
  ],
});
