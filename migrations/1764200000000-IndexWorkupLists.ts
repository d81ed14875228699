import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes behind the patient list and the worklist, so a page costs the same at 10 000 or
 * 1 000 000 rows: the patient list's order (C collation: byte order, the same on every server),
 * and one partial index per status-based worklist bucket, ordered by due date. The due-date
 * buckets use ix_workup_items_due_date_open from the initial schema.
 */
export class IndexWorkupLists1764200000000 implements MigrationInterface {
  readonly name = 'IndexWorkupLists1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE INDEX ix_patients_list_order
      ON patients (family_search COLLATE "C", given_search COLLATE "C", id)`);
    await queryRunner.query(`
      CREATE INDEX ix_workup_items_unscheduled ON workup_items (due_date, id)
      WHERE active AND status IN ('planned', 'ordered')`);
    await queryRunner.query(`
      CREATE INDEX ix_workup_items_awaiting_result ON workup_items (due_date, id)
      WHERE active AND status = 'performed'`);
    await queryRunner.query(`
      CREATE INDEX ix_workup_items_awaiting_review ON workup_items (due_date, id)
      WHERE active AND status = 'resulted'`);
    await queryRunner.query(`
      CREATE INDEX ix_workup_evaluations_workup_latest ON workup_evaluations (workup_id, id DESC)`);
    await queryRunner.query(`DROP INDEX ix_workup_evaluations_workup_id`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX ix_workup_evaluations_workup_id ON workup_evaluations (workup_id)`,
    );
    await queryRunner.query(`DROP INDEX ix_workup_evaluations_workup_latest`);
    await queryRunner.query(`DROP INDEX ix_workup_items_awaiting_review`);
    await queryRunner.query(`DROP INDEX ix_workup_items_awaiting_result`);
    await queryRunner.query(`DROP INDEX ix_workup_items_unscheduled`);
    await queryRunner.query(`DROP INDEX ix_patients_list_order`);
  }
}
