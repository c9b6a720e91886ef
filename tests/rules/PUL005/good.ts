import * as aws from '@pulumi/aws';

const usEast1 = new aws.Provider('us-east-1', { region: 'us-east-1' });

export const certificate = new aws.acm.Certificate(
  'site-cert',
  { domainName: 'example.com', validationMethod: 'DNS' },
  { provider: usEast1 },
);

// Options in a variable, and a provider passed by reference in providers.
const opts = { provider: usEast1 };
export const zone = new aws.route53.Zone('zone', { name: 'example.com' }, opts);
export const table = new aws.dynamodb.Table(
  'table',
  { attributes: [{ name: 'id', type: 'S' }], hashKey: 'id', billingMode: 'PAY_PER_REQUEST' },
  { providers: [usEast1] },
);
