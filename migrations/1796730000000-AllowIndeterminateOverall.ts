import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A fourth overall result, `indeterminate` (domain reference §5): the criteria can be met only by
 * repeating or clarifying a result that could not be judged. Until now such workups were stored
 * as `criteria_not_met`, which told teams the diagnosis was ruled out.
 */
export class AllowIndeterminateOverall1796730000000
  implements MigrationInterface
{
  readonly name = 'AllowIndeterminateOverall1796730000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE workups DROP CONSTRAINT ck_workups_overall`,
    );
    await queryRunner.query(
      `ALTER TABLE workups ADD CONSTRAINT ck_workups_overall
         CHECK (overall IN ('criteria_met', 'criteria_not_met', 'indeterminate', 'incomplete'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // An indeterminate workup has no faithful older reading; incomplete is the one that does not
    // claim a verdict.
    await queryRunner.query(
      `UPDATE workups SET overall = 'incomplete' WHERE overall = 'indeterminate'`,
    );
    await queryRunner.query(
      `UPDATE workup_evaluations SET overall = 'incomplete' WHERE overall = 'indeterminate'`,
    );
    await queryRunner.query(
      `ALTER TABLE workups DROP CONSTRAINT ck_workups_overall`,
    );
    await queryRunner.query(
      `ALTER TABLE workups ADD CONSTRAINT ck_workups_overall
         CHECK (overall IN ('criteria_met', 'criteria_not_met', 'incomplete'))`,
    );
  }
}
