import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    files: ['src/**/*.ts'],
    rules: {
      // Every route declares who may call it: @RequirePermission(...) or @Public().
      'poems/require-route-access': 'error',
    },
  },
];
