import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const current = aws.getCallerIdentityOutput({});
const tags = { Project: 'payments', ManagedBy: 'pulumi' };

// A customer managed key with AWS's default key policy plus a service statement.
const key = new aws.kms.Key('payments', {
  description: 'Payments data',
  enableKeyRotation: true,
  deletionWindowInDays: 30,
  policy: pulumi.jsonStringify({
    Version: '2012-10-17',
    Id: 'key-default-1',
    Statement: [
      {
        Sid: 'Enable IAM User Permissions',
        Effect: 'Allow',
        Principal: { AWS: pulumi.interpolate`arn:aws:iam::${current.accountId}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
      {
        Sid: 'Allow CloudWatch Logs',
        Effect: 'Allow',
        Principal: { Service: 'logs.amazonaws.com' },
        Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        Resource: '*',
      },
    ],
  }),
  tags,
});
new aws.kms.Alias('payments', { name: 'alias/payments', targetKeyId: key.keyId });

const apiKey = new aws.secretsmanager.Secret('payments-provider', { kmsKeyId: key.arn, tags });

const auditLogs = new aws.cloudwatch.LogGroup('payments-audit', {
  name: '/payments/audit',
  retentionInDays: 365,
  kmsKeyId: key.arn,
  tags,
});

// A function URL (synchronous) that reads the secret.
const role = new aws.iam.Role('payments-webhook', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
  inlinePolicies: [
    {
      name: 'read-secret',
      policy: pulumi.jsonStringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: apiKey.arn },
          { Effect: 'Allow', Action: 'kms:Decrypt', Resource: key.arn },
          { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: pulumi.interpolate`${auditLogs.arn}:*` },
        ],
      }),
    },
  ],
  tags,
});
const webhook = new aws.lambda.Function('payments-webhook', {
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
  code: new pulumi.asset.FileArchive('./webhook'),
  kmsKeyArn: key.arn,
  loggingConfig: { logFormat: 'JSON', logGroup: auditLogs.name },
  environment: { variables: { SECRET_ARN: apiKey.arn } },
  tags,
});
const webhookUrl = new aws.lambda.FunctionUrl('payments-webhook', {
  functionName: webhook.name,
  authorizationType: 'AWS_IAM',
});

export const url = webhookUrl.functionUrl;
export const keyArn = key.arn;
