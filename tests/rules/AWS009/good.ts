import * as aws from '@pulumi/aws';

// Seed 002 §3, ideal (with v7 names): the configuration in separate resources.
const bucket = new aws.s3.Bucket('company-data', {
  forceDestroy: true,
  objectLockEnabled: false,
  tags: { Environment: 'dev' },
});

new aws.s3.BucketVersioning('data-versioning', {
  bucket: bucket.id,
  versioningConfiguration: { status: 'Enabled' },
});

new aws.s3.BucketLifecycleConfiguration('data-lifecycle', {
  bucket: bucket.id,
  rules: [{ id: 'expire', status: 'Enabled', expiration: { days: 30 } }],
});

new aws.s3.BucketServerSideEncryptionConfiguration('data-encryption', {
  bucket: bucket.id,
  rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' }, bucketKeyEnabled: true }],
});

new aws.s3.BucketPublicAccessBlock('data-public-access', {
  bucket: bucket.id,
  blockPublicAcls: true,
  blockPublicPolicy: true,
  ignorePublicAcls: true,
  restrictPublicBuckets: true,
});

// An undefined value sets nothing.
export const plain = new aws.s3.Bucket('plain', { versioning: undefined });

export const bucketName = bucket.bucket;
