import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const stack = pulumi.getStack();
const role = new aws.iam.Role('lambda-role', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});

// Ordered by dependsOn.
const apiLogGroup = new aws.cloudwatch.LogGroup('api-logs', {
  name: `/aws/lambda/api-${stack}`,
  retentionInDays: 7,
});
export const api = new aws.lambda.Function('api', {
  name: `api-${stack}`,
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
}, { dependsOn: [apiLogGroup, role] });

// Ordered by loggingConfig, which reads the group.
const workerLogGroup = new aws.cloudwatch.LogGroup('worker-logs', {
  name: '/aws/lambda/worker',
  retentionInDays: 7,
});
export const worker = new aws.lambda.Function('worker', {
  name: 'worker',
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
  loggingConfig: { logGroup: workerLogGroup.name, logFormat: 'Text' },
});

// Options built elsewhere may carry dependsOn.
const cronLogGroup = new aws.cloudwatch.LogGroup('cron-logs', { name: '/aws/lambda/cron', retentionInDays: 7 });
const cronOptions: pulumi.CustomResourceOptions = { dependsOn: [cronLogGroup] };
export const cron = new aws.lambda.Function('cron', { name: 'cron', role: role.arn, handler: 'index.handler', runtime: 'nodejs22.x' }, cronOptions);

// A group for another function, and a group that is not a Lambda group.
export const other = new aws.cloudwatch.LogGroup('other-logs', { name: '/aws/lambda/someone-else', retentionInDays: 7 });
export const app = new aws.cloudwatch.LogGroup('app-logs', { name: `/app/${stack}`, retentionInDays: 7 });
export const ingest = new aws.lambda.Function('ingest', { name: 'ingest', role: role.arn, handler: 'index.handler', runtime: 'nodejs22.x' });
