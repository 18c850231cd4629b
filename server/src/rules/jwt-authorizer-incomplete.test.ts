import { rule } from './jwt-authorizer-incomplete';
import { run } from '../../../test/kit/rule-tester';

const SAM = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
`;

run(rule, {
  valid: [
    {
      name: 'SAM HTTP API JWT authorizer with issuer and audience; a Lambda authorizer is not JWT',
      file: 'template.yaml',
      code: `${SAM}Resources:
  Api:
    Type: AWS::Serverless::HttpApi
    Properties:
      Auth:
        DefaultAuthorizer: Jwt
        Authorizers:
          Jwt:
            IdentitySource: $request.header.Authorization
            JwtConfiguration:
              issuer: !Sub https://cognito-idp.\${AWS::Region}.amazonaws.com/\${Pool}
              audience: [!Ref PoolClient]
          Legacy:
            FunctionArn: !GetAtt AuthFn.Arn
            Identity: { Headers: [Authorization] }
`,
    },
    {
      name: 'CloudFormation: complete JWT authorizer, a REQUEST authorizer, and a configuration given by an intrinsic (JSON)',
      file: 'template.json',
      code: `{
  "Resources": {
    "Jwt": { "Type": "AWS::ApiGatewayV2::Authorizer", "Properties": { "AuthorizerType": "JWT", "JwtConfiguration": { "Issuer": "https://login.example.com/", "Audience": ["web"] } } },
    "Req": { "Type": "AWS::ApiGatewayV2::Authorizer", "Properties": { "AuthorizerType": "REQUEST" } },
    "Cond": { "Type": "AWS::ApiGatewayV2::Authorizer", "Properties": { "AuthorizerType": "JWT", "JwtConfiguration": { "Fn::If": ["Prod", { "Issuer": "a", "Audience": ["b"] }, { "Issuer": "c", "Audience": ["d"] }] } } }
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'SAM: audience missing (explicit API), empty audience list (Globals)',
      file: 'template.yaml',
      code: `${SAM}Globals:
  HttpApi:
    Auth:
      Authorizers:
        Shared:
          JwtConfiguration: { issuer: https://login.example.com/, audience: [] }
Resources:
  Api:
    Type: AWS::Serverless::HttpApi
    Properties:
      Auth:
        Authorizers:
          Jwt:
            IdentitySource: $request.header.Authorization
            JwtConfiguration:
              issuer: https://login.example.com/
`,
      errors: [
        { line: 8, column: 77, endLine: 8, endColumn: 79, message: 'Shared (on Globals.HttpApi) is a JWT authorizer without an audience', resource: 'Globals.HttpApi' },
        { line: 17, column: 13, endLine: 17, endColumn: 29, message: 'accepts tokens the same identity provider issued to any other app', resource: 'Api' },
      ],
    },
    {
      name: 'CloudFormation JWT authorizer without any JwtConfiguration (JSON)',
      file: 'template.json',
      code: `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Jwt": { "Type": "AWS::ApiGatewayV2::Authorizer", "Properties": { "AuthorizerType": "JWT", "IdentitySource": ["$request.header.Authorization"] } }
  }
}
`,
      errors: [{ line: 4, column: 5, endLine: 4, endColumn: 10, message: 'Jwt is a JWT authorizer without an issuer or an audience', resource: 'Jwt' }],
    },
  ],
});
