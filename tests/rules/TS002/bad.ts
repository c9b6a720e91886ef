import * as pulumi from '@pulumi/pulumi';
import * as aws from '@pulumi/aws';
import * as fs from 'fs'; // never used // expect: TS002 3:13-3:15
import * as path from 'path';
import { Construct, Duration } from './legacy-types'; // expect: TS002 5:10-5:19 // expect: TS002 5:21-5:29
import archiver, { ZipOptions } from 'archiver';
//     ^^^^^^^^ TS002
import {
  LambdaEtlStackArgs,
  EtlTags,
//^^^^^^^ TS002
  defaultTags,
} from './types';
import { createHash, randomUUID as uuid } from 'crypto';
//                   ^^^^^^^^^^^^^^^^^^ TS002
import type { Context } from 'aws-lambda';
import yaml = require('js-yaml'); // expect: TS002 17:8-17:12
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
