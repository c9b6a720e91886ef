/** @type {import('ts-jest').JestConfigWithTsJest} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  coverageThreshold: { global: { branches: 90, functions: 90, lines: 90, statements: 90 } },
};
