import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const environmentSuffix = pulumi.getStack();

// Seed 001 §9: minimal tags.
const vpc = new aws.ec2.Vpc(`ecommerce-vpc-${environmentSuffix}`, {
  cidrBlock: '10.0.0.0/16',
  tags: {
//^^^^ AWS013
    Name: `ecommerce-vpc-${environmentSuffix}`,
    Environment: environmentSuffix,
  },
});

// Seed 003 §8: no tags at all.
export const table = new aws.dynamodb.Table('transactions', {
//                       ^^^^^^^^^^^^^^^^^^ AWS013
  attributes: [{ name: 'id', type: 'S' }],
  hashKey: 'id',
  billingMode: 'PAY_PER_REQUEST',
});

// The shared tags are declared below: resources after them get them spread in.
const standardTags = {
  Project: 'ecommerce-platform',
  ManagedBy: 'Pulumi',
  Environment: environmentSuffix,
  CostCenter: 'engineering',
  Owner: 'platform-team',
};

export const queue = new aws.sqs.Queue('orders', { visibilityTimeoutSeconds: 60, tags: { ...standardTags } });
//                       ^^^^^^^^^^^^^ AWS013

export const logs = new aws.cloudwatch.LogGroup('api-logs', {
//                      ^^^^^^^^^^^^^^^^^^^^^^^ AWS013
  retentionInDays: 14,
  tags: { ...standardTags },
});

export const subnet = new aws.ec2.Subnet('private-a', {
  vpcId: vpc.id,
  cidrBlock: '10.0.1.0/24',
  tags: { ...standardTags, Name: 'private-a' },
//^^^^ AWS013
});

// A provider without default tags does not cover its resources.
const usEast1 = new aws.Provider('us-east-1', { region: 'us-east-1' });
export const certificate = new aws.acm.Certificate(
//                             ^^^^^^^^^^^^^^^^^^^ AWS013
  'site',
  { domainName: 'example.com', validationMethod: 'DNS', tags: { ...standardTags } },
  { provider: usEast1 },
);

export const tagged = standardTags;
