/**
 * How to write the ARN of a resource that a function's code uses, in a policy: by the
 * CloudFormation type of a resource in the template, or by service for a name passed in as a
 * parameter. And which SAM policy template parameter names such a resource.
 *
 * Sources, recorded 2026-11-25: the CloudFormation resource reference ("Return values": what
 * `Ref` and `Fn::GetAtt` give for each type) and the ARN formats of the Service Authorization
 * Reference; the parameter names of the AWS SAM policy template list.
 */

/** A value written into a template: `Ref`, `GetAtt` or a `Sub` string where `{}` stands for the resource. */
export type ArnRecipe = { ref: true } | { getAtt: string } | { sub: string };

export interface ResourceArns {
  service: string;
  /** The resource itself. */
  self: ArnRecipe;
  /** What lies below it (S3 objects). */
  children?: ArnRecipe;
  /** DynamoDB indexes. */
  index?: ArnRecipe;
  /** The SAM policy template parameter that names it, and how (from `Ref` or an attribute). */
  samParameter?: { name: string; value: ArnRecipe };
}

export const ARNS_BY_TYPE: Readonly<Record<string, ResourceArns>> = {
  'AWS::DynamoDB::Table': {
    service: 'dynamodb',
    self: { getAtt: 'Arn' },
    index: { sub: '${{}.Arn}/index/*' },
    samParameter: { name: 'TableName', value: { ref: true } },
  },
  'AWS::DynamoDB::GlobalTable': {
    service: 'dynamodb',
    self: { getAtt: 'Arn' },
    index: { sub: '${{}.Arn}/index/*' },
    samParameter: { name: 'TableName', value: { ref: true } },
  },
  'AWS::Serverless::SimpleTable': {
    service: 'dynamodb',
    self: { sub: 'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${{}}' },
    index: { sub: 'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${{}}/index/*' },
    samParameter: { name: 'TableName', value: { ref: true } },
  },
  'AWS::S3::Bucket': {
    service: 's3',
    self: { getAtt: 'Arn' },
    children: { sub: '${{}.Arn}/*' },
    samParameter: { name: 'BucketName', value: { ref: true } },
  },
  'AWS::SQS::Queue': { service: 'sqs', self: { getAtt: 'Arn' }, samParameter: { name: 'QueueName', value: { getAtt: 'QueueName' } } },
  'AWS::SNS::Topic': { service: 'sns', self: { ref: true }, samParameter: { name: 'TopicName', value: { getAtt: 'TopicName' } } },
  'AWS::Events::EventBus': { service: 'events', self: { getAtt: 'Arn' }, samParameter: { name: 'EventBusName', value: { ref: true } } },
  'AWS::StepFunctions::StateMachine': {
    service: 'states',
    self: { ref: true },
    samParameter: { name: 'StateMachineName', value: { getAtt: 'Name' } },
  },
  'AWS::Serverless::StateMachine': {
    service: 'states',
    self: { ref: true },
    samParameter: { name: 'StateMachineName', value: { getAtt: 'Name' } },
  },
  'AWS::SecretsManager::Secret': {
    service: 'secretsmanager',
    self: { ref: true },
    samParameter: { name: 'SecretArn', value: { ref: true } },
  },
  'AWS::KMS::Key': { service: 'kms', self: { getAtt: 'Arn' }, samParameter: { name: 'KeyId', value: { ref: true } } },
  'AWS::Lambda::Function': { service: 'lambda', self: { getAtt: 'Arn' }, samParameter: { name: 'FunctionName', value: { ref: true } } },
  'AWS::Serverless::Function': { service: 'lambda', self: { getAtt: 'Arn' }, samParameter: { name: 'FunctionName', value: { ref: true } } },
  'AWS::Kinesis::Stream': { service: 'kinesis', self: { getAtt: 'Arn' }, samParameter: { name: 'StreamName', value: { ref: true } } },
  'AWS::Cognito::UserPool': { service: 'cognito-idp', self: { getAtt: 'Arn' } },
};

/**
 * The ARN of a resource known by a name (a parameter's value, a literal), by service; `{}` is the
 * name. Services whose calls may name the resource by ARN or by name alike are left out unless the
 * name is an ARN (see NAMED_BY_ARN).
 */
export const ARNS_BY_NAME: Readonly<Record<string, { self: string; children?: string; index?: string; samParameter?: string }>> = {
  dynamodb: {
    self: 'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/{}',
    index: 'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/{}/index/*',
    samParameter: 'TableName',
  },
  s3: { self: 'arn:${AWS::Partition}:s3:::{}', children: 'arn:${AWS::Partition}:s3:::{}/*', samParameter: 'BucketName' },
  lambda: { self: 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:{}', samParameter: 'FunctionName' },
  kinesis: { self: 'arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/{}', samParameter: 'StreamName' },
  events: { self: 'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/{}', samParameter: 'EventBusName' },
};

/** The SAM policy template parameter for a resource named by an ARN (secrets, topics by ARN...). */
export const NAMED_BY_ARN: Readonly<Record<string, { samParameter?: string }>> = {
  secretsmanager: { samParameter: 'SecretArn' },
  sns: {},
  states: {},
  kms: {},
  lambda: {},
  kinesis: {},
};

export const DEFAULT_EVENT_BUS_ARN = 'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default';
