import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const role = new aws.iam.Role('fn-role', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});

export const api = new aws.lambda.Function('api', {
  runtime: aws.lambda.Runtime.NodeJS24dX,
  handler: 'index.handler',
  role: role.arn,
  code: new pulumi.asset.FileArchive('./app'),
});

export const ingest = new aws.lambda.Function('ingest', {
  runtime: 'python3.13',
  handler: 'main.handler',
  role: role.arn,
  code: new pulumi.asset.FileArchive('./ingest'),
});

// Container images have no runtime; neither do functions whose runtime is not known statically.
const config = new pulumi.Config();
export const image = new aws.lambda.Function('image', {
  packageType: 'Image',
  imageUri: config.require('imageUri'),
  role: role.arn,
});

export const configured = new aws.lambda.Function('configured', {
  runtime: config.require('runtime'),
  handler: 'index.handler',
  role: role.arn,
  code: new pulumi.asset.FileArchive('./app'),
});

// Not a Lambda function: layers list runtimes they are compatible with.
export const layer = new aws.lambda.LayerVersion('deps', {
  layerName: 'deps',
  compatibleRuntimes: ['nodejs18.x', 'nodejs24.x'],
  code: new pulumi.asset.FileArchive('./layer'),
});
