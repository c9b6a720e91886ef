import * as aws from '@pulumi/aws';

const role = new aws.iam.Role('fn-role', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});

// Invoked by code this project does not show: reported at the lower severity.
const workerDlq = new aws.sqs.Queue('worker-dlq', { messageRetentionSeconds: 1209600 });
const workerDlqPolicy = new aws.iam.RolePolicy('worker-dlq-send', {
  role: role.id,
  policy: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: workerDlq.arn }],
  },
});
export const worker = new aws.lambda.Function('worker', {
//                        ^^^^^^^^^^^^^^^^^^^ AWS005
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
  deadLetterConfig: { targetArn: workerDlq.arn },
}, { dependsOn: [workerDlqPolicy] });

// A subscription that delivers to a queue says nothing about the function.
const topic = new aws.sns.Topic('events');
const inbox = new aws.sqs.Queue('inbox');
export const toQueue = new aws.sns.TopicSubscription('inbox', { topic: topic.arn, protocol: 'sqs', endpoint: inbox.arn });
