import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

// Seed 003 §2: the processor's role could do anything to any table.
const table = new aws.dynamodb.Table('orders', {
  attributes: [{ name: 'id', type: 'S' }],
  hashKey: 'id',
  billingMode: 'PAY_PER_REQUEST',
});

const role = new aws.iam.Role('processor-role', {
  assumeRolePolicy: JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  }),
});

new aws.iam.RolePolicy('processor-dynamo', {
  role: role.id,
  policy: pulumi.jsonStringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
//               ^^^^^^^^^^^^ AWS002
        Resource: table.arn,
      },
    ],
  }),
});

// Every action of every service, written as a plain PolicyDocument object.
export const admin = new aws.iam.Policy('admin', {
  policy: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
//                                         ^^^ AWS002
  },
});

// A service wildcard scoped to one bucket is still every S3 action on it.
const bucket = new aws.s3.BucketV2('uploads');
export const uploads = new aws.iam.Policy('uploads', {
  policy: pulumi.jsonStringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: [bucket.arn, pulumi.interpolate`${bucket.arn}/*`] }],
//                                         ^^^^^^ AWS002
  }),
});

// Write actions on every resource; logs:CreateLogGroup can be scoped, so it counts.
const writeActions = ['logs:CreateLogGroup', 'logs:PutLogEvents'];
export const logs = new aws.iam.Policy('logs', {
  policy: JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: [...writeActions], Resource: '*' }],
//                                                                      ^^^ AWS002
  }),
});

// Inside an .apply callback.
export const queuePolicy = new aws.iam.Policy('queue', {
  policy: table.arn.apply((arn) =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: arn },
        { Effect: 'Allow', Action: ['sqs:*'], Resource: '*' },
//                                  ^^^^^^^ AWS002
      ],
    }),
  ),
});

// getPolicyDocument statements use lowercase keys.
const doc = aws.iam.getPolicyDocumentOutput({
  statements: [
    { effect: 'Allow', actions: ['s3:PutObject', 'sns:Publish'], resources: ['*'] },
//                                                                           ^^^ AWS002
    { actions: ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem'], resources: [table.arn] },
//              ^^^^^^^^^^^^ AWS002
  ],
});
export const fromDocument = new aws.iam.Policy('from-document', { policy: doc.json });

// A role's inline policy, with the statement in a constant.
const everything = { Effect: 'Allow', Action: 'lambda:*', Resource: '*' };
//                                            ^^^^^^^^^^ AWS002
export const inline = new aws.iam.Role('inline', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
  inlinePolicies: [{ name: 'all', policy: JSON.stringify({ Version: '2012-10-17', Statement: [everything] }) }],
});
