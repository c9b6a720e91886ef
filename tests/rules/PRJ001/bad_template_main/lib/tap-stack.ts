import * as pulumi from '@pulumi/pulumi';

// The template component: nothing in it yet.
export class TapStack extends pulumi.ComponentResource {
  constructor(name: string, args: {}, opts?: pulumi.ComponentResourceOptions) {
    super('tap:index:TapStack', name, args, opts);
    this.registerOutputs({});
  }
}
