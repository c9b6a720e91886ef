import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const tags = { Project: 'inventory', ManagedBy: 'pulumi' };

// A VPC with flow logs, private subnets and a function attached to them.
const vpc = new aws.ec2.Vpc('inventory', {
  cidrBlock: '10.20.0.0/16',
  enableDnsHostnames: true,
  enableDnsSupport: true,
  tags,
});
const flowLogGroup = new aws.cloudwatch.LogGroup('inventory-flow-logs', { retentionInDays: 30, tags });
const flowLogRole = new aws.iam.Role('inventory-flow-logs', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'vpc-flow-logs.amazonaws.com' }),
  tags,
});
new aws.iam.RolePolicy('inventory-flow-logs', {
  role: flowLogRole.id,
  policy: pulumi.jsonStringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        Resource: pulumi.interpolate`${flowLogGroup.arn}:*`,
      },
    ],
  }),
});
new aws.ec2.FlowLog('inventory', {
  vpcId: vpc.id,
  trafficType: 'ALL',
  logDestination: flowLogGroup.arn,
  iamRoleArn: flowLogRole.arn,
  tags,
});

const zones = ['a', 'b'];
const subnets = zones.map(
  (zone, index) =>
    new aws.ec2.Subnet(`inventory-private-${zone}`, {
      vpcId: vpc.id,
      cidrBlock: `10.20.${index + 1}.0/24`,
      availabilityZone: pulumi.interpolate`${aws.getRegionOutput().name}${zone}`,
      tags,
    }),
);
const functionSecurityGroup = new aws.ec2.SecurityGroup('inventory-fn', {
  vpcId: vpc.id,
  egress: [{ protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: ['0.0.0.0/0'] }],
  tags,
});

// ENI management and X-Ray support no resource-level permissions: "*" is the only choice.
const role = new aws.iam.Role('inventory-fn', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
  tags,
});
new aws.iam.RolePolicy('inventory-fn-vpc', {
  role: role.id,
  policy: {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: [
          'ec2:CreateNetworkInterface',
          'ec2:DescribeNetworkInterfaces',
          'ec2:DescribeSubnets',
          'ec2:DeleteNetworkInterface',
          'ec2:AssignPrivateIpAddresses',
          'ec2:UnassignPrivateIpAddresses',
        ],
        Resource: '*',
      },
      { Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' },
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: 'arn:aws:logs:*:*:log-group:/aws/lambda/inventory-sync:*',
      },
    ],
  },
});

const logs = new aws.cloudwatch.LogGroup('inventory-sync', {
  name: '/aws/lambda/inventory-sync',
  retentionInDays: 7,
  tags,
});
const inventorySync = new aws.lambda.Function(
  'inventory-sync',
  {
    name: 'inventory-sync',
    runtime: 'nodejs22.x',
    handler: 'index.handler',
    role: role.arn,
    code: new pulumi.asset.FileArchive('./inventory-sync'),
    vpcConfig: {
      subnetIds: subnets.map((subnet) => subnet.id),
      securityGroupIds: [functionSecurityGroup.id],
    },
    tracingConfig: { mode: 'Active' },
    tags,
  },
  { dependsOn: [logs] },
);

// Invoked synchronously from an HTTP API.
const httpApi = new aws.apigatewayv2.Api('inventory', { protocolType: 'HTTP', tags });
const integration = new aws.apigatewayv2.Integration('inventory-sync', {
  apiId: httpApi.id,
  integrationType: 'AWS_PROXY',
  integrationUri: inventorySync.arn,
  payloadFormatVersion: '2.0',
});
new aws.apigatewayv2.Route('inventory-sync', {
  apiId: httpApi.id,
  routeKey: 'POST /sync',
  target: pulumi.interpolate`integrations/${integration.id}`,
});
const apiLogs = new aws.cloudwatch.LogGroup('inventory-api-access', { retentionInDays: 30, tags });
new aws.apigatewayv2.Stage('inventory', {
  apiId: httpApi.id,
  name: '$default',
  autoDeploy: true,
  accessLogSettings: {
    destinationArn: apiLogs.arn,
    format: JSON.stringify({ requestId: '$context.requestId', status: '$context.status' }),
  },
  tags,
});
new aws.lambda.Permission('inventory-sync-api', {
  action: 'lambda:InvokeFunction',
  function: inventorySync.name,
  principal: 'apigateway.amazonaws.com',
  sourceArn: pulumi.interpolate`${httpApi.executionArn}/*/*`,
});

export const endpoint = httpApi.apiEndpoint;
