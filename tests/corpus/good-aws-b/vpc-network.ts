import * as aws from '@pulumi/aws';

const availabilityZones = ['eu-west-1a', 'eu-west-1b'];

const vpc = new aws.ec2.Vpc('main', {
  cidrBlock: '10.0.0.0/16',
  enableDnsHostnames: true,
  enableDnsSupport: true,
  tags: { Name: 'main' },
});

const internetGateway = new aws.ec2.InternetGateway('main', { vpcId: vpc.id });

const publicRouteTable = new aws.ec2.RouteTable('public', {
  vpcId: vpc.id,
  routes: [{ cidrBlock: '0.0.0.0/0', gatewayId: internetGateway.id }],
});

export const publicSubnetIds = availabilityZones.map((zone, index) => {
  const subnet = new aws.ec2.Subnet(`public-${index}`, {
    vpcId: vpc.id,
    cidrBlock: `10.0.${index}.0/24`,
    availabilityZone: zone,
    mapPublicIpOnLaunch: true,
    tags: { Name: `public-${zone}` },
  });
  new aws.ec2.RouteTableAssociation(`public-${index}`, {
    subnetId: subnet.id,
    routeTableId: publicRouteTable.id,
  });
  return subnet.id;
});

// Flow logs straight to S3: no IAM role needed.
const flowLogBucket = new aws.s3.Bucket('flow-logs', { forceDestroy: true });

new aws.s3.BucketLifecycleConfiguration('flow-logs', {
  bucket: flowLogBucket.id,
  rules: [
    {
      id: 'tier-and-expire',
      status: 'Enabled',
      filter: { prefix: 'AWSLogs/' },
      transitions: [{ days: 30, storageClass: 'STANDARD_IA' }],
      expiration: { days: 180 },
    },
  ],
});

new aws.ec2.FlowLog('main', {
  vpcId: vpc.id,
  trafficType: 'ALL',
  logDestinationType: 's3',
  logDestination: flowLogBucket.arn,
  maxAggregationInterval: 60,
});

export const vpcId = vpc.id;
