import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const config = new pulumi.Config();
const role = new aws.iam.Role('fn-role', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});

export const processor = new aws.lambda.Function('processor', {
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
  memorySize: 512,
});
export const enricher = new aws.lambda.Function('enricher', {
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
  memorySize: 2048,
});
// Sizes from configuration are not guessed at.
export const tuned = new aws.lambda.Function('tuned', {
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
  memorySize: config.getNumber('memory') ?? 1024,
});
// Not a Lambda function.
export const build = new aws.codebuild.Project('build', {
  artifacts: { type: 'NO_ARTIFACTS' },
  environment: { computeType: 'BUILD_GENERAL1_LARGE', image: 'aws/codebuild/standard:7.0', type: 'LINUX_CONTAINER' },
  serviceRole: role.arn,
  source: { type: 'NO_SOURCE', buildspec: 'version: 0.2' },
  tags: { memorySize: '3008' },
});
