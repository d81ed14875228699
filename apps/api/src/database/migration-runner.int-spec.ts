import { MIGRATIONS } from '@poems/migrations';
import {
  createTestDatabase,
  type TestDatabase,
} from '../testing/test-database';
import { migrationStates, runPendingMigrations } from './migration-runner';

describe('runPendingMigrations', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('empty');
  });

  afterAll(async () => {
    await database.drop();
  });

  it('lets replicas that start together on an empty database migrate it once, without failing', async () => {
    const names = MIGRATIONS.map((migration) => new migration().name);

    const applied = await Promise.all([
      runPendingMigrations(database.url),
      runPendingMigrations(database.url),
      runPendingMigrations(database.url),
    ]);

    expect(applied.flat().sort()).toEqual([...names].sort());
    expect(await migrationStates(database.url)).toEqual(
      names.map((name) => ({ name, applied: true })),
    );
  });
});
