import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The phases after the workup (poems-followup.md): the diagnosis sign-off, staging and risk as
 * recorded series (every record kept; the newest is current), treatment lines, the follow-up
 * schedule's instances, follow-up results as a series per item and patient (a correction is a new
 * row naming the one it corrects, never an overwrite), and one history table for every step.
 */
export class CreateFollowup1796641779970 implements MigrationInterface {
  readonly name = 'CreateFollowup1796641779970';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE diagnoses (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL,
        workup_id uuid NOT NULL,
        diagnosis_date date NOT NULL,
        signed_off_by uuid,
        signed_off_at timestamptz NOT NULL DEFAULT now(),
        protocol_key text NOT NULL,
        protocol_version integer NOT NULL,
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT pk_diagnoses PRIMARY KEY (id),
        CONSTRAINT fk_diagnoses_patient FOREIGN KEY (patient_id) REFERENCES patients (id) ON DELETE RESTRICT,
        CONSTRAINT fk_diagnoses_workup FOREIGN KEY (workup_id) REFERENCES workups (id) ON DELETE RESTRICT,
        CONSTRAINT fk_diagnoses_signed_off_by FOREIGN KEY (signed_off_by) REFERENCES users (id) ON DELETE SET NULL
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_diagnoses_patient ON diagnoses (patient_id)`,
    );

    for (const table of ['staging_records', 'risk_records']) {
      await queryRunner.query(`
        CREATE TABLE ${table} (
          id uuid NOT NULL DEFAULT gen_random_uuid(),
          patient_id uuid NOT NULL,
          inputs jsonb NOT NULL,
          result jsonb NOT NULL,
          protocol_version integer NOT NULL,
          recorded_by uuid,
          recorded_at timestamptz NOT NULL DEFAULT now(),
          CONSTRAINT pk_${table} PRIMARY KEY (id),
          CONSTRAINT fk_${table}_patient FOREIGN KEY (patient_id) REFERENCES patients (id) ON DELETE RESTRICT,
          CONSTRAINT fk_${table}_recorded_by FOREIGN KEY (recorded_by) REFERENCES users (id) ON DELETE SET NULL
        )`);
      await queryRunner.query(
        `CREATE INDEX ix_${table}_patient ON ${table} (patient_id, recorded_at)`,
      );
    }

    await queryRunner.query(`
      CREATE TABLE treatment_lines (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL,
        line_number integer NOT NULL,
        intent text NOT NULL,
        regimen_class text NOT NULL,
        regimen_text text,
        induction_class text,
        start_date date NOT NULL,
        end_date date,
        transplant_date date,
        radiation_sites jsonb,
        stop_reason text,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT pk_treatment_lines PRIMARY KEY (id),
        CONSTRAINT fk_treatment_lines_patient FOREIGN KEY (patient_id) REFERENCES patients (id) ON DELETE RESTRICT,
        CONSTRAINT ck_treatment_lines_number CHECK (line_number >= 1),
        CONSTRAINT ck_treatment_lines_dates CHECK (end_date IS NULL OR end_date >= start_date)
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_treatment_lines_number ON treatment_lines (patient_id, line_number)`,
    );

    await queryRunner.query(`
      CREATE TABLE followup_results (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL,
        item_key text NOT NULL,
        instance_id uuid,
        performed_on date NOT NULL,
        result jsonb NOT NULL,
        corrects_id uuid,
        recorded_by uuid,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_followup_results PRIMARY KEY (id),
        CONSTRAINT fk_followup_results_patient FOREIGN KEY (patient_id) REFERENCES patients (id) ON DELETE RESTRICT,
        CONSTRAINT fk_followup_results_corrects FOREIGN KEY (corrects_id) REFERENCES followup_results (id) ON DELETE RESTRICT
      )`);
    await queryRunner.query(
      `CREATE INDEX ix_followup_results_series ON followup_results (patient_id, item_key, performed_on)`,
    );
    // A result is corrected once; a second correction corrects the correction.
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_followup_results_corrects ON followup_results (corrects_id) WHERE corrects_id IS NOT NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE followup_instances (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL,
        line_id uuid NOT NULL,
        item_key text NOT NULL,
        time_point text NOT NULL,
        target_date date NOT NULL,
        due_date date NOT NULL,
        window_start date NOT NULL,
        range_end date NOT NULL,
        conditional boolean NOT NULL,
        active boolean NOT NULL,
        activated boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'planned',
        action_status text NOT NULL DEFAULT 'planned',
        reason text,
        scheduled_at timestamptz,
        location text,
        performed_at timestamptz,
        closed_by_result_id text,
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT pk_followup_instances PRIMARY KEY (id),
        CONSTRAINT fk_followup_instances_patient FOREIGN KEY (patient_id) REFERENCES patients (id) ON DELETE RESTRICT,
        CONSTRAINT fk_followup_instances_line FOREIGN KEY (line_id) REFERENCES treatment_lines (id) ON DELETE RESTRICT,
        CONSTRAINT ck_followup_instances_status CHECK (status IN ('planned', 'ordered', 'scheduled', 'performed', 'resulted', 'reviewed', 'cancelled', 'not_indicated')),
        CONSTRAINT ck_followup_instances_action_status CHECK (action_status IN ('planned', 'ordered', 'scheduled', 'performed', 'resulted', 'reviewed', 'cancelled', 'not_indicated'))
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_followup_instances_key ON followup_instances (line_id, item_key, time_point)`,
    );
    await queryRunner.query(
      `CREATE INDEX ix_followup_instances_patient ON followup_instances (patient_id)`,
    );
    // The worklist reads open, active instances by due date.
    await queryRunner.query(
      `CREATE INDEX ix_followup_instances_worklist ON followup_instances (due_date)
         WHERE active AND status IN ('planned', 'ordered', 'scheduled', 'performed')`,
    );

    await queryRunner.query(`
      CREATE TABLE followup_history (
        id bigint GENERATED ALWAYS AS IDENTITY,
        patient_id uuid NOT NULL,
        entity_type text NOT NULL,
        entity_id uuid NOT NULL,
        action text NOT NULL,
        from_status text,
        to_status text,
        actor_id uuid,
        actor_role text,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        reason text,
        details jsonb,
        CONSTRAINT pk_followup_history PRIMARY KEY (id),
        CONSTRAINT fk_followup_history_patient FOREIGN KEY (patient_id) REFERENCES patients (id) ON DELETE RESTRICT
      )`);
    await queryRunner.query(
      `CREATE INDEX ix_followup_history_entity ON followup_history (entity_id, id)`,
    );
    await queryRunner.query(
      `CREATE INDEX ix_followup_history_patient ON followup_history (patient_id, id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'followup_history',
      'followup_instances',
      'followup_results',
      'treatment_lines',
      'risk_records',
      'staging_records',
      'diagnoses',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
