import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

export interface TapStackArgs {
  environmentSuffix: string;
  tags: Record<string, string>;
}

export class TapStack extends pulumi.ComponentResource {
  public readonly table: pulumi.Output<string>;
  public readonly processorFunctionArn: pulumi.Output<string>;
  public readonly dlqUrl: pulumi.Output<string>;
  public readonly bucket: aws.s3.BucketV2;
  private readonly suffix: string;

  constructor(name: string, args: TapStackArgs, opts?: pulumi.ComponentResourceOptions) {
    super('tap:index:TapStack', name, {}, opts);
    this.suffix = args.environmentSuffix;
    const table = new aws.dynamodb.Table(`orders-${this.suffix}`, {
      attributes: [{ name: 'id', type: 'S' }],
      hashKey: 'id',
      billingMode: 'PAY_PER_REQUEST',
      tags: args.tags,
    }, { parent: this });
    const dlq = new aws.sqs.Queue(`dlq-${this.suffix}`, { tags: args.tags }, { parent: this });
    const role = new aws.iam.Role(`processor-role-${this.suffix}`, {
      assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
    }, { parent: this });
    const processor = new aws.lambda.Function(`processor-${this.suffix}`, {
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      role: role.arn,
      code: new pulumi.asset.FileArchive('./lambda'),
      deadLetterConfig: { targetArn: dlq.arn },
    }, { parent: this });
    this.bucket = new aws.s3.BucketV2(`data-${this.suffix}`, {}, { parent: this });
    this.table = table.name;
    this.processorFunctionArn = processor.arn;
    this.dlqUrl = dlq.url;
    this.registerOutputs({ table: this.table, processorFunctionArn: this.processorFunctionArn, dlqUrl: this.dlqUrl });
  }
}
