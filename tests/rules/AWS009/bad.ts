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
      {
        versioning: { enabled: true },
//      ^^^^^^^^^^ AWS009
        lifecycleRules: [
//      ^^^^^^^^^^^^^^ AWS009
          {
            enabled: true,
            expiration: { days: 30 },
          },
        ],
      },
      { parent: this },
    );
    this.registerOutputs({ bucket: this.bucket });
  }
}

// Encryption, CORS and the website, as v6-era examples wrote them.
const site = new aws.s3.Bucket('site', {
  acl: 'private',
//^^^ AWS009
  website: {
//^^^^^^^ AWS009
    indexDocument: 'index.html',
    errorDocument: 'error.html',
  },
  corsRules: [{ allowedMethods: ['GET'], allowedOrigins: ['*'], maxAgeSeconds: 3000 }],
//^^^^^^^^^ AWS009
  serverSideEncryptionConfiguration: {
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AWS009
    rule: {
      applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' },
      bucketKeyEnabled: true,
    },
  },
  forceDestroy: true,
});

// One property: its own fix.
export const logs = new aws.s3.Bucket('logs', { logging: { targetBucket: site.bucket } });
//                                              ^^^^^^^ AWS009

// Grants have no automatic move (the ACL needs the owner's canonical id).
export const shared = new aws.s3.Bucket('shared', {
  grants: [{ type: 'Group', permissions: ['READ'], uri: 'http://acs.amazonaws.com/groups/global/AllUsers' }],
//^^^^^^ AWS009
});

export const siteName = site.bucket;
