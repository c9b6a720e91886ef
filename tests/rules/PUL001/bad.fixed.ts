import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

export interface LambdaEtlStackProps {
  environmentSuffix: string;
}

export class LambdaEtlStack extends pulumi.ComponentResource {
//           ^^^^^^^^^^^^^^ PUL001
  public readonly apiHandlerFunctionArn: pulumi.Output<string>;

  constructor(name: string, props: LambdaEtlStackProps, opts?: pulumi.ComponentResourceOptions) {
    super('pkg:index:LambdaEtlStack', name, {}, opts);
    const { environmentSuffix } = props;
    const role = new aws.iam.Role(`api-handler-role-${environmentSuffix}`, {
      assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
    });
    const fn = new aws.lambda.Function(`api-handler-${environmentSuffix}`, {
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      role: role.arn,
      code: new pulumi.asset.AssetArchive({}),
    });
    this.apiHandlerFunctionArn = fn.arn;
  }
}

// Resources made in an instance method count too.
class Buckets<T> extends pulumi.ComponentResource implements Iterable<T> {
//    ^^^^^^^ PUL001
  private readonly items: T[] = [];

  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super('pkg:index:Buckets', name, {}, opts);
  }

  add(name: string): aws.s3.Bucket {
    return new aws.s3.Bucket(name);
  }

  [Symbol.iterator](): Iterator<T> {
    return this.items[Symbol.iterator]();
  }
}

export const stack = new LambdaEtlStack('lambdaetlstack', { environmentSuffix: 'dev' });
export const other = new LambdaEtlStack('lambdaetlstack-2', { environmentSuffix: 'prod' });
export const buckets = new Buckets<string>('buckets');
