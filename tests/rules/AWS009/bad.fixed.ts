import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

interface DataArgs {
  environment: string;
  suffix: string;
}

// Seed 002 §3: versioning and lifecycle rules written inline, inside a component.
export class DataStore extends pulumi.ComponentResource {
  public readonly bucket: aws.s3.Bucket;

  constructor(name: string, args: DataArgs, opts?: pulumi.ComponentResourceOptions) {
    super('tap:storage:DataStore', name, {}, opts);
    const { environment, suffix } = args;
    this.bucket = new aws.s3.Bucket(
      `company-data-${environment}-${suffix}`,
      {},
      { parent: this },
    );

    new aws.s3.BucketVersioning(`company-data-${environment}-${suffix}-versioning`, {
      bucket: this.bucket.id,
      versioningConfiguration: { status: 'Enabled' },
    }, { parent: this });

    new aws.s3.BucketLifecycleConfiguration(`company-data-${environment}-${suffix}-lifecycle`, {
      bucket: this.bucket.id,
      rules: [{
        id: 'rule-1',
        status: 'Enabled',
        filter: {},
        expiration: { days: 30 },
      }],
    }, { parent: this });
    this.registerOutputs({ bucket: this.bucket });
  }
}

// Encryption, CORS and the website, as v6-era examples wrote them.
const site = new aws.s3.Bucket('site', {
//^^^ AWS009
//^^^^^^^^^ AWS009
  forceDestroy: true,
});

new aws.s3.BucketAcl('site-acl', {
  bucket: site.id,
  acl: 'private',
});

new aws.s3.BucketWebsiteConfiguration('site-website', {
  bucket: site.id,
  indexDocument: { suffix: 'index.html' },
  errorDocument: { key: 'error.html' },
});

new aws.s3.BucketCorsConfiguration('site-cors', {
  bucket: site.id,
  corsRules: [{ allowedMethods: ['GET'], allowedOrigins: ['*'], maxAgeSeconds: 3000 }],
});

new aws.s3.BucketServerSideEncryptionConfiguration('site-server-side-encryption', {
  bucket: site.id,
  rules: [{
    applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' },
    bucketKeyEnabled: true,
  }],
});

// One property: its own fix.
export const logs = new aws.s3.Bucket('logs', {});

new aws.s3.BucketLogging('logs-logging', {
  bucket: logs.id,
  targetBucket: site.bucket,
  targetPrefix: '',
});
//                                              ^^^^^^^ AWS009

// Grants have no automatic move (the ACL needs the owner's canonical id).
export const shared = new aws.s3.Bucket('shared', {
  grants: [{ type: 'Group', permissions: ['READ'], uri: 'http://acs.amazonaws.com/groups/global/AllUsers' }],
//^^^^^^ AWS009
});

export const siteName = site.bucket;
