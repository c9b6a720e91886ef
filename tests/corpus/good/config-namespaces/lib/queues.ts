import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

export interface IngestQueue {
  queue: aws.sqs.Queue;
  deadLetterQueue: aws.sqs.Queue;
}

/** A queue with its dead-letter queue and an alarm on the dead letters. */
export function ingestQueue(name: string, tags: Record<string, string>): IngestQueue {
  const deadLetterQueue = new aws.sqs.Queue(`${name}-dlq`, { messageRetentionSeconds: 1209600, tags });
  const queue = new aws.sqs.Queue(name, {
    visibilityTimeoutSeconds: 180,
    redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: deadLetterQueue.arn, maxReceiveCount: 5 }),
    tags,
  });
  new aws.cloudwatch.MetricAlarm(`${name}-dlq-messages`, {
    namespace: 'AWS/SQS',
    metricName: 'ApproximateNumberOfMessagesVisible',
    dimensions: { QueueName: deadLetterQueue.name },
    statistic: 'Maximum',
    period: 300,
    evaluationPeriods: 1,
    threshold: 0,
    comparisonOperator: 'GreaterThanThreshold',
    tags,
  });
  return { queue, deadLetterQueue };
}
