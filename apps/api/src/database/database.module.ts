import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { READ_DATA_SOURCE, ReadDatabase } from './read-database';
import { RuntimePrivileges } from './runtime-privileges';
import { typeOrmOptions } from './typeorm-options';

/**
 * The TypeORM DataSource of the primary, through @nestjs/typeorm (v11: v12 is ESM-only and cannot
 * be loaded by Jest's CommonJS runtime), and the {@link ReadDatabase}: a second, named DataSource
 * on the read replica when `readUrl` is given, else the primary again. Feature modules use
 * `TypeOrmModule.forFeature`, inject DataSource, or inject ReadDatabase for lag-tolerant reads.
 */
@Module({})
export class DatabaseModule {
  static forRoot(
    databaseUrl: string,
    poolSize: number,
    readUrl?: string,
    connectTimeoutMs?: number,
  ): DynamicModule {
    const primary = TypeOrmModule.forRoot({
      ...typeOrmOptions(databaseUrl, poolSize, connectTimeoutMs),
      // Start-up fails at once when the database is down; main.ts reports it.
      retryAttempts: 0,
    });
    const replica =
      readUrl === undefined
        ? []
        : [
            TypeOrmModule.forRoot({
              ...typeOrmOptions(readUrl, poolSize, connectTimeoutMs),
              name: READ_DATA_SOURCE,
              applicationName: 'poems-api-read',
              // Migrations are the primary's business; a replica follows it.
              migrations: [],
              retryAttempts: 0,
            }),
          ];
    const readDatabase: Provider = {
      provide: ReadDatabase,
      inject: [
        getDataSourceToken(),
        ...(readUrl === undefined
          ? []
          : [getDataSourceToken(READ_DATA_SOURCE)]),
      ],
      useFactory: (main: DataSource, read?: DataSource) =>
        new ReadDatabase(read ?? main, read !== undefined),
    };
    return {
      module: DatabaseModule,
      global: true,
      imports: [primary, ...replica],
      providers: [readDatabase, RuntimePrivileges],
      exports: [TypeOrmModule, ReadDatabase],
    };
  }
}
