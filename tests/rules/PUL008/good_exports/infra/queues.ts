import * as aws from '@pulumi/aws';

// Not the entry file: constructing without exporting is fine here.
export function makeQueue(name: string): aws.sqs.Queue {
  return new aws.sqs.Queue(name);
}

const shared = new aws.sqs.Queue('shared');
