import * as aws from '@pulumi/aws';

// Tests construct resources too (with mocks); they are never the program.
const bucket = new aws.s3.BucketV2('test-bucket');
