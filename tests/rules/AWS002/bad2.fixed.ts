import * as pulumi from '@pulumi/pulumi';
import { dynamodb, iam, lambda } from '@pulumi/aws';

interface ProcessorArgs {
  roleName: pulumi.Input<string>;
}

// Seed 003's component, with the wildcard statement written against `this.table`.
export class Processor extends pulumi.ComponentResource {
  public readonly table: dynamodb.Table;
  public readonly policy: iam.RolePolicy;

  constructor(name: string, args: ProcessorArgs, opts?: pulumi.ComponentResourceOptions) {
    super('tap:processing:Processor', name, {}, opts);
    this.table = new dynamodb.Table(`${name}-table`, {
      attributes: [{ name: 'id', type: 'S' }],
      hashKey: 'id',
      billingMode: 'PAY_PER_REQUEST',
    }, { parent: this });
    this.policy = new iam.RolePolicy(`${name}-policy`, {
      role: args.roleName,
      policy: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem'], Resource: this.table.arn }],
//                                             ^^^^^^^^^^^^ AWS002
      },
    }, { parent: this });
    this.registerOutputs({ table: this.table, policy: this.policy });
  }
}

// getPolicyDocument (not the Output form) takes plain strings: reported, no fix.
const invoke = iam.getPolicyDocument({
  statements: [{ effect: 'Allow', actions: ['lambda:*'], resources: ['*'] }],
//                                          ^^^^^^^^^^ AWS002
});
export const invokePolicy = new iam.Policy('invoke', { policy: invoke.then((d) => d.json) });

// The service wildcard in a constant used by the statement.
const ALL_SQS = 'sqs:*';
export const fnRole = new iam.Role('fn', {
  assumeRolePolicy: iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});
export const fn = new lambda.Function('fn', { role: fnRole.arn, runtime: 'nodejs22.x', handler: 'index.handler' });
export const sqsPolicy = new iam.RolePolicy('sqs', {
  role: fnRole.id,
  policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: [ALL_SQS], Resource: 'arn:aws:sqs:*:*:jobs' }] }),
//                                                                                        ^^^^^^^ AWS002
});
