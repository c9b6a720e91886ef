import * as aws from '@pulumi/aws';

const vpc = new aws.ec2.Vpc('test', { cidrBlock: '10.1.0.0/16' });
