import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Patient search finds MRN fragments ("0003" in "MRN-0003") and name words after the first
 * ("ortiz" in "nunez-ortiz"): infix patterns, which btree prefix indexes cannot serve. Trigram
 * GIN indexes can (pg_trgm is a contrib extension marked trusted since PostgreSQL 13, so the
 * database owner may create it without superuser rights).
 */
export class TrigramPatientSearch1796750000000 implements MigrationInterface {
  readonly name = 'TrigramPatientSearch1796750000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    for (const column of ['mrn', 'given', 'family']) {
      await queryRunner.query(
        `CREATE INDEX ix_patients_${column}_search_trgm ON patients USING gin (${column}_search gin_trgm_ops)`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const column of ['mrn', 'given', 'family']) {
      await queryRunner.query(`DROP INDEX ix_patients_${column}_search_trgm`);
    }
    // Nothing else of this schema uses trigrams: a full revert leaves no objects behind.
    await queryRunner.query(`DROP EXTENSION IF EXISTS pg_trgm`);
  }
}
