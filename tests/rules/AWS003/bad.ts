import * as aws from '@pulumi/aws';
import { dynamodb } from '@pulumi/aws';

// Seed 003 §3: fixed capacity, no auto scaling.
export const orders = new aws.dynamodb.Table('orders', {
  attributes: [
    { name: 'id', type: 'S' },
    { name: 'customer', type: 'S' },
  ],
  hashKey: 'id',
  billingMode: 'PROVISIONED',
//             ^^^^^^^^^^^^^ AWS003
  readCapacity: 5,
  writeCapacity: 5,
  globalSecondaryIndexes: [
    {
      name: 'by-customer',
      hashKey: 'customer',
      projectionType: 'ALL',
      readCapacity: 5,
      writeCapacity: 5,
    },
  ],
});

// No billing mode: provisioned is the default when capacities are set.
export const sessions = new dynamodb.Table('sessions', { attributes: [{ name: 'id', type: 'S' }], hashKey: 'id', readCapacity: 2, writeCapacity: 2 });
//                          ^^^^^^^^^^^^^^ AWS003

// An auto scaling target for another table does not count.
const mode = 'PROVISIONED';
export const events = new aws.dynamodb.Table('events', {
  name: 'events',
  attributes: [{ name: 'id', type: 'S' }],
  hashKey: 'id',
  billingMode: mode,
//             ^^^^ AWS003
  readCapacity: 10,
  writeCapacity: 10,
});
export const ordersReadTarget = new aws.appautoscaling.Target('orders-read', {
  serviceNamespace: 'dynamodb',
  resourceId: 'table/orders-archive',
  scalableDimension: 'dynamodb:table:ReadCapacityUnits',
  minCapacity: 5,
  maxCapacity: 100,
});
