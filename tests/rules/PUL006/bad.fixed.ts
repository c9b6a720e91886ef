import * as pulumi from '@pulumi/pulumi';
import * as aws from '@pulumi/aws';
import { rds } from '@pulumi/aws';

const config = new pulumi.Config();
const environmentSuffix = config.require('environmentSuffix');

const cluster = new aws.rds.Cluster(`aurora-${environmentSuffix}`, {
  engine: 'aurora-postgresql',
  masterUsername: 'app',
  manageMasterUserPassword: true,
  skipFinalSnapshot: true,
});

void new aws.rds.ClusterInstance(`aurora-writer-${environmentSuffix}`, {
//    ^^^^^^^^^^^^ PUL006
  clusterIdentifier: cluster.id,
  instanceClass: 'db.r6g.large',
  engine: 'aurora-postgresql',
});

void new rds.ClusterInstance(`aurora-reader-1-${environmentSuffix}`, {
//  ^^^^^^^^^^^^^ PUL006
  clusterIdentifier: cluster.id,
  instanceClass: 'db.r6g.large',
  engine: 'aurora-postgresql',
});

const dbSecret = new aws.secretsmanager.Secret(`db-secret-${environmentSuffix}`);
void new aws.secretsmanager.SecretVersion(`db-secret-v-${environmentSuffix}`, {
//    ^^^^^^^^^^^^^^^ PUL006
  secretId: dbSecret.id,
  secretString: JSON.stringify({ username: 'app' }),
});

// Several declarators in one statement: reported, but the fix would be unclear.
const alarmTopic = new aws.sns.Topic('alarms'), opsTopic = new aws.sns.Topic('ops');
//    ^^^^^^^^^^ PUL006
//                                              ^^^^^^^^ PUL006

// Assigned again later: reported, but removing the declaration would break the assignment.
let bastion = new aws.ec2.Instance('bastion', { ami: 'ami-0abcdef1234567890', instanceType: 't3.micro' });
//  ^^^^^^^ PUL006
bastion = new aws.ec2.Instance('bastion-2', { ami: 'ami-0abcdef1234567890', instanceType: 't3.micro' });

export class MonitoringStack extends pulumi.ComponentResource {
  constructor(name: string, args: { clusterId: pulumi.Input<string> }, opts?: pulumi.ComponentResourceOptions) {
    super('tap:monitoring:MonitoringStack', name, {}, opts);
    void new aws.cloudwatch.MetricAlarm(`${name}-cpu`, {
//        ^^^^^^^^ PUL006
      comparisonOperator: 'GreaterThanThreshold',
      evaluationPeriods: 2,
      metricName: 'CPUUtilization',
      namespace: 'AWS/RDS',
      period: 300,
      statistic: 'Average',
      threshold: 80,
      dimensions: { DBClusterIdentifier: args.clusterId },
    }, { parent: this });
    this.registerOutputs({});
  }
}

// A component of this file is a resource too.
void new MonitoringStack(`monitoring-${environmentSuffix}`, { clusterId: cluster.id });
//    ^^^^^^^^^^ PUL006

export const clusterEndpoint = cluster.endpoint;
