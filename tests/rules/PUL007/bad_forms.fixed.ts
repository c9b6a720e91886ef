import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const role = new aws.iam.Role('r', { assumeRolePolicy: '{}' });

// The group reads the function's name through apply: a cycle with dependsOn alone.
const lg = new aws.cloudwatch.LogGroup('lg', { name: '/aws/lambda/fn', retentionInDays: 7 });
export const fn = new aws.lambda.Function('fn', { name: 'fn', role: role.arn, handler: 'index.handler', runtime: 'nodejs22.x' }, { dependsOn: [lg] });
//                    ^^^^^^^^^^^^^^^^^^^ PUL007

// pulumi.concat, and a single resource in dependsOn.
const fnName = 'worker';
const lg2 = new aws.cloudwatch.LogGroup('lg2', { name: pulumi.concat('/aws/lambda/', fnName), retentionInDays: 7 });
export const worker = new aws.lambda.Function('worker', {
//                        ^^^^^^^^^^^^^^^^^^^ PUL007
  name: fnName,
  role: role.arn,
  handler: 'index.handler',
  runtime: 'nodejs22.x',
}, { dependsOn: [role, lg2] });

// String concatenation against a template literal, and empty options.
const lg3 = new aws.cloudwatch.LogGroup('lg3', { name: '/aws/lambda/' + fnName + '-x', retentionInDays: 7 });
export const other = new aws.lambda.Function('other', {
//                       ^^^^^^^^^^^^^^^^^^^ PUL007
  name: `${fnName}-x`,
  role: role.arn,
  handler: 'index.handler',
  runtime: 'nodejs22.x',
}, { dependsOn: [lg3] });

export const groups = [lg.name, lg2.name, lg3.name];
