import jest from 'eslint-plugin-jest';
import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // The suite's own spec suffix gets the rules the workspace gives *.spec.ts and *.int-spec.ts.
    files: ['**/*.rel-spec.ts'],
    plugins: { jest },
    rules: {
      'jest/no-focused-tests': 'error',
      'jest/no-disabled-tests': 'error',
      'jest/no-identical-title': 'error',
      'jest/valid-expect': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
];
