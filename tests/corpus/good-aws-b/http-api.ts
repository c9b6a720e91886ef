import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const role = new aws.iam.Role('http-fn', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});

new aws.iam.RolePolicyAttachment('http-fn', {
  role: role.name,
  policyArn: aws.iam.ManagedPolicy.AWSLambdaBasicExecutionRole,
});

const fn = new aws.lambda.Function('http-fn', {
  runtime: aws.lambda.Runtime.Python3d13,
  handler: 'app.handler',
  role: role.arn,
  code: new pulumi.asset.FileArchive('./http'),
  loggingConfig: { logFormat: 'JSON', applicationLogLevel: 'INFO', systemLogLevel: 'WARN' },
});

new aws.cloudwatch.LogGroup('http-fn', {
  name: pulumi.interpolate`/aws/lambda/${fn.name}`,
  retentionInDays: 14,
});

const api = new aws.apigatewayv2.Api('http', {
  protocolType: 'HTTP',
  corsConfiguration: { allowOrigins: ['https://example.com'], allowMethods: ['GET', 'POST'] },
});

const integration = new aws.apigatewayv2.Integration('http', {
  apiId: api.id,
  integrationType: 'AWS_PROXY',
  integrationUri: fn.invokeArn,
  payloadFormatVersion: '2.0',
});

new aws.apigatewayv2.Route('http-default', {
  apiId: api.id,
  routeKey: '$default',
  target: pulumi.interpolate`integrations/${integration.id}`,
});

const accessLogs = new aws.cloudwatch.LogGroup('http-access', { retentionInDays: 30 });

const stage = new aws.apigatewayv2.Stage('http', {
  apiId: api.id,
  name: '$default',
  autoDeploy: true,
  accessLogSettings: {
    destinationArn: accessLogs.arn,
    format: JSON.stringify({ requestId: '$context.requestId', status: '$context.status' }),
  },
  defaultRouteSettings: { throttlingBurstLimit: 100, throttlingRateLimit: 50 },
});

new aws.lambda.Permission('http-invoke', {
  action: 'lambda:InvokeFunction',
  function: fn.name,
  principal: 'apigateway.amazonaws.com',
  sourceArn: pulumi.interpolate`${api.executionArn}/*/*`,
});

const userPool = new aws.cognito.UserPool('users', {
  passwordPolicy: { minimumLength: 12, requireSymbols: true, requireNumbers: true },
  mfaConfiguration: 'OPTIONAL',
  softwareTokenMfaConfiguration: { enabled: true },
});

new aws.cognito.UserPoolClient('web', {
  userPoolId: userPool.id,
  generateSecret: false,
  explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
});

export const endpoint = stage.invokeUrl;
export const userPoolId = userPool.id;
