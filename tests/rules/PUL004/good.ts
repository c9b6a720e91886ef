import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

export class Website extends pulumi.ComponentResource {
  public readonly url: pulumi.Output<string>;

  constructor(name: string, args: {}, opts?: pulumi.ComponentResourceOptions) {
    super('acme:web:Website', name, {}, opts);
    const bucket = new aws.s3.BucketV2(`${name}-bucket`, {}, { parent: this });
    this.url = bucket.bucketRegionalDomainName;
    this.registerOutputs({ url: this.url });
  }
}

// Registered in a helper method of the class.
export class Queue extends pulumi.ComponentResource {
  public readonly arn: pulumi.Output<string>;

  constructor(name: string, args: {}, opts?: pulumi.ComponentResourceOptions) {
    super('acme:messaging:Queue', name, {}, opts);
    this.arn = new aws.sqs.Queue(name, {}, { parent: this }).arn;
    this.finish();
  }

  private finish(): void {
    this.registerOutputs({ arn: this.arn });
  }
}

// Overriding initialize: its result becomes the outputs.
export class Table extends pulumi.ComponentResource<{ name: string }> {
  constructor(name: string, args: {}, opts?: pulumi.ComponentResourceOptions) {
    super('acme:data:Table', name, args, opts);
  }

  protected async initialize(args: pulumi.Inputs): Promise<{ name: string }> {
    return { name: 'orders' };
  }
}

// An abstract base, and a base whose subclass registers.
export abstract class Base extends pulumi.ComponentResource {
  protected constructor(type: string, name: string, opts?: pulumi.ComponentResourceOptions) {
    super(type, name, {}, opts);
  }
}

class Shared extends pulumi.ComponentResource {
  constructor(type: string, name: string, opts?: pulumi.ComponentResourceOptions) {
    super(type, name, {}, opts);
  }
}

export class Worker extends Shared {
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super('acme:compute:Worker', name, opts);
    this.registerOutputs({});
  }
}

// Not a component.
export class Helper {
  constructor(readonly name: string) {}
}
