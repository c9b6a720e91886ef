import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const environmentSuffix = pulumi.getStack();

const vpc = new aws.ec2.Vpc(`ecommerce-vpc-${environmentSuffix}`, { cidrBlock: '10.0.0.0/16' });

// Seed 001 §8, ideal.
const vpcFlowLogGroup = new aws.cloudwatch.LogGroup(`ecommerce-vpc-flow-logs-${environmentSuffix}`, {
  name: `/aws/vpc/flowlogs/${environmentSuffix}`,
  retentionInDays: 7,
});
const flowLogRole = new aws.iam.Role('flow-log-role', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'vpc-flow-logs.amazonaws.com' }),
});
export const vpcFlowLog = new aws.ec2.FlowLog(`ecommerce-vpc-flow-log-${environmentSuffix}`, {
  vpcId: vpc.id,
  trafficType: 'ALL',
  logDestinationType: 'cloud-watch-logs',
  logDestination: vpcFlowLogGroup.arn,
  iamRoleArn: flowLogRole.arn,
});

const cloudwatchRole = new aws.iam.Role('apigw-cloudwatch', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'apigateway.amazonaws.com' }),
  managedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs'],
});
const account = new aws.apigateway.Account('account', { cloudwatchRoleArn: cloudwatchRole.arn });
const api = new aws.apigateway.RestApi('api', {});
const deployment = new aws.apigateway.Deployment('api-deployment', { restApi: api.id });
const apiLogs = new aws.cloudwatch.LogGroup('api-access-logs', { retentionInDays: 30 });
export const stage = new aws.apigateway.Stage(
  'prod',
  {
    restApi: api.id,
    deployment: deployment.id,
    stageName: 'prod',
    accessLogSettings: {
      destinationArn: apiLogs.arn,
      format: JSON.stringify({ requestId: '$context.requestId', status: '$context.status' }),
    },
  },
  { dependsOn: [account] },
);

const logBucket = new aws.s3.Bucket('alb-logs', { forceDestroy: true });
export const alb = new aws.lb.LoadBalancer('web', {
  subnets: ['subnet-1', 'subnet-2'],
  accessLogs: { bucket: logBucket.bucket, prefix: 'web', enabled: true },
});

// Network and gateway load balancers log only TLS connections, or not at all.
export const nlb = new aws.lb.LoadBalancer('tcp', { loadBalancerType: 'network', subnets: ['subnet-1'] });
