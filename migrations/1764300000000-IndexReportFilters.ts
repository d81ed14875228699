import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes behind the completion report (`GET /api/reports/completion`): workups opened in a
 * period, in opening order, optionally of one attending, one status or one overall result. The
 * low-cardinality filters lead their index so that the period stays a range scan within them.
 */
export class IndexReportFilters1764300000000 implements MigrationInterface {
  readonly name = 'IndexReportFilters1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX ix_workups_opened_at ON workups (opened_at, id)`,
    );
    await queryRunner.query(
      `CREATE INDEX ix_workups_attending_opened_at ON workups (attending_id, opened_at)`,
    );
    await queryRunner.query(
      `CREATE INDEX ix_workups_status_opened_at ON workups (status, opened_at)`,
    );
    await queryRunner.query(
      `CREATE INDEX ix_workups_overall_opened_at ON workups (overall, opened_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ix_workups_overall_opened_at`);
    await queryRunner.query(`DROP INDEX ix_workups_status_opened_at`);
    await queryRunner.query(`DROP INDEX ix_workups_attending_opened_at`);
    await queryRunner.query(`DROP INDEX ix_workups_opened_at`);
  }
}
