import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The history of verdicts (domain reference §5, "Corrections can retract a verdict" and "Rules
 * versions"): each evaluation snapshot records the version of the evaluation rules that produced
 * it and what caused it (an item action, a correction, a rules correction), beside the protocol
 * version it already had. Snapshots stored before this migration were produced by rules version 1;
 * their cause was not kept.
 *
 * `criteria_first_met_at` now holds only while the criteria are met, from when they became met on
 * results that still stand: a correction that retracted the verdict clears it. Existing rows are
 * brought in line from the snapshots: cleared where the workup no longer meets the criteria, and
 * for met workups taken from the first met snapshot after the last one that was not met.
 */
export class AddVerdictHistory1796795000000 implements MigrationInterface {
  readonly name = 'AddVerdictHistory1796795000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE workup_evaluations
        ADD COLUMN rules_version integer NOT NULL DEFAULT 1,
        ADD COLUMN cause text,
        ADD COLUMN item_key text`);
    // Every new snapshot must say which rules produced it.
    await queryRunner.query(
      `ALTER TABLE workup_evaluations ALTER COLUMN rules_version DROP DEFAULT`,
    );
    await queryRunner.query(`
      UPDATE workups SET criteria_first_met_at = NULL
       WHERE overall <> 'criteria_met' AND criteria_first_met_at IS NOT NULL`);
    await queryRunner.query(`
      UPDATE workups w SET criteria_first_met_at = s.first_met
        FROM (
          SELECT e.workup_id, min(e.evaluated_at) AS first_met
            FROM workup_evaluations e
           WHERE e.overall = 'criteria_met'
             AND e.id > coalesce((
                   SELECT max(x.id) FROM workup_evaluations x
                    WHERE x.workup_id = e.workup_id AND x.overall <> 'criteria_met'), 0)
           GROUP BY e.workup_id
        ) s
       WHERE w.id = s.workup_id AND w.overall = 'criteria_met'
         AND w.criteria_first_met_at IS DISTINCT FROM s.first_met`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The first-met stamps cleared by up() are not restored: they described retracted verdicts.
    await queryRunner.query(`
      ALTER TABLE workup_evaluations
        DROP COLUMN item_key,
        DROP COLUMN cause,
        DROP COLUMN rules_version`);
  }
}
