import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as path from 'path';
import { EtlPipeline } from './components/etl';

// Orders API: API Gateway -> Lambda -> DynamoDB, plus the nightly ETL pipeline.
// This program deploys, mostly, but carries the mistakes pulumi-lint exists to catch.

const config = new pulumi.Config();
const environmentSuffix = config.get('environmentSuffix') || 'dev';
const region = aws.config.region || 'us-east-1';

const commonTags = {
  Project: 'orders-platform',
  Environment: environmentSuffix,
  ManagedBy: 'pulumi',
};

function tagsFor(component: string, extra: any = {}): Record<string, string> {
  return { ...commonTags, Component: component, ...extra };
}

const ordersTable = new aws.dynamodb.Table(`orders-${environmentSuffix}`, {
  attributes: [
    { name: 'orderId', type: 'S' },
    { name: 'customerId', type: 'S' },
  ],
  hashKey: 'orderId',
  billingMode: 'PROVISIONED',
  readCapacity: 5,
  writeCapacity: 5,
  globalSecondaryIndexes: [
    {
      name: 'byCustomer',
      hashKey: 'customerId',
      projectionType: 'ALL',
      readCapacity: 5,
      writeCapacity: 5,
    },
  ],
});

const dataBucket = new aws.s3.Bucket(`orders-data-${environmentSuffix}`, {
  versioning: { enabled: true },
  lifecycleRules: [
    {
      enabled: true,
      expiration: { days: 30 },
    },
  ],
  tags: commonTags,
});

const lambdaRole = new aws.iam.Role(`orders-api-role-${environmentSuffix}`, {
  assumeRolePolicy: JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'lambda.amazonaws.com' },
        Action: 'sts:AssumeRole',
      },
    ],
  }),
  tags: commonTags,
});

const lambdaPolicy = new aws.iam.RolePolicy(`orders-api-policy-${environmentSuffix}`, {
  role: lambdaRole.id,
  policy: JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['dynamodb:*'],
        Resource: '*',
      },
      {
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject'],
        Resource: `${dataBucket.arn}/*`,
      },
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: '*',
      },
    ],
  }),
});

const apiFunction = new aws.lambda.Function(`orders-api-${environmentSuffix}`, {
  runtime: 'nodejs18.x',
  handler: 'index.handler',
  role: lambdaRole.arn,
  memorySize: 3008,
  timeout: 30,
  code: new pulumi.asset.AssetArchive({
    '.': new pulumi.asset.FileArchive(path.join(__dirname, 'lambda', 'orders-api')),
  }),
  environment: {
    variables: {
      AWS_REGION: region,
      TABLE_NAME: ordersTable.name,
      DATA_PREFIX: `s3://${dataBucket.bucket}/orders/`,
    },
  },
});

const apiLogGroup = new aws.cloudwatch.LogGroup(`orders-api-logs-${environmentSuffix}`, {
  name: pulumi.interpolate`/aws/lambda/${apiFunction.name}`,
});

const liveAlias = new aws.lambda.Alias(`orders-api-live-${environmentSuffix}`, {
  functionName: apiFunction.name,
  functionVersion: apiFunction.version,
  name: 'live',
});

new aws.lambda.ProvisionedConcurrencyConfig(`orders-api-concurrency-${environmentSuffix}`, {
  functionName: apiFunction.name,
  qualifier: liveAlias.name,
  provisionedConcurrentExecutions: 2,
});

new aws.appautoscaling.Target(`orders-api-scaling-${environmentSuffix}`, {
  serviceNamespace: 'lambda',
  scalableDimension: 'lambda:function:ProvisionedConcurrentExecutions',
  resourceId: pulumi.interpolate`function:${apiFunction.name}:live`,
  minCapacity: 1,
  maxCapacity: 10,
});

const api = new aws.apigateway.RestApi(`orders-api-${environmentSuffix}`, {
  description: 'Orders API',
  tags: tagsFor('api'),
});

const ordersResource = new aws.apigateway.Resource(`orders-resource-${environmentSuffix}`, {
  restApi: api.id,
  parentId: api.rootResourceId,
  pathPart: 'orders',
});

const ordersMethod = new aws.apigateway.Method(`orders-post-${environmentSuffix}`, {
  restApi: api.id,
  resourceId: ordersResource.id,
  httpMethod: 'POST',
  authorization: 'NONE',
});

const ordersIntegration = new aws.apigateway.Integration(`orders-integration-${environmentSuffix}`, {
  restApi: api.id,
  resourceId: ordersResource.id,
  httpMethod: ordersMethod.httpMethod,
  integrationHttpMethod: 'POST',
  type: 'AWS_PROXY',
  uri: apiFunction.invokeArn,
});

new aws.lambda.Permission(`orders-api-invoke-${environmentSuffix}`, {
  action: 'lambda:InvokeFunction',
  function: apiFunction.name,
  principal: 'apigateway.amazonaws.com',
  sourceArn: pulumi.interpolate`${api.executionArn}/*/*`,
});

const deployment = new aws.apigateway.Deployment(
  `orders-api-deployment-${environmentSuffix}`,
  {
    restApi: api.id,
    stageName: 'prod',
  },
  { dependsOn: [ordersIntegration] }
);

const errorAlarm = new aws.cloudwatch.MetricAlarm(`orders-api-errors-${environmentSuffix}`, {
  namespace: 'AWS/Lambda',
  metricName: 'Errors',
  statistic: 'Sum',
  period: 300,
  evaluationPeriods: 1,
  threshold: 5,
  comparisonOperator: 'GreaterThanThreshold',
});

const etl = new EtlPipeline({
  environmentSuffix,
  bucket: dataBucket,
  tags: tagsFor('etl'),
});

const apiUrl = `${deployment.invokeUrl}orders`;
pulumi.log.info(`Orders API for ${environmentSuffix} listening at ${apiUrl}; ETL failures are published to ${etl.alarmTopicArn}`);
