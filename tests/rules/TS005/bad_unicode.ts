import * as aws from '@pulumi/aws';

// expect: TS005 6:29-6:30
export const bucket = new aws.s3.Bucket('artifacts');

// Every resource is tagged ✓