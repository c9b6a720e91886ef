import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

export interface StaticWebsiteArgs {
  domain: pulumi.Input<string>;
  indexDocument: string;
  errorDocument?: string;
}

/**
 * A private S3 bucket served by CloudFront through an origin access control.
 */
export class StaticWebsite extends pulumi.ComponentResource {
  public readonly bucketName: pulumi.Output<string>;
  public readonly cdnDomain: pulumi.Output<string>;
  public readonly distributionId: pulumi.Output<string>;

  constructor(name: string, args: StaticWebsiteArgs, opts?: pulumi.ComponentResourceOptions) {
    super('marketing:web:StaticWebsite', name, args, opts);

    const bucket = new aws.s3.Bucket(`${name}-content`, { forceDestroy: true }, { parent: this });

    new aws.s3.BucketPublicAccessBlock(`${name}-content-private`, {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    }, { parent: this });

    const accessControl = new aws.cloudfront.OriginAccessControl(`${name}-oac`, {
      originAccessControlOriginType: 's3',
      signingBehavior: 'always',
      signingProtocol: 'sigv4',
    }, { parent: this });

    const distribution = new aws.cloudfront.Distribution(`${name}-cdn`, {
      enabled: true,
      aliases: [args.domain],
      defaultRootObject: args.indexDocument,
      origins: [{
        originId: 'content',
        domainName: bucket.bucketRegionalDomainName,
        originAccessControlId: accessControl.id,
      }],
      defaultCacheBehavior: {
        targetOriginId: 'content',
        viewerProtocolPolicy: 'redirect-to-https',
        allowedMethods: ['GET', 'HEAD'],
        cachedMethods: ['GET', 'HEAD'],
        cachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
      },
      customErrorResponses: args.errorDocument
        ? [{ errorCode: 404, responseCode: 404, responsePagePath: `/${args.errorDocument}` }]
        : [],
      restrictions: { geoRestriction: { restrictionType: 'none' } },
      viewerCertificate: { cloudfrontDefaultCertificate: true },
    }, { parent: this });

    new aws.s3.BucketPolicy(`${name}-content-policy`, {
      bucket: bucket.id,
      policy: pulumi.jsonStringify({
        Version: '2012-10-17',
        Statement: [{
          Effect: 'Allow',
          Principal: { Service: 'cloudfront.amazonaws.com' },
          Action: 's3:GetObject',
          Resource: pulumi.interpolate`${bucket.arn}/*`,
          Condition: { StringEquals: { 'AWS:SourceArn': distribution.arn } },
        }],
      }),
    }, { parent: this });

    this.bucketName = bucket.bucket;
    this.cdnDomain = distribution.domainName;
    this.distributionId = distribution.id;

    this.registerOutputs({
      bucketName: this.bucketName,
      cdnDomain: this.cdnDomain,
      distributionId: this.distributionId,
    });
  }
}
