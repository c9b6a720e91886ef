import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const stack = pulumi.getStack();

const role = new aws.iam.Role('api-fn-role', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});

new aws.iam.RolePolicyAttachment('api-fn-logs', {
  role: role.name,
  policyArn: aws.iam.ManagedPolicy.AWSLambdaBasicExecutionRole,
});

const functionName = `orders-api-${stack}`;

const logGroup = new aws.cloudwatch.LogGroup('api-fn-logs', {
  name: `/aws/lambda/${functionName}`,
  retentionInDays: 14,
});

const handler = new aws.lambda.Function(
  'api-fn',
  {
    name: functionName,
    runtime: aws.lambda.Runtime.NodeJS22dX,
    architectures: ['arm64'],
    handler: 'index.handler',
    role: role.arn,
    memorySize: 512,
    timeout: 10,
    code: new pulumi.asset.AssetArchive({
      'index.js': new pulumi.asset.StringAsset(
        'exports.handler = async () => ({ statusCode: 200, body: JSON.stringify({ ok: true }) });',
      ),
    }),
    environment: { variables: { STAGE: stack } },
  },
  { dependsOn: [logGroup] },
);

const api = new aws.apigateway.RestApi('orders-api', { description: 'Orders API' });

const ordersResource = new aws.apigateway.Resource('orders', {
  restApi: api.id,
  parentId: api.rootResourceId,
  pathPart: 'orders',
});

const getOrders = new aws.apigateway.Method('get-orders', {
  restApi: api.id,
  resourceId: ordersResource.id,
  httpMethod: 'GET',
  authorization: 'NONE',
});

const integration = new aws.apigateway.Integration('get-orders', {
  restApi: api.id,
  resourceId: ordersResource.id,
  httpMethod: getOrders.httpMethod,
  integrationHttpMethod: 'POST',
  type: 'AWS_PROXY',
  uri: handler.invokeArn,
});

new aws.lambda.Permission('api-invoke', {
  action: 'lambda:InvokeFunction',
  function: handler.name,
  principal: 'apigateway.amazonaws.com',
  sourceArn: pulumi.interpolate`${api.executionArn}/*/*`,
});

const deployment = new aws.apigateway.Deployment(
  'orders-api',
  {
    restApi: api.id,
    triggers: { redeployment: pulumi.interpolate`${ordersResource.id}-${getOrders.id}-${integration.id}` },
  },
  { dependsOn: [integration] },
);

const cloudwatchRole = new aws.iam.Role('apigateway-cloudwatch', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'apigateway.amazonaws.com' }),
});

new aws.iam.RolePolicyAttachment('apigateway-cloudwatch', {
  role: cloudwatchRole.name,
  policyArn: 'arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs',
});

const account = new aws.apigateway.Account('apigateway-account', {
  cloudwatchRoleArn: cloudwatchRole.arn,
});

const accessLogs = new aws.cloudwatch.LogGroup('orders-api-access', { retentionInDays: 30 });

const stage = new aws.apigateway.Stage(
  'orders-api',
  {
    restApi: api.id,
    deployment: deployment.id,
    stageName: stack,
    xrayTracingEnabled: true,
    accessLogSettings: {
      destinationArn: accessLogs.arn,
      format: JSON.stringify({
        requestId: '$context.requestId',
        ip: '$context.identity.sourceIp',
        status: '$context.status',
        latency: '$context.responseLatency',
      }),
    },
  },
  { dependsOn: [account] },
);

new aws.cloudwatch.MetricAlarm('api-fn-errors', {
  comparisonOperator: 'GreaterThanOrEqualToThreshold',
  evaluationPeriods: 1,
  metricName: 'Errors',
  namespace: 'AWS/Lambda',
  period: 60,
  statistic: 'Sum',
  threshold: 1,
  dimensions: { FunctionName: handler.name },
});

new aws.cloudwatch.MetricAlarm('api-5xx', {
  comparisonOperator: 'GreaterThanThreshold',
  evaluationPeriods: 5,
  metricName: '5XXError',
  namespace: 'AWS/ApiGateway',
  period: 60,
  statistic: 'Sum',
  threshold: 5,
  dimensions: { ApiName: api.name, Stage: stage.stageName },
});

export const url = pulumi.interpolate`${stage.invokeUrl}/orders`;
