import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the follow-up report needs from each patient's evaluation, kept beside the follow-up so the
 * report is one SQL statement at 100 000 patients (issue #19) instead of an evaluation per
 * patient. Written in the transaction of every follow-up change, from the domain's evaluation:
 * per patient and response domain, the time points assessed on the day of the change and the days
 * on which the others become assessed without any further change (the end of their range, when a
 * time point without a result becomes not evaluable); per patient, the latest line's
 * relapse/progression event. Patients signed off before this migration are evaluated once at
 * start-up (`FollowupReportBackfill`): the evaluation is the domain's, which SQL cannot run.
 */
export class KeepFollowupReportFacts1796950000000
  implements MigrationInterface
{
  readonly name = 'KeepFollowupReportFacts1796950000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE followup_report_facts (
        patient_id uuid NOT NULL,
        evaluated_on date NOT NULL,
        event text,
        CONSTRAINT pk_followup_report_facts PRIMARY KEY (patient_id),
        CONSTRAINT fk_followup_report_facts_patient FOREIGN KEY (patient_id) REFERENCES patients (id) ON DELETE CASCADE,
        CONSTRAINT ck_followup_report_facts_event CHECK (event IN ('relapse', 'progression'))
      )`);
    await queryRunner.query(`
      CREATE TABLE followup_assessed_time_points (
        patient_id uuid NOT NULL,
        domain text NOT NULL,
        assessed integer NOT NULL,
        assessed_later date[] NOT NULL,
        CONSTRAINT pk_followup_assessed_time_points PRIMARY KEY (patient_id, domain),
        CONSTRAINT fk_followup_assessed_time_points_facts FOREIGN KEY (patient_id) REFERENCES followup_report_facts (patient_id) ON DELETE CASCADE,
        CONSTRAINT ck_followup_assessed_time_points_domain CHECK (domain IN ('vegf', 'hematologic', 'radiographic', 'neurological')),
        CONSTRAINT ck_followup_assessed_time_points_assessed CHECK (assessed >= 0)
      )`);
    // The report counts done and overdue instances per patient.
    await queryRunner.query(
      `CREATE INDEX ix_followup_instances_report ON followup_instances (patient_id) INCLUDE (status, due_date, closed_by_result_id) WHERE active`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ix_followup_instances_report`);
    await queryRunner.query(`DROP TABLE followup_assessed_time_points`);
    await queryRunner.query(`DROP TABLE followup_report_facts`);
  }
}
