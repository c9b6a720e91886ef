import * as aws from '@pulumi/aws';
import { LambdaEtlStack } from '../../../../shared/infrastructure/components/lambda-etl-stack/src/lambda-etl-stack-component';
export { dashboards } from '@example-organisation/pulumi-observability-components/dist/cloudwatch/dashboards/lambda';

// A line that ends with a URL cannot be wrapped:
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch-Dashboard-Body-Structure.html#CloudWatch-Dashboard-Properties
// See the retention table at https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html

// Nor can a single word, such as an inline certificate body:
const certificateBody = [
  'MIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJRTESMBAGA1UEChMJQmFsdGltb3JlMRMwEQYDVQQLEwpDeWJlclRydXN0MSIwIAYDVQQDExlC',
].join('');

export const stack = new LambdaEtlStack('etl', { environmentSuffix: 'dev' });
export const cert = new aws.acm.Certificate('imported', { certificateBody, privateKey: 'redacted' });
