import * as aws from '@pulumi/aws';
import { tags } from './lib/tags';

const table = new aws.dynamodb.Table('orders', {
  attributes: [{ name: 'id', type: 'S' }],
  hashKey: 'id',
  billingMode: 'PAY_PER_REQUEST',
  tags,
});

export const tableName = table.name;
