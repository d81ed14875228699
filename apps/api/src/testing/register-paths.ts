import { resolve } from 'node:path';
import { loadConfig, register } from 'tsconfig-paths';

// Jest loads its global setup and teardown with Node's own resolver, which knows nothing of the
// workspace's path aliases (@poems/*); test files get them from the Nx Jest resolver instead.
const config = loadConfig(resolve(__dirname, '../../../../tsconfig.base.json'));
if (config.resultType === 'failed') {
  throw new Error(`Cannot read the workspace path aliases: ${config.message}`);
}
register({ baseUrl: config.absoluteBaseUrl, paths: config.paths });
