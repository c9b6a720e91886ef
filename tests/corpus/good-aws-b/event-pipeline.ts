import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const topic = new aws.sns.Topic('orders', { kmsMasterKeyId: 'alias/aws/sns' });

const auditQueue = new aws.sqs.Queue('orders-audit', { sqsManagedSseEnabled: true });

new aws.sqs.QueuePolicy('orders-audit', {
  queueUrl: auditQueue.url,
  policy: pulumi.jsonStringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'sns.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: auditQueue.arn,
        Condition: { ArnEquals: { 'aws:SourceArn': topic.arn } },
      },
    ],
  }),
});

new aws.sns.TopicSubscription('orders-audit', {
  topic: topic.arn,
  protocol: 'sqs',
  endpoint: auditQueue.arn,
  rawMessageDelivery: true,
});

const table = new aws.dynamodb.Table('orders', {
  attributes: [{ name: 'orderId', type: 'S' }],
  hashKey: 'orderId',
  billingMode: 'PAY_PER_REQUEST',
  streamEnabled: true,
  streamViewType: 'NEW_AND_OLD_IMAGES',
});

const streamRole = new aws.iam.Role('orders-stream', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});

new aws.iam.RolePolicyAttachment('orders-stream', {
  role: streamRole.name,
  policyArn: aws.iam.ManagedPolicy.AWSLambdaDynamoDBExecutionRole,
});

new aws.iam.RolePolicy('orders-stream-publish', {
  role: streamRole.id,
  policy: topic.arn.apply((arn) =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sns:Publish', Resource: arn }],
    }),
  ),
});

const streamHandler = new aws.lambda.Function('orders-stream', {
  runtime: 'nodejs22.x',
  handler: 'stream.handler',
  role: streamRole.arn,
  code: new pulumi.asset.FileArchive('./stream'),
  environment: { variables: { TOPIC_ARN: topic.arn } },
  tracingConfig: { mode: 'Active' },
});

new aws.cloudwatch.LogGroup('orders-stream', {
  name: pulumi.interpolate`/aws/lambda/${streamHandler.name}`,
  retentionInDays: 30,
});

new aws.lambda.EventSourceMapping('orders-stream', {
  eventSourceArn: table.streamArn,
  functionName: streamHandler.arn,
  startingPosition: 'LATEST',
  maximumRetryAttempts: 3,
  bisectBatchOnFunctionError: true,
  destinationConfig: { onFailure: { destinationArn: auditQueue.arn } },
});

const bus = new aws.cloudwatch.EventBus('orders', {});

new aws.cloudwatch.EventArchive('orders', {
  eventSourceArn: bus.arn,
  retentionDays: 30,
});

new aws.cloudwatch.MetricAlarm('orders-topic-failures', {
  comparisonOperator: 'GreaterThanThreshold',
  evaluationPeriods: 1,
  metricName: 'NumberOfNotificationsFailed',
  namespace: 'AWS/SNS',
  period: 300,
  statistic: 'Sum',
  threshold: 0,
  dimensions: { TopicName: topic.name },
});

new aws.cloudwatch.MetricAlarm('orders-stream-iterator-age', {
  comparisonOperator: 'GreaterThanThreshold',
  evaluationPeriods: 3,
  metricName: 'IteratorAge',
  namespace: 'AWS/Lambda',
  period: 60,
  statistic: 'Maximum',
  threshold: 60000,
  dimensions: { FunctionName: streamHandler.name },
});

export const topicArn = topic.arn;
export const busName = bus.name;
