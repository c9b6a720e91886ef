import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const config = new pulumi.Config();
const role = new aws.iam.Role('fn-role', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});

// User-settable variables that merely look like reserved ones.
export const api = new aws.lambda.Function('api', {
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
  environment: {
    variables: {
      REGION: aws.config.region ?? 'us-east-1',
      AWS_LAMBDA_EXEC_WRAPPER: '/opt/wrapper',
      AWS_LAMBDA_NODEJS_DISABLE_CALLBACK_WARNING: 'true',
      NODE_OPTIONS: '--enable-source-maps',
      TZ: 'UTC',
      STAGE: config.require('stage'),
    },
  },
});

// Not a Lambda function: the same key is fine elsewhere.
export const params = new aws.ssm.Parameter('region', { type: 'String', value: 'x', tags: { AWS_REGION: 'x' } });

// Handler code reads the runtime's own value.
export const handler = async () => process.env.AWS_REGION;
