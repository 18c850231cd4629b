import { rule } from './s3-insecure-transport';
import { run } from '../../../test/kit/rule-tester';

run(rule, {
  valid: [
    {
      name: 'a bucket policy that denies s3:* without TLS (string "false")',
      file: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Reports:
    Type: AWS::S3::Bucket
  ReportsPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Reports
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: '*'
            Action: 's3:*'
            Resource: [!GetAtt Reports.Arn, !Sub '\${Reports.Arn}/*']
            Condition: { Bool: { 'aws:SecureTransport': 'false' } }
`,
    },
    {
      name: 'a policy naming its bucket by literal name, boolean false (JSON)',
      file: 'template.json',
      code: `{
  "Resources": {
    "Data": { "Type": "AWS::S3::Bucket", "Properties": { "BucketName": "orders-data" } },
    "DataPolicy": { "Type": "AWS::S3::BucketPolicy", "Properties": { "Bucket": "orders-data", "PolicyDocument": { "Statement": [ { "Effect": "Deny", "Principal": { "AWS": "*" }, "Action": "*", "Resource": "arn:aws:s3:::orders-data/*", "Condition": { "Bool": { "aws:SecureTransport": false } } } ] } } }
  }
}
`,
    },
    {
      name: 'a policy for a bucket named by a parameter without default may be for this bucket: unknown',
      file: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Target: { Type: String }
Resources:
  Logs:
    Type: AWS::S3::Bucket
  P:
    Type: AWS::S3::BucketPolicy
    Properties: { Bucket: !Ref Target, PolicyDocument: { Statement: [] } }
`,
    },
  ],
  invalid: [
    {
      name: 'no bucket policy at all: the fix adds one beside the bucket (SAM template)',
      file: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Uploads:
    Type: AWS::S3::Bucket
  Fn:
    Type: AWS::Serverless::Function
    Properties: { Handler: a.handler, Tracing: Active }
`,
      errors: [{ line: 4, column: 3, endLine: 4, endColumn: 10, message: 'Uploads has no bucket policy denying requests made without TLS', resource: 'Uploads' }],
      output: `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Uploads:
    Type: AWS::S3::Bucket
  UploadsPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Uploads
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Sid: DenyInsecureTransport
            Effect: Deny
            Principal: '*'
            Action: s3:*
            Resource:
              - !GetAtt Uploads.Arn
              - !Sub '\${Uploads.Arn}/*'
            Condition:
              Bool:
                aws:SecureTransport: 'false'
  Fn:
    Type: AWS::Serverless::Function
    Properties: { Handler: a.handler, Tracing: Active }
`,
    },
    {
      name: 'an existing policy without the Deny: the fix extends its statements (JSON)',
      file: 'template.json',
      code: `{
  "Resources": {
    "Site": {
      "Type": "AWS::S3::Bucket"
    },
    "SitePolicy": {
      "Type": "AWS::S3::BucketPolicy",
      "Properties": {
        "Bucket": { "Ref": "Site" },
        "PolicyDocument": {
          "Statement": [
            { "Effect": "Allow", "Principal": { "Service": "cloudfront.amazonaws.com" }, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site/*" }
          ]
        }
      }
    }
  }
}
`,
      errors: [{ line: 3, column: 5, endLine: 3, endColumn: 11, message: "Site's bucket policy does not deny requests made without TLS" }],
      output: `{
  "Resources": {
    "Site": {
      "Type": "AWS::S3::Bucket"
    },
    "SitePolicy": {
      "Type": "AWS::S3::BucketPolicy",
      "Properties": {
        "Bucket": { "Ref": "Site" },
        "PolicyDocument": {
          "Statement": [
            { "Effect": "Allow", "Principal": { "Service": "cloudfront.amazonaws.com" }, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site/*" },
            {
              "Sid": "DenyInsecureTransport",
              "Effect": "Deny",
              "Principal": "*",
              "Action": "s3:*",
              "Resource": [
                {
                  "Fn::GetAtt": [
                    "Site",
                    "Arn"
                  ]
                },
                {
                  "Fn::Sub": "\${Site.Arn}/*"
                }
              ],
              "Condition": {
                "Bool": {
                  "aws:SecureTransport": "false"
                }
              }
            }
          ]
        }
      }
    }
  }
}
`,
    },
    {
      name: 'a Deny of only some actions without TLS',
      file: 'template.yaml',
      code: `Resources:
  B:
    Type: AWS::S3::Bucket
  BP:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref B
      PolicyDocument:
        Statement:
          - { Effect: Deny, Principal: '*', Action: s3:PutObject, Resource: '*', Condition: { Bool: { aws:SecureTransport: false } } }
`,
      errors: [{ line: 2, column: 3, endLine: 2, endColumn: 4, message: 'denies only some actions without TLS' }],
    },
  ],
});
