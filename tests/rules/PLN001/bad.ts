import * as aws from '@pulumi/aws';

// pulumi-lint-disable-next-line TS003 -- payloads are untyped JSON
export const retries: number = 3;

// pulumi-lint-disable-next-line TS004, TS003 -- legacy payload type
export const payload: any = JSON.parse('{}');

export const region: string = 'eu-west-1'; // pulumi-lint-disable-line TS003

// pulumi-lint-disable-next-line
export const bucket = new aws.s3.BucketV2('logs');

// The rule PLN001 itself may be silenced on a comment's own line:
export const untouched = 1; // pulumi-lint-disable-line TS003, PLN001

// pulumi-lint-disable-next-line TS003, TS004
export const handler = (event: any): void => { console.log(event); };

/* pulumi-lint-disable TS004 -- no long lines here any more */

// expect: PLN001 3:1-3:68
// expect: PLN001 6:34-6:39
// expect: PLN001 9:44-9:77
// expect: PLN001 11:1-11:33
// expect: PLN001 17:41-17:46
// expect: PLN001 20:1-20:63
