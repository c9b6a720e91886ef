import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const config = new pulumi.Config();
const stage = config.get('stage') ?? 'dev';
const tags = { Project: 'orders-api', Stage: stage, ManagedBy: 'pulumi' };

// An on-demand table for orders.
const ordersTable = new aws.dynamodb.Table('orders', {
  attributes: [
    { name: 'pk', type: 'S' },
    { name: 'sk', type: 'S' },
  ],
  hashKey: 'pk',
  rangeKey: 'sk',
  billingMode: 'PAY_PER_REQUEST',
  pointInTimeRecovery: { enabled: true },
  serverSideEncryption: { enabled: true },
  tags,
});

const apiRole = new aws.iam.Role('orders-api-role', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
  tags,
});
new aws.iam.RolePolicyAttachment('orders-api-basic', {
  role: apiRole.name,
  policyArn: aws.iam.ManagedPolicy.AWSLambdaBasicExecutionRole,
});
new aws.iam.RolePolicy('orders-api-table', {
  role: apiRole.id,
  policy: pulumi.jsonStringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
        Resource: [ordersTable.arn, pulumi.interpolate`${ordersTable.arn}/index/*`],
      },
    ],
  }),
});

const functionName = `orders-api-${stage}`;
const apiLogGroup = new aws.cloudwatch.LogGroup('orders-api-logs', {
  name: `/aws/lambda/${functionName}`,
  retentionInDays: 14,
  tags,
});

const apiFunction = new aws.lambda.Function(
  'orders-api',
  {
    name: functionName,
    runtime: aws.lambda.Runtime.NodeJS22dX,
    handler: 'index.handler',
    role: apiRole.arn,
    code: new pulumi.asset.FileArchive('./app/dist'),
    memorySize: 512,
    timeout: 10,
    architectures: ['arm64'],
    environment: { variables: { TABLE_NAME: ordersTable.name, STAGE: stage } },
    tracingConfig: { mode: 'Active' },
    tags,
  },
  { dependsOn: [apiLogGroup] },
);

// REST API with a proxy integration, a deployment and a logged stage.
const restApi = new aws.apigateway.RestApi('orders', { description: 'Orders API', tags });
const proxy = new aws.apigateway.Resource('orders-proxy', {
  restApi: restApi.id,
  parentId: restApi.rootResourceId,
  pathPart: '{proxy+}',
});
const proxyMethod = new aws.apigateway.Method('orders-proxy-any', {
  restApi: restApi.id,
  resourceId: proxy.id,
  httpMethod: 'ANY',
  authorization: 'NONE',
});
const proxyIntegration = new aws.apigateway.Integration('orders-proxy-lambda', {
  restApi: restApi.id,
  resourceId: proxy.id,
  httpMethod: proxyMethod.httpMethod,
  integrationHttpMethod: 'POST',
  type: 'AWS_PROXY',
  uri: apiFunction.invokeArn,
});
new aws.lambda.Permission('orders-api-invoke', {
  action: 'lambda:InvokeFunction',
  function: apiFunction.name,
  principal: 'apigateway.amazonaws.com',
  sourceArn: pulumi.interpolate`${restApi.executionArn}/*/*`,
});

const deployment = new aws.apigateway.Deployment(
  'orders',
  {
    restApi: restApi.id,
    triggers: { redeployment: pulumi.jsonStringify([proxy.id, proxyMethod.id, proxyIntegration.id]) },
  },
  { dependsOn: [proxyIntegration] },
);

// Stage access logging needs the account-level CloudWatch role (once per region).
const apiGatewayLogsRole = new aws.iam.Role('apigateway-cloudwatch', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'apigateway.amazonaws.com' }),
  managedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs'],
  tags,
});
const apiAccount = new aws.apigateway.Account('apigateway-account', {
  cloudwatchRoleArn: apiGatewayLogsRole.arn,
});
const accessLogs = new aws.cloudwatch.LogGroup('orders-api-access', { retentionInDays: 30, tags });
const apiStage = new aws.apigateway.Stage(
  'orders',
  {
    restApi: restApi.id,
    deployment: deployment.id,
    stageName: stage,
    xrayTracingEnabled: true,
    accessLogSettings: {
      destinationArn: accessLogs.arn,
      format: JSON.stringify({ requestId: '$context.requestId', status: '$context.status' }),
    },
    tags,
  },
  { dependsOn: [apiAccount] },
);

new aws.cloudwatch.MetricAlarm('orders-api-errors', {
  comparisonOperator: 'GreaterThanThreshold',
  evaluationPeriods: 1,
  metricName: 'Errors',
  namespace: 'AWS/Lambda',
  period: 300,
  statistic: 'Sum',
  threshold: 5,
  dimensions: { FunctionName: apiFunction.name },
  tags,
});

export const apiUrl = apiStage.invokeUrl;
export const tableName = ordersTable.name;
