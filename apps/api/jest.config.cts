module.exports = {
  displayName: 'api',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  // Unit tests (*.spec.ts) and integration tests against a real PostgreSQL (*.int-spec.ts).
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/src/testing/global-setup.ts',
  globalTeardown: '<rootDir>/src/testing/global-teardown.ts',
  // Each integration test file boots the app against a database cloned for it; a demo-seeded boot
  // took over 30 s at load 28 on 2 cores (a time budget, not a retry: a hung test still fails).
  testTimeout: 60_000,
  // openid-client, its oauth4webapi and jose (and @scure/base and @noble/hashes, under otplib) ship ES modules
  // only; Jest's CommonJS runtime needs them transpiled (Node itself loads them through require()
  // at run time).
  transformIgnorePatterns: ['/node_modules/(?!(openid-client|oauth4webapi|jose|@scure/base|@otplib|@noble)/)'],
  transform: {
    '/node_modules/(openid-client|oauth4webapi|jose|@scure/base|@noble/hashes)/.+\\.js$': [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs', target: 'es2022' }, isolatedModules: true },
    ],
    '^.+\\.[tj]s$': [
      'ts-jest',
      {
        tsconfig: '<rootDir>/tsconfig.spec.json',
        astTransformers: { before: [require.resolve('./swagger-plugin.cjs')] },
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../coverage/apps/api',
};
