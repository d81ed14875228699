import { DataSource } from 'typeorm';
import {
  createTestDatabase,
  type TestDatabase,
} from '../testing/test-database';
import { typeOrmOptions } from './typeorm-options';

describe('entities and migrations', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(
      typeOrmOptions(database.url, 1),
    ).initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('describe the same schema: TypeORM would change nothing in a migrated database', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();

    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });
});
