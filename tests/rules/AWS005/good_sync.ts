import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const role = new aws.iam.Role('fn-role', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});

// A REST API defined by an OpenAPI body: only API Gateway reads `invokeArn`.
export const api = new aws.lambda.Function('api', { runtime: 'nodejs22.x', handler: 'index.handler', role: role.arn });
export const restApi = new aws.apigateway.RestApi('api', {
  body: api.invokeArn.apply((uri) =>
    JSON.stringify({
      openapi: '3.0.1',
      info: { title: 'api', version: '1' },
      paths: {
        '/{proxy+}': {
          'x-amazon-apigateway-any-method': {
            'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri },
          },
        },
      },
    }),
  ),
});

// A Step Functions task invokes synchronously.
export const step = new aws.lambda.Function('step', { runtime: 'nodejs22.x', handler: 'index.handler', role: role.arn });
const machineRole = new aws.iam.Role('machine', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'states.amazonaws.com' }),
});
export const machine = new aws.sfn.StateMachine('flow', {
  roleArn: machineRole.arn,
  definition: pulumi.jsonStringify({
    StartAt: 'Step',
    States: { Step: { Type: 'Task', Resource: step.arn, End: true } },
  }),
});
