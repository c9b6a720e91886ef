import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const environmentSuffix = pulumi.getStack();
const role = new aws.iam.Role('fn-role', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});
const apiLambda = new aws.lambda.Function(`ecommerce-api-lambda-${environmentSuffix}`, {
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
  code: new pulumi.asset.FileArchive('./app'),
});
const alb = new aws.lb.LoadBalancer(`ecommerce-alb-${environmentSuffix}`, { subnets: ['subnet-1', 'subnet-2'] });
const targetGroup = new aws.lb.TargetGroup(`ecommerce-tg-${environmentSuffix}`, { port: 80, protocol: 'HTTP' });
const cluster = new aws.rds.Cluster(`ecommerce-aurora-${environmentSuffix}`, { engine: 'aurora-postgresql' });

// Seed 001 §6: the function's name is fetched for the dashboard and then not used.
export const dashboard = new aws.cloudwatch.Dashboard(`ecommerce-dashboard-${environmentSuffix}`, {
  dashboardBody: pulumi
    .all([apiLambda.name, alb.arn, targetGroup.arn, cluster.id])
    .apply(([lambdaName, albArn, tgArn, clusterName]) =>
      JSON.stringify({
        widgets: [
          {
            type: 'metric',
            properties: {
              metrics: [
                ['AWS/Lambda', 'Duration', 'FunctionName', lambdaName, { stat: 'Average' }],
//              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AWS010
                ['AWS/Lambda', 'ConcurrentExecutions'],
              ],
              region: 'us-east-1',
              title: `API ${albArn} ${tgArn} ${clusterName}`,
            },
          },
        ],
      }),
    ),
});

// Seed 001 §6's "ideal" form: `dimensions` in the options object is not dashboard JSON.
export const opsDashboard = new aws.cloudwatch.Dashboard('ops', {
  dashboardBody: apiLambda.name.apply((functionName) =>
    JSON.stringify({
      widgets: [
        {
          type: 'metric',
          properties: {
            metrics: [['AWS/Lambda', 'Errors', 'FunctionName', functionName, { stat: 'Sum' }]],
//                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AWS010
          },
        },
      ],
    }),
  ),
});

const orders = new aws.sqs.Queue('orders', {});

// An SQS metric exists only per queue: this alarm never leaves INSUFFICIENT_DATA.
export const backlog = new aws.cloudwatch.MetricAlarm('orders-backlog', {
  comparisonOperator: 'GreaterThanThreshold',
  evaluationPeriods: 1,
  metricName: 'ApproximateNumberOfMessagesVisible',
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AWS010
  namespace: 'AWS/SQS',
  period: 300,
  statistic: 'Maximum',
  threshold: 100,
  dimensions: { QueueName: orders.name },
});

// Account-wide Lambda errors: valid, but rarely what the stack means.
export const errors = new aws.cloudwatch.MetricAlarm('api-errors', {
  comparisonOperator: 'GreaterThanThreshold',
  evaluationPeriods: 1,
  metricName: 'Errors',
//^^^^^^^^^^^^^^^^^^^^ AWS010
  namespace: 'AWS/Lambda',
  period: 60,
  statistic: 'Sum',
  threshold: 1,
  dimensions: { FunctionName: apiLambda.name },
});

// Metric math: each metric needs its own dimensions.
export const errorRate = new aws.cloudwatch.MetricAlarm('error-rate', {
  comparisonOperator: 'GreaterThanThreshold',
  evaluationPeriods: 1,
  threshold: 5,
  metricQueries: [
    { id: 'rate', expression: '100 * errors / MAX([errors, requests])', returnData: true },
    {
      id: 'errors',
      metric: { namespace: 'AWS/ApplicationELB', metricName: 'HTTPCode_Target_5XX_Count', period: 60, stat: 'Sum', dimensions: { LoadBalancer: alb.arnSuffix } },
//                                               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AWS010
    },
    {
      id: 'requests',
      metric: {
        namespace: 'AWS/ApplicationELB',
        metricName: 'RequestCount',
        period: 60,
        stat: 'Sum',
        dimensions: { LoadBalancer: alb.arnSuffix },
      },
    },
  ],
});
