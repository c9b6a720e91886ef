import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const role = new aws.iam.Role('fn-role', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});
const code = new pulumi.asset.FileArchive('./dist');

// One construction site, three functions.
export const functions = ['processor', 'validator', 'enricher'].map(
  (name) =>
    new aws.lambda.Function(name, {
      runtime: 'nodejs22.x',
      handler: `${name}.handler`,
      memorySize: 512,
      role: role.arn,
      code,
    }),
);

// Two alike, and a third with a different shape.
export const api = new aws.lambda.Function('api', { runtime: 'nodejs22.x', handler: 'api.handler', role: role.arn, code });
export const admin = new aws.lambda.Function('admin', { runtime: 'nodejs22.x', handler: 'admin.handler', role: role.arn, code });
export const queue = new aws.lambda.Function('queue', {
  runtime: 'nodejs22.x',
  handler: 'queue.handler',
  role: role.arn,
  code,
  deadLetterConfig: { targetArn: 'arn:aws:sqs:us-east-1:123456789012:dlq' },
});

// A helper builds each function once.
function makeFunction(name: string, handler: string): aws.lambda.Function {
  return new aws.lambda.Function(name, { runtime: 'nodejs22.x', handler, role: role.arn, code, timeout: 10 });
}
export const a = makeFunction('a', 'a.handler');
export const b = makeFunction('b', 'b.handler');
export const c = makeFunction('c', 'c.handler');
