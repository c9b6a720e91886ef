import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const current = aws.getCallerIdentityOutput();
const table = new aws.dynamodb.Table('orders', {
  attributes: [{ name: 'id', type: 'S' }],
  hashKey: 'id',
  billingMode: 'PAY_PER_REQUEST',
});
const bucket = new aws.s3.Bucket('uploads');

// Scoped actions and resources.
export const scoped = new aws.iam.Policy('scoped', {
  policy: pulumi.jsonStringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
        Resource: [table.arn, pulumi.interpolate`${table.arn}/index/*`],
      },
      { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: pulumi.interpolate`${bucket.arn}/*` },
    ],
  }),
});

// Deny guardrail: deny every S3 action without TLS.
export const tlsOnly = new aws.s3.BucketPolicy('tls-only', {
  bucket: bucket.id,
  policy: pulumi.jsonStringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [bucket.arn, pulumi.interpolate`${bucket.arn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  }),
});

// AWS's default key policy: the account root gets kms:* on the key ("*" means this key).
export const key = new aws.kms.Key('data', {
  enableKeyRotation: true,
  policy: current.accountId.apply((accountId) =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'Enable IAM User Permissions',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${accountId}:root` },
          Action: 'kms:*',
          Resource: '*',
        },
        {
          Sid: 'Allow CloudWatch Logs',
          Effect: 'Allow',
          Principal: { Service: 'logs.amazonaws.com' },
          Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey*'],
          Resource: '*',
        },
      ],
    }),
  ),
});

// Actions without resource-level permissions, and read-only actions, on "*".
export const telemetry = new aws.iam.Policy('telemetry', {
  policy: {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' },
      { Effect: 'Allow', Action: 'cloudwatch:PutMetricData', Resource: '*' },
      { Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' },
      {
        Effect: 'Allow',
        Action: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface'],
        Resource: '*',
      },
      { Effect: 'Allow', Action: ['ec2:Describe*', 's3:ListAllMyBuckets'], Resource: '*' },
    ],
  },
});

// Trust policies and getPolicyDocument with scoped statements; a Deny in document form.
const assume = aws.iam.getPolicyDocumentOutput({
  statements: [
    { actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['lambda.amazonaws.com'] }] },
  ],
});
export const role = new aws.iam.Role('fn', { assumeRolePolicy: assume.json });
const guard = aws.iam.getPolicyDocumentOutput({
  statements: [{ effect: 'Deny', actions: ['*'], resources: ['*'], conditions: [{ test: 'StringNotEquals', variable: 'aws:RequestedRegion', values: ['eu-west-1'] }] }],
});
export const guardPolicy = new aws.iam.Policy('guard', { policy: guard.json });

// An effect the file cannot read is not guessed at.
export function statementFor(effect: string) {
  return { Version: '2012-10-17', Statement: [{ Effect: effect, Action: '*', Resource: '*' }] };
}
