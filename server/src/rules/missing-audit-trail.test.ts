import { rule } from './missing-audit-trail';
import { run } from '../../../test/kit/rule-tester';

const SAM = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
`;

run(rule, {
  valid: [
    {
      name: 'SAM: tracing from Globals, access logs on the implicit REST API from Globals',
      file: 'template.yaml',
      code: `${SAM}Globals:
  Function:
    Tracing: Active
  Api:
    AccessLogSetting:
      DestinationArn: !GetAtt ApiLogs.Arn
      Format: $context.requestId
Resources:
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
      name: 'tracing mode from a parameter without default is unknown; an HTTP stage with AccessLogSettings (JSON)',
      file: 'template.json',
      code: `{
  "Parameters": { "Mode": { "Type": "String" } },
  "Resources": {
    "Fn": { "Type": "AWS::Lambda::Function", "Properties": { "TracingConfig": { "Mode": { "Ref": "Mode" } } } },
    "Stage": { "Type": "AWS::ApiGatewayV2::Stage", "Properties": { "ApiId": { "Ref": "Api" }, "AccessLogSettings": { "DestinationArn": "arn:aws:logs:eu-west-1:123456789012:log-group:api" } } }
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'SAM function without tracing: the fix adds Tracing: Active',
      file: 'template.yaml',
      code: `${SAM}Resources:
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
`,
      errors: [{ line: 4, column: 3, endLine: 4, endColumn: 17, message: 'OrdersFunction has no tracing — set Tracing: Active', resource: 'OrdersFunction' }],
      output: `${SAM}Resources:
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      Tracing: Active
`,
    },
    {
      name: 'PassThrough in Globals lands on the global value; the fix sets it to Active',
      file: 'template.yaml',
      code: `${SAM}Globals:
  Function:
    Tracing: PassThrough
Resources:
  A:
    Type: AWS::Serverless::Function
    Properties: { Handler: a.handler }
`,
      errors: [{ line: 5, column: 14, endLine: 5, endColumn: 25, message: 'A does not record traces of its own (PassThrough)' }],
      output: `${SAM}Globals:
  Function:
    Tracing: Active
Resources:
  A:
    Type: AWS::Serverless::Function
    Properties: { Handler: a.handler }
`,
    },
    {
      name: 'CloudFormation Lambda function in JSON: the fix adds TracingConfig',
      file: 'template.json',
      code: `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Worker": {
      "Type": "AWS::Lambda::Function",
      "Properties": {
        "Runtime": "nodejs20.x"
      }
    }
  }
}
`,
      errors: [{ line: 4, column: 5, endLine: 4, endColumn: 13, message: 'TracingConfig.Mode: Active', resource: 'Worker' }],
      output: `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Worker": {
      "Type": "AWS::Lambda::Function",
      "Properties": {
        "Runtime": "nodejs20.x",
        "TracingConfig": {
          "Mode": "Active"
        }
      }
    }
  }
}
`,
    },
    {
      name: 'API stages without access logs: explicit SAM HTTP API and a CloudFormation REST stage',
      file: 'template.yaml',
      code: `${SAM}Globals:
  Function:
    Tracing: Active
Resources:
  Http:
    Type: AWS::Serverless::HttpApi
  Prod:
    Type: AWS::ApiGateway::Stage
    Properties: { RestApiId: !Ref Rest, StageName: prod, TracingEnabled: true }
`,
      errors: [
        { line: 7, column: 3, endLine: 7, endColumn: 7, message: 'Http keeps no access log of who called which route — set AccessLogSettings' },
        { line: 9, column: 3, endLine: 9, endColumn: 7, message: 'Prod (a stage of Rest) keeps no access log of who called which route — set AccessLogSetting with' },
      ],
    },
  ],
});
