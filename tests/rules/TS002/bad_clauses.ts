import pulumi, * as sdk from '@pulumi/pulumi';
//                  ^^^ TS002
import aws, { s3 } from '@pulumi/aws';
//     ^^^ TS002
import lodash, { merge } from 'lodash';
//               ^^^^^ TS002
import { type Output, output } from '@pulumi/pulumi/output';
//       ^^^^^^^^^^^ TS002

export const bucket = new s3.Bucket('data');
export const config = new pulumi.Config();
export const name = output(lodash.kebabCase('Data Bucket'));
