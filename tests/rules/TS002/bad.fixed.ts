import * as pulumi from '@pulumi/pulumi';
import * as aws from '@pulumi/aws';
import * as path from 'path';
import { ZipOptions } from 'archiver';
//     ^^^^^^^^ TS002
import {
  LambdaEtlStackArgs,
  //^^^^^^^ TS002
  defaultTags,
} from './types';
import { createHash } from 'crypto';
//                   ^^^^^^^^^^^^^^^^^^ TS002
import type { Context } from 'aws-lambda';
import './register-mocks';

const config = new pulumi.Config();
const environmentSuffix = config.require('environmentSuffix');
const zip: ZipOptions = { zlib: { level: 9 } };

export function stackName(args: LambdaEtlStackArgs): pulumi.Output<string> {
  return pulumi.output(`${args.name}-${environmentSuffix}-${createHash('sha1').digest('hex')}`);
}

export const handler = async (_event: unknown, context: Context) => context.functionName;

export const code = new pulumi.asset.FileArchive(path.join(__dirname, 'lambda'));
export const bucket = new aws.s3.Bucket(`etl-${environmentSuffix}`, { tags: { ...defaultTags } });
export const compression = zip.zlib;
