// @ts-check
'use strict';

/**
 * Workspace ESLint plugin, registered as `poems` by the root eslint.config.mjs.
 * Plain CommonJS with JSDoc types (checked by the `typecheck` target), so ESLint
 * loads it without a build step or a TypeScript loader.
 */
module.exports = {
  meta: { name: '@poems/eslint-rules', version: '0.0.0' },
  rules: {
    'require-project-tags': require('./rules/require-project-tags'),
    'require-route-access': require('./rules/require-route-access'),
  },
};
