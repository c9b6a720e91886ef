import * as aws from '@pulumi/aws';

const role = new aws.iam.Role('fn-role', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});

// Subscribed to a topic through a constant.
const fanoutDlq = new aws.sqs.Queue('fanout-dlq', { messageRetentionSeconds: 1209600 });
const fanoutDlqPolicy = new aws.iam.RolePolicy('fanout-dlq-send', {
  role: role.id,
  policy: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: fanoutDlq.arn }],
  },
});
export const fanout = new aws.lambda.Function('fanout', {
//                        ^^^^^^^^^^^^^^^^^^^ AWS005
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
  deadLetterConfig: { targetArn: fanoutDlq.arn },
}, { dependsOn: [fanoutDlqPolicy] });
const fanoutArn = fanout.arn;
const topic = new aws.sns.Topic('fanout');
export const subscription = new aws.sns.TopicSubscription('fanout', {
  topic: topic.arn,
  protocol: 'lambda',
  endpoint: fanoutArn,
});

// An EventBridge target named by the function's physical name.
const cleanupDlq = new aws.sqs.Queue('cleanup-dlq', { messageRetentionSeconds: 1209600 });
const cleanupDlqPolicy = new aws.iam.RolePolicy('cleanup-dlq-send', {
  role: role.id,
  policy: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: cleanupDlq.arn }],
  },
});
export const cleanup = new aws.lambda.Function('cleanup', {
//                         ^^^^^^^^^^^^^^^^^^^ AWS005
  name: 'cleanup',
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
  deadLetterConfig: { targetArn: cleanupDlq.arn },
}, { dependsOn: [cleanupDlqPolicy] });
const nightly = new aws.cloudwatch.EventRule('nightly', { scheduleExpression: 'cron(0 3 * * ? *)' });
export const nightlyTarget = new aws.cloudwatch.EventTarget('cleanup', {
  rule: nightly.name,
  arn: 'arn:aws:lambda:eu-west-1:123456789012:function:cleanup',
});

// Invoked by a bucket's event handler.
const thumbnailsDlq = new aws.sqs.Queue('thumbnails-dlq', { messageRetentionSeconds: 1209600 });
const thumbnailsDlqPolicy = new aws.iam.RolePolicy('thumbnails-dlq-send', {
  role: role.id,
  policy: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: thumbnailsDlq.arn }],
  },
});
export const thumbnails = new aws.lambda.Function('thumbnails', {
//                            ^^^^^^^^^^^^^^^^^^^ AWS005
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
  deadLetterConfig: { targetArn: thumbnailsDlq.arn },
}, { dependsOn: [thumbnailsDlqPolicy] });
const images = new aws.s3.BucketV2('images');
images.onObjectCreated('thumbnails', thumbnails);
