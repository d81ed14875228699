import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { typeOrmOptions } from './typeorm-options';

/**
 * The one TypeORM DataSource, through @nestjs/typeorm (v11: v12 is ESM-only and cannot be loaded
 * by Jest's CommonJS runtime). Feature modules use `TypeOrmModule.forFeature` or inject DataSource.
 */
@Module({})
export class DatabaseModule {
  static forRoot(databaseUrl: string, poolSize: number): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          ...typeOrmOptions(databaseUrl, poolSize),
          // Start-up fails at once when the database is down; main.ts reports it.
          retryAttempts: 0,
        }),
      ],
      exports: [TypeOrmModule],
    };
  }
}
