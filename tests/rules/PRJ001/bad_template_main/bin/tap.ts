import { TapStack } from '../lib/tap-stack';
// expect: PRJ001 1:1-1:45

new TapStack('TapStack', {});
