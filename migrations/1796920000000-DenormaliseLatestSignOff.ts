import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The latest sign-off of each workup, copied onto the workup (issue #16 §7, sign-off in reports):
 * the completion report streams every workup of a period, and reading the sign-off table per row
 * made that stream slower and kept its cursor busy. The sign-off and the outdating of one write
 * these columns in the same transaction as the sign-off table; existing sign-offs are copied here.
 */
export class DenormaliseLatestSignOff1796920000000
  implements MigrationInterface
{
  readonly name = 'DenormaliseLatestSignOff1796920000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE workups
        ADD COLUMN signed_off_at timestamptz,
        ADD COLUMN signed_off_by uuid,
        ADD COLUMN sign_off_outdated_at timestamptz,
        ADD CONSTRAINT fk_workups_signed_off_by FOREIGN KEY (signed_off_by)
          REFERENCES users (id) ON DELETE SET NULL`);
    // The same order as the API's latest sign-off: newest signed_at, then id.
    await queryRunner.query(`
      UPDATE workups w
         SET signed_off_at = s.signed_at,
             signed_off_by = s.signed_by,
             sign_off_outdated_at = s.outdated_at
        FROM (SELECT DISTINCT ON (workup_id) workup_id, signed_at, signed_by, outdated_at
                FROM workup_sign_offs
               ORDER BY workup_id, signed_at DESC, id DESC) s
       WHERE s.workup_id = w.id`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE workups
        DROP COLUMN sign_off_outdated_at,
        DROP COLUMN signed_off_by,
        DROP COLUMN signed_off_at`);
  }
}
