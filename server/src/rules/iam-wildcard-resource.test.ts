import { rule } from './iam-wildcard-resource';
import { run } from '../../../test/kit/rule-tester';

const SAM = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
`;

run(rule, {
  valid: [
    {
      name: 'actions that only accept * (X-Ray, CloudWatch metrics) on *',
      file: 'template.yaml',
      code: `${SAM}  TracedFunction:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - Statement:
            - Effect: Allow
              Action: [xray:PutTraceSegments, xray:PutTelemetryRecords, cloudwatch:PutMetricData]
              Resource: '*'
        - CloudWatchPutMetricPolicy: {}
        - VPCAccessPolicy: {}
`,
    },
    {
      name: 'star-only actions of a CloudFormation role (JSON): ENIs, ListAllMyBuckets, DescribeLogGroups, GetCallerIdentity, ListAliases',
      file: 'template.json',
      code: `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "VpcRole": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "Policies": [ { "PolicyName": "vpc", "PolicyDocument": { "Statement": [ {
          "Effect": "Allow",
          "Action": ["ec2:DescribeNetworkInterfaces", "ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "s3:ListAllMyBuckets",
                     "logs:DescribeLogGroups", "sts:GetCallerIdentity", "kms:ListAliases", "ec2:Describe*"],
          "Resource": "*"
        } ] } } ]
      }
    }
  }
}
`,
    },
    {
      name: 'a Deny statement on * is not a finding',
      file: 'template.yaml',
      code: `${SAM}  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - Statement:
            - Effect: Deny
              Action: dynamodb:DeleteTable
              Resource: '*'
`,
    },
    {
      name: 'scoped ARNs, policy templates on named resources, unknown intrinsics',
      file: 'template.yaml',
      code: `${SAM}Parameters:
  QueueArn: { Type: String }
  TableName: { Type: String, Default: orders }
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - DynamoDBCrudPolicy: { TableName: !Ref TableName }
        - SQSPollerPolicy: { QueueName: !ImportValue shared-queue-name }
        - Statement:
            - Effect: Allow
              Action: sqs:SendMessage
              Resource: [!Ref QueueArn, !ImportValue other-queue-arn]
            - Effect: Allow
              Action: s3:GetObject
              Resource: !Sub 'arn:\${AWS::Partition}:s3:::reports-\${AWS::AccountId}/*'
`.replace('Resources:\n', ''),
    },
    {
      name: 'an Effect given by an intrinsic is unknown',
      file: 'template.yaml',
      code: `${SAM}  P:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: !If [IsProd, Deny, Allow]
            Action: s3:GetObject
            Resource: '*'
`,
    },
  ],
  invalid: [
    {
      name: 'SAM statement on *, one table in the template: scoped to its ARN',
      file: 'template.yaml',
      code: `${SAM}  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - Statement:
            - Effect: Allow
              Action: [dynamodb:GetItem, dynamodb:PutItem]
              Resource: '*'
  OrdersTable:
    Type: AWS::DynamoDB::Table
`,
      errors: [{ line: 11, column: 25, endLine: 11, endColumn: 28, resource: 'OrdersFunction', message: "OrdersFunction's policy allows dynamodb:GetItem, dynamodb:PutItem on every resource (*)" }],
      output: `${SAM}  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - Statement:
            - Effect: Allow
              Action: [dynamodb:GetItem, dynamodb:PutItem]
              Resource: !GetAtt OrdersTable.Arn
  OrdersTable:
    Type: AWS::DynamoDB::Table
`,
    },
    {
      name: 'a statement mixing star-only and scoped actions reports only the scoped ones, and a Condition is noted',
      file: 'template.yaml',
      code: `${SAM}  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - Statement:
            - Effect: Allow
              Action: [xray:PutTraceSegments, sqs:SendMessage]
              Resource: "*"
              Condition: { StringEquals: { 'aws:RequestedRegion': eu-west-1 } }
`,
      errors: [{ line: 11, column: 25, endLine: 11, endColumn: 28, message: 'allows sqs:SendMessage on every resource (*) (its Condition limits when, not what)' }],
    },
    {
      name: 'CloudFormation role in JSON: sqs:SendMessage on "*", one queue',
      file: 'stack.json',
      code: `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "SenderRole": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "Policies": [ { "PolicyName": "send", "PolicyDocument": { "Statement": [ { "Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*" } ] } } ]
      }
    },
    "OrdersQueue": { "Type": "AWS::SQS::Queue" }
  }
}
`,
      errors: [{ line: 7, column: 144, endLine: 7, endColumn: 147, resource: 'SenderRole' }],
      output: `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "SenderRole": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "Policies": [ { "PolicyName": "send", "PolicyDocument": { "Statement": [ { "Effect": "Allow", "Action": "sqs:SendMessage", "Resource": { "Fn::GetAtt": ["OrdersQueue", "Arn"] } } ] } } ]
      }
    },
    "OrdersQueue": { "Type": "AWS::SQS::Queue" }
  }
}
`,
    },
    {
      name: 'S3 bucket and object actions on * in a list: the bucket and its objects',
      file: 'template.yaml',
      code: `${SAM}  ReportsFunction:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - Statement:
            - Effect: Allow
              Action:
                - s3:ListBucket
                - s3:GetObject
              Resource:
                - '*'
  ReportsBucket:
    Type: AWS::S3::Bucket
`,
      errors: [{ line: 14, column: 19, endLine: 14, endColumn: 22 }],
      output: `${SAM}  ReportsFunction:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - Statement:
            - Effect: Allow
              Action:
                - s3:ListBucket
                - s3:GetObject
              Resource:
                - !GetAtt ReportsBucket.Arn
                - !Sub '\${ReportsBucket.Arn}/*'
  ReportsBucket:
    Type: AWS::S3::Bucket
`,
    },
    {
      name: 'two tables in the template: a placeholder ARN',
      file: 'template.yaml',
      code: `${SAM}  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - Statement:
            - Effect: Allow
              Action: dynamodb:Query
              Resource: '*'
  A:
    Type: AWS::DynamoDB::Table
  B:
    Type: AWS::DynamoDB::Table
`,
      errors: [{ line: 11, column: 25, endLine: 11, endColumn: 28 }],
      output: `${SAM}  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - Statement:
            - Effect: Allow
              Action: dynamodb:Query
              Resource: !Sub 'arn:\${AWS::Partition}:dynamodb:\${AWS::Region}:\${AWS::AccountId}:<table>'
  A:
    Type: AWS::DynamoDB::Table
  B:
    Type: AWS::DynamoDB::Table
`,
    },
    {
      name: 'policy template with TableName * and one table: !Ref the table',
      file: 'template.yaml',
      code: `${SAM}  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - DynamoDBReadPolicy:
            TableName: '*'
  OrdersTable:
    Type: AWS::Serverless::SimpleTable
`,
      errors: [{ line: 9, column: 24, endLine: 9, endColumn: 27, message: "Fn's DynamoDBReadPolicy has TableName '*', which grants it on every table" }],
      output: `${SAM}  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - DynamoDBReadPolicy:
            TableName: !Ref OrdersTable
  OrdersTable:
    Type: AWS::Serverless::SimpleTable
`,
    },
    {
      name: 'policy template in JSON with BucketName "*" and no bucket: a placeholder name',
      file: 'template.json',
      code: `{
  "Transform": ["AWS::Serverless-2016-10-31"],
  "Resources": {
    "Fn": { "Type": "AWS::Serverless::Function", "Properties": { "Policies": [ { "S3ReadPolicy": { "BucketName": "*" } } ] } }
  }
}
`,
      errors: [{ line: 4, column: 114, endLine: 4, endColumn: 117, resource: 'Fn' }],
      output: `{
  "Transform": ["AWS::Serverless-2016-10-31"],
  "Resources": {
    "Fn": { "Type": "AWS::Serverless::Function", "Properties": { "Policies": [ { "S3ReadPolicy": { "BucketName": "<BucketName>" } } ] } }
  }
}
`,
    },
    {
      name: 'a parameter default of * makes the template name a wildcard (reported on the !Ref)',
      file: 'template.yaml',
      code: `${SAM}Parameters:
  QueueName: { Type: String, Default: '*' }
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - SQSSendMessagePolicy: { QueueName: !Ref QueueName }
        - Statement: { Effect: Allow, Action: sqs:DeleteMessage, Resource: !If [Prod, !Ref QueueArn, '*'] }
`.replace('Resources:\n', ''),
      errors: [
        { line: 10, column: 46, endLine: 10, endColumn: 60, message: "SQSSendMessagePolicy has QueueName '*'" },
        { line: 11, column: 102, endLine: 11, endColumn: 105 },
      ],
    },
    {
      name: 'S3 object action on "*" with no bucket in the template: a placeholder bucket ARN (JSON, SAM)',
      file: 'template.json',
      code: `{
  "Transform": "AWS::Serverless-2016-10-31",
  "Resources": {
    "Fn": { "Type": "AWS::Serverless::Function", "Properties": { "Policies": [ { "Statement": [ { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" } ] } ] } }
  }
}
`,
      errors: [{ line: 4, column: 156, endLine: 4, endColumn: 159 }],
      output: `{
  "Transform": "AWS::Serverless-2016-10-31",
  "Resources": {
    "Fn": { "Type": "AWS::Serverless::Function", "Properties": { "Policies": [ { "Statement": [ { "Effect": "Allow", "Action": "s3:GetObject", "Resource": { "Fn::Sub": "arn:\${AWS::Partition}:s3:::<bucket>" } } ] } ] } }
  }
}
`,
    },
    {
      name: 'NotResource with Allow',
      file: 'template.yml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  P:
    Type: AWS::IAM::Policy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            NotResource: arn:aws:s3:::secrets/*
`,
      errors: [{ line: 10, column: 13, endLine: 10, endColumn: 24, message: 'NotResource with Allow' }],
    },
  ],
});
