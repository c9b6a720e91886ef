import * as aws from '@pulumi/aws';

// The exported function's result becomes the stack outputs.
export = async () => {
  const bucket = new aws.s3.BucketV2('data');
  return { bucketName: bucket.bucket };
};
