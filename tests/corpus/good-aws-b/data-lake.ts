import * as aws from '@pulumi/aws';

interface BucketSettings {
  name: string;
  archiveAfterDays: number;
  expireAfterDays: number;
}

const key = new aws.kms.Key('data-lake', {
  description: 'Data lake encryption',
  enableKeyRotation: true,
  deletionWindowInDays: 30,
});

const settings: BucketSettings[] = [
  { name: 'raw', archiveAfterDays: 30, expireAfterDays: 730 },
  { name: 'curated', archiveAfterDays: 90, expireAfterDays: 1825 },
];

export const buckets = settings.map(({ name, archiveAfterDays, expireAfterDays }) => {
  const bucket = new aws.s3.Bucket(`lake-${name}`, { objectLockEnabled: false });

  new aws.s3.BucketVersioning(`lake-${name}`, {
    bucket: bucket.id,
    versioningConfiguration: { status: 'Enabled' },
  });

  new aws.s3.BucketServerSideEncryptionConfiguration(`lake-${name}`, {
    bucket: bucket.id,
    rules: [
      {
        applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: key.arn },
        bucketKeyEnabled: true,
      },
    ],
  });

  new aws.s3.BucketPublicAccessBlock(`lake-${name}`, {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });

  new aws.s3.BucketLifecycleConfiguration(`lake-${name}`, {
    bucket: bucket.id,
    rules: [
      {
        id: 'tiering',
        status: 'Enabled',
        filter: {},
        transitions: [
          { days: archiveAfterDays, storageClass: 'STANDARD_IA' },
          { days: archiveAfterDays + 90, storageClass: 'GLACIER_IR' },
        ],
        expiration: { days: expireAfterDays },
        noncurrentVersionExpiration: { noncurrentDays: 30 },
      },
      {
        id: 'abort-uploads',
        status: 'Enabled',
        filter: {},
        abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
      },
    ],
  });

  return bucket.bucket;
});

const table = new aws.dynamodb.Table('catalog', {
  attributes: [
    { name: 'pk', type: 'S' },
    { name: 'sk', type: 'S' },
  ],
  hashKey: 'pk',
  rangeKey: 'sk',
  billingMode: 'PAY_PER_REQUEST',
  pointInTimeRecovery: { enabled: true },
  serverSideEncryption: { enabled: true, kmsKeyArn: key.arn },
});

new aws.cloudwatch.MetricAlarm('catalog-throttles', {
  comparisonOperator: 'GreaterThanThreshold',
  evaluationPeriods: 2,
  metricName: 'ThrottledRequests',
  namespace: 'AWS/DynamoDB',
  period: 60,
  statistic: 'Sum',
  threshold: 0,
  dimensions: { TableName: table.name, Operation: 'PutItem' },
});

export const catalogTable = table.name;
