import * as pulumi from '@pulumi/pulumi';
import * as aws from '@pulumi/aws';
import { Construct } from './decorators';
import { Tagged, TagPolicy } from './tagging';
import type { Handler } from 'aws-lambda';
import { defaults } from './defaults';
import { RetentionDays } from './retention';
import { settings } from './settings';
import { LogLevel } from './logging';
import { helper } from './helper';
import archiver = require('archiver');
import './register-mocks';

// Used only in type positions: a namespace in a qualified type, a type argument, `typeof`.
export const bucketName: pulumi.Output<string> = new aws.s3.Bucket('data').bucket;
export const retention = new Map<string, RetentionDays>();
export type Settings = typeof settings;

// Used only in decorators.
@Tagged({ policy: 'strict' })
export class Registry {
  @Construct() name = 'registry';

  describe(@TagPolicy() level: LogLevel): string {
    return `${this.name}:${level}`;
  }
}

// Used only through `export =` style re-export and an export list.
export { defaults };
export const noop: Handler = async () => undefined;
export const zip = archiver;
export default helper;
