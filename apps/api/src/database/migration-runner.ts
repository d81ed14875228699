import { Client } from 'pg';
import { DataSource, MigrationExecutor } from 'typeorm';
import { typeOrmOptions } from './typeorm-options';

// One key for every process migrating this database: replicas starting together take turns.
const MIGRATION_LOCK = `hashtext('poems-migrations')`;

/** A migration and whether the database has it. */
export interface MigrationState {
  readonly name: string;
  readonly applied: boolean;
}

/**
 * Applies every pending migration, each in its own transaction; returns the names applied. Several
 * processes may call it at once (replicas starting together): they take turns, and the later ones
 * find nothing left to apply.
 */
export function runPendingMigrations(databaseUrl: string): Promise<string[]> {
  return withMigrationLock(databaseUrl, () =>
    withDataSource(databaseUrl, async (dataSource) => {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      // Tables added by any migration are granted to the runtime role, the audit log kept apart.
      const [grants] = (await dataSource.query(
        `SELECT to_regprocedure('poems_grant_runtime()') IS NOT NULL AS present`,
      )) as Array<{ present: boolean }>;
      if (grants?.present === true) {
        await dataSource.query(`SELECT poems_grant_runtime()`);
      }
      return applied.map((migration) => migration.name);
    }),
  );
}

/** Reverts the most recently applied migration; returns its name, or undefined when none is applied. */
export function revertLastMigration(
  databaseUrl: string,
): Promise<string | undefined> {
  return withMigrationLock(databaseUrl, () =>
    withDataSource(databaseUrl, async (dataSource) => {
      // Newest first, which is the one TypeORM reverts.
      const [latest] = await new MigrationExecutor(
        dataSource,
      ).getExecutedMigrations();
      await dataSource.undoLastMigration({ transaction: 'each' });
      return latest?.name;
    }),
  );
}

/** Every known migration, oldest first, with whether it is applied. */
export function migrationStates(
  databaseUrl: string,
): Promise<MigrationState[]> {
  return withDataSource(databaseUrl, async (dataSource) => {
    const executed = await new MigrationExecutor(
      dataSource,
    ).getExecutedMigrations();
    const applied = new Set(executed.map((migration) => migration.name));
    return dataSource.migrations
      .map((migration) => migration.name ?? migration.constructor.name)
      .map((name) => ({ name, applied: applied.has(name) }));
  });
}

/**
 * Holds an advisory lock while `work` runs, on a connection of its own: the migrations need a
 * transaction per migration, so the lock cannot live in one of theirs. It is transaction-scoped,
 * in a transaction left open meanwhile, so that it also holds behind PgBouncer in transaction mode
 * (a session lock would stay with a pooled server connection) and goes away if the process dies.
 */
async function withMigrationLock<T>(
  databaseUrl: string,
  work: () => Promise<T>,
): Promise<T> {
  const client = new Client({
    connectionString: databaseUrl,
    application_name: 'poems-api-migrations',
  });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    const result = await work();
    await client.query('COMMIT');
    return result;
  } finally {
    await client.end();
  }
}

async function withDataSource<T>(
  databaseUrl: string,
  work: (dataSource: DataSource) => Promise<T>,
): Promise<T> {
  const dataSource = new DataSource({
    ...typeOrmOptions(databaseUrl, 1),
    logging: ['error'],
  });
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
