import type { Config } from 'jest';
import base from '../jest.config';

// Built from a base that may carry the threshold: not read.
export default { ...base, roots: ['<rootDir>'] } satisfies Config;
