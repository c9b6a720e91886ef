import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const role = new aws.iam.Role('fn-role', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});
const repo = new aws.ecr.Repository('api', { imageScanningConfiguration: { scanOnPush: true } });

// A consistent image function: its CMD override goes in imageConfig.
export const api = new aws.lambda.Function('api', {
  packageType: 'Image',
  imageUri: pulumi.interpolate`${repo.repositoryUrl}:latest`,
  imageConfig: { command: ['index.handler'] },
  role: role.arn,
  architectures: ['arm64'],
});

// A consistent .zip function, with and without an explicit package type.
export const worker = new aws.lambda.Function('worker', {
  packageType: 'Zip',
  runtime: aws.lambda.Runtime.NodeJS22dX,
  handler: 'index.handler',
  code: new pulumi.asset.FileArchive('./worker'),
  layers: [],
  role: role.arn,
});

export const cron = new aws.lambda.Function('cron', {
  runtime: 'python3.13',
  handler: 'main.handler',
  code: new pulumi.asset.FileArchive('./cron'),
  role: role.arn,
});

// The package type is only known at run time.
const config = new pulumi.Config();
const usesImage = config.getBoolean('useImage');
export const configurable = new aws.lambda.Function('configurable', {
  packageType: usesImage ? 'Image' : 'Zip',
  imageUri: usesImage ? config.require('imageUri') : undefined,
  runtime: usesImage ? undefined : 'nodejs22.x',
  role: role.arn,
});
