import { builtinModules } from 'node:module';
import baseConfig from '../../eslint.config.mjs';

const NODE_BUILTINS = builtinModules.filter((name) => !name.startsWith('_'));

export default [
  ...baseConfig,
  {
    // The domain is pure: no I/O, no ambient clock or randomness. Whatever it
    // needs from the outside (now, a time zone, a hash) is passed in.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.spec.ts', 'src/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NODE_BUILTINS.map((name) => ({
            name,
            message: 'libs/domain is pure: no Node built-ins.',
          })),
          patterns: [
            {
              group: ['node:*'],
              message: 'libs/domain is pure: no Node built-ins.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...[
          'process',
          'Buffer',
          'require',
          '__dirname',
          '__filename',
          'window',
          'document',
          'localStorage',
          'sessionStorage',
          'fetch',
          'XMLHttpRequest',
          'setTimeout',
          'setInterval',
        ].map((name) => ({
          name,
          message: 'libs/domain is pure: pass what you need in as an argument.',
        })),
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'libs/domain takes the current time as a parameter.',
        },
        {
          selector:
            "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'libs/domain takes the current time as a parameter.',
        },
        {
          selector:
            "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'libs/domain is deterministic: pass randomness in.',
        },
      ],
    },
  },
];
