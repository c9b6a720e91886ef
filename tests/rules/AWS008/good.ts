import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const environmentSuffix = pulumi.getStack();
const apiGateway = new aws.apigateway.RestApi(`ecommerce-api-${environmentSuffix}`, {});

const apiDeployment = new aws.apigateway.Deployment(`ecommerce-api-deployment-${environmentSuffix}`, {
  restApi: apiGateway.id,
  description: 'orders API',
  triggers: { redeployment: 'v1' },
});

// Seed 001 §1, ideal: the stage is a resource of its own.
const apiStage = new aws.apigateway.Stage(`ecommerce-api-stage-${environmentSuffix}`, {
  restApi: apiGateway.id,
  deployment: apiDeployment.id,
  stageName: 'prod',
  description: 'Production',
  canarySettings: { deploymentId: apiDeployment.id, percentTraffic: 10 },
});

export const apiUrl = apiStage.invokeUrl;
export const apiStageName = apiStage.stageName;
export const executionArn = apiStage.executionArn;
export const deploymentId = apiDeployment.id;
export const createdDate = apiDeployment.createdDate;

// Other objects with the same property names are not deployments.
const settings = { stageName: 'prod', invokeUrl: 'https://example.com' };
export const name = settings.stageName;
export const url = settings.invokeUrl;
