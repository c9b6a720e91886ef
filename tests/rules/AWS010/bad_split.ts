import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const fn = new aws.lambda.Function('api', {
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: 'arn:aws:iam::123456789012:role/api',
  code: new pulumi.asset.FileArchive('./app'),
});
const jobs = new aws.sqs.Queue('jobs', {});

// The body is built in its own statement; the finding lies there, the dashboard reads it.
const dashboardBody = fn.name.apply((lambdaName) =>
  JSON.stringify({
    widgets: [
      {
        type: 'metric',
        properties: {
          metrics: [['AWS/Lambda', 'Errors', { stat: 'Sum' }]],
//                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AWS010
          title: 'API errors',
        },
      },
    ],
  }),
);
export const dashboard = new aws.cloudwatch.Dashboard('api', { dashboardBody });

// The alarm's settings are a constant of their own; the queue is the only one in the file.
const backlogArgs = {
  comparisonOperator: 'GreaterThanThreshold',
  evaluationPeriods: 1,
  metricName: 'ApproximateAgeOfOldestMessage',
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AWS010
  namespace: 'AWS/SQS',
  period: 300,
  statistic: 'Maximum',
  threshold: 600,
};
export const backlog = new aws.cloudwatch.MetricAlarm('jobs-age', backlogArgs);
