import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const config = new pulumi.Config();
const environment = config.require('environment');
const tags = { Environment: environment, Service: 'jobs' };

// A work queue with a redrive policy; the consumer reads it through an event source mapping.
const jobsDeadLetter = new aws.sqs.Queue('jobs-dead-letter', {
  messageRetentionSeconds: 1209600,
  tags,
});
const jobs = new aws.sqs.Queue('jobs', {
  visibilityTimeoutSeconds: 180,
  redrivePolicy: jobsDeadLetter.arn.apply((arn) => JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: 5 })),
  tags,
});
new aws.sqs.RedriveAllowPolicy('jobs-dead-letter', {
  queueUrl: jobsDeadLetter.id,
  redriveAllowPolicy: pulumi.jsonStringify({ redrivePermission: 'byQueue', sourceQueueArns: [jobs.arn] }),
});
new aws.cloudwatch.MetricAlarm('jobs-dead-letter', {
  alarmDescription: 'Jobs failed five times and were moved to the dead-letter queue',
  comparisonOperator: 'GreaterThanThreshold',
  evaluationPeriods: 1,
  metricName: 'ApproximateNumberOfMessagesVisible',
  namespace: 'AWS/SQS',
  period: 60,
  statistic: 'Maximum',
  threshold: 0,
  treatMissingData: 'notBreaching',
  dimensions: { QueueName: jobsDeadLetter.name },
  tags,
});

const workerRole = new aws.iam.Role('jobs-worker', {
  assumeRolePolicy: JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  }),
  tags,
});
new aws.iam.RolePolicy('jobs-worker', {
  role: workerRole.id,
  policy: pulumi.jsonStringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ChangeMessageVisibility'],
        Resource: jobs.arn,
      },
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: pulumi.interpolate`arn:aws:logs:*:*:log-group:/aws/lambda/jobs-worker-${environment}:*`,
      },
      { Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' },
    ],
  }),
});

const workerLogGroup = new aws.cloudwatch.LogGroup('jobs-worker', {
  name: `/aws/lambda/jobs-worker-${environment}`,
  retentionInDays: 14,
  tags,
});
const worker = new aws.lambda.Function(
  'jobs-worker',
  {
    name: `jobs-worker-${environment}`,
    runtime: 'nodejs22.x',
    handler: 'worker.handler',
    role: workerRole.arn,
    code: new pulumi.asset.AssetArchive({ '.': new pulumi.asset.FileArchive('./worker/dist') }),
    timeout: 30,
    tracingConfig: { mode: 'Active' },
    tags,
  },
  { dependsOn: [workerLogGroup] },
);
new aws.lambda.EventSourceMapping('jobs-worker', {
  eventSourceArn: jobs.arn,
  functionName: worker.arn,
  batchSize: 10,
  functionResponseTypes: ['ReportBatchItemFailures'],
});

export const queueUrl = jobs.url;
