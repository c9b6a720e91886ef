import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

// A steady-traffic table on provisioned capacity, with auto scaling for reads and writes.
const sessions = new aws.dynamodb.Table('sessions', {
  attributes: [{ name: 'sessionId', type: 'S' }],
  hashKey: 'sessionId',
  billingMode: 'PROVISIONED',
  readCapacity: 20,
  writeCapacity: 10,
  ttl: { attributeName: 'expiresAt', enabled: true },
  tags: { Service: 'auth' },
});

for (const [kind, min, max] of [
  ['Read', 20, 200],
  ['Write', 10, 100],
] as const) {
  const target = new aws.appautoscaling.Target(`sessions-${kind.toLowerCase()}`, {
    serviceNamespace: 'dynamodb',
    resourceId: pulumi.interpolate`table/${sessions.name}`,
    scalableDimension: `dynamodb:table:${kind}CapacityUnits`,
    minCapacity: min,
    maxCapacity: max,
  });
  new aws.appautoscaling.Policy(`sessions-${kind.toLowerCase()}`, {
    policyType: 'TargetTrackingScaling',
    resourceId: target.resourceId,
    scalableDimension: target.scalableDimension,
    serviceNamespace: target.serviceNamespace,
    targetTrackingScalingPolicyConfiguration: {
      targetValue: 70,
      predefinedMetricSpecification: { predefinedMetricType: `DynamoDB${kind}CapacityUtilization` },
    },
  });
}

export const sessionsTable = sessions.name;
