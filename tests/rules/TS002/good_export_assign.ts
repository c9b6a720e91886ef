import * as aws from '@pulumi/aws';
import { tags } from './tags';

// A CommonJS-style module: everything it exports goes through `export =`.
const bucket = new aws.s3.Bucket('logs', { tags });
export = { bucket };
