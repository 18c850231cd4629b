import type { InvalidCase, ValidCase } from '../../../../test/kit/rule-tester';
import { runCdk } from '../../../../test/kit/cdk';

const HEAD = `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
`;

const ADD_TO_ROLE = `${HEAD}
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const fn = new lambda.Function(this, 'OrdersFunction', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('src'),
    });
    fn.addToRolePolicy(new iam.PolicyStatement({
      actions: ['dynamodb:*'],
      resources: ['*'],
    }));
  }
}
`;

const GRANT_FULL = `${HEAD}
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const table = new dynamodb.Table(this, 'OrdersTable', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    const fn = new lambda.Function(this, 'OrdersFunction', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') });
    table.grantFullAccess(fn);
  }
}
`;

export const CASES: { valid: ValidCase[]; invalid: InvalidCase[] } = {
  valid: [
    {
      name: 'specific actions on the table, and a grant that reads only',
      file: 'lib/orders-stack.ts',
      code: `${HEAD}
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const table = new dynamodb.Table(this, 'OrdersTable', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    const fn = new lambda.Function(this, 'OrdersFunction', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem', 'dynamodb:Query'], resources: [table.tableArn] }));
    table.grantReadData(fn);
  }
}
`,
    },
    {
      name: 'a Deny statement with a wildcard narrows access',
      file: 'lib/stack.ts',
      code: `${HEAD}
export function denyAll(fn: lambda.Function) {
  fn.addToRolePolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['s3:*'], resources: ['*'] }));
}
`,
    },
    {
      name: 'actions from another module are unknown, not a finding; narrower wildcards are not this rule',
      file: 'lib/stack.ts',
      code: `${HEAD}import { ACTIONS } from './actions';
export function allow(fn: lambda.Function) {
  fn.addToRolePolicy(new iam.PolicyStatement({ actions: ACTIONS, resources: ['*'] }));
  fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:Get*', 's3:List*'], resources: ['arn:aws:s3:::reports/*'] }));
}
`,
    },
    {
      name: 'an effect that cannot be read is unknown',
      file: 'lib/stack.ts',
      code: `${HEAD}
export function statement(effect: iam.Effect) {
  return new iam.PolicyStatement({ effect, actions: ['*'], resources: ['*'] });
}
`,
    },
    {
      name: 'not a CDK file: the same words in a handler',
      file: 'src/handler.ts',
      code: `import { PolicyStatement } from './my-policy-lib';
export const handler = async () => new PolicyStatement({ actions: ['*'] });
`,
    },
  ],
  invalid: [
    {
      name: 'addToRolePolicy with service:* (namespace import)',
      file: 'lib/orders-stack.ts',
      code: ADD_TO_ROLE,
      errors: [{ line: 16, column: 17, endLine: 16, endColumn: 29, message: "OrdersFunction's policy allows dynamodb:* — grant only the actions it calls", resource: 'OrdersFunction' }],
      output: ADD_TO_ROLE.replace("['dynamodb:*']", "['dynamodb:<Action>']"),
    },
    {
      name: "Role inlinePolicies with a PolicyDocument, imported as { aws_iam as iam } from 'aws-cdk-lib'",
      file: 'lib/admin.ts',
      code: `import { Stack, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
export class AdminStack extends Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new iam.Role(this, 'AdminRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      inlinePolicies: {
        all: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ["*"], resources: ['*'] })] }),
      },
    });
  }
}
`,
      errors: [{ line: 9, column: 88, endLine: 9, endColumn: 91, message: "AdminRole's policy allows every action of every AWS service (*)", resource: 'AdminRole' }],
      output: `import { Stack, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
export class AdminStack extends Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new iam.Role(this, 'AdminRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      inlinePolicies: {
        all: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ["<service>:<Action>"], resources: ['*'] })] }),
      },
    });
  }
}
`,
    },
    {
      name: 'named imports, actions through a const with a spread, a Policy construct with addStatements',
      file: 'lib/queue-stack.ts',
      code: `import { Stack } from 'aws-cdk-lib';
import { Policy, PolicyStatement, Effect } from 'aws-cdk-lib/aws-iam';
const BASE = ['logs:PutLogEvents'];
const ACTIONS = [...BASE, 'sqs:*'];
export class QueueStack extends Stack {
  build() {
    const policy = new Policy(this, 'WorkerPolicy');
    const statement = new PolicyStatement({ effect: Effect.ALLOW, actions: ACTIONS, resources: ['*'] });
    policy.addStatements(statement);
  }
}
`,
      errors: [{ line: 4, column: 27, endLine: 4, endColumn: 34, message: "WorkerPolicy's policy allows sqs:*", resource: 'WorkerPolicy' }],
    },
    {
      name: 'CDK v1 and a helper function: the literal at the call site is reported',
      file: 'lib/v1-stack.ts',
      code: `import * as cdk from '@aws-cdk/core';
import * as iam from '@aws-cdk/aws-iam';
import * as lambda from '@aws-cdk/aws-lambda';

function allow(fn: lambda.Function, actions: string[]) {
  fn.addToRolePolicy(new iam.PolicyStatement({ actions, resources: ['*'] }));
}

export class V1Stack extends cdk.Stack {
  constructor(scope: cdk.Construct, id: string) {
    super(scope, id);
    const fn = new lambda.Function(this, 'Worker', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'i.h', code: lambda.Code.fromAsset('src') });
    allow(fn, ['sns:Publish']);
    allow(fn, ['kinesis:*']);
  }
}
`,
      errors: [{ line: 14, column: 16, endLine: 14, endColumn: 27, message: "Worker's policy allows kinesis:*", resource: 'Worker' }],
    },
    {
      name: 'CfnPolicy with a raw JSON document: Action "*" and NotAction',
      file: 'lib/raw.ts',
      code: `import { Stack, aws_iam as iam } from 'aws-cdk-lib';
export class RawStack extends Stack {
  constructor() {
    super();
    new iam.CfnPolicy(this, 'RawPolicy', {
      policyName: 'raw',
      policyDocument: {
        Statement: [
          { Effect: 'Allow', Action: '*', Resource: '*' },
          { Effect: 'Allow', NotAction: ['iam:*'], Resource: '*' },
          { Effect: 'Deny', Action: '*', Resource: '*' },
        ],
      },
    });
  }
}
`,
      errors: [
        { line: 9, column: 38, endLine: 9, endColumn: 41, resource: 'RawPolicy' },
        { line: 10, column: 30, endLine: 10, endColumn: 39, message: 'NotAction with Allow', resource: 'RawPolicy' },
      ],
    },
    {
      name: 'PolicyStatement.fromJson through the aws-cdk-lib namespace',
      file: 'lib/json.ts',
      code: `import * as cdk from 'aws-cdk-lib';
export function attach(role: cdk.aws_iam.Role) {
  role.addToPolicy(cdk.aws_iam.PolicyStatement.fromJson({ Effect: 'Allow', Action: ['kms:*'], Resource: '*' }));
}
`,
      errors: [{ line: 3, column: 85, endLine: 3, endColumn: 92, message: 'This policy statement allows kms:*', resource: null }],
    },
    {
      name: 'table.grantFullAccess(fn) grants dynamodb:*',
      file: 'lib/orders-stack.ts',
      code: GRANT_FULL,
      errors: [{ line: 12, column: 11, endLine: 12, endColumn: 26, message: "OrdersFunction's policy allows dynamodb:* on OrdersTable (grantFullAccess)", resource: 'OrdersFunction' }],
      output: GRANT_FULL.replace('grantFullAccess', 'grantReadWriteData'),
    },
    {
      name: 'JavaScript with require, addStatements-style addActions on a statement',
      file: 'lib/stack.js',
      code: `const { Stack } = require('aws-cdk-lib');
const iam = require('aws-cdk-lib/aws-iam');
class JsStack extends Stack {
  constructor(scope, id) {
    super(scope, id);
    const role = new iam.Role(this, 'JsRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const st = new iam.PolicyStatement();
    st.addActions('s3:*');
    st.addResources('arn:aws:s3:::bucket/*');
    role.addToPolicy(st);
  }
}
module.exports = { JsStack };
`,
      errors: [{ line: 8, column: 19, endLine: 8, endColumn: 25, message: "JsRole's policy allows s3:*", resource: 'JsRole' }],
    },
  ],
};

runCdk('iam-wildcard-action', CASES);
