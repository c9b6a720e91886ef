import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const config = new pulumi.Config();
const indexDocument = config.get('indexDocument') || 'index.html';
const errorDocument = config.get('errorDocument') || 'error.html';

const siteBucket = new aws.s3.Bucket('site', { forceDestroy: true });

new aws.s3.BucketWebsiteConfiguration('site-website', {
  bucket: siteBucket.id,
  indexDocument: { suffix: indexDocument },
  errorDocument: { key: errorDocument },
});

new aws.s3.BucketServerSideEncryptionConfiguration('site-encryption', {
  bucket: siteBucket.id,
  rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
});

new aws.s3.BucketPublicAccessBlock('site-public-access', {
  bucket: siteBucket.id,
  blockPublicAcls: true,
  blockPublicPolicy: true,
  ignorePublicAcls: true,
  restrictPublicBuckets: true,
});

const originAccessControl = new aws.cloudfront.OriginAccessControl('site-oac', {
  originAccessControlOriginType: 's3',
  signingBehavior: 'always',
  signingProtocol: 'sigv4',
});

const logsBucket = new aws.s3.Bucket('cdn-logs', { forceDestroy: true });

new aws.s3.BucketOwnershipControls('cdn-logs-ownership', {
  bucket: logsBucket.id,
  rule: { objectOwnership: 'BucketOwnerPreferred' },
});

new aws.s3.BucketLifecycleConfiguration('cdn-logs-lifecycle', {
  bucket: logsBucket.id,
  rules: [
    {
      id: 'archive-then-expire',
      status: 'Enabled',
      filter: {},
      transitions: [
        { days: 30, storageClass: 'STANDARD_IA' },
        { days: 90, storageClass: 'GLACIER' },
      ],
      expiration: { days: 365 },
    },
  ],
});

const cdn = new aws.cloudfront.Distribution('site-cdn', {
  enabled: true,
  defaultRootObject: indexDocument,
  origins: [
    {
      originId: 's3-site',
      domainName: siteBucket.bucketRegionalDomainName,
      originAccessControlId: originAccessControl.id,
    },
  ],
  defaultCacheBehavior: {
    targetOriginId: 's3-site',
    viewerProtocolPolicy: 'redirect-to-https',
    allowedMethods: ['GET', 'HEAD', 'OPTIONS'],
    cachedMethods: ['GET', 'HEAD'],
    cachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
  },
  loggingConfig: { bucket: logsBucket.bucketDomainName, prefix: 'cdn/' },
  priceClass: 'PriceClass_100',
  restrictions: { geoRestriction: { restrictionType: 'none' } },
  viewerCertificate: { cloudfrontDefaultCertificate: true },
});

new aws.s3.BucketPolicy('site-policy', {
  bucket: siteBucket.id,
  policy: pulumi.jsonStringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: 's3:GetObject',
        Resource: pulumi.interpolate`${siteBucket.arn}/*`,
        Condition: { StringEquals: { 'AWS:SourceArn': cdn.arn } },
      },
    ],
  }),
});

export const bucketName = siteBucket.bucket;
export const cdnDomain = cdn.domainName;
