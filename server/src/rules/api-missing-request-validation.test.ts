import { rule } from './api-missing-request-validation';
import { run } from '../../../test/kit/rule-tester';

const SAM = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
`;

run(rule, {
  valid: [
    {
      name: 'SAM: POST with a RequestModel, PUT with a required parameter, GET and an HTTP API POST not reported',
      file: 'template.yaml',
      code: `${SAM}Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Models:
        NewOrder: { type: object, required: [sku], properties: { sku: { type: string } } }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Create:
          Type: Api
          Properties:
            RestApiId: !Ref Api
            Path: /orders
            Method: post
            RequestModel: { Model: NewOrder, Required: true, ValidateBody: true }
        Replace:
          Type: Api
          Properties:
            RestApiId: !Ref Api
            Path: /orders/{id}
            Method: put
            RequestParameters:
              - method.request.header.If-Match:
                  Required: true
        Read:
          Type: Api
          Properties: { RestApiId: !Ref Api, Path: /orders, Method: get }
        HttpPost:
          Type: HttpApi
          Properties: { Path: /v2/orders, Method: post }
`,
    },
    {
      name: 'CloudFormation: POST with a validator; OPTIONS and GET not reported (JSON)',
      file: 'template.json',
      code: `{
  "Resources": {
    "Create": { "Type": "AWS::ApiGateway::Method", "Properties": { "HttpMethod": "POST", "RequestValidatorId": { "Ref": "Validator" }, "RequestModels": { "application/json": "Order" } } },
    "Cors": { "Type": "AWS::ApiGateway::Method", "Properties": { "HttpMethod": "OPTIONS" } },
    "List": { "Type": "AWS::ApiGateway::Method", "Properties": { "HttpMethod": "GET" } }
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'SAM: a POST on the implicit REST API without a model',
      file: 'template.yaml',
      code: `${SAM}Resources:
  CreateOrder:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Create:
          Type: Api
          Properties: { Path: /orders, Method: POST }
`,
      errors: [{ line: 8, column: 9, endLine: 8, endColumn: 15, message: "CreateOrder's POST /orders route on ServerlessRestApi passes any request body", resource: 'CreateOrder' }],
    },
    {
      name: 'CloudFormation: models without a validator, and a PATCH with neither (JSON)',
      file: 'template.json',
      code: `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Create": { "Type": "AWS::ApiGateway::Method", "Properties": { "HttpMethod": "POST", "RequestModels": { "application/json": "Order" } } },
    "Patch": { "Type": "AWS::ApiGateway::Method", "Properties": { "HttpMethod": "PATCH" } }
  }
}
`,
      errors: [
        { line: 4, column: 5, endLine: 4, endColumn: 13, message: 'has RequestModels but no RequestValidatorId' },
        { line: 5, column: 5, endLine: 5, endColumn: 12, message: 'Patch (PATCH) passes any request body' },
      ],
    },
  ],
});
