import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const bucket = new aws.s3.BucketV2('uploads');
const role = new aws.iam.Role('reader', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});
const bucketArn = bucket.arn;

export const readPolicy = new aws.iam.RolePolicy('read', {
  role: role.id,
  policy: {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['s3:GetObject'],
        Resource: pulumi.interpolate`${bucketArn}/*`,
//                   ^^^^^^^^^ PUL010
      },
    ],
  },
});

export const consoleUrl = pulumi.interpolate`https://s3.console.aws.amazon.com/s3/buckets/${bucket.bucket}?tab=objects`;
//                                                                          ^^^^^^^^^^^^^ PUL010

// Inside a call the value needs .apply: reported without a fix.
export const document = JSON.stringify({ Resource: `${bucket.arn}/*` });
//                                                    ^^^^^^^^^^ PUL010
console.log(`role: ${role.name}`);
//                   ^^^^^^^^^ PUL010

// pulumi.jsonStringify takes Inputs: the fix applies inside it.
export const notification = new aws.s3.BucketNotification('uploads', {
  bucket: bucket.id,
  eventbridge: true,
});
export const queuePolicy = pulumi.jsonStringify({ Resource: pulumi.interpolate`${bucket.arn}/*`, Notified: notification.id });
//                                                             ^^^^^^^^^^ PUL010
