import * as aws from '@pulumi/aws';

const role = new aws.iam.Role('fn-role', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});

// Invoked by code this project does not show: reported at the lower severity.
export const worker = new aws.lambda.Function('worker', {
//                        ^^^^^^^^^^^^^^^^^^^ AWS005
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
});

// A subscription that delivers to a queue says nothing about the function.
const topic = new aws.sns.Topic('events');
const inbox = new aws.sqs.Queue('inbox');
export const toQueue = new aws.sns.TopicSubscription('inbox', { topic: topic.arn, protocol: 'sqs', endpoint: inbox.arn });
