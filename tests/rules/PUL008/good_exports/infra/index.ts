import * as aws from '@pulumi/aws';
import { makeQueue } from './queues';

const bucket = new aws.s3.BucketV2('data');
const queue = makeQueue('jobs');

export const bucketName = bucket.bucket;
export const queueUrl = queue.url;
