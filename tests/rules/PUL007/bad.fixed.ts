import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const environmentSuffix = pulumi.getStack();
const role = new aws.iam.Role('lambda-role', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});

// The group comes first and is named after the function's explicit name.
const apiHandlerName = `api-handler-${environmentSuffix}`;
const apiHandlerLogGroup = new aws.cloudwatch.LogGroup(`api-handler-logs-${environmentSuffix}`, {
  name: `/aws/lambda/${apiHandlerName}`,
  retentionInDays: 7,
});
export const apiHandler = new aws.lambda.Function(
  `api-handler-${environmentSuffix}`,
  {
    name: apiHandlerName,
    runtime: 'nodejs22.x',
    handler: 'index.handler',
    role: role.arn,
    code: new pulumi.asset.FileArchive('./lambda'),
  },
  { dependsOn: [apiHandlerLogGroup] },
);
// expect: PUL007 15:31-15:50

// An existing dependsOn list is extended.
const batchLogGroup = new aws.cloudwatch.LogGroup('batch-logs', {
  name: '/aws/lambda/batch-processor',
  retentionInDays: 7,
});
export const batch = new aws.lambda.Function('batch', {
//                       ^^^^^^^^^^^^^^^^^^^ PUL007
  name: 'batch-processor',
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
}, { dependsOn: [role, batchLogGroup] });

// The group reads the function's own name: dependsOn alone would be a cycle.
const transformLogGroup = new aws.cloudwatch.LogGroup('transform-logs', {
  name: `/aws/lambda/transform-${environmentSuffix}`,
  retentionInDays: 7,
});
export const transform = new aws.lambda.Function(`transform-${environmentSuffix}`, {
//                           ^^^^^^^^^^^^^^^^^^^ PUL007
  name: `transform-${environmentSuffix}`,
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
}, { dependsOn: [transformLogGroup] });

// No name on the function: Pulumi would add a random suffix, and the logs go elsewhere.
const workerLogGroup = new aws.cloudwatch.LogGroup('worker-logs', {
  name: `/aws/lambda/worker-${environmentSuffix}`,
  retentionInDays: 14,
});
export const worker = new aws.lambda.Function(`worker-${environmentSuffix}`, {
//                        ^^^^^^^^^^^^^^^^^^^ PUL007
  name: `worker-${environmentSuffix}`,
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
}, { dependsOn: [workerLogGroup] });

export const logGroups = [transformLogGroup.name, workerLogGroup.name, batchLogGroup.name, apiHandlerLogGroup.name];
