import { TapStack } from '../lib/tap-stack';

describe('TapStack', () => {
  // Write your end-to-end unit testing below
  const stack = TapStack;
});
// expect: PRJ002 3:1-3:9
