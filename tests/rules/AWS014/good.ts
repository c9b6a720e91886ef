import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const config = new pulumi.Config();
const environmentSuffix = config.get('environmentSuffix') || 'dev';
const role = new aws.iam.Role('fn-role', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});

// The dead-letter queue and its alarm.
const deadLetterQueue = new aws.sqs.Queue(`processing-dlq-${environmentSuffix}`, { messageRetentionSeconds: 1209600 });
export const processor = new aws.lambda.Function('processor', {
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
  deadLetterConfig: { targetArn: deadLetterQueue.arn },
});
export const dlqAlarm = new aws.cloudwatch.MetricAlarm(`dlq-alarm-${environmentSuffix}`, {
  comparisonOperator: 'GreaterThanThreshold',
  evaluationPeriods: 1,
  metricName: 'ApproximateNumberOfMessagesVisible',
  namespace: 'AWS/SQS',
  period: 300,
  statistic: 'Maximum',
  threshold: 0,
  dimensions: { QueueName: deadLetterQueue.name },
});

// Matched by the queue's physical name, through a metric query.
const jobsDlq = new aws.sqs.Queue('jobs-dlq', { name: 'jobs-dlq' });
export const jobs = new aws.sqs.Queue('jobs', {
  redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: jobsDlq.arn, maxReceiveCount: 5 }),
});
export const jobsDlqAlarm = new aws.cloudwatch.MetricAlarm('jobs-dlq', {
  comparisonOperator: 'GreaterThanThreshold',
  evaluationPeriods: 1,
  threshold: 0,
  metricQueries: [
    {
      id: 'visible',
      returnData: true,
      metric: {
        metricName: 'ApproximateNumberOfMessagesVisible',
        namespace: 'AWS/SQS',
        period: 300,
        stat: 'Maximum',
        dimensions: { QueueName: 'jobs-dlq' },
      },
    },
  ],
});

// Queues that are not dead-letter targets.
export const work = new aws.sqs.Queue('work', { visibilityTimeout: 60 });

// An audit queue that also collects a stream's failed batches: it receives regular messages, so a
// backlog alarm would fire on normal traffic.
const topic = new aws.sns.Topic('orders');
const auditQueue = new aws.sqs.Queue('orders-audit', { sqsManagedSseEnabled: true });
export const auditSubscription = new aws.sns.TopicSubscription('orders-audit', {
  topic: topic.arn,
  protocol: 'sqs',
  endpoint: auditQueue.arn,
});
const table = new aws.dynamodb.Table('orders', {
  attributes: [{ name: 'id', type: 'S' }],
  hashKey: 'id',
  billingMode: 'PAY_PER_REQUEST',
  streamEnabled: true,
  streamViewType: 'NEW_IMAGE',
});
export const streamMapping = new aws.lambda.EventSourceMapping('orders-stream', {
  eventSourceArn: table.streamArn,
  functionName: processor.arn,
  startingPosition: 'LATEST',
  destinationConfig: { onFailure: { destinationArn: auditQueue.arn } },
});
