import type { Config } from 'jest';

const config: Config = { preset: 'ts-jest', testEnvironment: 'node' };

export default config;
// expect: PRJ003 5:1-5:15
