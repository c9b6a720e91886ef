import * as aws from '@pulumi/aws';
import { TapStack } from './tap-stack';

const stack = new TapStack('tap', {});
export const bucketName = stack.bucketName;
