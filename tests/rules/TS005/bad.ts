import * as aws from '@pulumi/aws';

// expect: TS005 6:36-6:37
export const bucket = new aws.s3.Bucket('artifacts');

export const bucketName = bucket.id;