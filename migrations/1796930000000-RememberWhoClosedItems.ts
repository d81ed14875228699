import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who cancelled an item or marked it not indicated, by name as it read when they did (issue #13
 * §5: explanations name closed items "with who and why"). Kept on the item like its reason, so
 * every evaluation — recorded, viewed or re-run at start-up — can name them without reading the
 * item's history. Existing closed items take the name from their latest closing history step.
 */
export class RememberWhoClosedItems1796930000000 implements MigrationInterface {
  readonly name = 'RememberWhoClosedItems1796930000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE workup_items ADD COLUMN closed_by_name text`,
    );
    await queryRunner.query(`
      UPDATE workup_items i
         SET closed_by_name = h.display_name
        FROM (SELECT DISTINCT ON (ih.item_id) ih.item_id, ih.to_status, u.display_name
                FROM item_history ih
                JOIN users u ON u.id = ih.actor_id
               WHERE ih.to_status IN ('cancelled', 'not_indicated')
               ORDER BY ih.item_id, ih.recorded_at DESC, ih.id DESC) h
       WHERE h.item_id = i.id AND i.status = h.to_status`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE workup_items DROP COLUMN closed_by_name`,
    );
  }
}
