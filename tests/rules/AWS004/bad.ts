import * as aws from '@pulumi/aws';
import { lambda } from '@pulumi/aws';

const role = new aws.iam.Role('fn-role', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});

// Seed 003 §4: every function at 3008 MB.
export const processor = new aws.lambda.Function('processor', {
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
  code: new aws.asset.FileArchive('./app'),
  memorySize: 3008, // Way too much memory
//            ^^^^ AWS004
});

const BIG = 10240;
export const validator = new lambda.Function('validator', {
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: role.arn,
  memorySize: BIG,
//            ^^^ AWS004
});

// A shared options object spread into two functions is reported once, where it is written.
const common = { runtime: 'nodejs22.x', handler: 'index.handler', role: role.arn, memorySize: 4096 };
//                                                                                            ^^^^ AWS004
export const enricher = new aws.lambda.Function('enricher', { ...common });
export const notifier = new aws.lambda.Function('notifier', { ...common, timeout: 30 });
