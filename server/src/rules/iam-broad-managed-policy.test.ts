import { rule } from './iam-broad-managed-policy';
import { run } from '../../../test/kit/rule-tester';

const SAM = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
`;

run(rule, {
  valid: [
    {
      name: 'SAM function with the basic execution role, read-only and scoped templates',
      file: 'template.yaml',
      code: `${SAM}  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - AWSLambdaBasicExecutionRole
        - AmazonDynamoDBReadOnlyAccess
        - DynamoDBCrudPolicy: { TableName: !Ref T }
        - !Ref SomeManagedPolicy
`,
    },
    {
      name: 'CloudFormation role with a customer policy named like FullAccess and an AWS service-role policy (JSON)',
      file: 'template.json',
      code: `{
  "Resources": {
    "R": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "ManagedPolicyArns": [
          "arn:aws:iam::123456789012:policy/OrdersFullAccess",
          { "Fn::Sub": "arn:\${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole" },
          { "Fn::ImportValue": "shared-policy-arn" }
        ]
      }
    }
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'SAM Policies: a bare AdministratorAccess and AmazonDynamoDBFullAccess',
      file: 'template.yaml',
      code: `${SAM}  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - AdministratorAccess
        - AmazonDynamoDBFullAccess
`,
      errors: [
        { line: 8, column: 11, endLine: 8, endColumn: 30, resource: 'OrdersFunction', message: 'OrdersFunction has the AWS managed policy AdministratorAccess, which allows every action on every resource' },
        { line: 9, column: 11, endLine: 9, endColumn: 35, message: 'use DynamoDBCrudPolicy or DynamoDBReadPolicy on the table' },
      ],
    },
    {
      name: 'SAM Policies as a single string ARN',
      file: 'template.yaml',
      code: `${SAM}  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Policies: arn:aws:iam::aws:policy/PowerUserAccess
`,
      errors: [{ line: 7, column: 17, endLine: 7, endColumn: 56, message: 'PowerUserAccess' }],
    },
    {
      name: 'role ManagedPolicyArns with !Sub and the partition, IAMFullAccess (YAML, plain CloudFormation)',
      file: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      ManagedPolicyArns:
        - !Sub arn:\${AWS::Partition}:iam::aws:policy/IAMFullAccess
        - !Sub 'arn:\${AWS::Partition}:iam::aws:policy/AWSLambda_FullAccess'
`,
      errors: [
        { line: 7, column: 11, endLine: 7, endColumn: 67, resource: 'AppRole', message: 'role AppRole has the AWS managed policy IAMFullAccess, which allows every IAM action' },
        { line: 8, column: 11, endLine: 8, endColumn: 76, message: 'LambdaInvokePolicy' },
      ],
    },
    {
      name: 'JSON role with an AmazonS3FullAccess ARN',
      file: 'stack.json',
      code: `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Role": { "Type": "AWS::IAM::Role", "Properties": { "ManagedPolicyArns": ["arn:aws:iam::aws:policy/AmazonS3FullAccess"] } }
  }
}
`,
      errors: [{ line: 4, column: 79, endLine: 4, endColumn: 123, message: 'S3CrudPolicy' }],
    },
  ],
});
