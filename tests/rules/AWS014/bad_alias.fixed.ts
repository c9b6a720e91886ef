import * as aws from '@pulumi/aws';

const role = new aws.iam.Role('fn-role', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});

// The dead-letter queue is handed over through constants.
const ordersDlq = new aws.sqs.Queue('orders-dlq', { messageRetentionSeconds: 1209600 });
new aws.cloudwatch.MetricAlarm('orders-dlq-alarm', {
  comparisonOperator: 'GreaterThanThreshold',
  evaluationPeriods: 1,
  metricName: 'ApproximateNumberOfMessagesVisible',
  namespace: 'AWS/SQS',
  period: 300,
  statistic: 'Maximum',
  threshold: 0,
  dimensions: { QueueName: ordersDlq.name },
  alarmDescription: 'Messages in the dead-letter queue',
  treatMissingData: 'notBreaching',
});
//                    ^^^^^^^^^^^^^ AWS014
const ordersDlqArn = ordersDlq.arn;
const ordersFailures = { targetArn: ordersDlqArn };
export const orders = new aws.lambda.Function('orders', {
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
  deadLetterConfig: ordersFailures,
});

// A queue made inside an object, read through it.
const queues = { dlq: new aws.sqs.Queue('jobs-dlq') };
//                        ^^^^^^^^^^^^^ AWS014
export const jobs = new aws.sqs.Queue('jobs', {
  redrivePolicy: queues.dlq.arn.apply((arn) => JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: 5 })),
});
