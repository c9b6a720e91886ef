import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const role = new aws.iam.Role('fn-role', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});
const code = new pulumi.asset.FileArchive('./dist');

// Seed 003 §7: three copies of one definition.
const processorFunction = new aws.lambda.Function('processor', {
//                            ^^^^^^^^^^^^^^^^^^^ AWS017
  runtime: 'nodejs22.x',
  handler: 'processor.handler',
  memorySize: 512,
  timeout: 30,
  role: role.arn,
  code,
});

const validatorFunction = new aws.lambda.Function('validator', {
  runtime: 'nodejs22.x',
  handler: 'validator.handler',
  memorySize: 512,
  timeout: 30,
  role: role.arn,
  code,
});

const common = { runtime: 'nodejs22.x', role: role.arn, code };

// The same keys, partly through a spread of a constant.
const enricherFunction = new aws.lambda.Function('enricher', {
  ...common,
  handler: 'enricher.handler',
  memorySize: 768,
  timeout: 60,
});

export const arns = [processorFunction.arn, validatorFunction.arn, enricherFunction.arn];
