import { ComponentResource, ComponentResourceOptions, Output } from '@pulumi/pulumi';
import { s3, iam } from '@pulumi/aws';

export class StaticSite extends ComponentResource {
  public readonly bucketName: Output<string>;

  constructor(name: string, args: { indexDocument: string }, opts?: ComponentResourceOptions) {
    super('tap:web:StaticSite', name, args, opts);
    const bucket = new s3.Bucket(`${name}-site`, {
//                     ^^^^^^^^^ PUL003
      forceDestroy: true,
    }, { parent: this });
    new s3.BucketWebsiteConfiguration(`${name}-website`, {
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ PUL003
      bucket: bucket.id,
      indexDocument: { suffix: args.indexDocument },
    }, {
      parent: this,
      dependsOn: [bucket],
    });
    const deployer = new iam.User(`${name}-deployer`, {}, { parent: this });
//                       ^^^^^^^^ PUL003
    this.bucketName = bucket.bucket;
    this.registerOutputs({ bucketName: this.bucketName, deployer: deployer.name });
  }
}
