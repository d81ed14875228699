import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // The rules are loaded by ESLint as plain CommonJS, without a build step.
    files: ['src/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
  },
];
