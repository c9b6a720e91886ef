import * as aws from '@pulumi/aws';

const role = new aws.iam.Role('fn-role', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});
const uploads = new aws.s3.BucketV2('uploads');

// Seed 003 §5: an S3-triggered processor that fails silently.
const processorDlq = new aws.sqs.Queue('processor-dlq', { messageRetentionSeconds: 1209600 });
const processorDlqPolicy = new aws.iam.RolePolicy('processor-dlq-send', {
  role: role.id,
  policy: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: processorDlq.arn }],
  },
});
const processor = new aws.lambda.Function('processor', {
//                    ^^^^^^^^^^^^^^^^^^^ AWS005
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
  code: new aws.asset.FileArchive('./processor'),
  deadLetterConfig: { targetArn: processorDlq.arn },
}, { dependsOn: [processorDlqPolicy] });
new aws.lambda.Permission('processor-s3', {
  action: 'lambda:InvokeFunction',
  function: processor.name,
  principal: 's3.amazonaws.com',
  sourceArn: uploads.arn,
});
export const notification = new aws.s3.BucketNotification('uploads', {
  bucket: uploads.id,
  lambdaFunctions: [{ lambdaFunctionArn: processor.arn, events: ['s3:ObjectCreated:*'] }],
});

// An EventBridge schedule; a queue named as a dead-letter queue is in scope.
const failedEvents = new aws.sqs.Queue('nightly-dlq', { messageRetentionSeconds: 1209600 });
const nightlyDlqPolicy = new aws.iam.RolePolicy('nightly-dlq-send', {
  role: role.id,
  policy: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: failedEvents.arn }],
  },
});
export const nightly = new aws.lambda.Function('nightly', {
//                         ^^^^^^^^^^^^^^^^^^^ AWS005
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
  deadLetterConfig: { targetArn: failedEvents.arn },
}, { dependsOn: [nightlyDlqPolicy] });
const schedule = new aws.cloudwatch.EventRule('nightly', { scheduleExpression: 'cron(0 3 * * ? *)' });
export const target = new aws.cloudwatch.EventTarget('nightly', { rule: schedule.name, arn: nightly.arn });
export const dlqUrl = failedEvents.url;

// An SNS subscriber whose role is not in this file.
declare const sharedRoleArn: string;
export const subscriber = new aws.lambda.Function('subscriber', {
//                            ^^^^^^^^^^^^^^^^^^^ AWS005
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: sharedRoleArn,
  deadLetterConfig: { targetArn: failedEvents.arn },
});
const topic = new aws.sns.Topic('alerts');
export const subscription = new aws.sns.TopicSubscription('alerts', {
  topic: topic.arn,
  protocol: 'lambda',
  endpoint: subscriber.arn,
});
