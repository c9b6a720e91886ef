import * as aws from '@pulumi/aws';

const api = new aws.apigateway.RestApi('api', {});

// A Stage exists already: the deployment's own stage name would make a second one.
const deployment = new aws.apigateway.Deployment('api-deployment', { restApi: api.id, stageName: 'v1' });
//                                                                                    ^^^^^^^^^ AWS008

const stage = new aws.apigateway.Stage('api-stage', {
  restApi: api.id,
  deployment: deployment.id,
  stageName: 'v1',
});

export const url = deployment.invokeUrl;
//                            ^^^^^^^^^ AWS008
export const stageArn = stage.arn;
