import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';
import {
  EmbeddedPostgresServer,
  type EmbeddedPostgresLog,
} from './embedded-postgres';

/** Name of the application database on the embedded server. */
export const EMBEDDED_DATABASE = 'poems';

/** The group role the API runs as; the migration `GrantRuntimeRole` grants it its privileges. */
export const RUNTIME_ROLE = 'poems_runtime';

/** The embedded server's login role for the API, a member of {@link RUNTIME_ROLE}. */
export const EMBEDDED_API_ROLE = 'poems_app';

/** The PostgreSQL server the API uses: the configured one, or an embedded one it runs itself. */
export interface DatabaseServer {
  /** Where the API connects: the runtime role, which owns nothing. */
  readonly url: string;
  /** Where migrations (and the audit retention job) connect: the owner of the schema. */
  readonly migrationUrl: string;
  /** True when this process started the server and must stop it. */
  readonly embedded: boolean;
  /** Stops an embedded server; does nothing for an external one. */
  stop(): Promise<void>;
}

/**
 * Uses DATABASE_URL (and DATABASE_MIGRATION_URL for migrations) when set; otherwise starts (and on
 * first use initialises) an embedded PostgreSQL in `${DATA_DIR}/pg` and creates the application
 * database in it, with the API's login role.
 */
export async function openDatabaseServer(
  config: AppConfig,
  log: EmbeddedPostgresLog,
): Promise<DatabaseServer> {
  if (config.databaseUrl !== undefined) {
    return {
      url: config.databaseUrl,
      migrationUrl: config.databaseMigrationUrl ?? config.databaseUrl,
      embedded: false,
      stop: () => Promise.resolve(),
    };
  }
  const server = await EmbeddedPostgresServer.start({
    dataDir: join(config.dataDir, 'pg'),
    port: config.embeddedPgPort,
    log,
    durable: true,
  });
  try {
    await server.ensureDatabase(EMBEDDED_DATABASE);
    await server.ensureLoginRole(EMBEDDED_API_ROLE, RUNTIME_ROLE);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    url: server.urlFor(EMBEDDED_DATABASE, EMBEDDED_API_ROLE),
    // The superuser owns the schema the migrations create.
    migrationUrl: server.urlFor(EMBEDDED_DATABASE),
    embedded: true,
    stop: () => server.stop(),
  };
}
