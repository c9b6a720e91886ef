import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

// @pulumi/aws 6.x: BucketV2 with the ...V2 configuration resources.
const site = new aws.s3.BucketV2('site', { tags: { Project: 'site' } });
new aws.s3.BucketVersioningV2('site', {
  bucket: site.id,
  versioningConfiguration: { status: 'Enabled' },
});
new aws.s3.BucketServerSideEncryptionConfigurationV2('site', {
  bucket: site.id,
  rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
});
new aws.s3.BucketPublicAccessBlock('site', {
  bucket: site.id,
  blockPublicAcls: true,
  blockPublicPolicy: true,
  ignorePublicAcls: true,
  restrictPublicBuckets: true,
});

// CloudFront reads the bucket through an origin access control.
const oac = new aws.cloudfront.OriginAccessControl('site', {
  originAccessControlOriginType: 's3',
  signingBehavior: 'always',
  signingProtocol: 'sigv4',
});
const distribution = new aws.cloudfront.Distribution('site', {
  enabled: true,
  defaultRootObject: 'index.html',
  origins: [{ originId: 's3', domainName: site.bucketRegionalDomainName, originAccessControlId: oac.id }],
  defaultCacheBehavior: {
    targetOriginId: 's3',
    viewerProtocolPolicy: 'redirect-to-https',
    allowedMethods: ['GET', 'HEAD'],
    cachedMethods: ['GET', 'HEAD'],
    cachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
  },
  restrictions: { geoRestriction: { restrictionType: 'none' } },
  viewerCertificate: { cloudfrontDefaultCertificate: true },
  tags: { Project: 'site' },
});
new aws.s3.BucketPolicy('site', {
  bucket: site.id,
  policy: pulumi.jsonStringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: 's3:GetObject',
        Resource: pulumi.interpolate`${site.arn}/*`,
        Condition: { StringEquals: { 'AWS:SourceArn': distribution.arn } },
      },
      {
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [site.arn, pulumi.interpolate`${site.arn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  }),
});

export const url = pulumi.interpolate`https://${distribution.domainName}`;
