import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const environmentSuffix = pulumi.getStack();

const apiGateway = new aws.apigateway.RestApi(`ecommerce-api-${environmentSuffix}`, {
  description: 'E-commerce API',
});
const apiResource = new aws.apigateway.Resource(`ecommerce-api-resource-${environmentSuffix}`, {
  restApi: apiGateway.id,
  parentId: apiGateway.rootResourceId,
  pathPart: 'orders',
});
const apiMethod = new aws.apigateway.Method(`ecommerce-api-method-${environmentSuffix}`, {
  restApi: apiGateway.id,
  resourceId: apiResource.id,
  httpMethod: 'GET',
  authorization: 'NONE',
});
const apiIntegration = new aws.apigateway.Integration(`ecommerce-api-integration-${environmentSuffix}`, {
  restApi: apiGateway.id,
  resourceId: apiResource.id,
  httpMethod: apiMethod.httpMethod,
  type: 'MOCK',
});

// Seed 001 §1: CloudFormation's StageName on the deployment.
const apiDeployment = new aws.apigateway.Deployment(
  `ecommerce-api-deployment-${environmentSuffix}`,
  {
    restApi: apiGateway.id,
    stageName: 'prod',
//  ^^^^^^^^^ AWS008
    stageDescription: 'Production',
//  ^^^^^^^^^^^^^^^^ AWS008
  },
  { dependsOn: [apiIntegration] }
);

export const apiUrl = apiDeployment.invokeUrl;
//                                  ^^^^^^^^^ AWS008
export const apiStageName = apiDeployment.stageName;
//                                        ^^^^^^^^^ AWS008
export const ordersUrl = pulumi.interpolate`${apiDeployment.invokeUrl}/orders`;
//                                                          ^^^^^^^^^ AWS008
