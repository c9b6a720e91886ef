import * as aws from '@pulumi/aws';

const role = new aws.iam.Role('fn-role', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});

// The dead-letter queue is handed over and watched through constants.
const ordersDlq = new aws.sqs.Queue('orders-dlq', { messageRetentionSeconds: 1209600 });
const ordersDlqArn = ordersDlq.arn;
export const orders = new aws.lambda.Function('orders', {
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
  deadLetterConfig: { targetArn: ordersDlqArn },
});
const watched = { QueueName: ordersDlq.name };
export const ordersDlqAlarm = new aws.cloudwatch.MetricAlarm('orders-dlq', {
  comparisonOperator: 'GreaterThanThreshold',
  evaluationPeriods: 1,
  metricName: 'ApproximateNumberOfMessagesVisible',
  namespace: 'AWS/SQS',
  period: 300,
  statistic: 'Maximum',
  threshold: 0,
  dimensions: watched,
});

// A failure queue that also receives a topic's messages, through a constant.
const audit = new aws.sqs.Queue('audit');
const auditArn = audit.arn;
export const auditWorker = new aws.lambda.Function('audit-worker', {
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
  deadLetterConfig: { targetArn: audit.arn },
});
const topic = new aws.sns.Topic('audit');
export const auditSubscription = new aws.sns.TopicSubscription('audit', {
  topic: topic.arn,
  protocol: 'sqs',
  endpoint: auditArn,
});
