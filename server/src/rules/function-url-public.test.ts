import { rule } from './function-url-public';
import { run } from '../../../test/kit/rule-tester';

const SAM = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
`;

run(rule, {
  valid: [
    {
      name: 'SAM function URL with AWS_IAM',
      file: 'template.yaml',
      code: `${SAM}  Fn:
    Type: AWS::Serverless::Function
    Properties:
      FunctionUrlConfig:
        AuthType: AWS_IAM
`,
    },
    {
      name: 'AWS::Lambda::Url with AWS_IAM, and one with an unknown AuthType (JSON)',
      file: 'template.json',
      code: `{
  "Parameters": { "UrlAuth": { "Type": "String" } },
  "Resources": {
    "U1": { "Type": "AWS::Lambda::Url", "Properties": { "AuthType": "AWS_IAM", "TargetFunctionArn": { "Ref": "Fn" } } },
    "U2": { "Type": "AWS::Lambda::Url", "Properties": { "AuthType": { "Ref": "UrlAuth" }, "TargetFunctionArn": { "Ref": "Fn" } } }
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'SAM FunctionUrlConfig AuthType NONE: fixed to AWS_IAM',
      file: 'template.yaml',
      code: `${SAM}  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      FunctionUrlConfig:
        AuthType: NONE
        Cors: { AllowOrigins: ['*'] }
`,
      errors: [{ line: 8, column: 19, endLine: 8, endColumn: 23, resource: 'OrdersFunction', message: "OrdersFunction's function URL has AuthType NONE" }],
      output: `${SAM}  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      FunctionUrlConfig:
        AuthType: AWS_IAM
        Cors: { AllowOrigins: ['*'] }
`,
    },
    {
      name: 'AWS::Lambda::Url in JSON keeps its quotes',
      file: 'stack.json',
      code: `{
  "Resources": {
    "OrdersUrl": { "Type": "AWS::Lambda::Url", "Properties": { "AuthType": "NONE", "TargetFunctionArn": { "Fn::GetAtt": ["Orders", "Arn"] } } }
  }
}
`,
      errors: [{ line: 3, column: 76, endLine: 3, endColumn: 82, resource: 'OrdersUrl' }],
      output: `{
  "Resources": {
    "OrdersUrl": { "Type": "AWS::Lambda::Url", "Properties": { "AuthType": "AWS_IAM", "TargetFunctionArn": { "Fn::GetAtt": ["Orders", "Arn"] } } }
  }
}
`,
    },
    {
      name: 'Globals FunctionUrlConfig reported once, where it is written',
      file: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    FunctionUrlConfig:
      AuthType: 'NONE'
Resources:
  A:
    Type: AWS::Serverless::Function
  B:
    Type: AWS::Serverless::Function
`,
      errors: [{ line: 6, column: 17, endLine: 6, endColumn: 23, resource: 'A' }],
      output: `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    FunctionUrlConfig:
      AuthType: 'AWS_IAM'
Resources:
  A:
    Type: AWS::Serverless::Function
  B:
    Type: AWS::Serverless::Function
`,
    },
    {
      name: 'a parameter default of NONE is reported on the !Ref, without a fix',
      file: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  UrlAuth: { Type: String, Default: NONE, AllowedValues: [NONE, AWS_IAM] }
Resources:
  C:
    Type: AWS::Lambda::Url
    Properties:
      AuthType: !Ref UrlAuth
`,
      errors: [{ line: 8, column: 17, endLine: 8, endColumn: 29, resource: 'C' }],
    },
  ],
});
