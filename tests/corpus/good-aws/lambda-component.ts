import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

export interface LambdaComponentArgs {
  functionName: string;
  codePath: string;
  roleArn: pulumi.Input<string>;
  deadLetterQueue: aws.sqs.Queue;
  memorySize?: number;
  provisionedConcurrency?: number;
  logRetentionDays?: number;
  tags?: Record<string, string>;
}

// Seed 003's ideal component: log group first, a published function with a DLQ, and provisioned
// concurrency on an alias, scaled by Application Auto Scaling.
export class LambdaComponent extends pulumi.ComponentResource {
  public readonly function: aws.lambda.Function;
  public readonly logGroup: aws.cloudwatch.LogGroup;
  public readonly alias: aws.lambda.Alias;

  constructor(name: string, args: LambdaComponentArgs, opts?: pulumi.ComponentResourceOptions) {
    super('tap:lambda:LambdaComponent', name, {}, opts);

    this.logGroup = new aws.cloudwatch.LogGroup(
      `${args.functionName}-logs`,
      {
        name: `/aws/lambda/${args.functionName}`,
        retentionInDays: args.logRetentionDays || 7,
        tags: args.tags,
      },
      { parent: this },
    );

    this.function = new aws.lambda.Function(
      `${args.functionName}-function`,
      {
        name: args.functionName,
        runtime: 'nodejs22.x',
        handler: 'index.handler',
        role: args.roleArn,
        code: new pulumi.asset.FileArchive(args.codePath),
        memorySize: args.memorySize ?? 512,
        publish: true,
        deadLetterConfig: { targetArn: args.deadLetterQueue.arn },
        tags: args.tags,
      },
      { parent: this, dependsOn: [this.logGroup] },
    );

    this.alias = new aws.lambda.Alias(
      `${args.functionName}-alias`,
      {
        functionName: this.function.name,
        functionVersion: this.function.version,
        name: 'live',
      },
      { parent: this },
    );

    if (args.provisionedConcurrency) {
      const concurrency = new aws.lambda.ProvisionedConcurrencyConfig(
        `${args.functionName}-concurrency`,
        {
          functionName: this.function.name,
          qualifier: this.alias.name,
          provisionedConcurrentExecutions: args.provisionedConcurrency,
        },
        { parent: this, dependsOn: [this.alias] },
      );
      const target = new aws.appautoscaling.Target(
        `${args.functionName}-scaling`,
        {
          serviceNamespace: 'lambda',
          scalableDimension: 'lambda:function:ProvisionedConcurrency',
          resourceId: pulumi.interpolate`function:${this.function.name}:${this.alias.name}`,
          minCapacity: args.provisionedConcurrency,
          maxCapacity: args.provisionedConcurrency * 4,
        },
        { parent: this, dependsOn: [concurrency] },
      );
      new aws.appautoscaling.Policy(
        `${args.functionName}-utilization`,
        {
          policyType: 'TargetTrackingScaling',
          serviceNamespace: target.serviceNamespace,
          scalableDimension: target.scalableDimension,
          resourceId: target.resourceId,
          targetTrackingScalingPolicyConfiguration: {
            targetValue: 0.7,
            predefinedMetricSpecification: { predefinedMetricType: 'LambdaProvisionedConcurrencyUtilization' },
          },
        },
        { parent: this },
      );
    }

    this.registerOutputs({ function: this.function, logGroup: this.logGroup, alias: this.alias });
  }
}
