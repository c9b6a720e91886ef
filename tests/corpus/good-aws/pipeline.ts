import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { LambdaComponent } from './lambda-component';

const config = new pulumi.Config();
const environmentSuffix = config.get('environmentSuffix') || 'dev';
const commonTags = {
  Environment: environmentSuffix,
  Project: 'DataProcessing',
  ManagedBy: 'Pulumi',
  CostCenter: 'Engineering',
};

const deadLetterQueue = new aws.sqs.Queue(`processing-dlq-${environmentSuffix}`, {
  messageRetentionSeconds: 1209600,
  tags: commonTags,
});
new aws.cloudwatch.MetricAlarm(`dlq-alarm-${environmentSuffix}`, {
  name: `dlq-messages-${environmentSuffix}`,
  comparisonOperator: 'GreaterThanThreshold',
  evaluationPeriods: 1,
  metricName: 'ApproximateNumberOfMessagesVisible',
  namespace: 'AWS/SQS',
  period: 300,
  statistic: 'Maximum',
  threshold: 0,
  alarmDescription: 'Alert when messages appear in DLQ',
  dimensions: { QueueName: deadLetterQueue.name },
  tags: commonTags,
});

const table = new aws.dynamodb.Table(`processing-${environmentSuffix}`, {
  attributes: [{ name: 'id', type: 'S' }],
  hashKey: 'id',
  billingMode: 'PAY_PER_REQUEST',
  tags: commonTags,
});

const role = new aws.iam.Role(`processing-role-${environmentSuffix}`, {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
  tags: commonTags,
});
new aws.iam.RolePolicy(`processing-policy-${environmentSuffix}`, {
  role: role.id,
  policy: pulumi.all([table.arn, deadLetterQueue.arn]).apply(([tableArn, dlqArn]) =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
          Resource: tableArn,
        },
        { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: dlqArn },
      ],
    }),
  ),
});

export const processor = new LambdaComponent(`processor-${environmentSuffix}`, {
  functionName: `processor-${environmentSuffix}`,
  codePath: './functions/processor',
  roleArn: role.arn,
  deadLetterQueue,
  provisionedConcurrency: 2,
  tags: commonTags,
});
export const enricher = new LambdaComponent(`enricher-${environmentSuffix}`, {
  functionName: `enricher-${environmentSuffix}`,
  codePath: './functions/enricher',
  roleArn: role.arn,
  deadLetterQueue,
  memorySize: 768,
  tags: commonTags,
});

export const tableName = table.name;
export const dlqUrl = deadLetterQueue.url;
