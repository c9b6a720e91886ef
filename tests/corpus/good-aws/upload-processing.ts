import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const tags = { Project: 'uploads', ManagedBy: 'pulumi' };

// The uploads bucket, configured with the separate v7 resources.
const uploads = new aws.s3.Bucket('uploads', { forceDestroy: false, tags });
new aws.s3.BucketVersioning('uploads', {
  bucket: uploads.id,
  versioningConfiguration: { status: 'Enabled' },
});
new aws.s3.BucketServerSideEncryptionConfiguration('uploads', {
  bucket: uploads.id,
  rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' }, bucketKeyEnabled: true }],
});
new aws.s3.BucketPublicAccessBlock('uploads', {
  bucket: uploads.id,
  blockPublicAcls: true,
  blockPublicPolicy: true,
  ignorePublicAcls: true,
  restrictPublicBuckets: true,
});
new aws.s3.BucketLifecycleConfiguration('uploads', {
  bucket: uploads.id,
  rules: [
    {
      id: 'archive',
      status: 'Enabled',
      filter: { prefix: 'incoming/' },
      transitions: [
        { days: 30, storageClass: 'STANDARD_IA' },
        { days: 90, storageClass: 'GLACIER' },
      ],
      expiration: { days: 365 },
      noncurrentVersionExpiration: { noncurrentDays: 30 },
    },
  ],
});

// Failed asynchronous invocations land in a dead-letter queue that pages someone.
const alerts = new aws.sns.Topic('upload-alerts', { tags });
const processorDlq = new aws.sqs.Queue('upload-processor-dlq', {
  messageRetentionSeconds: 1209600,
  sqsManagedSseEnabled: true,
  tags,
});
new aws.cloudwatch.MetricAlarm('upload-processor-dlq-depth', {
  comparisonOperator: 'GreaterThanThreshold',
  evaluationPeriods: 1,
  metricName: 'ApproximateNumberOfMessagesVisible',
  namespace: 'AWS/SQS',
  period: 300,
  statistic: 'Maximum',
  threshold: 0,
  dimensions: { QueueName: processorDlq.name },
  alarmActions: [alerts.arn],
  tags,
});

const processorRole = new aws.iam.Role('upload-processor', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
  tags,
});
new aws.iam.RolePolicyAttachment('upload-processor-logs', {
  role: processorRole.name,
  policyArn: aws.iam.ManagedPolicy.AWSLambdaBasicExecutionRole,
});
const processorPolicy = new aws.iam.RolePolicy('upload-processor', {
  role: processorRole.id,
  policy: pulumi.all([uploads.arn, processorDlq.arn]).apply(([bucketArn, dlqArn]) =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectTagging'], Resource: `${bucketArn}/incoming/*` },
        { Effect: 'Allow', Action: 's3:PutObject', Resource: `${bucketArn}/processed/*` },
        { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: dlqArn },
      ],
    }),
  ),
});

const processorLogs = new aws.cloudwatch.LogGroup('upload-processor', {
  name: '/aws/lambda/upload-processor',
  retentionInDays: 7,
  tags,
});
const processor = new aws.lambda.Function(
  'upload-processor',
  {
    name: 'upload-processor',
    runtime: 'nodejs22.x',
    handler: 'index.handler',
    role: processorRole.arn,
    code: new pulumi.asset.FileArchive('./processor'),
    memorySize: 1024,
    timeout: 60,
    deadLetterConfig: { targetArn: processorDlq.arn },
    environment: { variables: { BUCKET: uploads.bucket } },
    tags,
  },
  { dependsOn: [processorLogs, processorPolicy] },
);

const allowS3 = new aws.lambda.Permission('upload-processor-s3', {
  action: 'lambda:InvokeFunction',
  function: processor.name,
  principal: 's3.amazonaws.com',
  sourceArn: uploads.arn,
});
new aws.s3.BucketNotification(
  'uploads',
  {
    bucket: uploads.id,
    lambdaFunctions: [
      { lambdaFunctionArn: processor.arn, events: ['s3:ObjectCreated:*'], filterPrefix: 'incoming/' },
    ],
  },
  { dependsOn: [allowS3] },
);

export const bucketName = uploads.bucket;
export const alertTopicArn = alerts.arn;
