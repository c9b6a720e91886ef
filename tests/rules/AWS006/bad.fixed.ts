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
  retentionInDays: 7,
});
export const auditLogs = new aws.cloudwatch.LogGroup('audit-logs', { retentionInDays: 7 });
//                           ^^^^^^^^^^^^^^^^^^^^^^^ AWS006
const flowLogArgs = { name: '/vpc/flow', retentionInDays: 7 };
export const flowLogs = new aws.cloudwatch.LogGroup('flow-logs', flowLogArgs);
//                          ^^^^^^^^^^^^^^^^^^^^^^^ AWS006

// Seed 003 §6: functions whose log groups Lambda creates, with no retention.
const processorLogGroup = new aws.cloudwatch.LogGroup(`processor-${environmentSuffix}-logs`, {
  name: `/aws/lambda/processor-${environmentSuffix}`,
  retentionInDays: 7,
});
export const processor = new aws.lambda.Function(`processor-${environmentSuffix}`, {
//                           ^^^^^^^^^^^^^^^^^^^ AWS006
  name: `processor-${environmentSuffix}`,
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
}, { dependsOn: [processorLogGroup] });

const validatorLogGroup = new aws.cloudwatch.LogGroup('validator-logs', { retentionInDays: 7 });
export const validator = new aws.lambda.Function('validator', {
//                           ^^^^^^^^^^^^^^^^^^^ AWS006
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
  loggingConfig: { logFormat: 'Text', logGroup: validatorLogGroup.name },
}, { ignoreChanges: ['code'] });

// A log group for another function does not count.
const enricherLogGroup = new aws.cloudwatch.LogGroup('enricher-logs', {
  name: '/aws/lambda/enricher',
  retentionInDays: 7,
});
export const enricher = new aws.lambda.Function('enricher', {
//                          ^^^^^^^^^^^^^^^^^^^ AWS006
  name: 'enricher',
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
}, { dependsOn: [enricherLogGroup] });
export const otherLogs = new aws.cloudwatch.LogGroup('other-logs', { name: '/aws/lambda/other', retentionInDays: 14 });
