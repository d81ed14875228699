import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // Playwright's fixtures are destructured from an object even when a test needs none.
    files: ['**/*.ts'],
    rules: {
      'no-empty-pattern': 'off',
    },
  },
];
