import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

// Options shared from another statement: read through the constant.
const childOpts: pulumi.CustomResourceOptions = { protect: true };
const parentedOpts = { ...childOpts, parent: undefined };

// A component through another class of the file.
class Base extends pulumi.ComponentResource {}

class Child extends pulumi.ComponentResource {
  constructor(name: string, args: {}, opts?: pulumi.ComponentResourceOptions) {
    super('tap:web:Child', name, {}, opts);
  }
}

class Stack extends Base {
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super('tap:web:Stack', name, {}, opts);
    const logs = new aws.s3.BucketV2(`${name}-logs`, {}, childOpts);
//                   ^^^^^^^^^^^^^^^ PUL003
    const kept = new aws.s3.BucketV2(`${name}-kept`, {}, parentedOpts);
    const child = new Child(`${name}-child`, {});
//                    ^^^^^ PUL003
  }
}
