import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const api = new aws.apigateway.RestApi('api', {});

// No fix: the canary of a Stage names the deployment it tests.
const deployment = new aws.apigateway.Deployment('api-deployment', {
  restApi: api.id,
  stageName: 'live',
//^^^^^^^^^ AWS008
  canarySettings: { percentTraffic: 10 },
//^^^^^^^^^^^^^^ AWS008
});

export const arn = deployment.executionArn;
//                            ^^^^^^^^^^^^ AWS008

// A deployment held in a component's field, read in another method.
export class Api extends pulumi.ComponentResource {
  private readonly deployment: aws.apigateway.Deployment;

  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super('shop:api:Api', name, {}, opts);
    this.deployment = new aws.apigateway.Deployment(name, { restApi: api.id }, { parent: this });
    this.registerOutputs({});
  }

  public url(): pulumi.Output<string> {
    return this.deployment.invokeUrl;
//                         ^^^^^^^^^ AWS008
  }
}
