import { rule } from './resource-policy-public';
import { run } from '../../../test/kit/rule-tester';

const SAM = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
`;

run(rule, {
  valid: [
    {
      name: 'Lambda permissions pinned to a source, an account principal, an org',
      file: 'template.yaml',
      code: `${SAM}  FromS3:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !Ref Fn
      Principal: s3.amazonaws.com
      SourceAccount: !Ref AWS::AccountId
  FromPartner:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !Ref Fn
      Principal: '123456789012'
  FromOrg:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !Ref Fn
      Principal: '*'
      PrincipalOrgID: o-abc123
  FromUnknown:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !Ref Fn
      Principal: !ImportValue caller-principal
`,
    },
    {
      name: 'queue policy with * restricted by aws:SourceArn; Deny with *; bucket policy for one account (JSON)',
      file: 'template.json',
      code: `{
  "Resources": {
    "QP": { "Type": "AWS::SQS::QueuePolicy", "Properties": { "Queues": [{ "Ref": "Q" }], "PolicyDocument": { "Statement": [
      { "Effect": "Allow", "Principal": { "AWS": "*" }, "Action": "sqs:SendMessage", "Resource": "*", "Condition": { "ArnEquals": { "aws:SourceArn": { "Ref": "T" } } } },
      { "Effect": "Deny", "Principal": "*", "Action": "sqs:*", "Resource": "*", "Condition": { "Bool": { "aws:SecureTransport": "false" } } }
    ] } } },
    "BP": { "Type": "AWS::S3::BucketPolicy", "Properties": { "Bucket": { "Ref": "B" }, "PolicyDocument": { "Statement": [
      { "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::123456789012:root" }, "Action": "s3:GetObject", "Resource": "*" }
    ] } } }
  }
}
`,
    },
    {
      name: 'SAM API resource policy limited to a VPC endpoint',
      file: 'template.yaml',
      code: `${SAM}  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Auth:
        ResourcePolicy:
          CustomStatements:
            - Effect: Allow
              Principal: '*'
              Action: execute-api:Invoke
              Resource: execute-api:/*
              Condition:
                StringEquals: { 'aws:SourceVpce': vpce-1234 }
`,
    },
  ],
  invalid: [
    {
      name: 'Lambda permission with Principal * for a public function URL',
      file: 'template.yaml',
      code: `${SAM}  UrlPermission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunctionUrl
      FunctionName: !Ref Fn
      FunctionUrlAuthType: NONE
      Principal: '*'
`,
      errors: [{ line: 10, column: 18, endLine: 10, endColumn: 21, resource: 'UrlPermission', message: 'with FunctionUrlAuthType NONE this makes the function URL public' }],
    },
    {
      name: 'service principal without SourceArn: one SNS topic in the template (YAML fix)',
      file: 'template.yaml',
      code: `${SAM}  Alerts:
    Type: AWS::SNS::Topic
  FromSns:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !GetAtt Fn.Arn
      Principal: sns.amazonaws.com
`,
      errors: [{ line: 11, column: 18, endLine: 11, endColumn: 35, resource: 'FromSns', message: 'no SourceArn or SourceAccount' }],
      output: `${SAM}  Alerts:
    Type: AWS::SNS::Topic
  FromSns:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !GetAtt Fn.Arn
      SourceAccount: !Ref AWS::AccountId
      SourceArn: !Ref Alerts
      Principal: sns.amazonaws.com
`,
    },
    {
      name: 'service principal in JSON: S3 gets a placeholder bucket ARN',
      file: 'stack.json',
      code: `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "FromS3": {
      "Type": "AWS::Lambda::Permission",
      "Properties": {
        "Action": "lambda:InvokeFunction",
        "FunctionName": { "Ref": "Resize" },
        "Principal": "s3.amazonaws.com"
      }
    }
  }
}
`,
      errors: [{ line: 9, column: 22, endLine: 9, endColumn: 40 }],
      output: `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "FromS3": {
      "Type": "AWS::Lambda::Permission",
      "Properties": {
        "Action": "lambda:InvokeFunction",
        "FunctionName": { "Ref": "Resize" },
        "SourceAccount": { "Ref": "AWS::AccountId" },
        "SourceArn": { "Fn::Sub": "arn:\${AWS::Partition}:s3:::<bucket-name>" },
        "Principal": "s3.amazonaws.com"
      }
    }
  }
}
`,
    },
    {
      name: 'API Gateway principal in a flow map: the one REST API of the template',
      file: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  OrdersApi:
    Type: AWS::ApiGateway::RestApi
  P:
    Type: AWS::Lambda::Permission
    Properties: {Action: lambda:InvokeFunction, FunctionName: !Ref Fn, Principal: apigateway.amazonaws.com}
`,
      errors: [{ line: 7, column: 83, endLine: 7, endColumn: 107 }],
      output: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  OrdersApi:
    Type: AWS::ApiGateway::RestApi
  P:
    Type: AWS::Lambda::Permission
    Properties: {Action: lambda:InvokeFunction, FunctionName: !Ref Fn, SourceAccount: !Ref AWS::AccountId, SourceArn: !Sub 'arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${OrdersApi}/*', Principal: apigateway.amazonaws.com}
`,
    },
    {
      name: 'bucket, queue and topic policies open to *, and NotPrincipal with Allow',
      file: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  SitePolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Site
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: '*'
            Action: s3:GetObject
            Resource: !Sub '\${Site.Arn}/*'
            Condition: { Bool: { 'aws:SecureTransport': true } }
  QueuePolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Q]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { AWS: ['arn:aws:iam::123456789012:root', '*'] }
            Action: [sqs:SendMessage, sqs:ReceiveMessage]
            Resource: '*'
  TopicPolicy:
    Type: AWS::SNS::TopicPolicy
    Properties:
      Topics: [!Ref T]
      PolicyDocument:
        Statement:
          - Effect: Allow
            NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' }
            Action: sns:Publish
            Resource: '*'
`,
      errors: [
        { line: 10, column: 24, endLine: 10, endColumn: 27, resource: 'SitePolicy', message: "SitePolicy's policy allows anyone (Principal *) to use s3:GetObject" },
        { line: 21, column: 66, endLine: 21, endColumn: 69, resource: 'QueuePolicy', message: 'sqs:SendMessage, sqs:ReceiveMessage' },
        { line: 31, column: 13, endLine: 31, endColumn: 25, resource: 'TopicPolicy', message: 'NotPrincipal with Allow' },
      ],
    },
    {
      name: 'SAM API (implicit, through Globals) with a public custom statement; a public layer (JSON)',
      file: 'template.json',
      code: `{
  "Transform": "AWS::Serverless-2016-10-31",
  "Globals": { "Api": { "Auth": { "ResourcePolicy": { "CustomStatements": [ { "Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*" } ] } } } },
  "Resources": {
    "Fn": { "Type": "AWS::Serverless::Function", "Properties": { "Events": { "Get": { "Type": "Api", "Properties": { "Path": "/", "Method": "get" } } } } },
    "Layer": { "Type": "AWS::Lambda::LayerVersionPermission", "Properties": { "Action": "lambda:GetLayerVersion", "LayerVersionArn": { "Ref": "L" }, "Principal": "*" } }
  }
}
`,
      errors: [
        { line: 3, column: 111, endLine: 3, endColumn: 114, resource: 'ServerlessRestApi', message: 'execute-api:Invoke' },
        { line: 6, column: 163, endLine: 6, endColumn: 166, resource: 'Layer', message: 'every AWS account' },
      ],
    },
  ],
});
