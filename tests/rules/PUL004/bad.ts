import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

export interface LambdaEtlStackProps {
  environmentSuffix: string;
}

export class LambdaEtlStack extends pulumi.ComponentResource {
//           ^^^^^^^^^^^^^^ PUL004
  public readonly apiHandlerFunctionArn: pulumi.Output<string>;
  public readonly dlqUrl: pulumi.Output<string>;
  public bucketName?: pulumi.Output<string>;
  private readonly secret: string;
  public static readonly kind = 'etl';

  constructor(name: string, props: LambdaEtlStackProps, opts?: pulumi.ComponentResourceOptions) {
    super('tap:lambda:LambdaEtlStack', name, {}, opts);
    this.secret = props.environmentSuffix;
    const dlq = new aws.sqs.Queue(`etl-dlq-${props.environmentSuffix}`, {}, { parent: this });
    const fn = new aws.lambda.Function(
      `api-handler-${props.environmentSuffix}`,
      { runtime: 'nodejs22.x', handler: 'index.handler', role: 'arn:aws:iam::123456789012:role/etl' },
      { parent: this },
    );
    this.apiHandlerFunctionArn = fn.arn;
    this.dlqUrl = dlq.url;
  }
}

// An empty constructor body gets the call too.
export class Empty extends pulumi.ComponentResource {
//           ^^^^^ PUL004
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super('tap:index:Empty', name, {}, opts);}
}
