import * as assert from 'node:assert/strict';
import { isCredentialName, rule } from './secret-in-environment';
import { run } from '../../../test/kit/rule-tester';

const SAM = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
`;

describe('secret-in-environment: credential names', () => {
  it('knows credentials from pointers to them', () => {
    for (const n of ['DB_PASSWORD', 'DB_PASS', 'dbPassword', 'API_KEY', 'apiKey', 'STRIPE_SECRET', 'GITHUB_TOKEN', 'PRIVATE_KEY', 'JWT_SIGNING_KEY', 'CLIENT_SECRET', 'AWS_SECRET_ACCESS_KEY']) {
      assert.ok(isCredentialName(n), n);
    }
    for (const n of ['DB_SECRET_ARN', 'SECRET_NAME', 'TOKEN_TABLE', 'SECRET_ID', 'PASSWORD_PARAM', 'TOKEN_URL', 'PARTITION_KEY', 'TABLE_NAME', 'PASSWORD_MIN_LENGTH', 'KMS_KEY_ID', 'BYPASS_CACHE']) {
      assert.ok(!isCredentialName(n), n);
    }
  });
});

run(rule, {
  valid: [
    {
      name: 'secret ARN and name passed, other settings, unknown intrinsics',
      file: 'template.yaml',
      code: `${SAM}Parameters:
  Stage: { Type: String }
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Environment:
        Variables:
          DB_SECRET_ARN: !Ref DbSecret
          SECRET_NAME: prod/db
          TOKEN_TABLE: !Ref Tokens
          STAGE: !Ref Stage
          API_KEY: !ImportValue shared-api-key
          DB_PASSWORD: ''
          PASSWORD_PARAMETER: /prod/db/password
          ENABLE_TOKEN: true
`,
    },
    {
      name: 'plain CloudFormation function with references only (JSON)',
      file: 'template.json',
      code: `{
  "Resources": {
    "Fn": { "Type": "AWS::Lambda::Function", "Properties": { "Environment": { "Variables": {
      "API_KEY_SECRET_ARN": { "Ref": "ApiKeySecret" },
      "TOKEN_ENDPOINT": "https://auth.example.com/token"
    } } } }
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'SAM: a parameter, with a Policies list: renamed to the ARN of the template\'s secret, policy added',
      file: 'template.yaml',
      code: `${SAM}Parameters:
  DbPassword: { Type: String, NoEcho: true }
Resources:
  DbSecret:
    Type: AWS::SecretsManager::Secret
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Policies:
        - AWSLambdaBasicExecutionRole
      Environment:
        Variables:
          DB_PASSWORD: !Ref DbPassword
`,
      errors: [{ line: 16, column: 24, endLine: 16, endColumn: 39, resource: 'OrdersFunction', message: "OrdersFunction's environment variable DB_PASSWORD comes from parameter DbPassword" }],
      output: `${SAM}Parameters:
  DbPassword: { Type: String, NoEcho: true }
Resources:
  DbSecret:
    Type: AWS::SecretsManager::Secret
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Policies:
        - AWSLambdaBasicExecutionRole
        - AWSSecretsManagerGetSecretValuePolicy:
            SecretArn: !Ref DbSecret
      Environment:
        Variables:
          DB_PASSWORD_SECRET_ARN: !Ref DbSecret
`,
    },
    {
      name: 'SAM: a dynamic reference, no Policies yet: a placeholder secret and a new Policies list',
      file: 'template.yaml',
      code: `${SAM}Resources:
  PayFunction:
    Type: AWS::Serverless::Function
    Properties:
      Environment:
        Variables:
          STRIPE_API_KEY: '{{resolve:secretsmanager:stripe:SecretString:key}}'
`,
      errors: [{ line: 9, column: 27, endLine: 9, endColumn: 79, message: 'resolves {{resolve:secretsmanager:stripe:SecretString:key}} at deploy time into plain text' }],
      output: `${SAM}Resources:
  PayFunction:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - AWSSecretsManagerGetSecretValuePolicy:
            SecretArn: !Ref StripeApiKeySecret
      Environment:
        Variables:
          STRIPE_API_KEY_SECRET_ARN: !Ref StripeApiKeySecret
`,
    },
    {
      name: 'Globals: a literal token, reported once',
      file: 'template.yaml',
      code: `${SAM}Globals:
  Function:
    Environment:
      Variables:
        SLACK_TOKEN: xoxb-not-a-real-token
Resources:
  A:
    Type: AWS::Serverless::Function
  B:
    Type: AWS::Serverless::Function
`,
      errors: [{ line: 7, column: 22, endLine: 7, endColumn: 43, resource: null, message: "Globals.Function's environment variable SLACK_TOKEN is written in the template" }],
      output: `${SAM}Globals:
  Function:
    Environment:
      Variables:
        SLACK_TOKEN_SECRET_ARN: !Ref SlackTokenSecret
Resources:
  A:
    Type: AWS::Serverless::Function
  B:
    Type: AWS::Serverless::Function
`,
    },
    {
      name: 'plain CloudFormation in JSON: ssm-secure reference renamed, keeping quotes',
      file: 'stack.json',
      code: `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Fn": {
      "Type": "AWS::Lambda::Function",
      "Properties": {
        "Environment": { "Variables": { "DB_PASS": "{{resolve:ssm-secure:/prod/db/pass:1}}" } }
      }
    }
  }
}
`,
      errors: [{ line: 7, column: 52, endLine: 7, endColumn: 92, resource: 'Fn' }],
      output: `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Fn": {
      "Type": "AWS::Lambda::Function",
      "Properties": {
        "Environment": { "Variables": { "DB_PASS_SECRET_ARN": { "Ref": "DbPassSecret" } } }
      }
    }
  }
}
`,
    },
    {
      name: 'SAM in JSON with a Policies array on its own lines',
      file: 'template.json',
      code: `{
  "Transform": "AWS::Serverless-2016-10-31",
  "Resources": {
    "Fn": {
      "Type": "AWS::Serverless::Function",
      "Properties": {
        "Policies": [
          "AWSLambdaBasicExecutionRole"
        ],
        "Environment": { "Variables": { "ApiKey": { "Fn::Sub": "\${ApiKeyParam}" } } }
      }
    }
  },
  "Parameters": { "ApiKeyParam": { "Type": "String" } }
}
`,
      errors: [{ line: 10, column: 51, endLine: 10, endColumn: 82, message: 'comes from parameter ApiKeyParam' }],
      output: `{
  "Transform": "AWS::Serverless-2016-10-31",
  "Resources": {
    "Fn": {
      "Type": "AWS::Serverless::Function",
      "Properties": {
        "Policies": [
          "AWSLambdaBasicExecutionRole",
          { "AWSSecretsManagerGetSecretValuePolicy": { "SecretArn": { "Ref": "ApiKeySecret" } } }
        ],
        "Environment": { "Variables": { "ApiKeySecretArn": { "Ref": "ApiKeySecret" } } }
      }
    }
  },
  "Parameters": { "ApiKeyParam": { "Type": "String" } }
}
`,
    },
  ],
});
