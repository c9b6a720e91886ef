import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const role = new aws.iam.Role('fn-role', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});

// Seed 003's ideal: a published function, an alias on its version, config and scaling on it.
const api = new aws.lambda.Function('api', {
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
  publish: true,
});
const apiAlias = new aws.lambda.Alias('api-alias', {
  functionName: api.name,
  functionVersion: api.version,
  name: 'live',
});
const apiConcurrency = new aws.lambda.ProvisionedConcurrencyConfig('api-concurrency', {
  functionName: api.name,
  qualifier: apiAlias.name,
  provisionedConcurrentExecutions: 2,
}, { dependsOn: [apiAlias] });
const apiScaling = new aws.appautoscaling.Target('api-scaling', {
  serviceNamespace: 'lambda',
  resourceId: pulumi.interpolate`function:${api.name}:${apiAlias.name}`,
  scalableDimension: 'lambda:function:ProvisionedConcurrency',
  minCapacity: 2,
  maxCapacity: 20,
}, { dependsOn: [apiConcurrency] });
export const apiPolicy = new aws.appautoscaling.Policy('api-utilization', {
  policyType: 'TargetTrackingScaling',
  resourceId: apiScaling.resourceId,
  scalableDimension: apiScaling.scalableDimension,
  serviceNamespace: apiScaling.serviceNamespace,
  targetTrackingScalingPolicyConfiguration: {
    targetValue: 0.7,
    predefinedMetricSpecification: { predefinedMetricType: 'LambdaProvisionedConcurrencyUtilization' },
  },
});

// A published version alone is a valid qualifier; names written as strings match too.
const worker = new aws.lambda.Function('worker', {
  name: 'worker',
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
  publish: true,
});
export const workerConcurrency = new aws.lambda.ProvisionedConcurrencyConfig('worker-concurrency', {
  functionName: worker.name,
  qualifier: 'live',
  provisionedConcurrentExecutions: 1,
});
export const workerScaling = new aws.appautoscaling.Target('worker-scaling', {
  serviceNamespace: 'lambda',
  resourceId: 'function:worker:live',
  scalableDimension: 'lambda:function:ProvisionedConcurrency',
  minCapacity: 1,
  maxCapacity: 4,
});
export const versionConcurrency = new aws.lambda.ProvisionedConcurrencyConfig('version-concurrency', {
  functionName: worker.name,
  qualifier: worker.version,
  provisionedConcurrentExecutions: 1,
});

// Other services' scaling targets are not this rule's business.
export const tableScaling = new aws.appautoscaling.Target('table-read', {
  serviceNamespace: 'dynamodb',
  resourceId: 'table/orders',
  scalableDimension: 'dynamodb:table:ReadCapacityUnits',
  minCapacity: 5,
  maxCapacity: 50,
});
