import { DataSource, MigrationExecutor } from 'typeorm';
import { typeOrmOptions } from './typeorm-options';

/** A migration and whether the database has it. */
export interface MigrationState {
  readonly name: string;
  readonly applied: boolean;
}

/** Applies every pending migration, each in its own transaction; returns the names applied. */
export function runPendingMigrations(databaseUrl: string): Promise<string[]> {
  return withDataSource(databaseUrl, async (dataSource) => {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  });
}

/** Reverts the most recently applied migration; returns its name, or undefined when none is applied. */
export function revertLastMigration(
  databaseUrl: string,
): Promise<string | undefined> {
  return withDataSource(databaseUrl, async (dataSource) => {
    // Newest first, which is the one TypeORM reverts.
    const [latest] = await new MigrationExecutor(
      dataSource,
    ).getExecutedMigrations();
    await dataSource.undoLastMigration({ transaction: 'each' });
    return latest?.name;
  });
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
