import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const config = new pulumi.Config();
const environmentSuffix = config.get('environmentSuffix') || 'dev';
const role = new aws.iam.Role('fn-role', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});

// Log groups without retention keep logs forever.
export const appLogs = new aws.cloudwatch.LogGroup('app-logs', {
//                         ^^^^^^^^^^^^^^^^^^^^^^^ AWS006
  name: '/app/orders',
  tags: { Environment: environmentSuffix },
});
export const auditLogs = new aws.cloudwatch.LogGroup('audit-logs');
//                           ^^^^^^^^^^^^^^^^^^^^^^^ AWS006
const flowLogArgs = { name: '/vpc/flow' };
export const flowLogs = new aws.cloudwatch.LogGroup('flow-logs', flowLogArgs);
//                          ^^^^^^^^^^^^^^^^^^^^^^^ AWS006

// Seed 003 §6: functions whose log groups Lambda creates, with no retention.
export const processor = new aws.lambda.Function(`processor-${environmentSuffix}`, {
//                           ^^^^^^^^^^^^^^^^^^^ AWS006
  name: `processor-${environmentSuffix}`,
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
});

export const validator = new aws.lambda.Function('validator', {
//                           ^^^^^^^^^^^^^^^^^^^ AWS006
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
}, { ignoreChanges: ['code'] });

// A log group for another function does not count.
export const enricher = new aws.lambda.Function('enricher', {
//                          ^^^^^^^^^^^^^^^^^^^ AWS006
  name: 'enricher',
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
});
export const otherLogs = new aws.cloudwatch.LogGroup('other-logs', { name: '/aws/lambda/other', retentionInDays: 14 });
