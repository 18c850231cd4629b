/**
 * The CDK side of least privilege, as data: which CloudFormation resource type each CDK class
 * synthesizes (so a CDK table is the same target as a template table), how each type's `Ref`
 * and attributes are spelled as CDK properties (`!GetAtt T.Arn` is `table.tableArn`), and what
 * the grant methods of the L2 constructs allow (`table.grantReadData(fn)`).
 *
 * Sources, recorded 2026-11-25: the AWS CDK v2 API reference (the `grant*` methods of
 * aws-dynamodb Table, aws-s3 Bucket, aws-sqs Queue, aws-sns Topic, aws-secretsmanager Secret,
 * aws-ssm StringParameter, aws-events EventBus, aws-stepfunctions StateMachine, aws-kinesis
 * Stream, aws-kms Key, aws-lambda Function, and the actions each adds to the grantee's policy)
 * and the CloudFormation resource reference for `Ref` / `Fn::GetAtt`. When CDK changes a grant,
 * change its line here.
 */

/** The CloudFormation type a CDK class (as `module.Class`) creates or imports. */
export const CDK_CLASS_TYPES: Readonly<Record<string, string>> = {
  'dynamodb.Table': 'AWS::DynamoDB::Table',
  'dynamodb.TableV2': 'AWS::DynamoDB::GlobalTable',
  'dynamodb.CfnTable': 'AWS::DynamoDB::Table',
  's3.Bucket': 'AWS::S3::Bucket',
  's3.CfnBucket': 'AWS::S3::Bucket',
  'sqs.Queue': 'AWS::SQS::Queue',
  'sqs.CfnQueue': 'AWS::SQS::Queue',
  'sns.Topic': 'AWS::SNS::Topic',
  'sns.CfnTopic': 'AWS::SNS::Topic',
  'events.EventBus': 'AWS::Events::EventBus',
  'stepfunctions.StateMachine': 'AWS::StepFunctions::StateMachine',
  'secretsmanager.Secret': 'AWS::SecretsManager::Secret',
  'ssm.StringParameter': 'AWS::SSM::Parameter',
  'ssm.StringListParameter': 'AWS::SSM::Parameter',
  'kms.Key': 'AWS::KMS::Key',
  'kinesis.Stream': 'AWS::Kinesis::Stream',
  'cognito.UserPool': 'AWS::Cognito::UserPool',
  'lambda.Function': 'AWS::Lambda::Function',
  'lambda.SingletonFunction': 'AWS::Lambda::Function',
  'lambda-nodejs.NodejsFunction': 'AWS::Lambda::Function',
  'lambda-python.PythonFunction': 'AWS::Lambda::Function',
  'lambda-go.GoFunction': 'AWS::Lambda::Function',
  'lambda.DockerImageFunction': 'AWS::Lambda::Function',
};

/**
 * For each type: the CDK property that gives the value of `Ref` (key `Ref`) and of each
 * attribute. Used both ways: `table.tableArn` reads as `${OrdersTable.Arn}`, and a fix that
 * needs `!GetAtt OrdersTable.Arn` writes `table.tableArn`.
 */
export const CDK_ATTRIBUTES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'AWS::DynamoDB::Table': { Ref: 'tableName', Arn: 'tableArn', StreamArn: 'tableStreamArn' },
  'AWS::DynamoDB::GlobalTable': { Ref: 'tableName', Arn: 'tableArn', StreamArn: 'tableStreamArn' },
  'AWS::S3::Bucket': { Ref: 'bucketName', Arn: 'bucketArn', DomainName: 'bucketDomainName', WebsiteURL: 'bucketWebsiteUrl' },
  'AWS::SQS::Queue': { Ref: 'queueUrl', Arn: 'queueArn', QueueName: 'queueName' },
  'AWS::SNS::Topic': { Ref: 'topicArn', TopicName: 'topicName' },
  'AWS::Events::EventBus': { Ref: 'eventBusName', Arn: 'eventBusArn', Name: 'eventBusName' },
  'AWS::StepFunctions::StateMachine': { Ref: 'stateMachineArn', Name: 'stateMachineName' },
  'AWS::SecretsManager::Secret': { Ref: 'secretArn', Name: 'secretName' },
  'AWS::SSM::Parameter': { Ref: 'parameterName' },
  'AWS::KMS::Key': { Ref: 'keyId', Arn: 'keyArn' },
  'AWS::Kinesis::Stream': { Ref: 'streamName', Arn: 'streamArn' },
  'AWS::Cognito::UserPool': { Ref: 'userPoolId', Arn: 'userPoolArn' },
  'AWS::Lambda::Function': { Ref: 'functionName', Arn: 'functionArn' },
};

/** Properties that are an ARN of the resource itself though no CloudFormation attribute is named so. */
export const CDK_EXTRA_ARNS: Readonly<Record<string, readonly string[]>> = {
  'AWS::SSM::Parameter': ['parameterArn'],
  'AWS::SecretsManager::Secret': ['secretFullArn'],
};

/** Where a grant's statement points, relative to the resource's ARN. */
export type GrantPart = 'self' | 'children' | 'index';

export interface CdkGrantMethod {
  actions: readonly string[];
  parts: readonly GrantPart[];
}

const TABLE_READ = ['dynamodb:BatchGetItem', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:Scan', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'];
const TABLE_WRITE = ['dynamodb:BatchWriteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:DescribeTable'];
const BUCKET_READ = ['s3:GetObject*', 's3:GetBucket*', 's3:List*'];
const BUCKET_PUT = ['s3:PutObject', 's3:PutObjectLegalHold', 's3:PutObjectRetention', 's3:PutObjectTagging', 's3:PutObjectVersionTagging', 's3:Abort*'];
const BUCKET_WRITE = ['s3:DeleteObject*', ...BUCKET_PUT];
const STREAM_READ = ['kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards', 'kinesis:SubscribeToShard', 'kinesis:DescribeStream', 'kinesis:ListStreams', 'kinesis:DescribeStreamConsumer'];
const STREAM_WRITE = ['kinesis:ListShards', 'kinesis:PutRecord', 'kinesis:PutRecords'];
const KEY_ENCRYPT = ['kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'];
const both = (a: readonly string[], b: readonly string[]): string[] => [...new Set([...a, ...b])];

/**
 * The grant methods of the L2 constructs, by CloudFormation type, in the order a fix prefers
 * them (narrowest first). `grant(grantee, ...actions)` is read separately: its actions are written.
 */
export const CDK_GRANTS: Readonly<Record<string, Readonly<Record<string, CdkGrantMethod>>>> = {
  'AWS::DynamoDB::Table': {
    grantReadData: { actions: TABLE_READ, parts: ['self', 'index'] },
    grantWriteData: { actions: TABLE_WRITE, parts: ['self', 'index'] },
    grantReadWriteData: { actions: both(TABLE_READ, TABLE_WRITE), parts: ['self', 'index'] },
    grantFullAccess: { actions: ['dynamodb:*'], parts: ['self', 'index'] },
  },
  'AWS::S3::Bucket': {
    grantDelete: { actions: ['s3:DeleteObject*'], parts: ['children'] },
    grantPut: { actions: BUCKET_PUT, parts: ['children'] },
    grantPutAcl: { actions: ['s3:PutObjectAcl', 's3:PutObjectVersionAcl'], parts: ['children'] },
    grantRead: { actions: BUCKET_READ, parts: ['self', 'children'] },
    grantWrite: { actions: BUCKET_WRITE, parts: ['self', 'children'] },
    grantReadWrite: { actions: both(BUCKET_READ, BUCKET_WRITE), parts: ['self', 'children'] },
  },
  'AWS::SQS::Queue': {
    grantSendMessages: { actions: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'], parts: ['self'] },
    grantPurge: { actions: ['sqs:PurgeQueue', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'], parts: ['self'] },
    grantConsumeMessages: { actions: ['sqs:ReceiveMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueUrl', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'], parts: ['self'] },
  },
  'AWS::SNS::Topic': {
    grantPublish: { actions: ['sns:Publish'], parts: ['self'] },
    grantSubscribe: { actions: ['sns:Subscribe'], parts: ['self'] },
  },
  'AWS::SecretsManager::Secret': {
    grantRead: { actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], parts: ['self'] },
    grantWrite: { actions: ['secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecret'], parts: ['self'] },
  },
  'AWS::SSM::Parameter': {
    grantRead: { actions: ['ssm:DescribeParameters', 'ssm:GetParameters', 'ssm:GetParameter', 'ssm:GetParameterHistory'], parts: ['self'] },
    grantWrite: { actions: ['ssm:PutParameter'], parts: ['self'] },
  },
  'AWS::Events::EventBus': {
    grantPutEventsTo: { actions: ['events:PutEvents'], parts: ['self'] },
  },
  'AWS::StepFunctions::StateMachine': {
    grantStartExecution: { actions: ['states:StartExecution'], parts: ['self'] },
    grantStartSyncExecution: { actions: ['states:StartSyncExecution'], parts: ['self'] },
  },
  'AWS::Kinesis::Stream': {
    grantWrite: { actions: STREAM_WRITE, parts: ['self'] },
    grantRead: { actions: STREAM_READ, parts: ['self'] },
    grantReadWrite: { actions: both(STREAM_READ, STREAM_WRITE), parts: ['self'] },
  },
  'AWS::KMS::Key': {
    grantDecrypt: { actions: ['kms:Decrypt'], parts: ['self'] },
    grantEncrypt: { actions: KEY_ENCRYPT, parts: ['self'] },
    grantEncryptDecrypt: { actions: ['kms:Decrypt', ...KEY_ENCRYPT], parts: ['self'] },
  },
  'AWS::Lambda::Function': {
    grantInvoke: { actions: ['lambda:InvokeFunction'], parts: ['self'] },
  },
};
// A TableV2 grants like a Table.
(CDK_GRANTS as Record<string, Record<string, CdkGrantMethod>>)['AWS::DynamoDB::GlobalTable'] = CDK_GRANTS['AWS::DynamoDB::Table'];

/** Static grants that name no resource: `events.EventBus.grantAllPutEvents(fn)` allows events:PutEvents on `*`. */
export const CDK_STATIC_GRANTS: Readonly<Record<string, readonly string[]>> = {
  'events.EventBus.grantAllPutEvents': ['events:PutEvents'],
};

/** The CDK property of a type that gives `Ref` or an attribute; undefined when there is none. */
export function cdkPropertyOf(type: string, attribute: string): string | undefined {
  return CDK_ATTRIBUTES[type]?.[attribute];
}

/** The attribute (`Arn`, `Ref`...) a CDK property of a type stands for. */
export function attributeOfProperty(type: string, property: string): string | undefined {
  const attrs = CDK_ATTRIBUTES[type];
  if (!attrs) return undefined;
  for (const [attr, prop] of Object.entries(attrs)) if (prop === property) return attr;
  if (CDK_EXTRA_ARNS[type]?.includes(property)) return 'Arn';
  return undefined;
}
