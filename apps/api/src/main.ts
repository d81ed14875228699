import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from './app.factory';
import { createLogger, prettyLogs } from './common/logging/logger';
import { startBanner } from './common/logging/start-banner';
import { ConfigError, loadConfig, type AppConfig } from './config/app-config';
import {
  openDatabaseServer,
  type DatabaseServer,
} from './database/database-server';
import { runPendingMigrations } from './database/migration-runner';
import { demoSignInLine } from './demo/demo-credentials';

/** How long a graceful shutdown may take before the process gives up and exits anyway. */
const SHUTDOWN_TIMEOUT_MS = 15_000;

/**
 * Entry point: resolve the database (external, or embedded under DATA_DIR), migrate it, then serve.
 *
 * This process owns the lifecycle instead of Nest's enableShutdownHooks(), which re-raises the
 * signal once Nest has closed and would kill the process before an embedded PostgreSQL is stopped.
 * On SIGINT/SIGTERM/SIGHUP: close Nest (HTTP server, lifecycle hooks, connection pool), then stop
 * the database. On a start-up failure or an uncaught exception: stop the database, exit 1.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const forPerson = prettyLogs(config.logFormat, process.stdout.isTTY === true);
  const logger = createLogger(config);
  let database: Promise<DatabaseServer> | undefined;
  let app: NestFastifyApplication | undefined;
  let exiting = false;

  const exit = async (code: number, closeApp: boolean): Promise<void> => {
    if (exiting) {
      return;
    }
    exiting = true;
    setTimeout(() => {
      logger.error('Shutdown timed out');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    try {
      if (closeApp) {
        await app?.close();
      }
    } finally {
      // A database still starting is awaited so that it can be stopped too.
      const server = await database?.catch(() => undefined);
      await server?.stop();
      logger.flush();
      process.exit(code);
    }
  };

  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      logger.info(`${signal} received, shutting down`);
      void exit(0, true);
    });
  }
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'Uncaught exception');
    void exit(1, false);
  });

  try {
    database = openDatabaseServer(
      config,
      logger.child({ component: 'postgres' }),
    );
    const { url, migrationUrl } = await database;
    const applied = await runPendingMigrations(migrationUrl);
    logger.info(
      applied.length > 0
        ? `Applied migrations: ${applied.join(', ')}`
        : 'Database schema is up to date',
    );
    app = await createApp({ config, databaseUrl: url, logger });
    await app.listen({ port: config.port, host: config.host });
    const address = `http://localhost:${listeningPort(app, config)}`;
    const demoLine = config.demoSeed ? demoSignInLine() : undefined;
    if (forPerson) {
      process.stdout.write(startBanner(address, demoLine));
    } else {
      logger.info(`POEMS workup tracker listening on ${address}`);
      if (demoLine !== undefined) {
        logger.info(demoLine);
      }
    }
  } catch (error) {
    if (!exiting) {
      logger.fatal({ err: error }, 'Start-up failed');
      await exit(1, true);
    }
  }
}

function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

function listeningPort(app: NestFastifyApplication, config: AppConfig): number {
  const address = app.getHttpServer().address();
  return typeof address === 'object' && address !== null
    ? address.port
    : config.port;
}

void main();
