import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const environmentSuffix = pulumi.getStack();
const role = new aws.iam.Role(`ecommerce-api-role-${environmentSuffix}`, {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});
const ecrRepo = new aws.ecr.Repository(`ecommerce-api-repo-${environmentSuffix}`, {
  name: `ecommerce-api-${environmentSuffix}`,
  imageScanningConfiguration: { scanOnPush: true },
});

// Switched to a container image, but the .zip settings stayed behind.
export const apiLambda = new aws.lambda.Function(`ecommerce-api-lambda-${environmentSuffix}`, {
  packageType: 'Image',
  imageUri: pulumi.interpolate`${ecrRepo.repositoryUrl}:latest`,
  runtime: 'nodejs22.x',
//^^^^^^^ AWS015
  handler: 'index.handler',
//^^^^^^^ AWS015
  layers: [],
//^^^^^^ AWS015
  role: role.arn,
  memorySize: 512,
});

// An image URI with the default package type (Zip).
export const worker = new aws.lambda.Function('worker', {
  imageUri: pulumi.interpolate`${ecrRepo.repositoryUrl}:worker`,
//^^^^^^^^ AWS015
  role: role.arn,
  timeout: 30,
});

// Both a .zip package and an image: which one was meant is unclear, so no fix.
export const mixed = new aws.lambda.Function('mixed', {
  packageType: 'Image',
  code: new pulumi.asset.FileArchive('./app'),
//^^^^ AWS015
  role: role.arn,
});

export const explicitZip = new aws.lambda.Function('explicit-zip', { packageType: 'Zip', imageUri: 'x', role: role.arn });
//                                                                                       ^^^^^^^^ AWS015


// The image is what gets deployed: the leftover .zip package goes.
export const converted = new aws.lambda.Function('converted', {
  packageType: 'Image',
  imageUri: pulumi.interpolate`${ecrRepo.repositoryUrl}:converted`,
  code: new pulumi.asset.FileArchive('./converted'),
//^^^^ AWS015
  role: role.arn,
});
