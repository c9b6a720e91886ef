import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

interface JobSpec {
  name: string;
  schedule: string;
  handler: string;
  memorySize?: number;
}

const role = new aws.iam.Role('jobs-role', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});

new aws.iam.RolePolicyAttachment('jobs-logs', {
  role: role.name,
  policyArn: aws.iam.ManagedPolicy.AWSLambdaBasicExecutionRole,
});

const failures = new aws.sqs.Queue('jobs-failures', { messageRetentionSeconds: 1209600 });

const code = new pulumi.asset.FileArchive('./jobs');

// One definition for every job: what differs comes from the spec.
function scheduledJob(spec: JobSpec): aws.lambda.Function {
  const logGroup = new aws.cloudwatch.LogGroup(`job-${spec.name}`, {
    name: `/aws/lambda/job-${spec.name}`,
    retentionInDays: 14,
  });
  const fn = new aws.lambda.Function(
    `job-${spec.name}`,
    {
      name: `job-${spec.name}`,
      runtime: aws.lambda.Runtime.NodeJS22dX,
      handler: spec.handler,
      role: role.arn,
      code,
      memorySize: spec.memorySize ?? 256,
      timeout: 60,
      deadLetterConfig: { targetArn: failures.arn },
    },
    { dependsOn: [logGroup] },
  );
  const rule = new aws.cloudwatch.EventRule(`job-${spec.name}`, { scheduleExpression: spec.schedule });
  new aws.cloudwatch.EventTarget(`job-${spec.name}`, { rule: rule.name, arn: fn.arn });
  new aws.lambda.Permission(`job-${spec.name}`, {
    action: 'lambda:InvokeFunction',
    function: fn.name,
    principal: 'events.amazonaws.com',
    sourceArn: rule.arn,
  });
  return fn;
}

const jobs: JobSpec[] = [
  { name: 'nightly-report', schedule: 'cron(0 2 * * ? *)', handler: 'report.handler', memorySize: 512 },
  { name: 'cleanup', schedule: 'rate(1 hour)', handler: 'cleanup.handler' },
  { name: 'sync', schedule: 'rate(15 minutes)', handler: 'sync.handler' },
];

export const jobArns = jobs.map((spec) => scheduledJob(spec).arn);

new aws.cloudwatch.MetricAlarm('jobs-failures', {
  comparisonOperator: 'GreaterThanThreshold',
  evaluationPeriods: 1,
  metricName: 'ApproximateNumberOfMessagesVisible',
  namespace: 'AWS/SQS',
  period: 300,
  statistic: 'Maximum',
  threshold: 0,
  dimensions: { QueueName: failures.name },
});
