import * as aws from '@pulumi/aws';
import { lambda } from '@pulumi/aws';

const region = aws.config.region;
const role = new aws.iam.Role('fn-role', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});

export const api = new aws.lambda.Function('api', {
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
  code: new aws.asset.AssetArchive({}),
  environment: {
    variables: {
      AWS_REGION: region ?? 'us-east-1',
//    ^^^^^^^^^^ AWS001
      TABLE_NAME: 'orders',
    },
  },
});

const sharedVars = { 'AWS_LAMBDA_FUNCTION_NAME': 'worker', STAGE: 'dev' };
//                   ^^^^^^^^^^^^^^^^^^^^^^^^^^ AWS001
const AWS_DEFAULT_REGION = 'eu-west-1';

export const worker = new lambda.Function('worker', {
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
  environment: { variables: { ...sharedVars, AWS_DEFAULT_REGION } },
//                                           ^^^^^^^^^^^^^^^^^^ AWS001
});
