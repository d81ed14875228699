import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes the completion report's per-workup probes read without touching the tables: the item
 * counts, overdue weeks and turnaround of each workup in the period (INCLUDE columns make them
 * index-only scans), and the first order or schedule of an item (the turnaround's start).
 * Measured on the 100 000-patient benchmark database, 30-day period: summary 1.0 s → 0.5 s,
 * turnaround 0.73 s → 0.48 s.
 */
export class IndexCompletionReportProbes1764600000000
  implements MigrationInterface
{
  readonly name = 'IndexCompletionReportProbes1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX ix_workup_items_report_probe ON workup_items (workup_id)
         INCLUDE (active, status, due_date, resulted_at, id, key)`,
    );
    await queryRunner.query(
      `CREATE INDEX ix_item_history_first_order ON item_history (item_id, effective_at)
         WHERE action IN ('order', 'schedule')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ix_item_history_first_order`);
    await queryRunner.query(`DROP INDEX ix_workup_items_report_probe`);
  }
}
