import { rule } from './api-missing-authorizer';
import { run } from '../../../test/kit/rule-tester';

const SAM = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
`;

run(rule, {
  valid: [
    {
      name: 'HTTP API with a default JWT authorizer from Globals; the preflight needs none',
      file: 'template.yaml',
      code: `${SAM}Globals:
  HttpApi:
    Auth:
      DefaultAuthorizer: Jwt
      Authorizers:
        Jwt:
          IdentitySource: $request.header.Authorization
          JwtConfiguration: { issuer: https://issuer.example.com, audience: [orders] }
Resources:
  GetOrder:
    Type: AWS::Serverless::Function
    Properties:
      Handler: get.handler
      Events:
        Get:
          Type: HttpApi
          Properties: { Path: '/orders/{id}', Method: get }
        Preflight:
          Type: HttpApi
          Properties: { Path: '/orders/{id}', Method: options }
`,
    },
    {
      name: 'REST API with a Cognito default authorizer; IAM auth on one event',
      file: 'template.yaml',
      code: `${SAM}Resources:
  OrdersApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Auth:
        DefaultAuthorizer: Cognito
        Authorizers:
          Cognito:
            UserPoolArn: !GetAtt UserPool.Arn
  ListOrders:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        List:
          Type: Api
          Properties:
            RestApiId: !Ref OrdersApi
            Path: /orders
            Method: get
  Internal:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Sync:
          Type: Api
          Properties:
            Path: /sync
            Method: post
            Auth:
              Authorizer: AWS_IAM
`,
    },
    {
      name: 'an authorizer given by a parameter without default is unknown, not a finding',
      file: 'template.yaml',
      code: `${SAM}Parameters:
  AuthName:
    Type: String
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Get:
          Type: Api
          Properties:
            Path: /x
            Method: get
            Auth:
              Authorizer: !Ref AuthName
`,
    },
    {
      name: 'an API defined by an OpenAPI file elsewhere is unknown',
      file: 'template.yaml',
      code: `${SAM}Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionUri: s3://specs/orders.yaml
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Get:
          Type: Api
          Properties: { RestApiId: !Ref Api, Path: /x, Method: get }
`,
    },
    {
      name: 'CloudFormation: IAM, Cognito and an OPTIONS mock method (JSON)',
      file: 'template.json',
      code: `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Api": { "Type": "AWS::ApiGateway::RestApi", "Properties": { "Name": "orders" } },
    "Get": { "Type": "AWS::ApiGateway::Method", "Properties": { "RestApiId": { "Ref": "Api" }, "HttpMethod": "GET", "AuthorizationType": "AWS_IAM" } },
    "Post": { "Type": "AWS::ApiGateway::Method", "Properties": { "RestApiId": { "Ref": "Api" }, "HttpMethod": "POST", "AuthorizationType": "COGNITO_USER_POOLS", "AuthorizerId": { "Ref": "Auth" } } },
    "Auth": { "Type": "AWS::ApiGateway::Authorizer", "Properties": { "RestApiId": { "Ref": "Api" }, "Type": "COGNITO_USER_POOLS" } },
    "Cors": { "Type": "AWS::ApiGateway::Method", "Properties": { "RestApiId": { "Ref": "Api" }, "HttpMethod": "OPTIONS", "AuthorizationType": "NONE" } }
  }
}
`,
    },
    {
      name: 'CloudFormation: WebSocket routes other than $connect take no authorizer',
      file: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Ws:
    Type: AWS::ApiGatewayV2::Api
    Properties: { Name: chat, ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.body.action }
  Connect:
    Type: AWS::ApiGatewayV2::Route
    Properties: { ApiId: !Ref Ws, RouteKey: $connect, AuthorizationType: AWS_IAM }
  Send:
    Type: AWS::ApiGatewayV2::Route
    Properties: { ApiId: !Ref Ws, RouteKey: send }
`,
    },
  ],
  invalid: [
    {
      name: 'implicit HTTP API: the fix adds a JWT authorizer in a new Globals section',
      file: 'template.yaml',
      code: `${SAM}Resources:
  GetOrder:
    Type: AWS::Serverless::Function
    Properties:
      Handler: get.handler
      Events:
        Get:
          Type: HttpApi
          Properties:
            Path: /orders/{id}
            Method: get
`,
      errors: [{ line: 12, column: 19, endLine: 12, endColumn: 31, message: "GetOrder's GET /orders/{id} route on ServerlessHttpApi has no authorizer", resource: 'GetOrder' }],
      output: `${SAM}Globals:
  HttpApi:
    Auth:
      DefaultAuthorizer: JwtAuthorizer
      Authorizers:
        JwtAuthorizer:
          IdentitySource: $request.header.Authorization
          JwtConfiguration:
            issuer: https://cognito-idp.<region>.amazonaws.com/<user-pool-id>
            audience:
              - '<app-client-id>'
Resources:
  GetOrder:
    Type: AWS::Serverless::Function
    Properties:
      Handler: get.handler
      Events:
        Get:
          Type: HttpApi
          Properties:
            Path: /orders/{id}
            Method: get
`,
    },
    {
      name: 'implicit REST API with Globals.Api and CORS: the Cognito authorizer leaves the preflight open (4-space indent)',
      file: 'template.yaml',
      code: `${SAM}Globals:
    Api:
        Cors: "'*'"
Resources:
    CreateOrder:
        Type: AWS::Serverless::Function
        Properties:
            Events:
                Create:
                    Type: Api
                    Properties:
                        Path: /orders
                        Method: post
`,
      errors: [{ line: 14, column: 31, endLine: 14, endColumn: 38, message: 'add a Cognito or Lambda authorizer' }],
      output: `${SAM}Globals:
    Api:
        Cors: "'*'"
        Auth:
            DefaultAuthorizer: CognitoAuthorizer
            Authorizers:
                CognitoAuthorizer:
                    UserPoolArn: arn:aws:cognito-idp:<region>:<account-id>:userpool/<user-pool-id>
            AddDefaultAuthorizerToCorsPreflight: false
Resources:
    CreateOrder:
        Type: AWS::Serverless::Function
        Properties:
            Events:
                Create:
                    Type: Api
                    Properties:
                        Path: /orders
                        Method: post
`,
    },
    {
      name: 'explicit HTTP API: an authorizer defined but attached to nothing; the fix makes it the default',
      file: 'template.yaml',
      code: `${SAM}Resources:
  OrdersApi:
    Type: AWS::Serverless::HttpApi
    Properties:
      Auth:
        Authorizers:
          OrdersJwt:
            IdentitySource: $request.header.Authorization
            JwtConfiguration: { issuer: https://issuer.example.com, audience: [orders] }
  ListOrders:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        List:
          Type: HttpApi
          Properties: { ApiId: !Ref OrdersApi, Path: /orders, Method: GET }
`,
      errors: [{ line: 18, column: 54, endLine: 18, endColumn: 61, message: 'defines the authorizer OrdersJwt but attaches it to nothing' }],
      output: `${SAM}Resources:
  OrdersApi:
    Type: AWS::Serverless::HttpApi
    Properties:
      Auth:
        Authorizers:
          OrdersJwt:
            IdentitySource: $request.header.Authorization
            JwtConfiguration: { issuer: https://issuer.example.com, audience: [orders] }
        DefaultAuthorizer: OrdersJwt
  ListOrders:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        List:
          Type: HttpApi
          Properties: { ApiId: !Ref OrdersApi, Path: /orders, Method: GET }
`,
    },
    {
      name: 'an authorizer that one event names is attached: the other route is told to use it too',
      file: 'template.yaml',
      code: `${SAM}Resources:
  Api:
    Type: AWS::Serverless::HttpApi
    Properties:
      Auth:
        Authorizers:
          Jwt:
            JwtConfiguration: { issuer: https://issuer.example.com, audience: [shop] }
            IdentitySource: $request.header.Authorization
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Create:
          Type: HttpApi
          Properties: { ApiId: !Ref Api, Path: /orders, Method: post, Auth: { Authorizer: Jwt } }
        Read:
          Type: HttpApi
          Properties: { ApiId: !Ref Api, Path: /orders, Method: get }
`,
      errors: [{ line: 21, column: 48, endLine: 21, endColumn: 55, message: "Api's authorizer Jwt protects other routes, not this one" }],
      output: `${SAM}Resources:
  Api:
    Type: AWS::Serverless::HttpApi
    Properties:
      Auth:
        Authorizers:
          Jwt:
            JwtConfiguration: { issuer: https://issuer.example.com, audience: [shop] }
            IdentitySource: $request.header.Authorization
        DefaultAuthorizer: Jwt
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Create:
          Type: HttpApi
          Properties: { ApiId: !Ref Api, Path: /orders, Method: post, Auth: { Authorizer: Jwt } }
        Read:
          Type: HttpApi
          Properties: { ApiId: !Ref Api, Path: /orders, Method: get }
`,
    },
    {
      name: 'Authorizer NONE overriding a default, and an API-key-only route, reported differently',
      file: 'template.yaml',
      code: `${SAM}Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Auth:
        DefaultAuthorizer: Cognito
        Authorizers: { Cognito: { UserPoolArn: !GetAtt Pool.Arn } }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Health:
          Type: Api
          Properties:
            RestApiId: !Ref Api
            Path: /health
            Method: get
            Auth: { Authorizer: NONE }
        Partner:
          Type: Api
          Properties:
            RestApiId: !Ref Api
            Path: /partner
            Method: post
            Auth: { Authorizer: NONE, ApiKeyRequired: true }
`,
      errors: [
        { line: 19, column: 19, endLine: 19, endColumn: 26, message: "opts out of Api's default authorizer Cognito (NONE)" },
        { line: 26, column: 19, endLine: 26, endColumn: 27, message: 'the API key it requires identifies a client, not a user' },
      ],
    },
    {
      name: 'API key only, and a resource policy only, on the implicit REST API',
      file: 'template.yaml',
      code: `${SAM}Globals:
  Api:
    Auth:
      ResourcePolicy:
        IpRangeWhitelist: [10.0.0.0/8]
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Keyed:
          Type: Api
          Properties:
            Path: /keyed
            Method: get
            Auth: { ApiKeyRequired: true }
        Internal:
          Type: Api
          Properties:
            Path: /internal
            Method: get
`,
      errors: [
        { line: 16, column: 19, endLine: 16, endColumn: 25, message: 'protected only by an API key, which identifies a calling client but does not authenticate a user' },
        { line: 22, column: 19, endLine: 22, endColumn: 28, message: "ServerlessRestApi's resource policy limits where calls come from" },
      ],
    },
    {
      name: 'HTTP API catch-all event without Path lands on the event key (JSON)',
      file: 'template.json',
      code: `{
  "Transform": "AWS::Serverless-2016-10-31",
  "Resources": {
    "Proxy": {
      "Type": "AWS::Serverless::Function",
      "Properties": {
        "Events": { "All": { "Type": "HttpApi" } }
      }
    }
  }
}
`,
      errors: [{ line: 7, column: 21, endLine: 7, endColumn: 26, message: 'ANY $default route' }],
      output: `{
  "Transform": "AWS::Serverless-2016-10-31",
  "Globals": {
    "HttpApi": {
      "Auth": {
        "DefaultAuthorizer": "JwtAuthorizer",
        "Authorizers": {
          "JwtAuthorizer": {
            "IdentitySource": "$request.header.Authorization",
            "JwtConfiguration": {
              "issuer": "https://cognito-idp.<region>.amazonaws.com/<user-pool-id>",
              "audience": [
                "<app-client-id>"
              ]
            }
          }
        }
      }
    }
  },
  "Resources": {
    "Proxy": {
      "Type": "AWS::Serverless::Function",
      "Properties": {
        "Events": { "All": { "Type": "HttpApi" } }
      }
    }
  }
}
`,
    },
    {
      name: 'explicit REST API without Auth: the fix adds it to the API (JSON)',
      file: 'template.json',
      code: `{
  "Transform": ["AWS::Serverless-2016-10-31"],
  "Resources": {
    "Api": {
      "Type": "AWS::Serverless::Api",
      "Properties": {
        "StageName": "prod"
      }
    },
    "Fn": {
      "Type": "AWS::Serverless::Function",
      "Properties": {
        "Events": { "Get": { "Type": "Api", "Properties": { "RestApiId": { "Ref": "Api" }, "Path": "/items", "Method": "get" } } }
      }
    }
  }
}
`,
      errors: [{ line: 13, column: 100, endLine: 13, endColumn: 108, resource: 'Fn' }],
      output: `{
  "Transform": ["AWS::Serverless-2016-10-31"],
  "Resources": {
    "Api": {
      "Type": "AWS::Serverless::Api",
      "Properties": {
        "StageName": "prod",
        "Auth": {
          "DefaultAuthorizer": "CognitoAuthorizer",
          "Authorizers": {
            "CognitoAuthorizer": {
              "UserPoolArn": "arn:aws:cognito-idp:<region>:<account-id>:userpool/<user-pool-id>"
            }
          }
        }
      }
    },
    "Fn": {
      "Type": "AWS::Serverless::Function",
      "Properties": {
        "Events": { "Get": { "Type": "Api", "Properties": { "RestApiId": { "Ref": "Api" }, "Path": "/items", "Method": "get" } } }
      }
    }
  }
}
`,
    },
    {
      name: 'CloudFormation method with NONE and an unattached authorizer: the fix attaches it',
      file: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: orders
  OrdersAuthorizer:
    Type: AWS::ApiGateway::Authorizer
    Properties:
      RestApiId: !Ref Api
      Type: COGNITO_USER_POOLS
      ProviderARNs: [!GetAtt Pool.Arn]
  GetOrders:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      HttpMethod: GET
      AuthorizationType: NONE
`,
      errors: [{ line: 18, column: 26, endLine: 18, endColumn: 30, message: 'defines the authorizer OrdersAuthorizer but attaches it to nothing', resource: 'GetOrders' }],
      output: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: orders
  OrdersAuthorizer:
    Type: AWS::ApiGateway::Authorizer
    Properties:
      RestApiId: !Ref Api
      Type: COGNITO_USER_POOLS
      ProviderARNs: [!GetAtt Pool.Arn]
  GetOrders:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      HttpMethod: GET
      AuthorizationType: COGNITO_USER_POOLS
      AuthorizerId: !Ref OrdersAuthorizer
`,
    },
    {
      name: 'CloudFormation: a method without AuthorizationType (NONE by default), API key only; an HTTP route (JSON)',
      file: 'template.json',
      code: `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Put": { "Type": "AWS::ApiGateway::Method", "Properties": { "HttpMethod": "PUT", "ApiKeyRequired": true } },
    "Route": { "Type": "AWS::ApiGatewayV2::Route", "Properties": { "ApiId": { "Ref": "Http" }, "RouteKey": "GET /items", "AuthorizationType": "NONE" } }
  }
}
`,
      errors: [
        { line: 4, column: 5, endLine: 4, endColumn: 10, message: 'Put (PUT) is protected only by an API key' },
        { line: 5, column: 143, endLine: 5, endColumn: 149, message: 'Route (GET /items on Http) has no authorizer' },
      ],
    },
  ],
});
