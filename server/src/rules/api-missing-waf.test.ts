import { rule } from './api-missing-waf';
import { run } from '../../../test/kit/rule-tester';

const SAM = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
`;

run(rule, {
  valid: [
    {
      name: 'SAM REST API with a web ACL association naming it through !Sub; HTTP APIs are not reported',
      file: 'template.yaml',
      code: `${SAM}Resources:
  OrdersApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
  OrdersWaf:
    Type: AWS::WAFv2::WebACLAssociation
    Properties:
      ResourceArn: !Sub arn:aws:apigateway:\${AWS::Region}::/restapis/\${OrdersApi}/stages/\${OrdersApi.Stage}
      WebACLArn: !GetAtt Acl.Arn
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Get:
          Type: HttpApi
          Properties: { Path: /items, Method: get }
`,
    },
    {
      name: 'the implicit REST API protected through its generated stage; a private API is not reported',
      file: 'template.yaml',
      code: `${SAM}Resources:
  Waf:
    Type: AWS::WAFv2::WebACLAssociation
    Properties:
      ResourceArn: !Sub 'arn:aws:apigateway:\${AWS::Region}::/restapis/\${ServerlessRestApi}/stages/Prod'
      WebACLArn: !Ref AclArn
  Internal:
    Type: AWS::Serverless::Api
    Properties:
      StageName: v1
      EndpointConfiguration: { Type: PRIVATE }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Get:
          Type: Api
          Properties: { Path: /items, Method: get }
        Private:
          Type: Api
          Properties: { RestApiId: !Ref Internal, Path: /x, Method: get }
`,
    },
    {
      name: 'an association whose ARN comes from a parameter without default may protect any API',
      file: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  TargetArn: { Type: String }
Resources:
  Api: { Type: AWS::ApiGateway::RestApi, Properties: { Name: a } }
  Stage: { Type: AWS::ApiGateway::Stage, Properties: { RestApiId: !Ref Api, StageName: prod } }
  Assoc: { Type: AWS::WAFv2::WebACLAssociation, Properties: { ResourceArn: !Ref TargetArn, WebACLArn: x } }
`,
    },
    {
      name: 'CloudFront with WebACLId (JSON)',
      file: 'template.json',
      code: `{
  "Resources": {
    "Cdn": { "Type": "AWS::CloudFront::Distribution", "Properties": { "DistributionConfig": { "Enabled": true, "WebACLId": { "Fn::GetAtt": ["Acl", "Arn"] } } } }
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'SAM: the implicit REST API and an explicit one, association for another API only',
      file: 'template.yaml',
      code: `${SAM}Resources:
  Admin:
    Type: AWS::Serverless::Api
    Properties:
      StageName: admin
  Public:
    Type: AWS::Serverless::Api
    Properties:
      StageName: v1
  PublicWaf:
    Type: AWS::WAFv2::WebACLAssociation
    Properties:
      ResourceArn: !Sub arn:aws:apigateway:\${AWS::Region}::/restapis/\${Public}/stages/v1
      WebACLArn: !GetAtt Acl.Arn
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Get:
          Type: Api
          Properties: { Path: /items, Method: get }
`,
      errors: [
        { line: 4, column: 3, endLine: 4, endColumn: 8, message: 'Admin has no WAF web ACL in front of it', resource: 'Admin' },
        { line: 21, column: 9, endLine: 21, endColumn: 12, message: 'ServerlessRestApi has no WAF web ACL', resource: 'Fn' },
      ],
    },
    {
      name: 'CloudFormation: a REST stage and a CloudFront distribution without web ACLs (JSON)',
      file: 'template.json',
      code: `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Api": { "Type": "AWS::ApiGateway::RestApi", "Properties": { "Name": "orders" } },
    "Prod": { "Type": "AWS::ApiGateway::Stage", "Properties": { "RestApiId": { "Ref": "Api" }, "StageName": "prod" } },
    "Cdn": { "Type": "AWS::CloudFront::Distribution", "Properties": { "DistributionConfig": { "Enabled": true } } }
  }
}
`,
      errors: [
        { line: 5, column: 5, endLine: 5, endColumn: 11, message: 'Prod (a stage of Api) has no WAF web ACL', resource: 'Prod' },
        { line: 6, column: 5, endLine: 6, endColumn: 10, message: 'set DistributionConfig.WebACLId', resource: 'Cdn' },
      ],
    },
  ],
});
