import './register-paths';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedPostgresServer } from '../database/embedded-postgres';
import { runPendingMigrations } from '../database/migration-runner';
import globalTeardown from './global-teardown';
import {
  SERVER_URL_ENV,
  TEMPLATE_ENV,
  databaseUrl,
  withAdminClient,
} from './test-database';
import { saveTestRun } from './test-run';

/**
 * Before all test files: find a PostgreSQL server (TEST_DATABASE_URL, else DATABASE_URL, else an
 * embedded one in a temporary directory) and migrate a template database once; each test file
 * clones it.
 */
export default async function globalSetup(): Promise<void> {
  const external =
    process.env['TEST_DATABASE_URL'] ?? process.env['DATABASE_URL'];
  const embedded =
    external === undefined ? await startEmbeddedServer() : undefined;
  const serverUrl = external ?? embedded?.server.urlFor('postgres');
  if (serverUrl === undefined) {
    throw new Error('No PostgreSQL server for the tests');
  }
  const template = `poems_test_${Date.now().toString(36)}_${process.pid}`;
  saveTestRun({ serverUrl, template, embedded });
  try {
    await withAdminClient(
      (client) =>
        client.query(`CREATE DATABASE ${client.escapeIdentifier(template)}`),
      serverUrl,
    );
    await runPendingMigrations(databaseUrl(serverUrl, template));
  } catch (error) {
    // Jest skips the global teardown when the setup fails.
    await globalTeardown();
    throw error;
  }
  process.env[SERVER_URL_ENV] = serverUrl;
  process.env[TEMPLATE_ENV] = template;
}

async function startEmbeddedServer(): Promise<{
  server: EmbeddedPostgresServer;
  directory: string;
}> {
  const directory = await mkdtemp(join(tmpdir(), 'poems-test-'));
  const quiet = {
    info: () => undefined,
    debug: () => undefined,
    error: (message: string) => process.stderr.write(`${message}\n`),
  };
  const server = await EmbeddedPostgresServer.start({
    dataDir: join(directory, 'pg'),
    port: 0,
    log: quiet,
    durable: false,
  });
  return { server, directory };
}
