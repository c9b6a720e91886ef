import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const environmentSuffix = 'dev';
const role = new aws.iam.Role('edge-role', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});

const usEast1Provider = new aws.Provider("us-east-1", { region: "us-east-1" });
export const edgeLambda = new aws.lambda.Function(
  `ecommerce-edge-lambda-${environmentSuffix}`,
  {
    runtime: 'nodejs22.x',
    handler: 'index.handler',
    role: role.arn,
    publish: true,
    code: new pulumi.asset.AssetArchive({}),
  },
  { provider: usEast1Provider }
//            ^^^^^^^^^^^^^^^^ PUL005
);

function replicaBucket(region: aws.Region) {
  const replicaProvider = new aws.Provider(`replica-${region}`, {
    region,
  });
  void new aws.s3.BucketV2(`replica-${region}`, {}, {
    provider: replicaProvider,
  });
}

replicaBucket('eu-west-1');
// expect: PUL005 24:15-24:31
