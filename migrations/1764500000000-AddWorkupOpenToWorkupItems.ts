import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The worklist's partial indexes, by name: the predicate of each before and after this migration. */
const WORKLIST_INDEXES = [
  {
    name: 'ix_workup_items_due_date_open',
    columns: '(due_date)',
    where: `status IN ('planned', 'ordered', 'scheduled', 'performed')`,
  },
  {
    name: 'ix_workup_items_unscheduled',
    columns: '(due_date, id)',
    where: `status IN ('planned', 'ordered')`,
  },
  {
    name: 'ix_workup_items_awaiting_result',
    columns: '(due_date, id)',
    where: `status = 'performed'`,
  },
  {
    name: 'ix_workup_items_awaiting_review',
    columns: '(due_date, id)',
    where: `status = 'resulted'`,
  },
];

/**
 * Copies "the item's workup is open" onto each item (`workup_open`, kept by closing and reopening
 * the workup) so that the worklist's partial indexes hold only items a worklist can show. Before,
 * items left open in closed workups filled the same indexes: a page or a count had to look each
 * entry's workup up and skip it, and the share of such entries grows with the clinic's history.
 */
export class AddWorkupOpenToWorkupItems1764500000000
  implements MigrationInterface
{
  readonly name = 'AddWorkupOpenToWorkupItems1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE workup_items ADD COLUMN workup_open boolean NOT NULL DEFAULT true`,
    );
    await queryRunner.query(`
      UPDATE workup_items i SET workup_open = false
        FROM workups w WHERE w.id = i.workup_id AND w.status = 'closed'`);
    for (const index of WORKLIST_INDEXES) {
      await queryRunner.query(`DROP INDEX ${index.name}`);
      await queryRunner.query(
        `CREATE INDEX ${index.name} ON workup_items ${index.columns} WHERE active AND workup_open AND ${index.where}`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of WORKLIST_INDEXES) {
      await queryRunner.query(`DROP INDEX ${index.name}`);
      await queryRunner.query(
        `CREATE INDEX ${index.name} ON workup_items ${index.columns} WHERE active AND ${index.where}`,
      );
    }
    await queryRunner.query(`ALTER TABLE workup_items DROP COLUMN workup_open`);
  }
}
