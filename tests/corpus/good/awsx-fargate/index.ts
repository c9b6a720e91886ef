import * as aws from '@pulumi/aws';
import * as awsx from '@pulumi/awsx';
import * as pulumi from '@pulumi/pulumi';

const config = new pulumi.Config();
const containerPort = config.getNumber('containerPort') ?? 80;
const desiredCount = config.getNumber('desiredCount') ?? 1;
const cpu = config.getNumber('cpu') ?? 512;
const memory = config.getNumber('memory') ?? 1024;

const vpc = new awsx.ec2.Vpc('web-vpc', {
  cidrBlock: '10.0.0.0/16',
  numberOfAvailabilityZones: 2,
  natGateways: { strategy: awsx.ec2.NatGatewayStrategy.Single },
});

const repository = new awsx.ecr.Repository('web-repo', { forceDelete: true });

const image = new awsx.ecr.Image('web-image', {
  repositoryUrl: repository.url,
  context: './app',
  platform: 'linux/amd64',
});

const cluster = new aws.ecs.Cluster('web-cluster', {
  settings: [{ name: 'containerInsights', value: 'enabled' }],
});

const loadBalancer = new awsx.lb.ApplicationLoadBalancer('web-lb', {
  subnetIds: vpc.publicSubnetIds,
  defaultTargetGroup: { port: containerPort, healthCheck: { path: '/health' } },
});

const serviceSecurityGroup = new aws.ec2.SecurityGroup('web-service-sg', {
  vpcId: vpc.vpcId,
  ingress: [{ protocol: 'tcp', fromPort: containerPort, toPort: containerPort, cidrBlocks: ['10.0.0.0/16'] }],
  egress: [{ protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: ['0.0.0.0/0'] }],
});

const service = new awsx.ecs.FargateService('web-service', {
  cluster: cluster.arn,
  desiredCount,
  networkConfiguration: {
    subnets: vpc.privateSubnetIds,
    securityGroups: [serviceSecurityGroup.id],
  },
  taskDefinitionArgs: {
    container: {
      name: 'web',
      image: image.imageUri,
      cpu,
      memory,
      essential: true,
      portMappings: [{ containerPort, targetGroup: loadBalancer.defaultTargetGroup }],
      environment: [
        { name: 'PORT', value: String(containerPort) },
        { name: 'STACK', value: pulumi.getStack() },
      ],
    },
  },
});

export const url = pulumi.interpolate`http://${loadBalancer.loadBalancer.dnsName}`;
export const vpcId = vpc.vpcId;
export const serviceName = service.service.name;
export const imageUri = image.imageUri;
