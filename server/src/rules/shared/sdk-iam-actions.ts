/**
 * AWS SDK for JavaScript calls and the IAM actions they need: data, not logic.
 *
 * Sources, recorded 2026-11-25:
 * - the Service Authorization Reference, "Actions defined by <service>" tables
 *   (https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html);
 * - the API references of each service, where they say which permission an operation needs
 *   (S3 "ListObjectsV2: you must have s3:ListBucket", "HeadObject: s3:GetObject"; DynamoDB
 *   "TransactWriteItems requires the permissions of each item's operation");
 * - the AWS SDK for JavaScript v3 package layout (`@aws-sdk/client-<name>`, `@aws-sdk/lib-dynamodb`,
 *   `@aws-sdk/lib-storage`, `@aws-sdk/s3-request-presigner`) and the v2 `aws-sdk` class names.
 *
 * By default an API operation `Op` of a service needs the IAM action `<prefix>:Op`; only the
 * operations where that is not so are listed in `actions`. When AWS changes an operation's
 * permission, change its line here.
 */

/** Which part of a resource's ARN an operation acts on. */
export type ArnScope =
  /** the resource itself: `table/Orders`, `arn:aws:s3:::bucket`, the queue, the secret */
  | 'self'
  /** what lies below it: the objects of a bucket (`bucket/*`) */
  | 'children'
  /** a DynamoDB table's indexes (`table/Orders/index/*`) */
  | 'index'
  /** no resource-level permission: the action needs `Resource: "*"` */
  | 'none';

export interface SdkService {
  /** The IAM action prefix. */
  prefix: string;
  /** Human name, for messages. */
  name: string;
  /** v3 packages whose commands belong to this service. */
  v3Packages: readonly string[];
  /** v3 bare clients (used with `.send(command)`). */
  v3Clients: readonly string[];
  /** v3 aggregated clients (methods named after operations: `ddb.getItem(...)`). */
  v3Aggregated: readonly string[];
  /** v2 class names under `AWS.` (`new AWS.S3()`) and `aws-sdk/clients/<file>` modules. */
  v2Classes: readonly string[];
  v2ClientModules: readonly string[];
  /**
   * The input member naming the resource (`TableName`, `Bucket`), tried in order. A `[]` suffix
   * means a list member whose items are names (`Names[]`).
   */
  resourceMembers: readonly string[];
  /** Operations whose IAM actions differ from `<prefix>:<Operation>`; an empty list means no IAM permission at all. */
  actions?: Readonly<Record<string, readonly string[]>>;
  /** Operations that act on another part of the resource than `self`. */
  scopes?: Readonly<Record<string, ArnScope>>;
  /** Scope for every operation not in `scopes` (default `self`). */
  defaultScope?: ArnScope;
}

/** Multipart uploads are authorised as s3:PutObject; aborting one needs its own action. */
const S3_UPLOAD = ['s3:PutObject', 's3:AbortMultipartUpload'];

export const SDK_SERVICES: readonly SdkService[] = [
  {
    prefix: 'dynamodb',
    name: 'DynamoDB',
    v3Packages: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'],
    v3Clients: ['DynamoDBClient', 'DynamoDBDocumentClient'],
    v3Aggregated: ['DynamoDB', 'DynamoDBDocument'],
    v2Classes: ['DynamoDB'],
    v2ClientModules: ['aws-sdk/clients/dynamodb'],
    resourceMembers: ['TableName'],
    actions: {
      // DynamoDB authorises a transaction as the item operations inside it (see TRANSACT_ITEM_ACTIONS);
      // these stand for a transaction whose items cannot be read.
      TransactGetItems: ['dynamodb:GetItem'],
      TransactWriteItems: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'],
      // PartiQL: the statement's verb decides (see PARTIQL_ACTIONS); unknown verbs need all four.
      ExecuteStatement: ['dynamodb:PartiQLSelect', 'dynamodb:PartiQLInsert', 'dynamodb:PartiQLUpdate', 'dynamodb:PartiQLDelete'],
      BatchExecuteStatement: ['dynamodb:PartiQLSelect', 'dynamodb:PartiQLInsert', 'dynamodb:PartiQLUpdate', 'dynamodb:PartiQLDelete'],
      ExecuteTransaction: ['dynamodb:PartiQLSelect', 'dynamodb:PartiQLInsert', 'dynamodb:PartiQLUpdate', 'dynamodb:PartiQLDelete'],
    },
  },
  {
    prefix: 's3',
    name: 'S3',
    v3Packages: ['@aws-sdk/client-s3'],
    v3Clients: ['S3Client'],
    v3Aggregated: ['S3'],
    v2Classes: ['S3'],
    v2ClientModules: ['aws-sdk/clients/s3'],
    resourceMembers: ['Bucket'],
    actions: {
      ListObjectsV2: ['s3:ListBucket'],
      ListObjects: ['s3:ListBucket'],
      ListObjectVersions: ['s3:ListBucketVersions'],
      HeadObject: ['s3:GetObject'],
      HeadBucket: ['s3:ListBucket'],
      SelectObjectContent: ['s3:GetObject'],
      CopyObject: ['s3:GetObject', 's3:PutObject'],
      UploadPartCopy: ['s3:GetObject', 's3:PutObject'],
      DeleteObjects: ['s3:DeleteObject'],
      CreateMultipartUpload: ['s3:PutObject'],
      UploadPart: ['s3:PutObject'],
      CompleteMultipartUpload: ['s3:PutObject'],
      ListMultipartUploads: ['s3:ListBucketMultipartUploads'],
      ListParts: ['s3:ListMultipartUploadParts'],
      // Upload (lib-storage) and the v2 `upload` method: a PutObject or a multipart upload that is aborted on failure.
      Upload: S3_UPLOAD,
      // v2 createPresignedPost: the browser's POST is authorised as PutObject of the signer.
      CreatePresignedPost: ['s3:PutObject'],
      ListBuckets: ['s3:ListAllMyBuckets'],
    },
    defaultScope: 'children',
    scopes: {
      ListObjectsV2: 'self',
      ListObjects: 'self',
      ListObjectVersions: 'self',
      HeadBucket: 'self',
      ListMultipartUploads: 'self',
      GetBucketLocation: 'self',
      GetBucketPolicy: 'self',
      PutBucketPolicy: 'self',
      GetBucketAcl: 'self',
      GetBucketTagging: 'self',
      PutBucketTagging: 'self',
      GetBucketVersioning: 'self',
      GetBucketNotificationConfiguration: 'self',
      PutBucketNotificationConfiguration: 'self',
      CreateBucket: 'self',
      DeleteBucket: 'self',
      ListBuckets: 'none',
    },
  },
  {
    prefix: 'sqs',
    name: 'SQS',
    v3Packages: ['@aws-sdk/client-sqs'],
    v3Clients: ['SQSClient'],
    v3Aggregated: ['SQS'],
    v2Classes: ['SQS'],
    v2ClientModules: ['aws-sdk/clients/sqs'],
    resourceMembers: ['QueueUrl'],
    actions: {
      SendMessageBatch: ['sqs:SendMessage'],
      DeleteMessageBatch: ['sqs:DeleteMessage'],
      ChangeMessageVisibilityBatch: ['sqs:ChangeMessageVisibility'],
    },
    scopes: { ListQueues: 'none' },
  },
  {
    prefix: 'sns',
    name: 'SNS',
    v3Packages: ['@aws-sdk/client-sns'],
    v3Clients: ['SNSClient'],
    v3Aggregated: ['SNS'],
    v2Classes: ['SNS'],
    v2ClientModules: ['aws-sdk/clients/sns'],
    resourceMembers: ['TopicArn', 'TargetArn'],
    actions: { PublishBatch: ['sns:Publish'] },
    scopes: { ListTopics: 'none' },
  },
  {
    prefix: 'events',
    name: 'EventBridge',
    v3Packages: ['@aws-sdk/client-eventbridge'],
    v3Clients: ['EventBridgeClient'],
    v3Aggregated: ['EventBridge'],
    v2Classes: ['EventBridge', 'CloudWatchEvents'],
    v2ClientModules: ['aws-sdk/clients/eventbridge', 'aws-sdk/clients/cloudwatchevents'],
    // PutEvents names its bus per entry (Entries[].EventBusName; absent means the default bus).
    resourceMembers: ['Entries[].EventBusName', 'EventBusName'],
  },
  {
    prefix: 'states',
    name: 'Step Functions',
    v3Packages: ['@aws-sdk/client-sfn'],
    v3Clients: ['SFNClient'],
    v3Aggregated: ['SFN'],
    v2Classes: ['StepFunctions'],
    v2ClientModules: ['aws-sdk/clients/stepfunctions'],
    resourceMembers: ['stateMachineArn'],
    // Task tokens carry no resource name: callbacks are authorised on the state machine, unknown here.
    scopes: { ListStateMachines: 'none' },
  },
  {
    prefix: 'secretsmanager',
    name: 'Secrets Manager',
    v3Packages: ['@aws-sdk/client-secrets-manager'],
    v3Clients: ['SecretsManagerClient'],
    v3Aggregated: ['SecretsManager'],
    v2Classes: ['SecretsManager'],
    v2ClientModules: ['aws-sdk/clients/secretsmanager'],
    resourceMembers: ['SecretId'],
    scopes: { ListSecrets: 'none', GetRandomPassword: 'none' },
  },
  {
    prefix: 'ssm',
    name: 'SSM Parameter Store',
    v3Packages: ['@aws-sdk/client-ssm'],
    v3Clients: ['SSMClient'],
    v3Aggregated: ['SSM'],
    v2Classes: ['SSM'],
    v2ClientModules: ['aws-sdk/clients/ssm'],
    resourceMembers: ['Name', 'Names[]', 'Path'],
    scopes: { DescribeParameters: 'none' },
  },
  {
    prefix: 'kms',
    name: 'KMS',
    v3Packages: ['@aws-sdk/client-kms'],
    v3Clients: ['KMSClient'],
    v3Aggregated: ['KMS'],
    v2Classes: ['KMS'],
    v2ClientModules: ['aws-sdk/clients/kms'],
    resourceMembers: ['KeyId'],
    scopes: { ListKeys: 'none', ListAliases: 'none', GenerateRandom: 'none', CreateKey: 'none' },
  },
  {
    prefix: 'lambda',
    name: 'Lambda',
    v3Packages: ['@aws-sdk/client-lambda'],
    v3Clients: ['LambdaClient'],
    v3Aggregated: ['Lambda'],
    v2Classes: ['Lambda'],
    v2ClientModules: ['aws-sdk/clients/lambda'],
    resourceMembers: ['FunctionName'],
    actions: {
      Invoke: ['lambda:InvokeFunction'],
      InvokeWithResponseStream: ['lambda:InvokeFunction'],
    },
    scopes: { ListFunctions: 'none' },
  },
  {
    prefix: 'kinesis',
    name: 'Kinesis',
    v3Packages: ['@aws-sdk/client-kinesis'],
    v3Clients: ['KinesisClient'],
    v3Aggregated: ['Kinesis'],
    v2Classes: ['Kinesis'],
    v2ClientModules: ['aws-sdk/clients/kinesis'],
    resourceMembers: ['StreamName', 'StreamARN'],
    scopes: { ListStreams: 'none' },
  },
  {
    prefix: 'ses',
    name: 'SES',
    v3Packages: ['@aws-sdk/client-ses', '@aws-sdk/client-sesv2'],
    v3Clients: ['SESClient', 'SESv2Client'],
    v3Aggregated: ['SES', 'SESv2'],
    v2Classes: ['SES', 'SESV2'],
    v2ClientModules: ['aws-sdk/clients/ses', 'aws-sdk/clients/sesv2'],
    // Sending is authorised on the sender identity, which the call names only indirectly.
    resourceMembers: [],
  },
  {
    prefix: 'cognito-idp',
    name: 'Cognito user pools',
    v3Packages: ['@aws-sdk/client-cognito-identity-provider'],
    v3Clients: ['CognitoIdentityProviderClient'],
    v3Aggregated: ['CognitoIdentityProvider'],
    v2Classes: ['CognitoIdentityServiceProvider'],
    v2ClientModules: ['aws-sdk/clients/cognitoidentityserviceprovider'],
    resourceMembers: ['UserPoolId'],
    // Public and token-authorised operations: Cognito checks the user's tokens, not IAM.
    actions: {
      InitiateAuth: [],
      RespondToAuthChallenge: [],
      SignUp: [],
      ConfirmSignUp: [],
      ForgotPassword: [],
      ConfirmForgotPassword: [],
      ResendConfirmationCode: [],
      GetUser: [],
      ChangePassword: [],
      GlobalSignOut: [],
      RevokeToken: [],
      UpdateUserAttributes: [],
      DeleteUser: [],
      VerifyUserAttribute: [],
      GetUserAttributeVerificationCode: [],
      AssociateSoftwareToken: [],
      VerifySoftwareToken: [],
      SetUserMFAPreference: [],
    },
    scopes: { ListUserPools: 'none' },
  },
  {
    prefix: 'xray',
    name: 'X-Ray',
    v3Packages: ['@aws-sdk/client-xray'],
    v3Clients: ['XRayClient'],
    v3Aggregated: ['XRay'],
    v2Classes: ['XRay'],
    v2ClientModules: ['aws-sdk/clients/xray'],
    resourceMembers: [],
    defaultScope: 'none',
    scopes: { GetGroup: 'self', GetSamplingRules: 'none' },
  },
];

/** `@aws-sdk/lib-dynamodb` commands and DocumentClient (v2 and v3) methods → DynamoDB operations. */
export const DOCUMENT_CLIENT_OPERATIONS: Readonly<Record<string, string>> = {
  Get: 'GetItem',
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  Query: 'Query',
  Scan: 'Scan',
  BatchGet: 'BatchGetItem',
  BatchWrite: 'BatchWriteItem',
  TransactGet: 'TransactGetItems',
  TransactWrite: 'TransactWriteItems',
  ExecuteStatement: 'ExecuteStatement',
  BatchExecuteStatement: 'BatchExecuteStatement',
  ExecuteTransaction: 'ExecuteTransaction',
};

/** The item kinds of TransactItems and the actions each needs. */
export const TRANSACT_ITEM_ACTIONS: Readonly<Record<string, string>> = {
  Get: 'dynamodb:GetItem',
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
};

/** PartiQL statements by their first word. */
export const PARTIQL_ACTIONS: Readonly<Record<string, string>> = {
  SELECT: 'dynamodb:PartiQLSelect',
  INSERT: 'dynamodb:PartiQLInsert',
  UPDATE: 'dynamodb:PartiQLUpdate',
  DELETE: 'dynamodb:PartiQLDelete',
};

/** Operations that work without a client instance: `@aws-sdk/lib-storage` Upload, presigners. */
export const HELPER_PACKAGES = {
  upload: { module: '@aws-sdk/lib-storage', export: 'Upload', service: 's3', operation: 'Upload' },
  presigner: { module: '@aws-sdk/s3-request-presigner', export: 'getSignedUrl' },
  presignedPost: { module: '@aws-sdk/s3-presigned-post', export: 'createPresignedPost', service: 's3', operation: 'CreatePresignedPost' },
} as const;

/**
 * Actions a function's role may need without its code calling them: Lambda itself writes logs,
 * X-Ray segments and VPC network interfaces, services decrypt with the function's KMS key, and
 * event source mappings poll queues and streams as the function. Never reported as unused.
 *
 * Source: Lambda Developer Guide, "Lambda execution role" (AWSLambdaBasicExecutionRole,
 * AWSLambdaVPCAccessExecutionRole, AWSXRayDaemonWriteAccess, AWSLambdaSQSQueueExecutionRole,
 * AWSLambdaKinesisExecutionRole, AWSLambdaDynamoDBExecutionRole), recorded 2026-11-25.
 */
export const IMPLICIT_ACTIONS: readonly string[] = [
  'logs:CreateLogGroup',
  'logs:CreateLogStream',
  'logs:PutLogEvents',
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
  'ec2:CreateNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
  'ec2:DescribeSubnets',
  'ec2:DetachNetworkInterface',
  'kms:Decrypt',
  'kms:GenerateDataKey',
  'sqs:ReceiveMessage',
  'sqs:DeleteMessage',
  'sqs:GetQueueAttributes',
  'sqs:ChangeMessageVisibility',
  'kinesis:GetRecords',
  'kinesis:GetShardIterator',
  'kinesis:DescribeStream',
  'kinesis:DescribeStreamSummary',
  'kinesis:ListShards',
  'kinesis:ListStreams',
  'kinesis:SubscribeToShard',
  'dynamodb:GetRecords',
  'dynamodb:GetShardIterator',
  'dynamodb:DescribeStream',
  'dynamodb:ListStreams',
];

/** Verbs of read-only actions (the Service Authorization Reference's Read and List access levels). */
export const READ_VERBS: readonly string[] = ['Get', 'List', 'Describe', 'Query', 'Scan', 'BatchGet', 'Head', 'Select', 'PartiQLSelect', 'ConditionCheck'];

const BY_PREFIX = new Map(SDK_SERVICES.map((s) => [s.prefix, s]));
const BY_PACKAGE = new Map(SDK_SERVICES.flatMap((s) => s.v3Packages.map((p) => [p, s] as const)));
const BY_V2_CLASS = new Map(SDK_SERVICES.flatMap((s) => s.v2Classes.map((c) => [c, s] as const)));
const BY_V2_MODULE = new Map(SDK_SERVICES.flatMap((s) => s.v2ClientModules.map((m) => [m, s] as const)));

export function serviceByPrefix(prefix: string): SdkService | undefined {
  return BY_PREFIX.get(prefix);
}
export function serviceByPackage(pkg: string): SdkService | undefined {
  return BY_PACKAGE.get(pkg);
}
export function serviceByV2Class(name: string): SdkService | undefined {
  return BY_V2_CLASS.get(name);
}
export function serviceByV2Module(module: string): SdkService | undefined {
  return BY_V2_MODULE.get(module);
}

/** The IAM actions of an API operation of a service. */
export function actionsFor(service: SdkService, operation: string): readonly string[] {
  return service.actions?.[operation] ?? [`${service.prefix}:${operation}`];
}

/** Which part of the resource the operation acts on. */
export function scopeFor(service: SdkService, operation: string): ArnScope {
  return service.scopes?.[operation] ?? service.defaultScope ?? 'self';
}

/** True for actions at the Read or List access level, judged by their verb. */
export function isReadAction(action: string): boolean {
  const name = action.slice(action.indexOf(':') + 1);
  return READ_VERBS.some((v) => name.startsWith(v));
}
