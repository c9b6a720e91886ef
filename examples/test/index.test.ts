import * as pulumi from '@pulumi/pulumi';

pulumi.runtime.setMocks({
  newResource: (args: pulumi.runtime.MockResourceArgs) => ({ id: `${args.name}-id`, state: args.inputs }),
  call: (args: pulumi.runtime.MockCallArgs) => args.inputs,
});

describe('orders-platform stack', () => {
  it('creates the orders table', async () => {
    // Write your end-to-end unit tests here.
  });

  it('configures the orders API', async () => {
    // const stack = await import('../index');
    // expect(stack).toBeDefined();
  });
});
