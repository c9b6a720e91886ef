import * as pulumi from '@pulumi/pulumi';
import * as aws from '@pulumi/aws';

export interface QueueStackArgs {
  environmentSuffix: string;
}

export class QueueStack extends pulumi.ComponentResource {
  public readonly queueUrl: pulumi.Output<string>;

  constructor(name: string, args: QueueStackArgs, opts?: pulumi.ComponentResourceOptions) {
    super('tap:queue:QueueStack', name, {}, opts);
    const childOpts: pulumi.CustomResourceOptions = { parent: this };

    // `parent` set to anything counts, including another resource.
    const dlq = new aws.sqs.Queue(`${name}-dlq`, { messageRetentionSeconds: 1209600 }, { parent: this });
    const queue = new aws.sqs.Queue(
      `${name}-queue`,
      { redrivePolicy: dlq.arn.apply((arn) => JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: 3 })) },
      { parent: dlq, dependsOn: [dlq] },
    );

    // Options that may carry a parent the rule cannot see.
    new aws.sqs.QueuePolicy(`${name}-policy`, { queueUrl: queue.url, policy: '{}' }, childOpts);
    new aws.ssm.Parameter(`${name}-url`, { type: 'String', value: queue.url }, { ...opts, protect: true });
    new aws.ssm.Parameter(`${name}-arn`, { type: 'String', value: queue.arn }, pulumi.mergeOptions(opts, {}));
    new aws.ssm.Parameter(`${name}-dlq`, { type: 'String', value: dlq.arn }, { ...childOpts });

    // Not resources: configuration and assets.
    const config = new pulumi.Config();
    const archive = new pulumi.asset.FileArchive(config.get('codeDir') ?? './lambda');

    // Arguments spread from an array may hold the options.
    const topicArgs: [string, aws.sns.TopicArgs, pulumi.CustomResourceOptions] = [`${name}-topic`, {}, { parent: this }];
    new aws.sns.Topic(...topicArgs);

    this.queueUrl = queue.url;
    this.registerOutputs({ queueUrl: this.queueUrl, archive });
  }
}

// A plain helper class is PUL001's business, not this rule's.
export class Naming {
  bucket(name: string): aws.s3.Bucket {
    return new aws.s3.Bucket(name);
  }
}

// Resources at the top level of the program have the stack as their parent by design.
const stack = new QueueStack('orders', { environmentSuffix: 'dev' });
export const logs = new aws.cloudwatch.LogGroup('orders-logs', { retentionInDays: 7 });
export const queueUrl = stack.queueUrl;
