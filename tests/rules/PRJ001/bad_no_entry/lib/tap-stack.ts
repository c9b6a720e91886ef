import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

export class TapStack extends pulumi.ComponentResource {
  public readonly bucketName: pulumi.Output<string>;

  constructor(name: string, args: {}, opts?: pulumi.ComponentResourceOptions) {
    super('tap:index:TapStack', name, args, opts);
    this.bucketName = new aws.s3.BucketV2(`${name}-data`, {}, { parent: this }).bucket;
    this.registerOutputs({ bucketName: this.bucketName });
  }
}
