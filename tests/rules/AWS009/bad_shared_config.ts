import * as aws from '@pulumi/aws';

// Settings written in constants: reported where they are written.
const retention = {
  versioning: { enabled: true },
//^^^^^^^^^^ AWS009
};

export const archive = new aws.s3.Bucket('archive', { ...retention, forceDestroy: true });

const auditArgs = { logging: { targetBucket: 'central-logs', targetPrefix: 'audit/' } };
//                  ^^^^^^^ AWS009

export const audit = new aws.s3.Bucket('audit', auditArgs);
