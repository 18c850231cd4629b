import { rule } from './api-missing-throttling';
import { run } from '../../../test/kit/rule-tester';

const SAM = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
`;

run(rule, {
  valid: [
    {
      name: 'SAM REST API with MethodSettings limits; HTTP API with DefaultRouteSettings from Globals',
      file: 'template.yaml',
      code: `${SAM}Globals:
  HttpApi:
    DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 20 }
Resources:
  RestApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      MethodSettings:
        - ResourcePath: /*
          HttpMethod: '*'
          ThrottlingRateLimit: 100
          ThrottlingBurstLimit: 50
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
      name: 'a usage plan with Throttle covers the REST API it names; the implicit API via Auth.UsagePlan',
      file: 'template.yaml',
      code: `${SAM}Globals:
  Api:
    Auth:
      ApiKeyRequired: true
      UsagePlan:
        CreateUsagePlan: PER_API
        Throttle: { RateLimit: 10, BurstLimit: 5 }
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties: { Name: partners }
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties: { RestApiId: !Ref Api, StageName: v1 }
  Plan:
    Type: AWS::ApiGateway::UsagePlan
    Properties:
      ApiStages: [{ ApiId: !Ref Api, Stage: v1 }]
      Throttle: { RateLimit: 20, BurstLimit: 10 }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Get:
          Type: Api
          Properties: { Path: /items, Method: get }
`,
    },
    {
      name: 'CloudFormation HTTP stage with RouteSettings limits; settings given by an intrinsic are unknown (JSON)',
      file: 'template.json',
      code: `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Stage": { "Type": "AWS::ApiGatewayV2::Stage", "Properties": { "ApiId": { "Ref": "Api" }, "StageName": "$default",
      "RouteSettings": { "POST /orders": { "ThrottlingRateLimit": 5, "ThrottlingBurstLimit": 5 } } } },
    "Other": { "Type": "AWS::ApiGateway::Stage", "Properties": { "RestApiId": { "Ref": "Rest" }, "MethodSettings": { "Fn::If": ["Prod", [], []] } } }
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'SAM: an explicit REST API and the implicit HTTP API',
      file: 'template.yaml',
      code: `${SAM}Resources:
  OrdersApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      MethodSettings:
        - ResourcePath: /*
          HttpMethod: '*'
          LoggingLevel: INFO
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        List:
          Type: HttpApi
          Properties: { Path: /items, Method: get }
`,
      errors: [
        { line: 4, column: 3, endLine: 4, endColumn: 12, message: 'OrdersApi has no rate limits of its own', resource: 'OrdersApi' },
        { line: 16, column: 9, endLine: 16, endColumn: 13, message: 'ServerlessHttpApi has no rate limits of its own, only the account-wide default shared by every API in the region — set DefaultRouteSettings with ThrottlingRateLimit and ThrottlingBurstLimit in Globals.HttpApi', resource: 'Fn' },
      ],
    },
    {
      name: 'CloudFormation: a REST stage and an HTTP stage without limits (JSON)',
      file: 'template.json',
      code: `{
  "Resources": {
    "Rest": { "Type": "AWS::ApiGateway::RestApi", "Properties": { "Name": "a" } },
    "Prod": { "Type": "AWS::ApiGateway::Stage", "Properties": { "RestApiId": { "Ref": "Rest" }, "StageName": "prod" } },
    "Http": { "Type": "AWS::ApiGatewayV2::Api", "Properties": { "Name": "b", "ProtocolType": "HTTP" } },
    "Default": { "Type": "AWS::ApiGatewayV2::Stage", "Properties": { "ApiId": { "Ref": "Http" }, "StageName": "$default", "AutoDeploy": true } }
  }
}
`,
      errors: [
        { line: 4, column: 5, endLine: 4, endColumn: 11, message: 'Prod (a stage of Rest) has no rate limits', resource: 'Prod' },
        { line: 6, column: 5, endLine: 6, endColumn: 14, message: 'set DefaultRouteSettings', resource: 'Default' },
      ],
    },
  ],
});
