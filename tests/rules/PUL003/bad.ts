import * as pulumi from '@pulumi/pulumi';
import * as aws from '@pulumi/aws';

export interface LambdaEtlStackArgs {
  environmentSuffix: string;
  retentionInDays: number;
}

export class LambdaEtlStack extends pulumi.ComponentResource {
  public readonly dlqUrl: pulumi.Output<string>;
  public readonly layerArn: pulumi.Output<string>;

  constructor(name: string, args: LambdaEtlStackArgs, opts?: pulumi.ComponentResourceOptions) {
    super('tap:lambda:LambdaEtlStack', name, {}, opts);
    const { environmentSuffix } = args;

    const sharedLayer = new aws.lambda.LayerVersion(
//                          ^^^^^^^^^^^^^^^^^^^^^^^ PUL003
      `shared-deps-layer-${environmentSuffix}`,
      {
        layerName: `shared-deps-layer-${environmentSuffix}`,
        code: new pulumi.asset.FileArchive('./layers/shared'),
        compatibleRuntimes: ['nodejs22.x'],
      }
      // No parent specified
    );

    const dlq = new aws.sqs.Queue(`etl-dlq-${environmentSuffix}`, { messageRetentionSeconds: 1209600 });
//                  ^^^^^^^^^^^^^ PUL003

    const logGroup = new aws.cloudwatch.LogGroup(`etl-logs-${environmentSuffix}`, {}, {});
//                       ^^^^^^^^^^^^^^^^^^^^^^^ PUL003

    new aws.cloudwatch.MetricAlarm(
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^ PUL003
      `etl-dlq-alarm-${environmentSuffix}`,
      {
        comparisonOperator: 'GreaterThanThreshold',
        evaluationPeriods: 1,
        metricName: 'ApproximateNumberOfMessagesVisible',
        namespace: 'AWS/SQS',
        period: 300,
        statistic: 'Sum',
        threshold: 0,
        dimensions: { QueueName: dlq.name },
      },
      {
        dependsOn: [logGroup],
        deleteBeforeReplace: true,
      },
    );

    new aws.ssm.Parameter(`etl-dlq-url-${environmentSuffix}`, { type: 'String', value: dlq.url }, { protect: true });
//      ^^^^^^^^^^^^^^^^^ PUL003

    // A bucket constructed with a name only: no options object can be added without inventing args.
    const scratch = new aws.s3.Bucket(`etl-scratch-${environmentSuffix}`);
//                      ^^^^^^^^^^^^^ PUL003

    this.dlqUrl = dlq.url;
    this.layerArn = sharedLayer.arn;
    this.registerOutputs({ dlqUrl: this.dlqUrl, layerArn: this.layerArn, scratch: scratch.id });
  }

  // Resources created in methods are the component's children too.
  addSchedule(expression: string): aws.cloudwatch.EventRule {
    return new aws.cloudwatch.EventRule('etl-schedule', { scheduleExpression: expression });
//             ^^^^^^^^^^^^^^^^^^^^^^^^ PUL003
  }
}

// A subclass of a component of this file is a component as well.
export class ReportingEtlStack extends LambdaEtlStack {
  constructor(name: string, args: LambdaEtlStackArgs, opts?: pulumi.ComponentResourceOptions) {
    super(name, args, opts);
    const reports = new aws.s3.Bucket(`${name}-reports`, { forceDestroy: true });
//                      ^^^^^^^^^^^^^ PUL003

    // Inside a `function`, `this` is not the component: reported, with no fix.
    const makeTopic = function (topicName: string) {
      return new aws.sns.Topic(topicName, {});
//               ^^^^^^^^^^^^^ PUL003
    };
    makeTopic(`${name}-reports-ready`);

    // Options held in a constant without `parent`: reported, with no fix (the constant is shared).
    const sharedOptions = { deleteBeforeReplace: true };
    new aws.s3.BucketVersioning(`${name}-reports-versioning`, {
//      ^^^^^^^^^^^^^^^^^^^^^^^ PUL003
      bucket: reports.id,
      versioningConfiguration: { status: 'Enabled' },
    }, sharedOptions);

    // A child component of this file, constructed without a parent.
    new LambdaEtlStack(`${name}-inner`, args);
//      ^^^^^^^^^^^^^^ PUL003
  }
}
