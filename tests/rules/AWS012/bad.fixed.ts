import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const environmentSuffix = pulumi.getStack();

// Seed 001 §8: no VPC flow logs, no API Gateway or ALB access logs.
const vpc = new aws.ec2.Vpc(`ecommerce-vpc-${environmentSuffix}`, {
//              ^^^^^^^^^^^ AWS012
  cidrBlock: '10.0.0.0/16',
  enableDnsHostnames: true,
});

const vpcFlowLogGroup = new aws.cloudwatch.LogGroup(`ecommerce-vpc-${environmentSuffix}-flow-logs`, {
  retentionInDays: 30,
});

const vpcFlowLogRole = new aws.iam.Role(`ecommerce-vpc-${environmentSuffix}-flow-log-role`, {
  assumeRolePolicy: JSON.stringify({
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Allow',
      Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
      Action: 'sts:AssumeRole',
    }],
  }),
});

new aws.iam.RolePolicy(`ecommerce-vpc-${environmentSuffix}-flow-log-policy`, {
  role: vpcFlowLogRole.id,
  policy: vpcFlowLogGroup.arn.apply((arn) =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          Resource: `${arn}:*`,
        },
        {
          Effect: 'Allow',
          Action: 'logs:DescribeLogGroups',
          Resource: '*',
        },
      ],
    }),
  ),
});

new aws.ec2.FlowLog(`ecommerce-vpc-${environmentSuffix}-flow-log`, {
  vpcId: vpc.id,
  trafficType: 'ALL',
  logDestinationType: 'cloud-watch-logs',
  logDestination: vpcFlowLogGroup.arn,
  iamRoleArn: vpcFlowLogRole.arn,
});

const api = new aws.apigateway.RestApi(`ecommerce-api-${environmentSuffix}`, {});
const deployment = new aws.apigateway.Deployment(`ecommerce-api-deployment-${environmentSuffix}`, {
  restApi: api.id,
});

const apiStageAccessLogs = new aws.cloudwatch.LogGroup(`ecommerce-api-stage-${environmentSuffix}-access-logs`, {
  retentionInDays: 30,
});

const apiGatewayCloudWatchRole = new aws.iam.Role('apigateway-cloudwatch-role', {
  assumeRolePolicy: JSON.stringify({
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Allow',
      Principal: { Service: 'apigateway.amazonaws.com' },
      Action: 'sts:AssumeRole',
    }],
  }),
});

new aws.iam.RolePolicyAttachment('apigateway-cloudwatch-logs', {
  role: apiGatewayCloudWatchRole.name,
  policyArn: 'arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs',
});

const apiGatewayAccount = new aws.apigateway.Account('apigateway-account', {
  cloudwatchRoleArn: apiGatewayCloudWatchRole.arn,
});

const apiStage = new aws.apigateway.Stage(`ecommerce-api-stage-${environmentSuffix}`, {
//                   ^^^^^^^^^^^^^^^^^^^^ AWS012
  restApi: api.id,
  deployment: deployment.id,
  stageName: 'prod',
  accessLogSettings: {
    destinationArn: apiStageAccessLogs.arn,
    format: JSON.stringify({
      requestId: '$context.requestId',
      ip: '$context.identity.sourceIp',
      requestTime: '$context.requestTime',
      httpMethod: '$context.httpMethod',
      resourcePath: '$context.resourcePath',
      status: '$context.status',
      responseLength: '$context.responseLength',
    }),
  },
}, { dependsOn: [apiGatewayAccount] });

// A second stage: its fix waits until the account settings exist.
const testStageAccessLogs = new aws.cloudwatch.LogGroup('test-access-logs', {
  retentionInDays: 30,
});

export const testStage = new aws.apigateway.Stage('test', {
//                           ^^^^^^^^^^^^^^^^^^^^ AWS012
  restApi: api.id,
  deployment: deployment.id,
  stageName: 'test',
  accessLogSettings: {
    destinationArn: testStageAccessLogs.arn,
    format: JSON.stringify({
      requestId: '$context.requestId',
      ip: '$context.identity.sourceIp',
      requestTime: '$context.requestTime',
      httpMethod: '$context.httpMethod',
      resourcePath: '$context.resourcePath',
      status: '$context.status',
      responseLength: '$context.responseLength',
    }),
  },
}, { dependsOn: [apiGatewayAccount] });

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
