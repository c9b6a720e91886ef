import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { interpolate } from '@pulumi/pulumi';

const config = new pulumi.Config();
const stack = pulumi.getStack();
const bucket = new aws.s3.BucketV2(`uploads-${stack}`);
const role = new aws.iam.Role('reader', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});

// The idiomatic forms.
export const objects = pulumi.interpolate`${bucket.arn}/*`;
export const roleUrl = interpolate`https://console.aws.amazon.com/iam/home#/roles/${role.name}`;
export const policy = bucket.arn.apply((arn) => JSON.stringify({ Resource: `${arn}/*` }));
export const both = pulumi.all([bucket.arn, role.arn]).apply(([b, r]) => `${b} read by ${r}`);
export const json = pulumi.jsonStringify({ Resource: pulumi.interpolate`${bucket.arn}/*` });
export const concat = pulumi.concat('arn:', bucket.arn, '/*');

// Plain values in templates: config, stack name, literals, region.
const prefix = config.get('prefix') ?? 'app';
export const name = `${prefix}-${stack}-${aws.config.region}`;
export const label = 'bucket-' + stack;

// A parameter is not known to be an Output.
export function describe(value: string): string {
  return `value: ${value}`;
}
