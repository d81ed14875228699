module.exports = {
  displayName: 'web',
  preset: '../../jest.preset.js',
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  coverageDirectory: '../../coverage/apps/web',
  // Component tests render real templates and await real timers; on a busy 2-core CI machine a
  // page test can take longer than jest's 5 s default without anything being wrong (issue 21:
  // a time budget, not a retry — a hung test still fails). Measured: 30 s ran out at load 28.
  testTimeout: 60_000,
  // tsconfig.spec.json sets isolatedModules, so ts-jest transpiles each file without a type check
  // of its own (one page spec, cold: 15 s of CPU instead of 25 s); the
  // `typecheck` target, which `test` depends on, checks the specs' types once with tsc.
  transform: {
    '^.+\\.(ts|mjs|js|html)$': [
      'jest-preset-angular',
      {
        tsconfig: '<rootDir>/tsconfig.spec.json',
        stringifyContentPathRegex: '\\.(html|svg)$',
      },
    ],
  },
  transformIgnorePatterns: ['node_modules/(?!.*\\.mjs$)'],
  snapshotSerializers: [
    'jest-preset-angular/build/serializers/no-ng-attributes',
    'jest-preset-angular/build/serializers/ng-snapshot',
    'jest-preset-angular/build/serializers/html-comment',
  ],
};
