import * as aws from '@pulumi/aws';

// Seed 001 §7, ideal.
export const logsBucket = new aws.s3.Bucket('logs', {
  lifecycleRules: [
    {
      id: 'optimize-log-storage',
      enabled: true,
      expiration: { days: 90 },
      noncurrentVersionExpiration: { days: 30 },
      transitions: [
        { days: 30, storageClass: 'STANDARD_IA' },
        { days: 60, storageClass: 'GLACIER' },
      ],
    },
  ],
});

const data = new aws.s3.Bucket('data', {});
export const lifecycle = new aws.s3.BucketLifecycleConfiguration('data-lifecycle', {
  bucket: data.id,
  rules: [
    // Transitions only.
    { id: 'tier', status: 'Enabled', transitions: [{ days: 30, storageClass: 'INTELLIGENT_TIERING' }] },
    // Clean-up rules that expire no current objects.
    { id: 'uploads', status: 'Enabled', abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } },
    { id: 'markers', status: 'Enabled', expiration: { expiredObjectDeleteMarker: true } },
    { id: 'old-versions', status: 'Enabled', noncurrentVersionExpiration: { noncurrentDays: 30 } },
    // A disabled rule does nothing.
    { id: 'disabled', status: 'Disabled', expiration: { days: 1 } },
  ],
});
