import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const environmentSuffix = pulumi.getStack();

// Seed 001 §9, ideal: a shared tags object spread into each resource.
const standardTags = {
  Project: 'ecommerce-platform',
  ManagedBy: 'Pulumi',
  Environment: environmentSuffix,
  CostCenter: 'engineering',
  Owner: 'platform-team',
};

export const vpc = new aws.ec2.Vpc(`ecommerce-vpc-${environmentSuffix}`, {
  cidrBlock: '10.0.0.0/16',
  tags: { Name: `ecommerce-vpc-${environmentSuffix}`, ...standardTags },
});

// Seed 003 §8, ideal: the shared object itself.
export const table = new aws.dynamodb.Table('transactions', {
  attributes: [{ name: 'id', type: 'S' }],
  hashKey: 'id',
  billingMode: 'PAY_PER_REQUEST',
  tags: standardTags,
});

// Every required key written out.
export const queue = new aws.sqs.Queue('orders', {
  tags: { Environment: environmentSuffix, Project: 'shop', ManagedBy: 'Pulumi', CostCenter: 'sales' },
});

// A provider whose default tags carry the keys.
const tagged = new aws.Provider('tagged', {
  region: 'eu-west-1',
  defaultTags: { tags: standardTags },
});
export const logs = new aws.cloudwatch.LogGroup('api-logs', { retentionInDays: 14 }, { provider: tagged });

// Resources that take no tags.
export const policy = new aws.iam.RolePolicy('policy', { role: 'app', policy: '{}' });
export const permission = new aws.lambda.Permission('invoke', {
  action: 'lambda:InvokeFunction',
  function: 'fn',
  principal: 's3.amazonaws.com',
});
export const object = new aws.s3.BucketObjectv2('index', { bucket: 'site', key: 'index.html', content: '<h1/>' });

// Inside a component: tags come from its arguments; the provider may be inherited.
interface StoreArgs {
  tags?: Record<string, string>;
}
export class Store extends pulumi.ComponentResource {
  public readonly bucket: aws.s3.Bucket;
  constructor(name: string, args: StoreArgs, opts?: pulumi.ComponentResourceOptions) {
    super('shop:storage:Store', name, {}, opts);
    this.bucket = new aws.s3.Bucket(name, { tags: args.tags }, { parent: this });
    this.registerOutputs({ bucket: this.bucket });
  }
}
