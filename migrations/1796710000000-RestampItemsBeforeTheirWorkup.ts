import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Items were stamped (`updated_at`) by the database's transaction start while their workup's
 * `opened_at` came from the service's clock a moment later, so an item never changed since the
 * workup opened "predated" it — and its FHIR Task broke invariant inv-1 (lastModified before
 * authoredOn). The service now stamps both from one clock; this repairs the rows written before.
 * The version is left alone: the item itself did not change.
 */
export class RestampItemsBeforeTheirWorkup1796710000000
  implements MigrationInterface
{
  readonly name = 'RestampItemsBeforeTheirWorkup1796710000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      UPDATE workup_items i SET updated_at = w.opened_at
        FROM workups w
       WHERE w.id = i.workup_id AND i.updated_at < w.opened_at`);
  }

  async down(): Promise<void> {
    // The earlier stamps were wrong and are not kept: nothing to restore.
  }
}
