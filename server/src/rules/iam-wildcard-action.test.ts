import { rule } from './iam-wildcard-action';
import { run } from '../../../test/kit/rule-tester';

const SAM_HEADER = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
`;

run(rule, {
  valid: [
    {
      name: 'SAM function with specific actions',
      file: 'template.yaml',
      code: `${SAM_HEADER}  GetOrderFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: get-order.handler
      Runtime: nodejs20.x
      Policies:
        - DynamoDBReadPolicy:
            TableName: !Ref OrdersTable
        - Statement:
            - Effect: Allow
              Action:
                - dynamodb:GetItem
                - dynamodb:Query
              Resource: !GetAtt OrdersTable.Arn
`,
    },
    {
      name: 'a Deny statement with a wildcard narrows access',
      file: 'template.yaml',
      code: `${SAM_HEADER}  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - Statement:
            - Effect: Deny
              Action: 's3:*'
              Resource: '*'
              Condition:
                Bool: { 'aws:SecureTransport': false }
`,
    },
    {
      name: 'narrower wildcards are not this rule',
      file: 'template.json',
      code: `{
  "Resources": {
    "ReadRole": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "AssumeRolePolicyDocument": { "Statement": [ { "Effect": "Allow", "Principal": { "Service": "lambda.amazonaws.com" }, "Action": "sts:AssumeRole" } ] },
        "Policies": [ { "PolicyName": "read", "PolicyDocument": { "Statement": [ { "Effect": "Allow", "Action": ["s3:Get*", "s3:List*"], "Resource": "arn:aws:s3:::reports/*" } ] } } ]
      }
    }
  }
}
`,
    },
    {
      name: 'an Effect given by an intrinsic is unknown, not a finding',
      file: 'template.yaml',
      code: `${SAM_HEADER}  P:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: !If [IsProd, Deny, Allow]
            Action: '*'
            Resource: '*'
`,
    },
    {
      name: 'SAM policy templates expand to specific actions, even on a * table',
      file: 'template.yaml',
      code: `${SAM_HEADER}  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - DynamoDBCrudPolicy:
            TableName: '*'
        - SQSPollerPolicy: {QueueName: !GetAtt Queue.QueueName}
        - VPCAccessPolicy: {}
`,
    },
    {
      name: 'AWS::IAM::ManagedPolicy with scoped actions (JSON)',
      file: 'template.json',
      code: `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "ReadOrders": {
      "Type": "AWS::IAM::ManagedPolicy",
      "Properties": {
        "PolicyDocument": { "Statement": [ { "Effect": "Allow", "Action": ["dynamodb:GetItem"], "Resource": { "Fn::GetAtt": ["OrdersTable", "Arn"] } } ] }
      }
    }
  }
}
`,
    },
    {
      name: 'not a template: a Kubernetes manifest with the same words',
      file: 'deploy.yaml',
      code: `apiVersion: v1
kind: ConfigMap
data:
  Statement: |
    Effect: Allow
    Action: "*"
`,
    },
  ],
  invalid: [
    {
      name: 'SAM inline policy with service:* (YAML)',
      file: 'template.yaml',
      code: `${SAM_HEADER}  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Policies:
        - Statement:
            - Effect: Allow
              Action: dynamodb:*
              Resource: '*'
`,
      errors: [{ line: 11, column: 23, endLine: 11, endColumn: 33, message: "OrdersFunction's policy allows dynamodb:*", resource: 'OrdersFunction' }],
    },
    {
      name: 'SAM inline policy document as a single map, action list with "*"',
      file: 'template.yaml',
      code: `${SAM_HEADER}  AdminFunction:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        Version: '2012-10-17'
        Statement:
          Effect: Allow
          Action: [ "s3:GetObject", "*" ]
          Resource: "*"
`,
      errors: [{ line: 11, column: 37, endLine: 11, endColumn: 40, message: 'every action of every AWS service', resource: 'AdminFunction' }],
    },
    {
      name: 'CloudFormation role in JSON',
      file: 'stack.json',
      code: `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "OrdersRole": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "Policies": [
          {
            "PolicyName": "orders",
            "PolicyDocument": {
              "Statement": [ { "Effect": "Allow", "Action": ["sqs:*"], "Resource": "*" } ]
            }
          }
        ]
      }
    }
  }
}
`,
      errors: [{ line: 11, column: 62, endLine: 11, endColumn: 69, resource: 'OrdersRole' }],
    },
    {
      name: 'AWS::IAM::Policy with NotAction and a Condition',
      file: 'template.yml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  BroadPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: broad
      Roles: [!Ref AppRole]
      PolicyDocument:
        Statement:
          - Effect: Allow
            NotAction: iam:*
            Resource: '*'
          - Effect: Allow
            Action: 'kms:*'
            Resource: '*'
            Condition:
              StringEquals: { 'aws:RequestedRegion': eu-west-1 }
`,
      errors: [
        { line: 11, column: 13, endLine: 11, endColumn: 22, message: 'NotAction with Allow', resource: 'BroadPolicy' },
        { line: 14, column: 21, endLine: 14, endColumn: 28, message: 'a Condition narrows when it applies' },
      ],
    },
    {
      name: 'fix: dynamodb:* on the one table of the template becomes DynamoDBCrudPolicy (YAML)',
      file: 'template.yaml',
      code: `${SAM_HEADER}  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Policies:
        - AWSLambdaBasicExecutionRole
        - Statement:
            - Effect: Allow
              Action: dynamodb:*
              Resource: !GetAtt OrdersTable.Arn
  OrdersTable:
    Type: AWS::DynamoDB::Table
`,
      errors: [{ line: 12, column: 23, endLine: 12, endColumn: 33, message: "OrdersFunction's policy allows dynamodb:* — grant only the actions it calls" }],
      output: `${SAM_HEADER}  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Policies:
        - AWSLambdaBasicExecutionRole
        - DynamoDBCrudPolicy:
            TableName: !Ref OrdersTable
  OrdersTable:
    Type: AWS::DynamoDB::Table
`,
    },
    {
      name: 'fix: s3:* on the one bucket becomes S3CrudPolicy (JSON)',
      file: 'template.json',
      code: `{
  "Transform": "AWS::Serverless-2016-10-31",
  "Resources": {
    "UploadFunction": {
      "Type": "AWS::Serverless::Function",
      "Properties": {
        "Policies": [
          { "Statement": [ { "Effect": "Allow", "Action": "s3:*", "Resource": { "Fn::Sub": "\${UploadBucket.Arn}/*" } } ] }
        ]
      }
    },
    "UploadBucket": { "Type": "AWS::S3::Bucket" }
  }
}
`,
      errors: [{ line: 8, column: 59, endLine: 8, endColumn: 65, resource: 'UploadFunction' }],
      output: `{
  "Transform": "AWS::Serverless-2016-10-31",
  "Resources": {
    "UploadFunction": {
      "Type": "AWS::Serverless::Function",
      "Properties": {
        "Policies": [
          { "S3CrudPolicy": { "BucketName": { "Ref": "UploadBucket" } } }
        ]
      }
    },
    "UploadBucket": { "Type": "AWS::S3::Bucket" }
  }
}
`,
    },
    {
      name: 'fix: sns:* on a topic uses the topic name attribute',
      file: 'template.yaml',
      code: `${SAM_HEADER}  Notify:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - Statement: [{Effect: Allow, Action: 'sns:*', Resource: !Ref Alerts}]
  Alerts:
    Type: AWS::SNS::Topic
`,
      errors: [{ line: 8, column: 47, endLine: 8, endColumn: 54 }],
      output: `${SAM_HEADER}  Notify:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - SNSCrudPolicy:
            TopicName: !GetAtt Alerts.TopicName
  Alerts:
    Type: AWS::SNS::Topic
`,
    },
    {
      name: 'fix: Resource * names no table, so a placeholder action to fill in',
      file: 'template.yaml',
      code: `${SAM_HEADER}  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - Statement:
            - Effect: Allow
              Action: 'dynamodb:*'
              Resource: '*'
  OrdersTable:
    Type: AWS::DynamoDB::Table
`,
      errors: [{ line: 10, column: 23, endLine: 10, endColumn: 35 }],
      output: `${SAM_HEADER}  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - Statement:
            - Effect: Allow
              Action: 'dynamodb:<Action>'
              Resource: '*'
  OrdersTable:
    Type: AWS::DynamoDB::Table
`,
    },
    {
      name: 'fix: two tables in the template, so a placeholder; a Condition is noted',
      file: 'template.yaml',
      code: `${SAM_HEADER}  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - Statement:
            - Effect: Allow
              Action: dynamodb:*
              Resource: [!GetAtt OrdersTable.Arn, !GetAtt UsersTable.Arn]
              Condition:
                StringEquals: { 'aws:RequestedRegion': eu-west-1 }
  OrdersTable:
    Type: AWS::DynamoDB::Table
  UsersTable:
    Type: AWS::DynamoDB::Table
`,
      errors: [{ line: 10, column: 23, endLine: 10, endColumn: 33, message: 'a Condition narrows when it applies' }],
      output: `${SAM_HEADER}  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - Statement:
            - Effect: Allow
              Action: dynamodb:<Action>
              Resource: [!GetAtt OrdersTable.Arn, !GetAtt UsersTable.Arn]
              Condition:
                StringEquals: { 'aws:RequestedRegion': eu-west-1 }
  OrdersTable:
    Type: AWS::DynamoDB::Table
  UsersTable:
    Type: AWS::DynamoDB::Table
`,
    },
    {
      name: 'fix: "*" on a CloudFormation managed policy becomes a placeholder (JSON)',
      file: 'stack.json',
      code: `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "AppPolicy": {
      "Type": "AWS::IAM::ManagedPolicy",
      "Properties": {
        "PolicyDocument": { "Statement": [ { "Effect": "Allow", "Action": "*", "Resource": "*" } ] }
      }
    }
  }
}
`,
      errors: [{ line: 7, column: 75, endLine: 7, endColumn: 78, resource: 'AppPolicy', message: 'every action of every AWS service' }],
      output: `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "AppPolicy": {
      "Type": "AWS::IAM::ManagedPolicy",
      "Properties": {
        "PolicyDocument": { "Statement": [ { "Effect": "Allow", "Action": "<service>:<Action>", "Resource": "*" } ] }
      }
    }
  }
}
`,
    },
    {
      name: 'Fn::If: both branches are considered',
      file: 'template.yaml',
      code: `${SAM_HEADER}  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - Statement:
            - !If
              - IsDev
              - Effect: Allow
                Action: '*'
                Resource: '*'
              - Effect: Allow
                Action: logs:PutLogEvents
                Resource: '*'
`,
      errors: [{ line: 12, column: 25, endLine: 12, endColumn: 28 }],
    },
  ],
});
