import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const fn = new aws.lambda.Function('api', {
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: 'arn:aws:iam::123456789012:role/api',
  code: new pulumi.asset.FileArchive('./app'),
});
const queue = new aws.sqs.Queue('jobs', {});
const table = new aws.dynamodb.Table('orders', {
  attributes: [{ name: 'id', type: 'S' }],
  hashKey: 'id',
  billingMode: 'PAY_PER_REQUEST',
});

export const dashboard = new aws.cloudwatch.Dashboard('main', {
  dashboardBody: pulumi.all([fn.name, queue.name, table.name]).apply(([functionName, queueName, tableName]) =>
    JSON.stringify({
      widgets: [
        {
          type: 'metric',
          properties: {
            metrics: [
              ['AWS/Lambda', 'Invocations', 'FunctionName', functionName, { stat: 'Sum' }],
              ['.', 'Errors', '.', '.', { stat: 'Sum' }],
              ['...', { stat: 'Average' }],
              ['AWS/Lambda', 'ConcurrentExecutions'],
              ['AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', queueName],
              ['AWS/DynamoDB', 'ConsumedReadCapacityUnits', 'TableName', tableName],
              ['AWS/DynamoDB', 'AccountMaxReads'],
              [{ expression: 'SUM(METRICS())', label: 'Total', id: 'e1' }],
              ['MyApp', 'OrdersPlaced'],
            ],
            region: 'us-east-1',
          },
        },
      ],
    }),
  ),
});

export const alarms = [
  new aws.cloudwatch.MetricAlarm('fn-errors', {
    comparisonOperator: 'GreaterThanThreshold',
    evaluationPeriods: 1,
    metricName: 'Errors',
    namespace: 'AWS/Lambda',
    period: 60,
    statistic: 'Sum',
    threshold: 1,
    dimensions: { FunctionName: fn.name },
  }),
  new aws.cloudwatch.MetricAlarm('account-concurrency', {
    comparisonOperator: 'GreaterThanThreshold',
    evaluationPeriods: 1,
    metricName: 'ConcurrentExecutions',
    namespace: 'AWS/Lambda',
    period: 60,
    statistic: 'Maximum',
    threshold: 900,
  }),
  // Seed 003 §9's DLQ alarm, with its queue.
  new aws.cloudwatch.MetricAlarm('dlq-alarm', {
    comparisonOperator: 'GreaterThanThreshold',
    metricName: 'ApproximateNumberOfMessagesVisible',
    namespace: 'AWS/SQS',
    threshold: 0,
    evaluationPeriods: 1,
    period: 60,
    statistic: 'Sum',
    dimensions: { QueueName: queue.name },
  }),
  new aws.cloudwatch.MetricAlarm('orders-placed', {
    comparisonOperator: 'LessThanThreshold',
    evaluationPeriods: 3,
    metricName: 'OrdersPlaced',
    namespace: 'MyApp',
    period: 300,
    statistic: 'Sum',
    threshold: 1,
  }),
];
