import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const config = new pulumi.Config();
const environmentSuffix = config.get('environmentSuffix') || 'dev';
const role = new aws.iam.Role('fn-role', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});
const alerts = new aws.sns.Topic('ops-alerts');

// Seed 003 §9: the function's dead-letter queue, with nobody watching it.
const deadLetterQueue = new aws.sqs.Queue(`processing-dlq-${environmentSuffix}`, {
//                          ^^^^^^^^^^^^^ AWS014
  messageRetentionSeconds: 1209600,
});
new aws.cloudwatch.MetricAlarm(`processing-dlq-${environmentSuffix}-alarm`, {
  comparisonOperator: 'GreaterThanThreshold',
  evaluationPeriods: 1,
  metricName: 'ApproximateNumberOfMessagesVisible',
  namespace: 'AWS/SQS',
  period: 300,
  statistic: 'Maximum',
  threshold: 0,
  dimensions: { QueueName: deadLetterQueue.name },
  alarmDescription: 'Messages in the dead-letter queue',
  treatMissingData: 'notBreaching',
  alarmActions: [alerts.arn],
});
export const processor = new aws.lambda.Function('processor', {
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
  deadLetterConfig: { targetArn: deadLetterQueue.arn },
});

// A queue's redrive target; an alarm on another queue does not count.
const jobsDlq = new aws.sqs.Queue('jobs-dlq', { name: 'jobs-dlq' });
new aws.cloudwatch.MetricAlarm('jobs-dlq-alarm', {
  comparisonOperator: 'GreaterThanThreshold',
  evaluationPeriods: 1,
  metricName: 'ApproximateNumberOfMessagesVisible',
  namespace: 'AWS/SQS',
  period: 300,
  statistic: 'Maximum',
  threshold: 0,
  dimensions: { QueueName: jobsDlq.name },
  alarmDescription: 'Messages in the dead-letter queue',
  treatMissingData: 'notBreaching',
  alarmActions: [alerts.arn],
});
//                  ^^^^^^^^^^^^^ AWS014
export const jobs = new aws.sqs.Queue('jobs', {
  redrivePolicy: jobsDlq.arn.apply((arn) => JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: 5 })),
});
export const jobsAlarm = new aws.cloudwatch.MetricAlarm('jobs-backlog', {
  comparisonOperator: 'GreaterThanThreshold',
  evaluationPeriods: 3,
  metricName: 'ApproximateNumberOfMessagesVisible',
  namespace: 'AWS/SQS',
  period: 60,
  statistic: 'Maximum',
  threshold: 1000,
  dimensions: { QueueName: jobs.name },
});

// An on-failure destination of asynchronous invocations.
const failures = new aws.sqs.Queue('nightly-failures');
new aws.cloudwatch.MetricAlarm('nightly-failures-alarm', {
  comparisonOperator: 'GreaterThanThreshold',
  evaluationPeriods: 1,
  metricName: 'ApproximateNumberOfMessagesVisible',
  namespace: 'AWS/SQS',
  period: 300,
  statistic: 'Maximum',
  threshold: 0,
  dimensions: { QueueName: failures.name },
  alarmDescription: 'Messages in the dead-letter queue',
  treatMissingData: 'notBreaching',
  alarmActions: [alerts.arn],
});
//                   ^^^^^^^^^^^^^ AWS014
export const nightly = new aws.lambda.Function('nightly', { runtime: 'nodejs22.x', handler: 'index.handler', role: role.arn });
export const nightlyInvoke = new aws.lambda.FunctionEventInvokeConfig('nightly', {
  functionName: nightly.name,
  destinationConfig: { onFailure: { destination: failures.arn } },
});
export const alertsArn = alerts.arn;
