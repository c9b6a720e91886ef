import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { ComponentResource, ComponentResourceOptions } from '@pulumi/pulumi';

// A well-formed component.
export class StaticSite extends pulumi.ComponentResource {
  public readonly bucketName: pulumi.Output<string>;

  constructor(name: string, args: { indexDocument: string }, opts?: pulumi.ComponentResourceOptions) {
    super('site:index:StaticSite', name, {}, opts);
    const bucket = new aws.s3.Bucket(`${name}-bucket`, {}, { parent: this });
    this.bucketName = bucket.bucket;
    this.registerOutputs({ bucketName: this.bucketName });
  }
}

// Named import of ComponentResource, and a subclass of a component.
class Base extends ComponentResource {
  constructor(type: string, name: string, opts?: ComponentResourceOptions) {
    super(type, name, {}, opts);
  }
}

export class Queue extends Base {
  constructor(name: string, opts?: ComponentResourceOptions) {
    super('app:index:Queue', name, opts);
    new aws.sqs.Queue(`${name}-queue`, {}, { parent: this });
    this.registerOutputs({});
  }
}

// A dynamic resource is not a component.
class Provider implements pulumi.dynamic.ResourceProvider {
  async create(inputs: Record<string, string>) {
    return { id: inputs.name, outs: inputs };
  }
}

export class Label extends pulumi.dynamic.Resource {
  constructor(name: string, opts?: pulumi.CustomResourceOptions) {
    super(new Provider(), name, { name }, opts);
  }
}

// A helper class that constructs no resources, and a factory with a static method.
export class Naming {
  constructor(private readonly prefix: string) {}

  bucket(suffix: string): string {
    return `${this.prefix}-${suffix}`;
  }
}

export class Buckets {
  static create(name: string): aws.s3.Bucket {
    return new aws.s3.Bucket(name);
  }
}

// A class extending something imported is not known here.
import { Base as Imported } from './base';

export class Extended extends Imported {
  constructor() {
    super();
    new aws.s3.Bucket('b');
  }
}
