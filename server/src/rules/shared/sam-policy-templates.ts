/**
 * SAM policy templates as the statements they expand to.
 *
 * Source: the AWS SAM policy templates list (AWS SAM Developer Guide, "AWS SAM policy template
 * list", and `samtranslator/policy_templates_data/policy_templates.json` in
 * aws/serverless-application-model), recorded 2026-11-25. Only the templates this tool reasons
 * about are listed; a template not listed here is unknown, never a finding by itself.
 *
 * In `resources`, `${Partition}`, `${Region}` and `${Account}` stand for the pseudo parameters and
 * `${<Parameter>}` for the template's parameter (`${TableName}`), as in the SAM definitions.
 */

export interface SamTemplateStatement {
  actions: readonly string[];
  resources: readonly string[];
}

export interface SamPolicyTemplate {
  /** The template's parameters (`TableName`, `BucketName`, ...), in the order SAM documents them. */
  parameters: readonly string[];
  statements: readonly SamTemplateStatement[];
}

const TABLE = 'arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}';
const BUCKET = 'arn:${Partition}:s3:::${BucketName}';

export const SAM_POLICY_TEMPLATES: Readonly<Record<string, SamPolicyTemplate>> = {
  DynamoDBReadPolicy: {
    parameters: ['TableName'],
    statements: [
      {
        actions: ['dynamodb:GetItem', 'dynamodb:Scan', 'dynamodb:Query', 'dynamodb:BatchGetItem', 'dynamodb:DescribeTable'],
        resources: [TABLE, `${TABLE}/index/*`],
      },
    ],
  },
  DynamoDBCrudPolicy: {
    parameters: ['TableName'],
    statements: [
      {
        actions: [
          'dynamodb:GetItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:Scan', 'dynamodb:Query',
          'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem', 'dynamodb:BatchGetItem', 'dynamodb:DescribeTable',
          'dynamodb:ConditionCheckItem',
        ],
        resources: [TABLE, `${TABLE}/index/*`],
      },
    ],
  },
  DynamoDBWritePolicy: {
    parameters: ['TableName'],
    statements: [
      { actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'], resources: [TABLE, `${TABLE}/index/*`] },
    ],
  },
  DynamoDBStreamReadPolicy: {
    parameters: ['TableName', 'StreamName'],
    statements: [
      {
        actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
        resources: [`${TABLE}/stream/\${StreamName}`],
      },
      { actions: ['dynamodb:ListStreams'], resources: [`${TABLE}/stream/*`] },
    ],
  },
  S3ReadPolicy: {
    parameters: ['BucketName'],
    statements: [
      {
        actions: ['s3:GetObject', 's3:ListBucket', 's3:GetBucketLocation', 's3:GetObjectVersion', 's3:GetLifecycleConfiguration'],
        resources: [BUCKET, `${BUCKET}/*`],
      },
    ],
  },
  S3WritePolicy: {
    parameters: ['BucketName'],
    statements: [{ actions: ['s3:PutObject', 's3:PutObjectAcl', 's3:PutLifecycleConfiguration'], resources: [BUCKET, `${BUCKET}/*`] }],
  },
  S3CrudPolicy: {
    parameters: ['BucketName'],
    statements: [
      {
        actions: [
          's3:GetObject', 's3:ListBucket', 's3:GetBucketLocation', 's3:GetObjectVersion', 's3:PutObject', 's3:PutObjectAcl',
          's3:GetLifecycleConfiguration', 's3:PutLifecycleConfiguration', 's3:DeleteObject',
        ],
        resources: [BUCKET, `${BUCKET}/*`],
      },
    ],
  },
  SQSSendMessagePolicy: {
    parameters: ['QueueName'],
    statements: [{ actions: ['sqs:SendMessage*'], resources: ['arn:${Partition}:sqs:${Region}:${Account}:${QueueName}'] }],
  },
  SQSPollerPolicy: {
    parameters: ['QueueName'],
    statements: [
      {
        actions: [
          'sqs:ChangeMessageVisibility', 'sqs:ChangeMessageVisibilityBatch', 'sqs:DeleteMessage', 'sqs:DeleteMessageBatch',
          'sqs:GetQueueAttributes', 'sqs:ReceiveMessage',
        ],
        resources: ['arn:${Partition}:sqs:${Region}:${Account}:${QueueName}'],
      },
    ],
  },
  SNSPublishMessagePolicy: {
    parameters: ['TopicName'],
    statements: [{ actions: ['sns:Publish'], resources: ['arn:${Partition}:sns:${Region}:${Account}:${TopicName}'] }],
  },
  SNSCrudPolicy: {
    parameters: ['TopicName'],
    statements: [
      {
        actions: ['sns:ListSubscriptionsByTopic', 'sns:CreateTopic', 'sns:SetTopicAttributes', 'sns:Subscribe', 'sns:Publish'],
        resources: ['arn:${Partition}:sns:${Region}:${Account}:${TopicName}*'],
      },
    ],
  },
  LambdaInvokePolicy: {
    parameters: ['FunctionName'],
    statements: [{ actions: ['lambda:InvokeFunction'], resources: ['arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}*'] }],
  },
  StepFunctionsExecutionPolicy: {
    parameters: ['StateMachineName'],
    statements: [
      { actions: ['states:StartExecution'], resources: ['arn:${Partition}:states:${Region}:${Account}:stateMachine:${StateMachineName}'] },
    ],
  },
  AWSSecretsManagerGetSecretValuePolicy: {
    parameters: ['SecretArn'],
    statements: [{ actions: ['secretsmanager:GetSecretValue'], resources: ['${SecretArn}'] }],
  },
  SSMParameterReadPolicy: {
    parameters: ['ParameterName'],
    statements: [
      { actions: ['ssm:DescribeParameters'], resources: ['*'] },
      {
        actions: ['ssm:GetParameters', 'ssm:GetParameter', 'ssm:GetParametersByPath'],
        resources: ['arn:${Partition}:ssm:${Region}:${Account}:parameter/${ParameterName}'],
      },
    ],
  },
  KMSDecryptPolicy: {
    parameters: ['KeyId'],
    statements: [{ actions: ['kms:Decrypt'], resources: ['arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}'] }],
  },
  EventBridgePutEventsPolicy: {
    parameters: ['EventBusName'],
    statements: [{ actions: ['events:PutEvents'], resources: ['arn:${Partition}:events:${Region}:${Account}:event-bus/${EventBusName}'] }],
  },
  KinesisStreamReadPolicy: {
    parameters: ['StreamName'],
    statements: [
      { actions: ['kinesis:ListStreams', 'kinesis:DescribeLimits'], resources: ['arn:${Partition}:kinesis:${Region}:${Account}:stream/*'] },
      {
        actions: ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator'],
        resources: ['arn:${Partition}:kinesis:${Region}:${Account}:stream/${StreamName}'],
      },
    ],
  },
  KinesisCrudPolicy: {
    parameters: ['StreamName'],
    statements: [
      {
        actions: [
          'kinesis:AddTagsToStream', 'kinesis:CreateStream', 'kinesis:DecreaseStreamRetentionPeriod', 'kinesis:DeleteStream',
          'kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetShardIterator',
          'kinesis:IncreaseStreamRetentionPeriod', 'kinesis:ListTagsForStream', 'kinesis:MergeShards', 'kinesis:PutRecord',
          'kinesis:PutRecords', 'kinesis:SplitShard', 'kinesis:RemoveTagsFromStream',
        ],
        resources: ['arn:${Partition}:kinesis:${Region}:${Account}:stream/${StreamName}'],
      },
    ],
  },
  SESCrudPolicy: {
    parameters: ['IdentityName'],
    statements: [
      {
        actions: ['ses:GetIdentityVerificationAttributes', 'ses:SendEmail', 'ses:SendRawEmail', 'ses:VerifyEmailIdentity'],
        resources: ['arn:${Partition}:ses:${Region}:${Account}:identity/${IdentityName}'],
      },
    ],
  },
  CloudWatchPutMetricPolicy: {
    parameters: [],
    statements: [{ actions: ['cloudwatch:PutMetricData'], resources: ['*'] }],
  },
  VPCAccessPolicy: {
    parameters: [],
    statements: [
      {
        actions: ['ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DetachNetworkInterface'],
        resources: ['*'],
      },
    ],
  },
};

/**
 * The "CRUD" template that replaces a whole-service wildcard (`dynamodb:*`) when the statement
 * names exactly one resource of the template, with the resource types it fits and how its
 * parameter is written for that resource.
 */
export const SERVICE_TEMPLATES: Readonly<
  Record<string, { template: string; parameter: string; types: readonly string[]; value: 'Ref' | 'TopicName' }>
> = {
  dynamodb: { template: 'DynamoDBCrudPolicy', parameter: 'TableName', types: ['AWS::DynamoDB::Table', 'AWS::Serverless::SimpleTable'], value: 'Ref' },
  s3: { template: 'S3CrudPolicy', parameter: 'BucketName', types: ['AWS::S3::Bucket'], value: 'Ref' },
  sns: { template: 'SNSCrudPolicy', parameter: 'TopicName', types: ['AWS::SNS::Topic'], value: 'TopicName' },
  kinesis: { template: 'KinesisCrudPolicy', parameter: 'StreamName', types: ['AWS::Kinesis::Stream'], value: 'Ref' },
};
