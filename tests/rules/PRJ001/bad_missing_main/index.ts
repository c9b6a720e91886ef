import * as aws from '@pulumi/aws';

const bucket = new aws.s3.BucketV2('data');

export const bucketName = bucket.bucket;
