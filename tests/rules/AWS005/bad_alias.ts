import * as aws from '@pulumi/aws';

const role = new aws.iam.Role('fn-role', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});

// Subscribed to a topic through a constant.
export const fanout = new aws.lambda.Function('fanout', {
//                        ^^^^^^^^^^^^^^^^^^^ AWS005
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
});
const fanoutArn = fanout.arn;
const topic = new aws.sns.Topic('fanout');
export const subscription = new aws.sns.TopicSubscription('fanout', {
  topic: topic.arn,
  protocol: 'lambda',
  endpoint: fanoutArn,
});

// An EventBridge target named by the function's physical name.
export const cleanup = new aws.lambda.Function('cleanup', {
//                         ^^^^^^^^^^^^^^^^^^^ AWS005
  name: 'cleanup',
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
});
const nightly = new aws.cloudwatch.EventRule('nightly', { scheduleExpression: 'cron(0 3 * * ? *)' });
export const nightlyTarget = new aws.cloudwatch.EventTarget('cleanup', {
  rule: nightly.name,
  arn: 'arn:aws:lambda:eu-west-1:123456789012:function:cleanup',
});

// Invoked by a bucket's event handler.
export const thumbnails = new aws.lambda.Function('thumbnails', {
//                            ^^^^^^^^^^^^^^^^^^^ AWS005
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
});
const images = new aws.s3.BucketV2('images');
images.onObjectCreated('thumbnails', thumbnails);
