import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { ComponentResource, ComponentResourceOptions, mergeOptions } from '@pulumi/pulumi';

export class StaticSite extends pulumi.ComponentResource {
  public readonly bucketName: pulumi.Output<string>;

  constructor(name: string, args: { indexDocument: string }, opts?: pulumi.ComponentResourceOptions) {
    super('site:index:StaticSite', name, args, opts);
    const bucket = new aws.s3.Bucket(`${name}-bucket`, {}, { parent: this });
    this.bucketName = bucket.bucket;
    this.registerOutputs({ bucketName: this.bucketName });
  }
}

// Options merged before super, a module path in the token, default options.
export class Database extends ComponentResource {
  constructor(name: string, args: { engine: string }, opts: ComponentResourceOptions = {}) {
    super('acme:data/database:Database', name, {}, { ...opts, aliases: [{ name: 'db' }] });
    this.registerOutputs({});
  }
}

export class Cache extends pulumi.ComponentResource {
  constructor(name: string, args: {}, opts?: pulumi.ComponentResourceOptions) {
    super('acme:data:Cache', name, {}, mergeOptions(opts, { protect: true }));
    this.registerOutputs({});
  }
}

// A token built at run time is not checked.
const prefix = 'acme';
export class Topic extends pulumi.ComponentResource {
  constructor(name: string, args: {}, opts?: pulumi.ComponentResourceOptions) {
    super(`${prefix}:messaging:Topic`, name, {}, opts);
    this.registerOutputs({});
  }
}

// A subclass of an own base class takes the base's arguments.
abstract class Base extends pulumi.ComponentResource {
  protected constructor(type: string, name: string, opts?: pulumi.ComponentResourceOptions) {
    super(type, name, {}, opts);
  }
}

export class Worker extends Base {
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super('acme:compute:Worker', name, opts);
    this.registerOutputs({});
  }
}

// No constructor of its own.
export class Plain extends pulumi.ComponentResource {}
