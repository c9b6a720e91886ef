import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

export interface LambdaEtlStackProps {
  environmentSuffix: string;
}

export class LambdaEtlStack {
//           ^^^^^^^^^^^^^^ PUL001
  public readonly apiHandlerFunctionArn: pulumi.Output<string>;

  constructor(props: LambdaEtlStackProps) {
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
class Buckets<T> implements Iterable<T> {
//    ^^^^^^^ PUL001
  private readonly items: T[] = [];

  add(name: string): aws.s3.Bucket {
    return new aws.s3.Bucket(name);
  }

  [Symbol.iterator](): Iterator<T> {
    return this.items[Symbol.iterator]();
  }
}

export const stack = new LambdaEtlStack({ environmentSuffix: 'dev' });
export const other = new LambdaEtlStack({ environmentSuffix: 'prod' });
export const buckets = new Buckets<string>();
