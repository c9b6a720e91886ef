import * as pulumi from '@pulumi/pulumi';
import * as aws from '@pulumi/aws';
import * as fs from 'fs';

export interface EtlPipelineProps {
  environmentSuffix: string;
  bucket: aws.s3.Bucket;
  tags?: Record<string, string>;
}

/**
 * The nightly ETL: S3 uploads trigger `extract`, which queues work for `transform` and `load`.
 */
export class EtlPipeline {
  public readonly extractFunctionArn: pulumi.Output<string>;
  public readonly deadLetterQueueUrl: pulumi.Output<string>;
  public readonly alarmTopicArn: pulumi.Output<string>;

  constructor(props: EtlPipelineProps) {
    const { environmentSuffix, bucket } = props;

    const role = new aws.iam.Role(`etl-role-${environmentSuffix}`, {
      assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
    });

    new aws.iam.RolePolicyAttachment(`etl-basic-execution-${environmentSuffix}`, {
      role: role.name,
      policyArn: aws.iam.ManagedPolicy.AWSLambdaBasicExecutionRole,
    });

    const deadLetterQueue = new aws.sqs.Queue(`etl-dlq-${environmentSuffix}`, {
      messageRetentionSeconds: 1209600,
    });

    const workQueue = new aws.sqs.Queue(`etl-work-${environmentSuffix}`, {
      visibilityTimeoutSeconds: 900,
      redrivePolicy: deadLetterQueue.arn.apply((arn) =>
        JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: 3 })
      ),
    });

    const extract = new aws.lambda.Function(`etl-extract-${environmentSuffix}`, {
      runtime: aws.lambda.Runtime.NodeJS18dX,
      handler: 'extract.handler',
      role: role.arn,
      memorySize: 1024,
      timeout: 300,
      code: new pulumi.asset.FileArchive('./lambda/etl'),
      environment: { variables: this.buildEnv({ QUEUE_URL: workQueue.url }) },
    });

    const transform = new aws.lambda.Function(`etl-transform-${environmentSuffix}`, {
      runtime: aws.lambda.Runtime.NodeJS18dX,
      handler: 'transform.handler',
      role: role.arn,
      memorySize: 1024,
      timeout: 300,
      code: new pulumi.asset.FileArchive('./lambda/etl'),
      environment: { variables: this.buildEnv({ QUEUE_URL: workQueue.url }) },
    });

    const load = new aws.lambda.Function(`etl-load-${environmentSuffix}`, {
      runtime: aws.lambda.Runtime.NodeJS18dX,
      handler: 'load.handler',
      role: role.arn,
      memorySize: 1024,
      timeout: 300,
      code: new pulumi.asset.FileArchive('./lambda/etl'),
      environment: { variables: this.buildEnv({ QUEUE_URL: workQueue.url }) },
    });

    new aws.lambda.Permission(`etl-extract-s3-${environmentSuffix}`, {
      action: 'lambda:InvokeFunction',
      function: extract.name,
      principal: 's3.amazonaws.com',
      sourceArn: bucket.arn,
    });

    new aws.s3.BucketNotification(`etl-trigger-${environmentSuffix}`, {
      bucket: bucket.id,
      lambdaFunctions: [
        {
          lambdaFunctionArn: extract.arn,
          events: ['s3:ObjectCreated:*'],
          filterPrefix: 'raw/',
        },
      ],
    });

    new aws.lambda.EventSourceMapping(`etl-load-queue-${environmentSuffix}`, {
      eventSourceArn: workQueue.arn,
      functionName: load.name,
      batchSize: 10,
    });

    new aws.cloudwatch.LogGroup(`etl-transform-logs-${environmentSuffix}`, {
      name: `/aws/lambda/etl-transform-${environmentSuffix}`,
    });

    const archiveBucket = new aws.s3.Bucket(
      `etl-archive-${environmentSuffix}`,
      {
        serverSideEncryptionConfiguration: {
          rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } },
        },
      },
      { provider: new aws.Provider(`etl-archive-provider-${environmentSuffix}`, { region: 'us-west-2' }) }
    );

    const alarmTopic = new aws.sns.Topic(`etl-alarms-${environmentSuffix}`);

    new aws.cloudwatch.Dashboard(`etl-dashboard-${environmentSuffix}`, {
      dashboardName: `etl-${environmentSuffix}`,
      dashboardBody: pulumi
        .all([extract.name, transform.name, load.name])
        .apply(([extractName, transformName, loadName]) =>
          JSON.stringify({
            widgets: [
              {
                type: 'metric',
                properties: {
                  metrics: [
                    ['AWS/Lambda', 'Invocations', { stat: 'Sum' }],
                    ['AWS/Lambda', 'Errors', { stat: 'Sum' }],
                    ['AWS/Lambda', 'Duration', { stat: 'Average' }],
                  ],
                  region: 'us-east-1',
                  title: 'ETL functions',
                },
              },
            ],
          })
        ),
    });

    new EtlMonitoring(`etl-monitoring-${environmentSuffix}`, {
      queueName: deadLetterQueue.name,
      topicArn: alarmTopic.arn,
    });

    this.extractFunctionArn = extract.arn;
    this.deadLetterQueueUrl = deadLetterQueue.url;
    this.alarmTopicArn = alarmTopic.arn;
    pulumi.log.debug(`archive bucket ${archiveBucket.bucket}`);
  }

  private buildEnv(extra: any): Record<string, any> {
    return { LOG_LEVEL: 'info', NODE_OPTIONS: '--enable-source-maps', ...extra };
  }
}

export interface EtlMonitoringArgs {
  queueName: pulumi.Input<string>;
  topicArn: pulumi.Input<string>;
}

export class EtlMonitoring extends pulumi.ComponentResource {
  constructor(name: string, args: EtlMonitoringArgs) {
    super('EtlMonitoring', name, {});

    new aws.cloudwatch.MetricAlarm(`${name}-queue-depth`, {
      namespace: 'AWS/SQS',
      metricName: 'ApproximateAgeOfOldestMessage',
      statistic: 'Maximum',
      period: 300,
      evaluationPeriods: 1,
      threshold: 3600,
      comparisonOperator: 'GreaterThanThreshold',
      alarmActions: [args.topicArn],
    });
  }
}