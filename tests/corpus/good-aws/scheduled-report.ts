import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const tags = { Project: 'reports', ManagedBy: 'pulumi' };
const current = aws.getCallerIdentityOutput();
const region = aws.getRegionOutput();

// Policies written with getPolicyDocument, as in the provider's own examples.
const assumeRole = aws.iam.getPolicyDocumentOutput({
  statements: [
    {
      effect: 'Allow',
      actions: ['sts:AssumeRole'],
      principals: [{ type: 'Service', identifiers: ['lambda.amazonaws.com'] }],
    },
  ],
});
const reportRole = new aws.iam.Role('nightly-report', { assumeRolePolicy: assumeRole.json, tags });

const reportBucket = new aws.s3.Bucket('reports', { tags });
const failures = new aws.sqs.Queue('nightly-report-failures', { messageRetentionSeconds: 1209600, tags });

const reportPolicy = aws.iam.getPolicyDocumentOutput({
  statements: [
    {
      sid: 'WriteReports',
      actions: ['s3:PutObject'],
      resources: [pulumi.interpolate`${reportBucket.arn}/reports/*`],
    },
    {
      sid: 'Logs',
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [
        pulumi.interpolate`arn:aws:logs:${region.name}:${current.accountId}:log-group:/aws/lambda/nightly-report:*`,
      ],
    },
    {
      sid: 'Metrics',
      actions: ['cloudwatch:PutMetricData'],
      resources: ['*'],
    },
    {
      sid: 'Failures',
      actions: ['sqs:SendMessage'],
      resources: [failures.arn],
    },
  ],
});
new aws.iam.RolePolicy('nightly-report', { role: reportRole.id, policy: reportPolicy.json });

const reportLogs = new aws.cloudwatch.LogGroup('nightly-report', {
  name: '/aws/lambda/nightly-report',
  retentionInDays: 30,
  tags,
});
const report = new aws.lambda.Function(
  'nightly-report',
  {
    name: 'nightly-report',
    runtime: 'python3.13',
    handler: 'report.handler',
    role: reportRole.arn,
    code: new pulumi.asset.FileArchive('./report'),
    timeout: 300,
    memorySize: 256,
    environment: { variables: { REPORT_BUCKET: reportBucket.bucket } },
    tags,
  },
  { dependsOn: [reportLogs] },
);

// Asynchronous invocation failures go to a destination instead of a DLQ.
new aws.lambda.FunctionEventInvokeConfig('nightly-report', {
  functionName: report.name,
  maximumRetryAttempts: 1,
  destinationConfig: { onFailure: { destination: failures.arn } },
});
new aws.cloudwatch.MetricAlarm('nightly-report-failures', {
  comparisonOperator: 'GreaterThanOrEqualToThreshold',
  evaluationPeriods: 1,
  metricName: 'ApproximateNumberOfMessagesVisible',
  namespace: 'AWS/SQS',
  period: 3600,
  statistic: 'Maximum',
  threshold: 1,
  dimensions: { QueueName: failures.name },
  tags,
});

const nightly = new aws.cloudwatch.EventRule('nightly-report', {
  scheduleExpression: 'cron(0 2 * * ? *)',
  tags,
});
new aws.cloudwatch.EventTarget('nightly-report', { rule: nightly.name, arn: report.arn });
new aws.lambda.Permission('nightly-report-events', {
  action: 'lambda:InvokeFunction',
  function: report.name,
  principal: 'events.amazonaws.com',
  sourceArn: nightly.arn,
});

export const reportBucketName = reportBucket.bucket;
