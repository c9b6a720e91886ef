import * as aws from '@pulumi/aws';

const role = new aws.iam.Role('fn-role', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});

// An IoT rule reads the function through constants: how it invokes cannot be told.
export const ingest = new aws.lambda.Function('ingest', { runtime: 'nodejs22.x', handler: 'index.handler', role: role.arn });
const ingestArn = ingest.arn;
const ingestAction = { functionArn: ingestArn };
export const rule = new aws.iot.TopicRule('ingest', {
  enabled: true,
  sql: "SELECT * FROM 'sensors/#'",
  sqlVersion: '2016-03-23',
  lambdas: [ingestAction],
});

// An on-failure destination configured through a constant.
export const notify = new aws.lambda.Function('notify', { runtime: 'nodejs22.x', handler: 'index.handler', role: role.arn });
const notifyName = notify.name;
const failures = new aws.sqs.Queue('notify-failures');
export const notifyInvoke = new aws.lambda.FunctionEventInvokeConfig('notify', {
  functionName: notifyName,
  destinationConfig: { onFailure: { destination: failures.arn } },
});

// Only API Gateway reads `invokeArn`, here through an exported constant.
export const api = new aws.lambda.Function('api', { runtime: 'nodejs22.x', handler: 'index.handler', role: role.arn });
export const apiInvokeArn = api.invokeArn;
