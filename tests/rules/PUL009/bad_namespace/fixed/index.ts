import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const config = new pulumi.Config('pulumi-infra');
const bucketName = config.get('bucket_name') ?? `data-${pulumi.getStack()}`;
//                            ^^^^^^^^^^^^^ PUL009
const memory = config.getNumber('lambda_memory') ?? 512;
//                              ^^^^^^^^^^^^^^^ PUL009
// `region` is set only under the aws provider's namespace: another matter.
const region = config.get('region') ?? 'us-east-1';

export const bucket = new aws.s3.BucketV2('data', { bucket: bucketName, region });
export const memorySize = memory;
