import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

export interface SiteMonitoringArgs {
  distributionId: pulumi.Input<string>;
  errorRateThreshold: number;
}

export class SiteMonitoring extends pulumi.ComponentResource {
  public readonly alarmArn: pulumi.Output<string>;

  constructor(name: string, args: SiteMonitoringArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('marketing:monitoring:SiteMonitoring', name, {}, opts);

    const topic = new aws.sns.Topic(`${name}-alerts`, {}, { parent: this });

    const alarm = new aws.cloudwatch.MetricAlarm(`${name}-5xx`, {
      namespace: 'AWS/CloudFront',
      metricName: '5xxErrorRate',
      dimensions: { DistributionId: args.distributionId, Region: 'Global' },
      statistic: 'Average',
      period: 300,
      evaluationPeriods: 2,
      threshold: args.errorRateThreshold,
      comparisonOperator: 'GreaterThanThreshold',
      alarmActions: [topic.arn],
    }, { parent: this });

    this.alarmArn = alarm.arn;
    this.registerOutputs({ alarmArn: this.alarmArn });
  }
}
