import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const environmentSuffix = 'dev';
const role = new aws.iam.Role('edge-role', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});

export const edgeLambda = new aws.lambda.Function(
  `ecommerce-edge-lambda-${environmentSuffix}`,
  {
    runtime: 'nodejs22.x',
    handler: 'index.handler',
    role: role.arn,
    publish: true,
    code: new pulumi.asset.AssetArchive({}),
  },
  { provider: new aws.Provider("us-east-1", { region: "us-east-1" }) }
//            ^^^^^^^^^^^^^^^^ PUL005
);

function replicaBucket(region: aws.Region) {
  void new aws.s3.BucketV2(`replica-${region}`, {}, {
    provider: new aws.Provider(`replica-${region}`, {
      region,
    }),
  });
}

replicaBucket('eu-west-1');
// expect: PUL005 24:15-24:31
