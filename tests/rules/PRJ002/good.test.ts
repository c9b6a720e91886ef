import * as assert from 'node:assert';
import * as pulumi from '@pulumi/pulumi';
import { TapStack } from '../lib/tap-stack';
import { outputOf } from './helpers';

pulumi.runtime.setMocks({
  newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }),
  call: (args) => args.inputs,
});

function expectTagged(tags: Record<string, string> | undefined): void {
  expect(tags?.Project).toBe('tap');
}

describe('TapStack', () => {
  const stack = new TapStack('test', { environmentSuffix: 'dev' });

  it('names the table after the stage', async () => {
    const name = await outputOf(stack.tableName);
    expect(name).toContain('dev');
  });

  it('tags everything', async () => {
    expectTagged(await outputOf(stack.tags));
  });

  test('has a dead-letter queue', async () => {
    assert.ok(await outputOf(stack.dlqUrl));
  });

  it('throws on a bad suffix', () => {
    if (stack.urn === undefined) {
      throw new Error('no urn');
    }
  });

  it.todo('checks the alarms');
  it.skip('is slow', () => {});
});
