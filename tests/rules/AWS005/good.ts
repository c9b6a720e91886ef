import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const role = new aws.iam.Role('fn-role', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});
const dlq = new aws.sqs.Queue('dlq');
const bucket = new aws.s3.Bucket('uploads');

// A dead-letter queue.
export const processor = new aws.lambda.Function('processor', {
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
  deadLetterConfig: { targetArn: dlq.arn },
});
export const notification = new aws.s3.BucketNotification('uploads', {
  bucket: bucket.id,
  lambdaFunctions: [{ lambdaFunctionArn: processor.arn, events: ['s3:ObjectCreated:*'] }],
});

// An on-failure destination instead.
export const nightly = new aws.lambda.Function('nightly', { runtime: 'nodejs22.x', handler: 'index.handler', role: role.arn });
export const nightlyFailures = new aws.lambda.FunctionEventInvokeConfig('nightly', {
  functionName: nightly.name,
  maximumRetryAttempts: 2,
  destinationConfig: { onFailure: { destination: dlq.arn } },
});
const rule = new aws.cloudwatch.EventRule('nightly', { scheduleExpression: 'rate(1 day)' });
export const target = new aws.cloudwatch.EventTarget('nightly', { rule: rule.name, arn: nightly.arn });

// Synchronous callers only: API Gateway (HTTP API) and a function URL.
export const api = new aws.lambda.Function('api', { runtime: 'nodejs22.x', handler: 'index.handler', role: role.arn });
const httpApi = new aws.apigatewayv2.Api('http', { protocolType: 'HTTP' });
export const integration = new aws.apigatewayv2.Integration('api', {
  apiId: httpApi.id,
  integrationType: 'AWS_PROXY',
  integrationUri: api.invokeArn,
  payloadFormatVersion: '2.0',
});
new aws.lambda.Permission('api-invoke', {
  action: 'lambda:InvokeFunction',
  function: api.name,
  principal: 'apigateway.amazonaws.com',
  sourceArn: pulumi.interpolate`${httpApi.executionArn}/*/*`,
});
export const hook = new aws.lambda.Function('hook', { runtime: 'nodejs22.x', handler: 'index.handler', role: role.arn });
export const hookUrl = new aws.lambda.FunctionUrl('hook', { functionName: hook.name, authorizationType: 'NONE' });

// An SQS event source mapping: failures go to the queue's own redrive policy.
const jobs = new aws.sqs.Queue('jobs', {
  redrivePolicy: dlq.arn.apply((arn) => JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: 5 })),
});
export const consumer = new aws.lambda.Function('consumer', { runtime: 'nodejs22.x', handler: 'index.handler', role: role.arn });
export const mapping = new aws.lambda.EventSourceMapping('jobs', { eventSourceArn: jobs.arn, functionName: consumer.arn });
