import * as aws from '@pulumi/aws';

// A one-off program of its own, run with another Pulumi.yaml in CI.
const bucket = new aws.s3.Bucket('state');
