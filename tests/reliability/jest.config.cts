/**
 * `npm run test:reliability`: load, database outage, crash, fuzzing and two replicas, against the
 * built API (dist/apps/api) started as child processes on PostgreSQL servers the tests own. Not
 * part of `npm test`; CI runs it after the build. Budgets: see support/budget.ts.
 */
module.exports = {
  displayName: 'reliability',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.rel-spec.ts'],
  globalSetup: '<rootDir>/support/global-setup.ts',
  globalTeardown: '<rootDir>/support/global-teardown.ts',
  // Each file bounds its own work (support/budget.ts); this only catches a hang of the harness.
  testTimeout: 240_000,
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  },
  moduleNameMapper: {
    '^@poems/contract$': '<rootDir>/../../libs/contract/src/index.ts',
    '^@poems/domain$': '<rootDir>/../../libs/domain/src/index.ts',
  },
  moduleFileExtensions: ['ts', 'js'],
};
