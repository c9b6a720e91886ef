import * as pulumi from '@pulumi/pulumi';
// expect: PRJ002 1:1-1:42
/**
 * Write your end-to-end unit testing below.
 */
