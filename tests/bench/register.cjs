// Lets Node run the workspace's TypeScript entry points (the synthetic seeder, the benchmark)
// straight from source: ts-node without type checking (lint and the builds check types), plus the
// workspace path aliases (@poems/domain, @poems/contract, @poems/migrations). Use: node -r ./tests/bench/register.cjs file.ts
'use strict';

const { resolve } = require('node:path');
const tsconfigPaths = require('tsconfig-paths');

const root = resolve(__dirname, '../..');
const project = resolve(__dirname, 'tsconfig.json');

require('ts-node').register({ project, transpileOnly: true });

const config = tsconfigPaths.loadConfig(project);
if (config.resultType === 'failed') {
  throw new Error(`Cannot read the workspace path aliases: ${config.message}`);
}
tsconfigPaths.register({ baseUrl: root, paths: config.paths });
