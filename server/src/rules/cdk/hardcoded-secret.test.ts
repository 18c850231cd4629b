import type { InvalidCase, ValidCase } from '../../../../test/kit/rule-tester';
import { runCdk } from '../../../../test/kit/cdk';

const HEAD = `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
`;

const stack = (body: string): string => `${HEAD}
export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
${body}  }
}
`;

const PLAINTEXT = stack(`    new secretsmanager.Secret(this, 'ApiKey', { secretStringValue: cdk.SecretValue.unsafePlainText('tok_9f8e7d6c5b4a') });
`);

const NAMED = `import { Stack, SecretValue } from 'aws-cdk-lib';
import * as rds from 'aws-cdk-lib/aws-rds';
const ADMIN_PASSWORD = 'Sup3r-Secret!';
export class DbStack extends Stack {
  constructor() {
    super();
    new rds.DatabaseCluster(this, 'Db', { engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }), credentials: rds.Credentials.fromPassword('admin', SecretValue.plainText(ADMIN_PASSWORD)) });
  }
}
`;

export const CASES: { valid: ValidCase[]; invalid: InvalidCase[] } = {
  valid: [
    {
      name: 'a generated secret and a reference to an existing one',
      file: 'lib/app.ts',
      code: stack(`    const generated = new secretsmanager.Secret(this, 'Generated', { generateSecretString: { passwordLength: 32 } });
    new rds.DatabaseInstance(this, 'Db', { engine: rds.DatabaseInstanceEngine.POSTGRES, credentials: rds.Credentials.fromSecret(generated) });
    const existing = cdk.SecretValue.secretsManager('orders/api-key');
    new lambda.Function(this, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'i.h', code: lambda.Code.fromAsset('src'), environment: { API_KEY_SECRET_NAME: 'orders/api-key' } });
    void existing;
`),
    },
    {
      name: 'a plaintext value that cannot be read is unknown',
      file: 'lib/app.ts',
      code: stack(`    new secretsmanager.Secret(this, 'S', { secretStringValue: cdk.SecretValue.unsafePlainText(this.node.tryGetContext('value')) });
`),
    },
  ],
  invalid: [
    {
      name: 'SecretValue.unsafePlainText with a literal (the fix references Secrets Manager)',
      file: 'lib/app.ts',
      code: PLAINTEXT,
      errors: [{ line: 10, column: 100, endLine: 10, endColumn: 118, message: 'A credential is written into the code (SecretValue.unsafePlainText)', resource: 'ApiKey' }],
      output: PLAINTEXT.replace("cdk.SecretValue.unsafePlainText('tok_9f8e7d6c5b4a')", "cdk.SecretValue.secretsManager('<secret-name>')"),
    },
    {
      name: 'SecretValue.plainText of a const (named import), inside rds credentials',
      file: 'lib/db.ts',
      code: NAMED,
      errors: [{ line: 3, column: 24, endLine: 3, endColumn: 39, message: 'SecretValue.plainText', resource: 'Db' }],
      output: NAMED.replace('SecretValue.plainText(ADMIN_PASSWORD)', "SecretValue.secretsManager('<secret-name>')"),
    },
    {
      name: 'a literal password in an environment variable and in a CfnDBInstance prop',
      file: 'lib/app.ts',
      code: stack(`    new lambda.Function(this, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'i.h', code: lambda.Code.fromAsset('src'), environment: { DB_PASSWORD: "hunter2hunter2" } });
    new rds.CfnDBInstance(this, 'LegacyDb', { dbInstanceClass: 'db.t3.micro', engine: 'postgres', masterUsername: 'admin', masterUserPassword: 'changeit-2024' });
`),
      errors: [
        { line: 10, column: 156, endLine: 10, endColumn: 172, message: "Fn's environment variable DB_PASSWORD is a credential written into the code", resource: 'Fn' },
        { line: 11, column: 144, endLine: 11, endColumn: 159, message: "LegacyDb's masterUserPassword", resource: 'LegacyDb' },
      ],
    },
  ],
};

runCdk('hardcoded-secret', CASES);
