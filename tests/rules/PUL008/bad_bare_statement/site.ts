import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

export class StaticSite extends pulumi.ComponentResource {
  public readonly bucketName: pulumi.Output<string>;
  public readonly websiteUrl;
  public static readonly kind = 'site';

  constructor(name: string, args: { indexDocument: string }, opts?: pulumi.ComponentResourceOptions) {
    super('site:index:StaticSite', name, {}, opts);
    const bucket = new aws.s3.BucketV2(`${name}-bucket`, {}, { parent: this });
    const website = new aws.s3.BucketWebsiteConfigurationV2(`${name}-website`, {
      bucket: bucket.id,
      indexDocument: { suffix: args.indexDocument },
    }, { parent: this });
    this.bucketName = bucket.bucket;
    this.websiteUrl = website.websiteEndpoint;
    this.registerOutputs({ bucketName: this.bucketName, websiteUrl: this.websiteUrl });
  }
}
