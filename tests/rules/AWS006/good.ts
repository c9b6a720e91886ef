import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const config = new pulumi.Config();
const environmentSuffix = config.get('environmentSuffix') || 'dev';
const role = new aws.iam.Role('fn-role', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});

// Log groups with retention, written in several ways.
export const appLogs = new aws.cloudwatch.LogGroup('app-logs', { name: '/app/orders', retentionInDays: 30 });
const retention = { retentionInDays: 14 };
export const auditLogs = new aws.cloudwatch.LogGroup('audit-logs', { ...retention, name: '/app/audit' });
declare const sharedLogArgs: aws.cloudwatch.LogGroupArgs;
export const sharedLogs = new aws.cloudwatch.LogGroup('shared-logs', { ...sharedLogArgs });

// The function's log group by literal name.
const processorLogs = new aws.cloudwatch.LogGroup('processor-logs', {
  name: '/aws/lambda/processor',
  retentionInDays: 7,
});
export const processor = new aws.lambda.Function('processor', {
  name: 'processor',
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
}, { dependsOn: [processorLogs] });

// By the same template as the function's name.
const validatorLogs = new aws.cloudwatch.LogGroup('validator-logs', {
  name: `/aws/lambda/validator-${environmentSuffix}`,
  retentionInDays: 7,
});
export const validator = new aws.lambda.Function('validator', {
  name: `validator-${environmentSuffix}`,
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
}, { dependsOn: [validatorLogs] });

// By the function's own name output.
export const enricher = new aws.lambda.Function('enricher', { runtime: 'nodejs22.x', handler: 'index.handler', role: role.arn });
export const enricherLogs = new aws.cloudwatch.LogGroup('enricher-logs', {
  name: pulumi.interpolate`/aws/lambda/${enricher.name}`,
  retentionInDays: 7,
});

// A custom log group through loggingConfig.
const notifierLogs = new aws.cloudwatch.LogGroup('notifier-logs', { retentionInDays: 7 });
export const notifier = new aws.lambda.Function('notifier', {
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
  loggingConfig: { logFormat: 'JSON', logGroup: notifierLogs.name },
});
