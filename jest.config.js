/**
 * One jest run for everything: domain unit tests (libs/), service tests
 * (apps/api) and GraphQL-over-HTTP / browser tests (tests/). ESM throughout
 * (NestJS 12 is ESM-only): run with `node --experimental-vm-modules`.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true, tsx: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false, react: { runtime: 'automatic' } },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'es6' },
  },
];

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  transform: { '^.+\\.tsx?$': swc },
  moduleNameMapper: {
    '^@efa/domain$': '<rootDir>/libs/domain/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['<rootDir>/libs/**/src/**/*.spec.ts', '<rootDir>/apps/**/src/**/*.spec.ts', '<rootDir>/apps/**/src/**/*.spec.tsx', '<rootDir>/tests/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  globalSetup: '<rootDir>/tests/support/global-setup.js',
  globalTeardown: '<rootDir>/tests/support/global-teardown.js',
  // Slowest files first (browser, fault, smoke, then API files) also on a clean clone without jest's timing cache.
  testSequencer: '<rootDir>/tests/support/sequencer.js',
  testTimeout: 60_000,
  maxWorkers: process.env.CI ? 2 : '50%',
  // Keeps every test file in a worker process, also a single one (jest runs a lone file in its own process
  // when no idle memory limit is set, and there the Nest app fails to map String fields). `1` means 100 % of
  // the machine's memory, not one byte: a worker is not recycled, it runs many files in turn (each in a vm
  // context and module registry of its own).
  workerIdleMemoryLimit: 1,
};
