import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const config = new pulumi.Config();
const stage = config.require('stage');
const logRetentionDays = config.getNumber('logRetentionDays') ?? 14;
const alertEmail = config.get('alertEmail');

const tags = {
  Project: pulumi.getProject(),
  Stack: pulumi.getStack(),
  ManagedBy: 'Pulumi',
};

// Storage -----------------------------------------------------------------------------------------
const table = new aws.dynamodb.Table('orders', {
  attributes: [{ name: 'id', type: 'S' }],
  hashKey: 'id',
  billingMode: 'PAY_PER_REQUEST',
  pointInTimeRecovery: { enabled: true },
  tags,
});

const uploads = new aws.s3.Bucket('uploads', { forceDestroy: stage !== 'prod', tags });

new aws.s3.BucketVersioning('uploads-versioning', {
  bucket: uploads.id,
  versioningConfiguration: { status: 'Enabled' },
});

new aws.s3.BucketPublicAccessBlock('uploads-public-access', {
  bucket: uploads.id,
  blockPublicAcls: true,
  blockPublicPolicy: true,
  ignorePublicAcls: true,
  restrictPublicBuckets: true,
});

// Function --------------------------------------------------------------------------------------
const functionName = `orders-api-${stage}`;

const role = new aws.iam.Role('orders-api-role', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
  tags,
});

new aws.iam.RolePolicyAttachment('orders-api-logs', {
  role: role.name,
  policyArn: aws.iam.ManagedPolicy.AWSLambdaBasicExecutionRole,
});

new aws.iam.RolePolicy('orders-api-data', {
  role: role.id,
  policy: pulumi.jsonStringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
        Resource: [table.arn, pulumi.interpolate`${table.arn}/index/*`],
      },
      {
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject'],
        Resource: pulumi.interpolate`${uploads.arn}/*`,
      },
    ],
  }),
});

const logGroup = new aws.cloudwatch.LogGroup('orders-api-logs', {
  name: `/aws/lambda/${functionName}`,
  retentionInDays: logRetentionDays,
  tags,
});

const handler = new aws.lambda.Function(
  'orders-api',
  {
    name: functionName,
    runtime: aws.lambda.Runtime.NodeJS22dX,
    architectures: ['arm64'],
    handler: 'index.handler',
    role: role.arn,
    memorySize: 256,
    timeout: 10,
    code: new pulumi.asset.FileArchive('./app/dist'),
    environment: {
      variables: {
        TABLE_NAME: table.name,
        UPLOAD_BUCKET: uploads.bucket,
        STAGE: stage,
      },
    },
    tags,
  },
  { dependsOn: [logGroup] },
);

// HTTP API ----------------------------------------------------------------------------------------
const api = new aws.apigatewayv2.Api('orders-http', { protocolType: 'HTTP', tags });

const integration = new aws.apigatewayv2.Integration('orders-lambda', {
  apiId: api.id,
  integrationType: 'AWS_PROXY',
  integrationUri: handler.invokeArn,
  payloadFormatVersion: '2.0',
});

new aws.apigatewayv2.Route('orders-route', {
  apiId: api.id,
  routeKey: 'ANY /orders/{proxy+}',
  target: pulumi.interpolate`integrations/${integration.id}`,
});

const apiStage = new aws.apigatewayv2.Stage('orders-stage', {
  apiId: api.id,
  name: '$default',
  autoDeploy: true,
  tags,
});

new aws.lambda.Permission('orders-api-invoke', {
  action: 'lambda:InvokeFunction',
  function: handler.name,
  principal: 'apigateway.amazonaws.com',
  sourceArn: pulumi.interpolate`${api.executionArn}/*/*`,
});

// Alerts, in production only ----------------------------------------------------------------------
if (alertEmail) {
  const alerts = new aws.sns.Topic('orders-alerts', { tags });
  new aws.sns.TopicSubscription('orders-alerts-email', {
    topic: alerts.arn,
    protocol: 'email',
    endpoint: alertEmail,
  });
  new aws.cloudwatch.MetricAlarm('orders-api-errors', {
    namespace: 'AWS/Lambda',
    metricName: 'Errors',
    dimensions: { FunctionName: handler.name },
    statistic: 'Sum',
    period: 300,
    evaluationPeriods: 1,
    threshold: 1,
    comparisonOperator: 'GreaterThanOrEqualToThreshold',
    alarmActions: [alerts.arn],
    alarmDescription: 'Errors in ' + functionName,
    tags,
  });
}

export const apiUrl = pulumi.interpolate`${apiStage.invokeUrl}orders`;
export const tableName = table.name;
export const uploadBucket = uploads.bucket;
export const functionArn = handler.arn;
export const dashboardUrl = pulumi.interpolate`https://console.aws.amazon.com/lambda/home#/functions/${handler.name}`;
export const logGroupName = logGroup.name;
export const summary = pulumi
  .all([table.name, uploads.bucket])
  .apply(([t, b]) => `table ${t}, bucket ${b}, stage ${stage}`);
