import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createApp } from '../app.factory';
import { createLogger } from '../common/logging/logger';
import { loadConfig } from '../config/app-config';
import { testAuditEnv } from './audit-keys';
import { createTestDatabase, type TestDatabase } from './test-database';

/** The JWT secret test apps sign with, unless a test overrides JWT_SECRET. */
export const TEST_JWT_SECRET = 'test-secret-of-at-least-32-characters!!';

/** The key raw inbound messages are encrypted with in tests. */
export const TEST_INBOUND_KEY = Buffer.alloc(32, 7).toString('base64');

/** The key authenticator secrets are encrypted with in tests. */
export const TEST_MFA_KEY = Buffer.alloc(32, 9).toString('base64');

/** The real application on a random port, with a database of its own. */
export interface TestApp {
  readonly baseUrl: string;
  readonly app: NestFastifyApplication;
  readonly dataSource: DataSource;
  readonly database: TestDatabase;
  /** Stops the app and drops its database. */
  close(): Promise<void>;
}

/** Options of {@link startTestApp}. */
export interface TestAppOptions {
  /**
   * Environment variables on top of the test defaults (quiet logs, no web build); a function
   * when they depend on the test's database.
   */
  readonly env?:
    | Readonly<Record<string, string>>
    | ((database: TestDatabase) => Readonly<Record<string, string>>);
  /** Where the app connects instead of its database, e.g. through a fault-injecting proxy. */
  readonly databaseUrl?: (database: TestDatabase) => string;
  readonly extraModules?: readonly Type[];
}

/**
 * Clones the migrated template into a new database and boots the app exactly as main.ts does,
 * listening on 127.0.0.1 and a random port. Tests talk to it over HTTP.
 */
export async function startTestApp(
  options: TestAppOptions = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  try {
    const config = loadConfig({
      LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent',
      JWT_SECRET: TEST_JWT_SECRET,
      INBOUND_ENCRYPTION_KEY: TEST_INBOUND_KEY,
      MFA_ENCRYPTION_KEY: TEST_MFA_KEY,
      // Suites sign in as admins with a password alone; the MFA suites require it explicitly.
      MFA_REQUIRED_ROLES: 'none',
      ...testAuditEnv(),
      // A loaded CI machine can take seconds to open a connection; the product's 3 s fail-fast is
      // tested where it matters (health), not by chance in every suite's start-up.
      DB_CONNECT_TIMEOUT_MS: '15000',
      WEB_DIST: join(tmpdir(), 'poems-test-no-web-build'),
      ...(typeof options.env === 'function'
        ? options.env(database)
        : options.env),
      DATABASE_URL: database.url,
    });
    const app = await createApp({
      config,
      databaseUrl: options.databaseUrl?.(database) ?? database.url,
      logger: createLogger(config),
      extraModules: options.extraModules,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.getHttpServer().address();
    if (typeof address !== 'object' || address === null) {
      throw new Error('The test app is not listening on a TCP port');
    }
    return {
      baseUrl: `http://127.0.0.1:${address.port}`,
      app,
      dataSource: app.get(DataSource),
      database,
      close: async () => {
        await app.close();
        await database.drop();
        await rm(config.audit.checkpointDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}
