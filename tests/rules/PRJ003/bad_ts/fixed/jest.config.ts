import type { Config } from 'jest';

const config: Config = { preset: 'ts-jest', testEnvironment: 'node', coverageThreshold: { global: { branches: 80, functions: 80, lines: 80, statements: 80 } } };

export default config;
// expect: PRJ003 5:1-5:15
