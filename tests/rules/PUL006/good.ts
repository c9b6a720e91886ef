import * as pulumi from '@pulumi/pulumi';
import * as aws from '@pulumi/aws';

const config = new pulumi.Config();
const environmentSuffix = config.require('environmentSuffix');

// Read as an argument, in a template literal, through `typeof`, in an export list, returned.
const cluster = new aws.rds.Cluster(`aurora-${environmentSuffix}`, { engine: 'aurora-postgresql' });
void new aws.rds.ClusterInstance(`aurora-writer-${environmentSuffix}`, {
  clusterIdentifier: cluster.id,
  instanceClass: 'db.r6g.large',
  engine: 'aurora-postgresql',
});
const logs = new aws.s3.Bucket(`logs-${environmentSuffix}`);
export const logsUrl = pulumi.interpolate`s3://${logs.bucket}`;
const key = new aws.kms.Key(`key-${environmentSuffix}`);
export type KeyResource = typeof key;
const topic = new aws.sns.Topic(`alerts-${environmentSuffix}`);
export { topic };

function makeQueue(name: string): aws.sqs.Queue {
  const queue = new aws.sqs.Queue(name);
  return queue;
}

// Exported declarations are read by the stack.
export const table = new aws.dynamodb.Table(`orders-${environmentSuffix}`, {
  attributes: [{ name: 'id', type: 'S' }],
  hashKey: 'id',
  billingMode: 'PAY_PER_REQUEST',
});

// Read in shorthand properties and inside callbacks.
const dlq = new aws.sqs.Queue(`dlq-${environmentSuffix}`);
const queues = { dlq, main: makeQueue(`main-${environmentSuffix}`) };
export const queueArns = pulumi.all([queues.main.arn]).apply(([arn]) => [arn, dlq.arn]);

// Not resources: SDK helpers that happen to be constructed.
const unusedConfig = new pulumi.Config('aws');
const archive = new pulumi.asset.FileArchive('./lambda');

// Unused on purpose, by convention, and `var` declarations are left to other linters.
const _placeholder = new aws.s3.Bucket(`placeholder-${environmentSuffix}`);
var legacy = new aws.s3.Bucket(`legacy-${environmentSuffix}`);
