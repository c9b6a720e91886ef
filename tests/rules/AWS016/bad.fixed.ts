import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { lambda } from '@pulumi/aws';

const role = new aws.iam.Role('fn-role', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});

// Deprecated since 2025-09-01: a warning until updates are blocked.
export const api = new aws.lambda.Function('api', {
  runtime: aws.lambda.Runtime.NodeJS24dX,
//         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AWS016
  handler: 'index.handler',
  role: role.arn,
  code: new pulumi.asset.FileArchive('./app'),
});

// Updates blocked since 2023-04-30.
export const legacy = new lambda.Function('legacy', {
  runtime: 'nodejs24.x',
//         ^^^^^^^^^^^^ AWS016
  handler: 'index.handler',
  role: role.arn,
  code: new pulumi.asset.FileArchive('./legacy'),
});

// Seed 004: the runtime comes from a constant shared by two functions.
const pythonRuntime = 'python3.14';

export const ingest = new aws.lambda.Function('ingest', {
  runtime: pythonRuntime,
//         ^^^^^^^^^^^^^ AWS016
  handler: 'main.handler',
  role: role.arn,
  code: new pulumi.asset.FileArchive('./ingest'),
});

export const report = new aws.lambda.Function('report', {
  runtime: pythonRuntime,
//         ^^^^^^^^^^^^^ AWS016
  handler: 'main.handler',
  role: role.arn,
  code: new pulumi.asset.FileArchive('./report'),
});

// Deprecated on 2027-04-30: within 90 days of "today".
export const edge = new aws.lambda.Function('edge', {
  runtime: lambda.Runtime.NodeJS24dX,
//         ^^^^^^^^^^^^^^^^^^^^^^^^^ AWS016
  handler: 'index.handler',
  role: role.arn,
  code: new pulumi.asset.FileArchive('./edge'),
});

// ruby4.0 has no aws.lambda.Runtime member in @pulumi/aws 7.48: the fix writes the string.
export const billing = new aws.lambda.Function('billing', {
  runtime: 'ruby4.0',
//         ^^^^^^^^^^^^^^^^^^^^^^^^^^ AWS016
  handler: 'app.handler',
  role: role.arn,
  code: new pulumi.asset.FileArchive('./billing'),
});

export const worker = new aws.lambda.CallbackFunction('worker', {
  runtime: 'provided.al2023',
//         ^^^^^^^ AWS016
  callback: async () => 'ok',
});
