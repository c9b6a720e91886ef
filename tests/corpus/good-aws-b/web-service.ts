import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const config = new pulumi.Config();
const vpcId = config.require('vpcId');
const subnetIds = config.requireObject<string[]>('subnetIds');
const accountId = aws.getCallerIdentityOutput().accountId;

const albSecurityGroup = new aws.ec2.SecurityGroup('web-alb', {
  vpcId,
  ingress: [{ protocol: 'tcp', fromPort: 443, toPort: 443, cidrBlocks: ['0.0.0.0/0'] }],
  egress: [{ protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: ['0.0.0.0/0'] }],
});

const albLogs = new aws.s3.Bucket('web-alb-logs', { forceDestroy: true });

const albLogsPolicy = new aws.s3.BucketPolicy('web-alb-logs', {
  bucket: albLogs.id,
  policy: pulumi.jsonStringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: pulumi.interpolate`${albLogs.arn}/web/AWSLogs/${accountId}/*`,
      },
    ],
  }),
});

const alb = new aws.lb.LoadBalancer(
  'web',
  {
    loadBalancerType: 'application',
    securityGroups: [albSecurityGroup.id],
    subnets: subnetIds,
    dropInvalidHeaderFields: true,
    accessLogs: { bucket: albLogs.bucket, prefix: 'web', enabled: true },
  },
  { dependsOn: [albLogsPolicy] },
);

const targetGroup = new aws.lb.TargetGroup('web', {
  port: 8080,
  protocol: 'HTTP',
  targetType: 'ip',
  vpcId,
  healthCheck: { path: '/healthz', matcher: '200' },
});

new aws.lb.Listener('web-https', {
  loadBalancerArn: alb.arn,
  port: 443,
  protocol: 'HTTPS',
  sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
  certificateArn: config.require('certificateArn'),
  defaultActions: [{ type: 'forward', targetGroupArn: targetGroup.arn }],
});

const cluster = new aws.ecs.Cluster('web', {
  settings: [{ name: 'containerInsights', value: 'enabled' }],
});

new aws.cloudwatch.MetricAlarm('web-5xx', {
  comparisonOperator: 'GreaterThanThreshold',
  evaluationPeriods: 3,
  metricName: 'HTTPCode_Target_5XX_Count',
  namespace: 'AWS/ApplicationELB',
  period: 60,
  statistic: 'Sum',
  threshold: 10,
  dimensions: { LoadBalancer: alb.arnSuffix, TargetGroup: targetGroup.arnSuffix },
});

new aws.cloudwatch.MetricAlarm('web-cpu', {
  comparisonOperator: 'GreaterThanThreshold',
  evaluationPeriods: 3,
  metricName: 'CPUUtilization',
  namespace: 'AWS/ECS',
  period: 60,
  statistic: 'Average',
  threshold: 80,
  dimensions: { ClusterName: cluster.name },
});

export const url = pulumi.interpolate`https://${alb.dnsName}`;
