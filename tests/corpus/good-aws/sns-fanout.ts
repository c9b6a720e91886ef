import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const tags = { Project: 'notifications' };

// An SNS topic fanned out to a queue and to a function.
const orderEvents = new aws.sns.Topic('order-events', { kmsMasterKeyId: 'alias/aws/sns', tags });

const emailQueue = new aws.sqs.Queue('order-emails', { sqsManagedSseEnabled: true, tags });
new aws.sqs.QueuePolicy('order-emails', {
  queueUrl: emailQueue.id,
  policy: pulumi.jsonStringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'sns.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: emailQueue.arn,
        Condition: { ArnEquals: { 'aws:SourceArn': orderEvents.arn } },
      },
    ],
  }),
});
new aws.sns.TopicSubscription('order-emails', {
  topic: orderEvents.arn,
  protocol: 'sqs',
  endpoint: emailQueue.arn,
  rawMessageDelivery: true,
});

// The subscriber function keeps failed events in a DLQ that alarms.
const auditDlq = new aws.sqs.Queue('order-audit-dlq', { messageRetentionSeconds: 1209600, tags });
new aws.cloudwatch.MetricAlarm('order-audit-dlq', {
  comparisonOperator: 'GreaterThanThreshold',
  evaluationPeriods: 1,
  metricName: 'ApproximateNumberOfMessagesVisible',
  namespace: 'AWS/SQS',
  period: 300,
  statistic: 'Sum',
  threshold: 0,
  dimensions: { QueueName: auditDlq.name },
  tags,
});
const auditRole = new aws.iam.Role('order-audit', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
  managedPolicyArns: [aws.iam.ManagedPolicy.AWSLambdaBasicExecutionRole],
  tags,
});
const auditRolePolicy = new aws.iam.RolePolicy('order-audit-dlq', {
  role: auditRole.id,
  policy: pulumi.jsonStringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: auditDlq.arn }],
  }),
});
const auditFunction = new aws.lambda.Function(
  'order-audit',
  {
    runtime: 'python3.13',
    handler: 'audit.handler',
    role: auditRole.arn,
    code: new pulumi.asset.FileArchive('./audit'),
    deadLetterConfig: { targetArn: auditDlq.arn },
    loggingConfig: { logFormat: 'JSON', logGroup: '/custom/order-audit' },
    tags,
  },
  { dependsOn: [auditRolePolicy] },
);
new aws.cloudwatch.LogGroup('order-audit', { name: '/custom/order-audit', retentionInDays: 90, tags });
new aws.lambda.Permission('order-audit-sns', {
  action: 'lambda:InvokeFunction',
  function: auditFunction.name,
  principal: 'sns.amazonaws.com',
  sourceArn: orderEvents.arn,
});
new aws.sns.TopicSubscription('order-audit', {
  topic: orderEvents.arn,
  protocol: 'lambda',
  endpoint: auditFunction.arn,
});

export const topicArn = orderEvents.arn;
