import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const config = new pulumi.Config();
const environmentSuffix = config.get('environmentSuffix') || 'dev';
const role = new aws.iam.Role('fn-role', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});

// Seed 001 §5: a scaling target on a qualifier that has no provisioned concurrency, with a
// scalable dimension that does not exist.
const apiLambda = new aws.lambda.Function(`ecommerce-api-lambda-${environmentSuffix}`, {
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
  reservedConcurrentExecutions: 10,
});

export const lambdaScalingTarget = new aws.appautoscaling.Target(`ecommerce-lambda-scaling-target-${environmentSuffix}`, {
  serviceNamespace: 'lambda',
  resourceId: pulumi.interpolate`function:${apiLambda.name}:provisioned-concurrency`,
//            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AWS007
  scalableDimension: 'lambda:function:ProvisionedConcurrentExecutions',
//                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AWS007
  minCapacity: 2,
  maxCapacity: 20,
});

// Provisioned concurrency on an alias of an unpublished function: its version is $LATEST.
const worker = new aws.lambda.Function('worker', {
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
});
const workerAlias = new aws.lambda.Alias('worker-alias', {
  functionName: worker.name,
  functionVersion: worker.version,
  name: 'live',
});
export const workerConcurrency = new aws.lambda.ProvisionedConcurrencyConfig('worker-concurrency', {
  functionName: worker.name,
  qualifier: workerAlias.name,
//           ^^^^^^^^^^^^^^^^ AWS007
  provisionedConcurrentExecutions: 2,
});

// Directly on $LATEST.
export const latest = new aws.lambda.ProvisionedConcurrencyConfig('latest', {
  functionName: worker.name,
  qualifier: '$LATEST',
//           ^^^^^^^^^ AWS007
  provisionedConcurrentExecutions: 1,
});

// A resource id without a qualifier.
export const noQualifier = new aws.appautoscaling.Target('no-qualifier', {
  serviceNamespace: 'lambda',
  resourceId: pulumi.interpolate`function:${worker.name}`,
//            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AWS007
  scalableDimension: 'lambda:function:ProvisionedConcurrency',
  minCapacity: 1,
  maxCapacity: 5,
});

// An alias pinned to $LATEST.
const latestAlias = new aws.lambda.Alias('worker-latest', {
  functionName: worker.name,
  functionVersion: '$LATEST',
  name: 'latest',
});
export const onLatestAlias = new aws.lambda.ProvisionedConcurrencyConfig('on-latest-alias', {
  functionName: worker.name,
  qualifier: latestAlias.name,
//           ^^^^^^^^^^^^^^^^ AWS007
  provisionedConcurrentExecutions: 1,
});
