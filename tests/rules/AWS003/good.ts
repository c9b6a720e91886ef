import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

// On-demand tables.
export const orders = new aws.dynamodb.Table('orders', {
  attributes: [{ name: 'id', type: 'S' }],
  hashKey: 'id',
  billingMode: 'PAY_PER_REQUEST',
});
const onDemand = 'PAY_PER_REQUEST';
export const defaults = new aws.dynamodb.Table('defaults', {
  attributes: [{ name: 'id', type: 'S' }],
  hashKey: 'id',
  billingMode: onDemand,
});

// A billing mode chosen by configuration is not guessed at.
const config = new pulumi.Config();
export const configured = new aws.dynamodb.Table('configured', {
  attributes: [{ name: 'id', type: 'S' }],
  hashKey: 'id',
  billingMode: config.get('billingMode') ?? 'PAY_PER_REQUEST',
  readCapacity: config.getNumber('readCapacity'),
});

// Provisioned with auto scaling targets on the table.
export const inventory = new aws.dynamodb.Table('inventory', {
  attributes: [{ name: 'sku', type: 'S' }],
  hashKey: 'sku',
  billingMode: 'PROVISIONED',
  readCapacity: 5,
  writeCapacity: 5,
});
export const inventoryRead = new aws.appautoscaling.Target('inventory-read', {
  serviceNamespace: 'dynamodb',
  resourceId: pulumi.interpolate`table/${inventory.name}`,
  scalableDimension: 'dynamodb:table:ReadCapacityUnits',
  minCapacity: 5,
  maxCapacity: 100,
});

// Matched by the table's physical name.
const tableName = 'ledger';
export const ledger = new aws.dynamodb.Table('ledger', {
  name: tableName,
  attributes: [{ name: 'id', type: 'S' }],
  hashKey: 'id',
  readCapacity: 5,
  writeCapacity: 5,
});
export const ledgerWrite = new aws.appautoscaling.Target('ledger-write', {
  serviceNamespace: 'dynamodb',
  resourceId: `table/${tableName}`,
  scalableDimension: 'dynamodb:table:WriteCapacityUnits',
  minCapacity: 5,
  maxCapacity: 50,
});

// A helper that scales whatever table it is given: the rule cannot tell, so it stays silent.
export function scaleReads(name: pulumi.Input<string>) {
  return new aws.appautoscaling.Target(`scale-${name}`, {
    serviceNamespace: 'dynamodb',
    resourceId: pulumi.interpolate`table/${name}`,
    scalableDimension: 'dynamodb:table:ReadCapacityUnits',
    minCapacity: 1,
    maxCapacity: 10,
  });
}
export const audit = new aws.dynamodb.Table('audit', {
  attributes: [{ name: 'id', type: 'S' }],
  hashKey: 'id',
  billingMode: 'PROVISIONED',
  readCapacity: 1,
  writeCapacity: 1,
});
