import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const environmentSuffix = pulumi.getStack();

// Seed 001 §8: no VPC flow logs, no API Gateway or ALB access logs.
const vpc = new aws.ec2.Vpc(`ecommerce-vpc-${environmentSuffix}`, {
//              ^^^^^^^^^^^ AWS012
  cidrBlock: '10.0.0.0/16',
  enableDnsHostnames: true,
});

const api = new aws.apigateway.RestApi(`ecommerce-api-${environmentSuffix}`, {});
const deployment = new aws.apigateway.Deployment(`ecommerce-api-deployment-${environmentSuffix}`, {
  restApi: api.id,
});

const apiStage = new aws.apigateway.Stage(`ecommerce-api-stage-${environmentSuffix}`, {
//                   ^^^^^^^^^^^^^^^^^^^^ AWS012
  restApi: api.id,
  deployment: deployment.id,
  stageName: 'prod',
});

// A second stage: its fix waits until the account settings exist.
export const testStage = new aws.apigateway.Stage('test', {
//                           ^^^^^^^^^^^^^^^^^^^^ AWS012
  restApi: api.id,
  deployment: deployment.id,
  stageName: 'test',
});

export const alb = new aws.lb.LoadBalancer(`ecommerce-alb-${environmentSuffix}`, {
//                     ^^^^^^^^^^^^^^^^^^^ AWS012
  loadBalancerType: 'application',
  subnets: ['subnet-1', 'subnet-2'],
});

// A bucket alone does not enable the logs.
export const internalAlb = new aws.alb.LoadBalancer('internal', {
//                             ^^^^^^^^^^^^^^^^^^^^ AWS012
  internal: true,
  subnets: ['subnet-1', 'subnet-2'],
  accessLogs: { bucket: 'alb-logs' },
});

export const vpcId = vpc.id;
export const url = apiStage.invokeUrl;
