import * as pulumi from '@pulumi/pulumi';

// Shared setup that a jest config loads: no cases, and none expected.
pulumi.runtime.setMocks({
  newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }),
  call: (args) => args.inputs,
});

export const stackName = 'test';
