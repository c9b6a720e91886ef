import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { ingestQueue } from './lib/queues';
import { standardTags } from './lib/tags';

const config = new pulumi.Config();
const environment = config.require('environment');
const batchSize = config.getNumber('batchSize') ?? 10;
const archiveDays = config.getNumber('archiveDays') ?? 30;
const alertEmails = config.getObject<string[]>('alertEmails') ?? [];
const apiToken = config.getSecret('apiToken');

const awsConfig = new pulumi.Config('aws');
const region = awsConfig.require('region');

const networkingConfig = new pulumi.Config('networking');
const networking = new pulumi.StackReference(networkingConfig.require('stackName'));
const privateSubnetIds = networking.getOutput('privateSubnetIds');

const tags = standardTags(environment);
const { queue, deadLetterQueue } = ingestQueue(`ingest-${environment}`, tags);

const archive = new aws.s3.Bucket('archive', { tags });
new aws.s3.BucketLifecycleConfiguration('archive-lifecycle', {
  bucket: archive.id,
  rules: [{
    id: 'expire',
    status: 'Enabled',
    transitions: [{ days: archiveDays, storageClass: 'GLACIER' }],
  }],
});

const processorLogs = new aws.cloudwatch.LogGroup('processor-logs', {
  retentionInDays: 14,
  tags,
});

// The callback's templates see plain values at run time.
const processor = new aws.lambda.CallbackFunction('processor', {
  runtime: aws.lambda.Runtime.NodeJS22dX,
  timeout: 30,
  loggingConfig: { logGroup: processorLogs.name, logFormat: 'JSON' },
  environment: { variables: { ARCHIVE_BUCKET: archive.bucket, REGION: region } },
  callback: async (event: aws.sqs.QueueEvent) => {
    const bucket = archive.bucket.get();
    for (const record of event.Records) {
      console.log(`archiving ${record.messageId} to s3://${bucket}/${environment}/`);
    }
  },
  tags,
});

new aws.lambda.EventSourceMapping('processor-queue', {
  eventSourceArn: queue.arn,
  functionName: processor.name,
  batchSize,
});

for (const [index, email] of alertEmails.entries()) {
  const topic = new aws.sns.Topic(`alerts-${index}`, { tags });
  new aws.sns.TopicSubscription(`alerts-${index}-email`, { topic: topic.arn, protocol: 'email', endpoint: email });
}

const dashboardBody = pulumi.all([queue.name, deadLetterQueue.name]).apply(([queueName, dlqName]) =>
  JSON.stringify({
    widgets: [{
      type: 'metric',
      properties: {
        title: 'Queue depth for ' + queueName,
        region,
        metrics: [
          ['AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', queueName],
          ['AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', dlqName],
        ],
      },
    }],
  }),
);

const dashboard = new aws.cloudwatch.Dashboard('pipeline', {
  dashboardName: 'data-pipeline-' + environment,
  dashboardBody,
});

export const queueUrl = queue.url;
export const archiveBucket = archive.bucket;
export const processorName = processor.name;
export const dashboardName = dashboard.dashboardName;
export const subnets = privateSubnetIds;
export const tokenLength = apiToken?.apply((token) => token.length);
