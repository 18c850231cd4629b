/**
 * IAM actions that cannot be scoped to a resource: the Service Authorization Reference
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/) lists no resource type
 * for them, so a policy must grant them on `Resource: "*"`. A `*` on these is not a finding.
 *
 * Recorded 2026-11-25 from the reference's "Actions defined by ..." table of each service (the
 * "Resource types" column is empty for every entry below). An entry ending in `*` stands for
 * every action with that prefix (all EC2 `Describe*` actions have no resource type).
 *
 * When AWS adds resource-level permissions to one of these, delete its line: the rule then
 * reports `*` for it again, which is the safe direction.
 */
export const STAR_ONLY_ACTIONS: readonly string[] = [
  // AWS X-Ray: the daemon and SDKs send segments and sampling requests account-wide.
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
  'xray:GetSamplingStatisticSummaries',
  // Amazon CloudWatch metrics (scoped, if at all, with the cloudwatch:namespace condition key).
  'cloudwatch:PutMetricData',
  'cloudwatch:GetMetricData',
  'cloudwatch:GetMetricStatistics',
  'cloudwatch:ListMetrics',
  // Amazon EC2: every Describe action.
  'ec2:Describe*',
  // Amazon S3
  's3:ListAllMyBuckets',
  // CloudWatch Logs
  'logs:DescribeLogGroups',
  // AWS STS
  'sts:GetCallerIdentity',
  // AWS KMS
  'kms:ListAliases',
  'kms:ListKeys',
  'kms:CreateKey',
  'kms:GenerateRandom',
  // AWS Secrets Manager
  'secretsmanager:GetRandomPassword',
  'secretsmanager:ListSecrets',
  // AWS Systems Manager Parameter Store
  'ssm:DescribeParameters',
  // Amazon SQS, Amazon SNS, Amazon DynamoDB, AWS Lambda, AWS Step Functions: account-wide listings
  'sqs:ListQueues',
  'sns:ListTopics',
  'dynamodb:ListTables',
  'dynamodb:DescribeLimits',
  'lambda:ListFunctions',
  'lambda:GetAccountSettings',
  'states:ListStateMachines',
  'states:ListActivities',
  // Amazon ECR: the registry login token
  'ecr:GetAuthorizationToken',
  // AWS CodePipeline: job results reported by a Lambda action
  'codepipeline:PutJobSuccessResult',
  'codepipeline:PutJobFailureResult',
  // Resource Groups Tagging API
  'tag:GetResources',
];

/**
 * Actions that the reference does let you scope, but that a Lambda function in a VPC needs on
 * `*` in practice: Lambda creates and deletes the function's network interfaces, whose ids are not
 * known when the template is written. AWS's own `AWSLambdaVPCAccessExecutionRole` managed policy
 * and the SAM `VPCAccessPolicy` template grant them on `*`. Reporting them would only teach
 * people to suppress the rule.
 */
export const LAMBDA_VPC_ACTIONS: readonly string[] = [
  'ec2:CreateNetworkInterface',
  'ec2:DeleteNetworkInterface',
  'ec2:DetachNetworkInterface',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
];

const exact = new Set<string>();
const prefixes: string[] = [];
for (const a of [...STAR_ONLY_ACTIONS, ...LAMBDA_VPC_ACTIONS]) {
  if (a.endsWith('*')) prefixes.push(a.slice(0, -1).toLowerCase());
  else exact.add(a.toLowerCase());
}

/**
 * True when the action (possibly itself a wildcard like `ec2:DescribeNet*`) can only be granted
 * on `*`. IAM action names are case-insensitive.
 */
export function isStarOnlyAction(action: string): boolean {
  const a = action.toLowerCase();
  if (exact.has(a)) return true;
  const stem = a.endsWith('*') ? a.slice(0, -1) : a;
  if (stem.includes('*') || stem.includes('?')) return false;
  return prefixes.some((p) => stem.startsWith(p));
}
