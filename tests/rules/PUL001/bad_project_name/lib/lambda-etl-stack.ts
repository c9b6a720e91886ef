import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

export class LambdaEtlStack {
//           ^^^^^^^^^^^^^^ PUL001
  public readonly functionArn: pulumi.Output<string>;

  constructor(props: { environmentSuffix: string }) {
    const fn = new aws.lambda.Function(`etl-${props.environmentSuffix}`, {
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      role: 'arn:aws:iam::123456789012:role/etl',
    });
    this.functionArn = fn.arn;
  }
}
