import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';
import {
  EmbeddedPostgresServer,
  type EmbeddedPostgresLog,
} from './embedded-postgres';

/** Name of the application database on the embedded server. */
export const EMBEDDED_DATABASE = 'poems';

/** The PostgreSQL server the API uses: the configured one, or an embedded one it runs itself. */
export interface DatabaseServer {
  readonly url: string;
  /** True when this process started the server and must stop it. */
  readonly embedded: boolean;
  /** Stops an embedded server; does nothing for an external one. */
  stop(): Promise<void>;
}

/**
 * Uses DATABASE_URL when set; otherwise starts (and on first use initialises) an embedded
 * PostgreSQL in `${DATA_DIR}/pg` and creates the application database in it.
 */
export async function openDatabaseServer(
  config: AppConfig,
  log: EmbeddedPostgresLog,
): Promise<DatabaseServer> {
  if (config.databaseUrl !== undefined) {
    return {
      url: config.databaseUrl,
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
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    url: server.urlFor(EMBEDDED_DATABASE),
    embedded: true,
    stop: () => server.stop(),
  };
}
