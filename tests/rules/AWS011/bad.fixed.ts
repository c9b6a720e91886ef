import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const environmentSuffix = pulumi.getStack();

// Seed 001 §7: all logs deleted after 30 days, none moved to a cheaper class first.
const logsBucket = new aws.s3.Bucket(`ecommerce-logs-${environmentSuffix}`, {
  lifecycleRules: [
    {
      enabled: true,
      expiration: {
//    ^^^^^^^^^^ AWS011
        days: 90,
      },
      transitions: [
        { days: 30, storageClass: 'STANDARD_IA' },
        { days: 60, storageClass: 'GLACIER' },
      ],
    },
  ],
});

// A year of exports on a versioned bucket: old versions are kept forever too.
const exports = new aws.s3.Bucket('exports', {
  versioning: { enabled: true },
  lifecycleRules: [{ id: 'expire', enabled: true, expiration: { days: 365 }, transitions: [{ days: 30, storageClass: 'STANDARD_IA' }, { days: 60, storageClass: 'GLACIER' }], noncurrentVersionExpiration: { days: 30 } }],
//                                                ^^^^^^^^^^ AWS011
});

// The separate lifecycle resource, on a bucket versioned by its own resource.
const archive = new aws.s3.Bucket('archive', {});
new aws.s3.BucketVersioning('archive-versioning', {
  bucket: archive.id,
  versioningConfiguration: { status: 'Enabled' },
});
new aws.s3.BucketLifecycleConfiguration('archive-lifecycle', {
  bucket: archive.id,
  rules: [
    {
      id: 'expire-old',
      status: 'Enabled',
      filter: { prefix: 'reports/' },
      expiration: { days: 45 },
      transitions: [{ days: 30, storageClass: 'STANDARD_IA' }],
      noncurrentVersionExpiration: { noncurrentDays: 30 },
//    ^^^^^^^^^^ AWS011
    },
  ],
});

// A date-based expiration: no fix, the transitions would have to be dates too.
new aws.s3.BucketLifecycleConfiguration('campaign-lifecycle', {
  bucket: archive.id,
  rules: [{ id: 'campaign', status: 'Enabled', expiration: { date: '2027-12-31T00:00:00Z' } }],
//                                             ^^^^^^^^^^ AWS011
});

export const buckets = [logsBucket.id, exports.id];
