// Not the entry point: package.json names src/main.ts.
import * as aws from '@pulumi/aws';

const topic = new aws.sns.Topic('unused');
