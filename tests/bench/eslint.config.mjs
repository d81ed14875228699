import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  // Copies of the builds under measurement and the JSON they produce.
  { ignores: ['artifacts/**', 'results/**'] },
];
