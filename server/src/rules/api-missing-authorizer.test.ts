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
    {
      name: 'OpenAPI 3 body: root Cognito security, one operation with its own Lambda authorizer, the preflight left open',
      file: 'template.yaml',
      code: `${SAM}Resources:
  OrdersApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionBody:
        openapi: 3.0.1
        info: { title: orders, version: '1.0' }
        security:
          - ShopUsers: [orders/read]
        components:
          securitySchemes:
            ShopUsers:
              type: apiKey
              name: Authorization
              in: header
              x-amazon-apigateway-authtype: cognito_user_pools
              x-amazon-apigateway-authorizer:
                type: cognito_user_pools
                providerARNs: [!GetAtt ShopPool.Arn]
            PartnerToken:
              type: apiKey
              name: X-Partner-Token
              in: header
              x-amazon-apigateway-authtype: custom
              x-amazon-apigateway-authorizer:
                type: token
                authorizerUri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${PartnerAuthFn.Arn}/invocations
        paths:
          /orders:
            get:
              x-amazon-apigateway-integration: { type: aws_proxy, httpMethod: POST, uri: !Sub 'arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${ListOrders.Arn}/invocations' }
            options:
              security: []
              x-amazon-apigateway-integration: { type: mock }
          /partner/orders:
            post:
              security:
                - PartnerToken: []
              x-amazon-apigateway-integration: { type: aws_proxy, httpMethod: POST, uri: !Sub 'arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${PartnerOrders.Arn}/invocations' }
`,
    },
    {
      name: 'Swagger 2 Body on a RestApi: IAM (awsSigv4) on every operation, and the ANY method (JSON)',
      file: 'template.json',
      code: `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "InternalApi": {
      "Type": "AWS::ApiGateway::RestApi",
      "Properties": {
        "Body": {
          "swagger": "2.0",
          "info": { "title": "internal", "version": "1" },
          "securityDefinitions": {
            "sigv4": { "type": "apiKey", "name": "Authorization", "in": "header", "x-amazon-apigateway-authtype": "awsSigv4" }
          },
          "paths": {
            "/jobs": {
              "post": { "security": [{ "sigv4": [] }], "x-amazon-apigateway-integration": { "type": "aws_proxy", "httpMethod": "POST", "uri": "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:jobs/invocations" } }
            },
            "/jobs/{id}": {
              "x-amazon-apigateway-any-method": { "security": [{ "sigv4": [] }] }
            }
          }
        }
      }
    }
  }
}
`,
    },
    {
      name: 'HTTP API body: an oauth2 scheme with API Gateway JWT configuration',
      file: 'template.yaml',
      code: `${SAM}Resources:
  CatalogApi:
    Type: AWS::Serverless::HttpApi
    Properties:
      DefinitionBody:
        openapi: '3.0.1'
        info: { title: catalog, version: '2' }
        components:
          securitySchemes:
            Jwt:
              type: oauth2
              flows: {}
              x-amazon-apigateway-authorizer:
                type: jwt
                identitySource: $request.header.Authorization
                jwtConfiguration:
                  issuer: https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc
                  audience: [catalog-web]
        paths:
          /items:
            put:
              security: [{ Jwt: [catalog/write] }]
              x-amazon-apigateway-integration: { type: aws_proxy, payloadFormatVersion: '2.0', uri: !GetAtt PutItem.Arn }
`,
    },
    {
      name: 'unknown: a scheme declared nowhere, a security list from an intrinsic, an operation from Fn::If',
      file: 'template.yaml',
      code: `${SAM}Parameters:
  Stage:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: !Ref Stage
      DefinitionBody:
        openapi: 3.0.1
        info: { title: mixed, version: '1' }
        paths:
          /a:
            get:
              security: [{ CorporateSso: [] }]
          /b:
            get:
              security: !If [IsProd, [{ CorporateSso: [] }], []]
          /c:
            post: !If
              - IsProd
              - { security: [{ CorporateSso: [] }] }
              - {}
`,
    },
    {
      name: 'a definition pulled in with AWS::Include is unknown, and so are the events routed to its API',
      file: 'template.yaml',
      code: `${SAM}Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionBody:
        Fn::Transform:
          Name: AWS::Include
          Parameters:
            Location: s3://specs/orders-openapi.yaml
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Get:
          Type: Api
          Properties: { RestApiId: !Ref Api, Path: /orders, Method: get }
`,
    },
    {
      name: 'SAM applies Auth.DefaultAuthorizer to body operations with an integration, even over security: [] on a REST API',
      file: 'template.yaml',
      code: `${SAM}Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Auth:
        DefaultAuthorizer: ShopCognito
        Authorizers:
          ShopCognito:
            UserPoolArn: !GetAtt Pool.Arn
      DefinitionBody:
        swagger: '2.0'
        info: { title: shop, version: '1' }
        paths:
          /carts:
            post:
              x-amazon-apigateway-integration: { type: aws_proxy, httpMethod: POST, uri: !Sub 'arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Carts.Arn}/invocations' }
          /carts/{id}:
            delete:
              security: []
              x-amazon-apigateway-integration: { type: aws_proxy, httpMethod: POST, uri: !Sub 'arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Carts.Arn}/invocations' }
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
    {
      name: 'OpenAPI 3 body: an operation without security beside ones the body protects; the fix names the same scheme',
      file: 'template.yaml',
      code: `${SAM}Resources:
  OrdersApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionBody:
        openapi: 3.0.1
        info:
          title: orders
          version: '1.0'
        components:
          securitySchemes:
            OrdersCognito:
              type: apiKey
              name: Authorization
              in: header
              x-amazon-apigateway-authtype: cognito_user_pools
              x-amazon-apigateway-authorizer:
                type: cognito_user_pools
                providerARNs:
                  - !GetAtt OrdersPool.Arn
        paths:
          /orders:
            get:
              security:
                - OrdersCognito: []
              x-amazon-apigateway-integration:
                type: aws_proxy
                httpMethod: POST
                uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${ListOrders.Arn}/invocations
            post:
              x-amazon-apigateway-integration:
                type: aws_proxy
                httpMethod: POST
                uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${CreateOrder.Arn}/invocations
`,
      errors: [{ line: 33, column: 13, endLine: 33, endColumn: 17, message: "POST /orders in OrdersApi's OpenAPI body has no authorizer: anyone who finds the URL can call it", resource: 'OrdersApi' }],
      output: `${SAM}Resources:
  OrdersApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionBody:
        openapi: 3.0.1
        info:
          title: orders
          version: '1.0'
        components:
          securitySchemes:
            OrdersCognito:
              type: apiKey
              name: Authorization
              in: header
              x-amazon-apigateway-authtype: cognito_user_pools
              x-amazon-apigateway-authorizer:
                type: cognito_user_pools
                providerARNs:
                  - !GetAtt OrdersPool.Arn
        paths:
          /orders:
            get:
              security:
                - OrdersCognito: []
              x-amazon-apigateway-integration:
                type: aws_proxy
                httpMethod: POST
                uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${ListOrders.Arn}/invocations
            post:
              x-amazon-apigateway-integration:
                type: aws_proxy
                httpMethod: POST
                uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${CreateOrder.Arn}/invocations
              security:
                - OrdersCognito: []
`,
    },
    {
      name: 'HTTP API Body (JSON): the fix adds the JWT scheme the other route uses',
      file: 'template.json',
      code: `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "NotesApi": {
      "Type": "AWS::ApiGatewayV2::Api",
      "Properties": {
        "Body": {
          "openapi": "3.0.1",
          "info": { "title": "notes", "version": "1" },
          "components": {
            "securitySchemes": {
              "NotesJwt": {
                "type": "openIdConnect",
                "openIdConnectUrl": "https://auth.example.com/.well-known/openid-configuration",
                "x-amazon-apigateway-authorizer": {
                  "type": "jwt",
                  "identitySource": "$request.header.Authorization",
                  "jwtConfiguration": { "issuer": "https://auth.example.com", "audience": ["notes"] }
                }
              }
            }
          },
          "paths": {
            "/notes": {
              "get": {
                "security": [{ "NotesJwt": [] }],
                "x-amazon-apigateway-integration": { "type": "aws_proxy", "payloadFormatVersion": "2.0", "uri": { "Fn::GetAtt": ["ListNotes", "Arn"] } }
              },
              "delete": {
                "x-amazon-apigateway-integration": { "type": "aws_proxy", "payloadFormatVersion": "2.0", "uri": { "Fn::GetAtt": ["PurgeNotes", "Arn"] } }
              }
            }
          }
        }
      }
    }
  }
}
`,
      errors: [{ line: 29, column: 15, endLine: 29, endColumn: 23, message: "DELETE /notes in NotesApi's OpenAPI body has no authorizer", resource: 'NotesApi' }],
      output: `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "NotesApi": {
      "Type": "AWS::ApiGatewayV2::Api",
      "Properties": {
        "Body": {
          "openapi": "3.0.1",
          "info": { "title": "notes", "version": "1" },
          "components": {
            "securitySchemes": {
              "NotesJwt": {
                "type": "openIdConnect",
                "openIdConnectUrl": "https://auth.example.com/.well-known/openid-configuration",
                "x-amazon-apigateway-authorizer": {
                  "type": "jwt",
                  "identitySource": "$request.header.Authorization",
                  "jwtConfiguration": { "issuer": "https://auth.example.com", "audience": ["notes"] }
                }
              }
            }
          },
          "paths": {
            "/notes": {
              "get": {
                "security": [{ "NotesJwt": [] }],
                "x-amazon-apigateway-integration": { "type": "aws_proxy", "payloadFormatVersion": "2.0", "uri": { "Fn::GetAtt": ["ListNotes", "Arn"] } }
              },
              "delete": {
                "x-amazon-apigateway-integration": { "type": "aws_proxy", "payloadFormatVersion": "2.0", "uri": { "Fn::GetAtt": ["PurgeNotes", "Arn"] } },
                "security": [
                  {
                    "NotesJwt": []
                  }
                ]
              }
            }
          }
        }
      }
    }
  }
}
`,
    },
    {
      name: 'Swagger 2 Body (JSON): security: [] under root security, and an API-key-only operation; neither gets a fix',
      file: 'template.json',
      code: `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "StoreApi": {
      "Type": "AWS::ApiGateway::RestApi",
      "Properties": {
        "Body": {
          "swagger": "2.0",
          "info": { "title": "store", "version": "3" },
          "security": [{ "StoreAuthorizer": [] }],
          "securityDefinitions": {
            "StoreAuthorizer": {
              "type": "apiKey", "name": "Authorization", "in": "header",
              "x-amazon-apigateway-authtype": "custom",
              "x-amazon-apigateway-authorizer": { "type": "request", "identitySource": "method.request.header.Authorization", "authorizerUri": { "Fn::Sub": "arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${AuthFn.Arn}/invocations" } }
            },
            "api_key": { "type": "apiKey", "name": "x-api-key", "in": "header" }
          },
          "paths": {
            "/health": { "get": { "security": [], "x-amazon-apigateway-integration": { "type": "mock" } } },
            "/partners/stock": { "put": { "security": [{ "api_key": [] }], "x-amazon-apigateway-integration": { "type": "http_proxy", "httpMethod": "PUT", "uri": "https://stock.example.com/" } } },
            "/orders": { "get": { "x-amazon-apigateway-integration": { "type": "http_proxy", "httpMethod": "GET", "uri": "https://orders.example.com/" } } }
          }
        }
      }
    }
  }
}
`,
      errors: [
        { line: 20, column: 26, endLine: 20, endColumn: 31, message: "GET /health in StoreApi's OpenAPI body opts out of the security that the body's root sets for every operation with an empty security list", resource: 'StoreApi' },
        { line: 21, column: 34, endLine: 21, endColumn: 39, message: "PUT /partners/stock in StoreApi's OpenAPI body is protected only by an API key", resource: 'StoreApi' },
      ],
    },
    {
      name: 'a route both in the events and in the body is reported once, on the event; a body-only route on its own',
      file: 'template.yaml',
      code: `${SAM}Resources:
  TicketsApi:
    Type: AWS::Serverless::HttpApi
    Properties:
      DefinitionBody:
        openapi: 3.0.1
        info: { title: tickets, version: '1' }
        paths:
          /tickets:
            get:
              responses: {}
            post:
              x-amazon-apigateway-integration:
                type: aws_proxy
                payloadFormatVersion: '2.0'
                uri: !GetAtt OpenTicket.Arn
  ListTickets:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        List:
          Type: HttpApi
          Properties: { ApiId: !Ref TicketsApi, Path: /tickets, Method: get }
`,
      errors: [
        { line: 14, column: 13, endLine: 14, endColumn: 17, message: "POST /tickets in TicketsApi's OpenAPI body has no authorizer", resource: 'TicketsApi' },
        { line: 25, column: 55, endLine: 25, endColumn: 63, message: "ListTickets's GET /tickets route on TicketsApi has no authorizer", resource: 'ListTickets' },
      ],
    },
    {
      name: "HTTP API with a default authorizer: SAM leaves an operation's own [{}] alone, so it opts out",
      file: 'template.yaml',
      code: `${SAM}Resources:
  FeedApi:
    Type: AWS::Serverless::HttpApi
    Properties:
      Auth:
        DefaultAuthorizer: FeedJwt
        Authorizers:
          FeedJwt:
            IdentitySource: $request.header.Authorization
            JwtConfiguration: { issuer: https://auth.example.com, audience: [feed] }
      DefinitionBody:
        openapi: 3.0.1
        info: { title: feed, version: '1' }
        paths:
          /feed:
            get:
              x-amazon-apigateway-integration: { type: aws_proxy, payloadFormatVersion: '2.0', uri: !GetAtt ReadFeed.Arn }
          /feed/public:
            get:
              security: [{}]
              x-amazon-apigateway-integration: { type: aws_proxy, payloadFormatVersion: '2.0', uri: !GetAtt ReadFeed.Arn }
`,
      errors: [{ line: 21, column: 13, endLine: 21, endColumn: 16, message: "GET /feed/public in FeedApi's OpenAPI body opts out of FeedApi's default authorizer FeedJwt with an empty security requirement ({})", resource: 'FeedApi' }],
    },
  ],
});
