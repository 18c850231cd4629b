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
    {
      name: 'OpenAPI 3 body: the root validator checks bodies; an operation names its own by an intrinsic (unknown); HTTP API bodies are not checked',
      file: 'template.yaml',
      code: `${SAM}Parameters:
  ValidatorName:
    Type: String
Resources:
  OrdersApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionBody:
        openapi: 3.0.1
        info: { title: orders, version: '1.0' }
        x-amazon-apigateway-request-validators:
          everything: { validateRequestBody: true, validateRequestParameters: true }
        x-amazon-apigateway-request-validator: everything
        paths:
          /orders:
            post:
              requestBody:
                required: true
                content:
                  application/json:
                    schema: { $ref: '#/components/schemas/NewOrder' }
          /orders/{id}:
            put:
              x-amazon-apigateway-request-validator: !Ref ValidatorName
        components:
          schemas:
            NewOrder: { type: object, required: [sku], properties: { sku: { type: string } } }
  Refund:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Refund:
          Type: Api
          Properties: { RestApiId: !Ref OrdersApi, Path: /refunds, Method: post }
  ChatApi:
    Type: AWS::Serverless::HttpApi
    Properties:
      DefinitionBody:
        openapi: 3.0.1
        info: { title: chat, version: '1' }
        paths:
          /messages:
            post:
              x-amazon-apigateway-integration: { type: aws_proxy, payloadFormatVersion: '2.0', uri: !GetAtt Post.Arn }
`,
    },
    {
      name: 'Swagger 2 Body with an operation validator (JSON); a RestApi whose Body is included from S3',
      file: 'template.json',
      code: `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "LedgerApi": {
      "Type": "AWS::ApiGateway::RestApi",
      "Properties": {
        "Body": {
          "swagger": "2.0",
          "info": { "title": "ledger", "version": "1" },
          "x-amazon-apigateway-request-validators": { "body-only": { "validateRequestBody": true } },
          "paths": {
            "/entries": {
              "post": {
                "x-amazon-apigateway-request-validator": "body-only",
                "parameters": [{ "in": "body", "name": "entry", "required": true, "schema": { "$ref": "#/definitions/Entry" } }]
              }
            }
          },
          "definitions": { "Entry": { "type": "object" } }
        }
      }
    },
    "IncludedApi": {
      "Type": "AWS::ApiGateway::RestApi",
      "Properties": {
        "Body": { "Fn::Transform": { "Name": "AWS::Include", "Parameters": { "Location": "s3://specs/ledger.json" } } }
      }
    }
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
    {
      name: 'OpenAPI 3 body: a POST without a validator, a PUT whose validator leaves the body alone; GET not reported',
      file: 'template.yaml',
      code: `${SAM}Resources:
  ProfilesApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionBody:
        openapi: 3.0.1
        info: { title: profiles, version: '1' }
        x-amazon-apigateway-request-validators:
          headers-only:
            validateRequestBody: false
            validateRequestParameters: true
        paths:
          /profiles:
            get:
              x-amazon-apigateway-integration: { type: aws_proxy, httpMethod: POST, uri: !Sub 'arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Profiles.Arn}/invocations' }
            post:
              x-amazon-apigateway-integration: { type: aws_proxy, httpMethod: POST, uri: !Sub 'arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Profiles.Arn}/invocations' }
          /profiles/{id}:
            put:
              x-amazon-apigateway-request-validator: headers-only
              x-amazon-apigateway-integration: { type: aws_proxy, httpMethod: POST, uri: !Sub 'arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Profiles.Arn}/invocations' }
`,
      errors: [
        { line: 19, column: 13, endLine: 19, endColumn: 17, message: "POST /profiles in ProfilesApi's OpenAPI body passes any request body to its integration", resource: 'ProfilesApi' },
        { line: 22, column: 13, endLine: 22, endColumn: 16, message: 'is checked by the request validator headers-only, which validates parameters but not the body', resource: 'ProfilesApi' },
      ],
    },
    {
      name: 'Swagger 2 Body (JSON): the root validator checks parameters only; one operation overrides it, PATCH and ANY do not',
      file: 'template.json',
      code: `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "InventoryApi": {
      "Type": "AWS::ApiGateway::RestApi",
      "Properties": {
        "Body": {
          "swagger": "2.0",
          "info": { "title": "inventory", "version": "1" },
          "x-amazon-apigateway-request-validators": {
            "params": { "validateRequestParameters": true },
            "full": { "validateRequestBody": true, "validateRequestParameters": true }
          },
          "x-amazon-apigateway-request-validator": "params",
          "paths": {
            "/items": { "post": { "x-amazon-apigateway-request-validator": "full" } },
            "/items/{sku}": { "patch": {}, "x-amazon-apigateway-any-method": {} }
          }
        }
      }
    }
  }
}
`,
      errors: [
        { line: 17, column: 31, endLine: 17, endColumn: 38, message: "PATCH /items/{sku} in InventoryApi's OpenAPI body is checked by the request validator params", resource: 'InventoryApi' },
        { line: 17, column: 44, endLine: 17, endColumn: 76, message: 'reaches its integration', resource: 'InventoryApi' },
      ],
    },
    {
      name: 'a route both in the events and in the body is reported once, on the event',
      file: 'template.yaml',
      code: `${SAM}Resources:
  BooksApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionBody:
        swagger: '2.0'
        info: { title: books, version: '1' }
        paths:
          /books:
            post:
              consumes: [application/json]
  AddBook:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Add:
          Type: Api
          Properties: { RestApiId: !Ref BooksApi, Path: /books, Method: post }
`,
      errors: [{ line: 19, column: 9, endLine: 19, endColumn: 12, message: "AddBook's POST /books route on BooksApi passes any request body", resource: 'AddBook' }],
    },
  ],
});
