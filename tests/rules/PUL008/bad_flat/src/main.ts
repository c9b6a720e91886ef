import * as aws from '@pulumi/aws';

// package.json's main wins when Pulumi.yaml has none: this file runs, not index.ts.
const bucket = new aws.s3.BucketV2('data');
//                 ^^^^^^^^^^^^^^^ PUL008
const queue = new aws.sqs.Queue('jobs');
