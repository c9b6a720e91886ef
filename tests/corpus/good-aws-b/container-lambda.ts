import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const config = new pulumi.Config();
const imageTag = config.get('imageTag') ?? 'latest';

const repository = new aws.ecr.Repository('api', {
  imageScanningConfiguration: { scanOnPush: true },
  imageTagMutability: 'IMMUTABLE',
  forceDelete: true,
});

new aws.ecr.LifecyclePolicy('api', {
  repository: repository.name,
  policy: JSON.stringify({
    rules: [
      {
        rulePriority: 1,
        description: 'Keep the last 20 images',
        selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 20 },
        action: { type: 'expire' },
      },
    ],
  }),
});

const role = new aws.iam.Role('api-image-fn', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});

new aws.iam.RolePolicyAttachment('api-image-fn-logs', {
  role: role.name,
  policyArn: aws.iam.ManagedPolicy.AWSLambdaBasicExecutionRole,
});

const logGroup = new aws.cloudwatch.LogGroup('api-image-fn', { retentionInDays: 14 });

export const imageFunction = new aws.lambda.Function('api-image-fn', {
  packageType: 'Image',
  imageUri: pulumi.interpolate`${repository.repositoryUrl}:${imageTag}`,
  imageConfig: { command: ['app.handler'] },
  architectures: ['arm64'],
  role: role.arn,
  memorySize: 1024,
  timeout: 15,
  loggingConfig: { logFormat: 'JSON', logGroup: logGroup.name },
});

export const functionUrl = new aws.lambda.FunctionUrl('api-image-fn', {
  functionName: imageFunction.name,
  authorizationType: 'AWS_IAM',
});
