import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

export interface TapStackArgs {
  environmentSuffix: string;
}

// No opts at all: callers cannot parent or protect the component.
export class TapStack extends pulumi.ComponentResource {
  constructor(name: string, args: TapStackArgs, opts?: pulumi.ComponentResourceOptions) {
//^^^^^^^^^^^ PUL002
    super('tap:stack:TapStack', name, {}, opts);
    new aws.s3.Bucket(`data-${args.environmentSuffix}`, {}, { parent: this });
    this.registerOutputs({});
  }
}

// opts is taken but dropped before super.
export class Network extends pulumi.ComponentResource {
  constructor(
//^^^^^^^^^^^ PUL002
    name: string,
    args: { cidr: string },
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super('tap:network:Network', name, { protect: true }, opts);
    new aws.ec2.Vpc(`${name}-vpc`, { cidrBlock: args.cidr }, { parent: this });
    this.registerOutputs({});
  }
}

// A token without module and type.
export class Queues extends pulumi.ComponentResource {
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super('pkg:index:Queues', name, {}, opts);
//        ^^^^^^^^ PUL002
    new aws.sqs.Queue(`${name}-queue`, {}, { parent: this });
    this.registerOutputs({});
  }
}

// No logical name: every instance would collide.
export class Alarms extends pulumi.ComponentResource {
  constructor(name: string, args: { topicArn: string }, opts?: pulumi.ComponentResourceOptions) {
//^^^^^^^^^^^ PUL002
    super('tap:monitoring:Alarms', name, {}, opts);
    new aws.sns.TopicSubscription('ops', { topic: args.topicArn, protocol: 'email', endpoint: 'ops@example.com' }, { parent: this });
    this.registerOutputs({});
  }
}

export const stack = new TapStack('tap', { environmentSuffix: 'dev' });
export const alarms = new Alarms('alarms', { topicArn: 'arn:aws:sns:us-east-1:123456789012:ops' });
