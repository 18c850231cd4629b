import { rule } from './iam-shared-role';
import { run } from '../../../test/kit/rule-tester';

const SAM = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
`;

run(rule, {
  valid: [
    {
      name: 'a role used by one function only',
      file: 'template.yaml',
      code: `${SAM}  GetRole:
    Type: AWS::IAM::Role
  GetOrder:
    Type: AWS::Serverless::Function
    Properties:
      Role: !GetAtt GetRole.Arn
  PutOrder:
    Type: AWS::Serverless::Function
    Properties:
      Policies: [DynamoDBWritePolicy: { TableName: orders }]
`,
    },
    {
      name: 'functions sharing a role imported from elsewhere (unknown, not in this template)',
      file: 'template.json',
      code: `{
  "Resources": {
    "A": { "Type": "AWS::Lambda::Function", "Properties": { "Role": { "Fn::ImportValue": "shared-role-arn" } } },
    "B": { "Type": "AWS::Lambda::Function", "Properties": { "Role": { "Fn::ImportValue": "shared-role-arn" } } }
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'one role for three SAM functions, one through Globals',
      file: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Role: !GetAtt AppRole.Arn
Resources:
  AppRole:
    Type: AWS::IAM::Role
  GetOrder:
    Type: AWS::Serverless::Function
  PutOrder:
    Type: AWS::Serverless::Function
    Properties:
      Role: !Sub '\${AppRole.Arn}'
  Report:
    Type: AWS::Serverless::Function
    Properties:
      Role: !GetAtt ReportRole.Arn
  ReportRole:
    Type: AWS::IAM::Role
`,
      errors: [{ line: 7, column: 3, endLine: 7, endColumn: 10, resource: 'AppRole', message: 'AppRole is the execution role of 2 functions (GetOrder, PutOrder)' }],
    },
    {
      name: 'plain CloudFormation in JSON',
      file: 'stack.json',
      code: `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "SharedRole": { "Type": "AWS::IAM::Role", "Properties": {} },
    "A": { "Type": "AWS::Lambda::Function", "Properties": { "Role": { "Fn::GetAtt": ["SharedRole", "Arn"] } } },
    "B": { "Type": "AWS::Lambda::Function", "Properties": { "Role": { "Fn::GetAtt": "SharedRole.Arn" } } }
  }
}
`,
      errors: [{ line: 4, column: 5, endLine: 4, endColumn: 17, message: 'give each function its own role' }],
    },
    {
      name: 'with the handlers read: what each function calls is the evidence',
      file: 'template.yaml',
      files: {
        'src/read.ts': "import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';\nconst db = new DynamoDBClient({});\nexport const handler = (e: { id: string }) => db.send(new GetItemCommand({ TableName: process.env.TABLE, Key: { id: { S: e.id } } }));\n",
        'src/remove.ts': "import { DynamoDBClient, DeleteItemCommand } from '@aws-sdk/client-dynamodb';\nconst db = new DynamoDBClient({});\nexport const handler = (e: { id: string }) => db.send(new DeleteItemCommand({ TableName: process.env.TABLE, Key: { id: { S: e.id } } }));\n",
      },
      code: `${SAM}  OrdersRole:
    Type: AWS::IAM::Role
  ReadOrder:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: read.handler
      Role: !GetAtt OrdersRole.Arn
      Environment: { Variables: { TABLE: !Ref Orders } }
  RemoveOrder:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: remove.handler
      Role: !GetAtt OrdersRole.Arn
      Environment: { Variables: { TABLE: !Ref Orders } }
  Orders:
    Type: AWS::DynamoDB::Table
`,
      errors: [
        {
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 13,
          message: 'Their code needs different things: ReadOrder calls dynamodb:GetItem on Orders; RemoveOrder calls dynamodb:DeleteItem on Orders.',
        },
      ],
    },
  ],
});
