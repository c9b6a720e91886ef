import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const config = new pulumi.Config();
const tableName = config.require('tableName');
const retention = config.getNumber('retentionDays') ?? 7;
// Set nowhere: a default applies.
const prefix = config.get('prefix') ?? 'orders';

// Explicit namespaces that match the stack files.
const awsConfig = new pulumi.Config('aws');
const region = awsConfig.require('region');
const payments = new pulumi.Config('payments');
const paymentsUrl = payments.require('apiUrl');

export const table = new aws.dynamodb.Table(tableName, {
  attributes: [{ name: 'id', type: 'S' }],
  hashKey: 'id',
  billingMode: 'PAY_PER_REQUEST',
  tags: { prefix, region, paymentsUrl, retention: String(retention) },
});
