import { s3 } from '@pulumi/aws';

export class Site {
  private readonly bucket: s3.BucketV2;

  constructor() {
    this.bucket = new s3.BucketV2('site');
  }

  get url(): string {
    return `https://${this.bucket.bucketRegionalDomainName}/index.html`;
//                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ PUL010
  }
}

export const website = new s3.BucketWebsiteConfigurationV2('site', {
  bucket: 'site',
  routingRules: [{ redirect: { hostName: new s3.BucketV2('target').bucketDomainName + '' } }],
});

const assets = new s3.BucketV2('assets');
export const assetsUrl = `https://${assets.bucketRegionalDomainName}/`;
//                                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ PUL010
