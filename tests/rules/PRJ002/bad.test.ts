import * as pulumi from '@pulumi/pulumi';
import { TapStack } from '../lib/tap-stack';

pulumi.runtime.setMocks({
  newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }),
  call: (args) => args.inputs,
});

describe('TapStack', () => {
  it('creates the stack', () => {
//^^ PRJ002
    // Write your end-to-end unit testing below
  });

  test('works', async () => {
//^^^^ PRJ002
    const stack = new TapStack('test', {});
    expect(true).toBe(true);
  });

  it.each([['dev'], ['prod']])('names the bucket for %s', (env) => {
//^^^^^^^ PRJ002
    console.log(env);
  });
});
