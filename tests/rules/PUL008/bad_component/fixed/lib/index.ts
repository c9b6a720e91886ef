import * as pulumi from '@pulumi/pulumi';
import { TapStack } from './tap-stack';

const config = new pulumi.Config();
const environmentSuffix = config.get('environmentSuffix') || 'dev';

const stack = new TapStack('tap-stack', {
//                ^^^^^^^^ PUL008
  environmentSuffix,
  tags: { Project: 'tap' },
});

export const table = stack.table;
export const processorFunctionArn = stack.processorFunctionArn;
export const dlqUrl = stack.dlqUrl;
