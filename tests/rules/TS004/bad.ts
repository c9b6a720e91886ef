import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const config = new pulumi.Config();
const environmentSuffix = config.require('environmentSuffix');

// Exactly 120 characters is within the limit.
export const encryption = new aws.s3.BucketServerSideEncryptionConfiguration(`bucket-encryption-${environmentSuffix}`, {
  bucket: `data-${environmentSuffix}`,
  rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' }, bucketKeyEnabled: true }],
});

// Non-ASCII text counts in characters, not bytes: ünïcödé ✓ 🚀🚀🚀🚀 — this comment is a little too long for the limit.
const label = 'Überwachung der Warteschlange für fehlgeschlagene Nachrichten — 🚀 alarmiert das Team, wenn etwas länger hängt';
export const topic = new aws.sns.Topic('alerts', { displayName: `Alerts ${environmentSuffix}`, tags: { team: 'platform' } });
// The documentation lives at https://docs.aws.amazon.com/lambda/latest/dg/welcome.html and there is more prose after it.
export const queue = new aws.sqs.Queue('dead-letters', { messageRetentionSeconds: 1209600, sqsManagedSseEnabled: true });

function describe(): string {
  return 'This line starts inside a function and runs on long enough that it crosses the limit of one hundred and twenty.';
}
export const description = describe();
export const labels = [label];

// expect: TS004 14:121-14:127
// expect: TS004 15:121-15:126
// expect: TS004 16:121-16:122
// expect: TS004 17:121-17:122
// expect: TS004 20:121-20:124
