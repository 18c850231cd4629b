import { rule } from './s3-public-access';
import { run } from '../../../test/kit/rule-tester';

run(rule, {
  valid: [
    {
      name: 'a bucket without any public settings is private by default',
      file: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Uploads:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault: { SSEAlgorithm: aws:kms }
`,
    },
    {
      name: 'all four settings true; a setting from a parameter without default is unknown',
      file: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  Block: { Type: String, AllowedValues: ['true', 'false'] }
Resources:
  A:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true }
  B:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: !Ref Block, RestrictPublicBuckets: !Ref Block }
`,
    },
    {
      name: 'a private ACL and a public policy with the block on are not this rule (JSON)',
      file: 'template.json',
      code: `{
  "Resources": {
    "Logs": { "Type": "AWS::S3::Bucket", "Properties": { "AccessControl": "LogDeliveryWrite" } },
    "Site": { "Type": "AWS::S3::Bucket" },
    "SitePolicy": { "Type": "AWS::S3::BucketPolicy", "Properties": { "Bucket": { "Ref": "Site" }, "PolicyDocument": { "Statement": [ { "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site/*" } ] } } }
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'the block turned off and a public policy: lands on the policy setting; the fix turns the block back on',
      file: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Site:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        IgnorePublicAcls: true
        BlockPublicPolicy: false
        RestrictPublicBuckets: false
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
`,
      errors: [{ line: 9, column: 28, endLine: 9, endColumn: 33, message: 'its bucket policy SitePolicy allows s3:GetObject to everyone, so the bucket is public', resource: 'Site' }],
      output: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Site:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        IgnorePublicAcls: true
        BlockPublicPolicy: true
        RestrictPublicBuckets: true
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
`,
    },
    {
      name: 'a partial block: the settings left out count as false',
      file: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
`,
      errors: [{ line: 6, column: 7, endLine: 6, endColumn: 37, message: 'IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets are left out, which means false' }],
      output: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        IgnorePublicAcls: true
        BlockPublicPolicy: true
        RestrictPublicBuckets: true
`,
    },
    {
      name: 'a public ACL, and a block switched off in one Fn::If branch (JSON)',
      file: 'template.json',
      code: `{
  "Transform": "AWS::Serverless-2016-10-31",
  "Resources": {
    "Www": { "Type": "AWS::S3::Bucket", "Properties": { "AccessControl": "PublicRead" } },
    "Maybe": { "Type": "AWS::S3::Bucket", "Properties": { "PublicAccessBlockConfiguration": { "BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": true, "RestrictPublicBuckets": { "Fn::If": ["Open", false, true] } } } }
  }
}
`,
      errors: [
        { line: 4, column: 74, endLine: 4, endColumn: 86, message: 'Www grants the PublicRead canned ACL: anyone on the internet can list and read its objects', resource: 'Www' },
        { line: 5, column: 198, endLine: 5, endColumn: 233, message: 'Maybe turns off Block Public Access (RestrictPublicBuckets)', resource: 'Maybe' },
      ],
    },
  ],
});
