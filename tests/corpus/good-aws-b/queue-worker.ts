import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const deadLetterQueue = new aws.sqs.Queue('jobs-dlq', { messageRetentionSeconds: 1209600 });

const jobsQueue = new aws.sqs.Queue('jobs', {
  visibilityTimeoutSeconds: 180,
  redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: deadLetterQueue.arn, maxReceiveCount: 5 }),
});

const role = new aws.iam.Role('worker-role', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});

new aws.iam.RolePolicyAttachment('worker-sqs', {
  role: role.name,
  policyArn: aws.iam.ManagedPolicy.AWSLambdaSQSQueueExecutionRole,
});

const worker = new aws.lambda.Function('worker', {
  runtime: 'python3.13',
  handler: 'worker.handler',
  role: role.arn,
  timeout: 30,
  code: new pulumi.asset.FileArchive('./worker'),
  loggingConfig: { logFormat: 'JSON', logGroup: '/app/worker' },
});

new aws.cloudwatch.LogGroup('worker-logs', { name: '/app/worker', retentionInDays: 30 });

new aws.lambda.EventSourceMapping('worker-jobs', {
  eventSourceArn: jobsQueue.arn,
  functionName: worker.arn,
  batchSize: 10,
  functionResponseTypes: ['ReportBatchItemFailures'],
});

new aws.cloudwatch.MetricAlarm('jobs-dlq-not-empty', {
  alarmDescription: 'Messages are landing in the jobs dead-letter queue',
  comparisonOperator: 'GreaterThanThreshold',
  evaluationPeriods: 1,
  metricName: 'ApproximateNumberOfMessagesVisible',
  namespace: 'AWS/SQS',
  period: 300,
  statistic: 'Maximum',
  threshold: 0,
  dimensions: { QueueName: deadLetterQueue.name },
});

export const dashboard = new aws.cloudwatch.Dashboard('worker', {
  dashboardName: 'worker',
  dashboardBody: pulumi.all([worker.name, jobsQueue.name, deadLetterQueue.name]).apply(
    ([functionName, queueName, dlqName]) =>
      JSON.stringify({
        widgets: [
          {
            type: 'metric',
            x: 0,
            y: 0,
            width: 12,
            height: 6,
            properties: {
              title: 'Worker',
              region: 'eu-west-1',
              metrics: [
                ['AWS/Lambda', 'Invocations', 'FunctionName', functionName, { stat: 'Sum' }],
                ['.', 'Errors', '.', '.', { stat: 'Sum' }],
                ['.', 'Duration', '.', '.', { stat: 'p95' }],
              ],
            },
          },
          {
            type: 'metric',
            x: 12,
            y: 0,
            width: 12,
            height: 6,
            properties: {
              title: 'Queues',
              region: 'eu-west-1',
              metrics: [
                ['AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', queueName],
                ['...', dlqName],
                ['AWS/Lambda', 'ConcurrentExecutions', { stat: 'Maximum' }],
              ],
            },
          },
        ],
      }),
  ),
});

export const queueUrl = jobsQueue.url;
