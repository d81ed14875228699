import { MIGRATIONS } from '@poems/migrations';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';
import { ENTITIES } from './entities';

/**
 * The one description of how the API talks to PostgreSQL, shared by the app, the migration CLI and
 * the tests. The schema only ever changes through migrations.
 */
export function typeOrmOptions(
  databaseUrl: string,
  poolSize: number,
  connectTimeoutMs = 3_000,
): PostgresDataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    applicationName: 'poems-api',
    entities: ENTITIES,
    migrations: [...MIGRATIONS],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    migrationsRun: false,
    synchronize: false,
    uuidExtension: 'pgcrypto',
    // gen_random_uuid() is built into PostgreSQL 13+, so the app never needs to create extensions.
    installExtensions: false,
    poolSize,
    // Fail fast when the server is unreachable instead of queueing requests until they time out.
    connectTimeoutMS: connectTimeoutMs,
    extra: { keepAlive: true },
  };
}
