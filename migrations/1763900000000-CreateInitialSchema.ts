import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The initial schema: users, patients, workups with their items, item history and evaluation log,
 * and the append-only audit log. UUIDs come from gen_random_uuid(), built into PostgreSQL 13+.
 */
export class CreateInitialSchema1763900000000 implements MigrationInterface {
  readonly name = 'CreateInitialSchema1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE users (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        username text NOT NULL,
        display_name text NOT NULL,
        role text NOT NULL,
        password_hash text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        failed_login_count integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT pk_users PRIMARY KEY (id),
        CONSTRAINT ck_users_role CHECK (role IN ('hematologist', 'coordinator', 'auditor', 'admin'))
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_users_username_lower ON users (lower(username))`,
    );

    await queryRunner.query(`
      CREATE TABLE patients (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        mrn text NOT NULL,
        given_name text NOT NULL,
        family_name text NOT NULL,
        birth_date date NOT NULL,
        sex text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        created_by uuid,
        mrn_search text NOT NULL,
        given_search text NOT NULL,
        family_search text NOT NULL,
        CONSTRAINT pk_patients PRIMARY KEY (id),
        CONSTRAINT uq_patients_mrn UNIQUE (mrn),
        CONSTRAINT ck_patients_sex CHECK (sex IN ('female', 'male', 'other', 'unknown')),
        CONSTRAINT fk_patients_created_by FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL
      )`);
    // text_pattern_ops lets prefix searches (LIKE 'abc%') use the index whatever the collation.
    await queryRunner.query(
      `CREATE INDEX ix_patients_mrn_search ON patients (mrn_search text_pattern_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX ix_patients_given_search ON patients (given_search text_pattern_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX ix_patients_family_search ON patients (family_search text_pattern_ops)`,
    );

    await queryRunner.query(`
      CREATE TABLE workups (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'open',
        protocol_key text NOT NULL,
        protocol_version integer NOT NULL,
        opened_at timestamptz NOT NULL DEFAULT now(),
        opened_by uuid,
        closed_at timestamptz,
        close_reason text,
        attending_id uuid,
        overall text NOT NULL DEFAULT 'incomplete',
        completion_done integer NOT NULL DEFAULT 0,
        completion_closed integer NOT NULL DEFAULT 0,
        completion_total integer NOT NULL DEFAULT 0,
        criteria_first_met_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_workups PRIMARY KEY (id),
        CONSTRAINT ck_workups_status CHECK (status IN ('open', 'closed')),
        CONSTRAINT ck_workups_overall CHECK (overall IN ('criteria_met', 'criteria_not_met', 'incomplete')),
        CONSTRAINT fk_workups_patient FOREIGN KEY (patient_id) REFERENCES patients (id) ON DELETE RESTRICT,
        CONSTRAINT fk_workups_opened_by FOREIGN KEY (opened_by) REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT fk_workups_attending FOREIGN KEY (attending_id) REFERENCES users (id) ON DELETE SET NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX ix_workups_patient_id ON workups (patient_id)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_workups_one_open_per_patient ON workups (patient_id) WHERE status = 'open'`,
    );

    await queryRunner.query(`
      CREATE TABLE workup_items (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        workup_id uuid NOT NULL,
        key text NOT NULL,
        required boolean NOT NULL,
        active boolean NOT NULL,
        status text NOT NULL DEFAULT 'planned',
        due_date date,
        scheduled_at timestamptz,
        location text,
        performed_at timestamptz,
        resulted_at timestamptz,
        reviewed_at timestamptz,
        reviewed_by uuid,
        result jsonb,
        findings jsonb NOT NULL DEFAULT '[]',
        reason text,
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid,
        CONSTRAINT pk_workup_items PRIMARY KEY (id),
        CONSTRAINT uq_workup_items_workup_key UNIQUE (workup_id, key),
        CONSTRAINT ck_workup_items_status CHECK (status IN (
          'planned', 'ordered', 'scheduled', 'performed', 'resulted', 'reviewed', 'cancelled', 'not_indicated'
        )),
        CONSTRAINT fk_workup_items_workup FOREIGN KEY (workup_id) REFERENCES workups (id) ON DELETE CASCADE
      )`);
    // The worklist only ever lists active items that are still open.
    await queryRunner.query(`
      CREATE INDEX ix_workup_items_due_date_open ON workup_items (due_date)
      WHERE active AND status IN ('planned', 'ordered', 'scheduled', 'performed')`);
    await queryRunner.query(
      `CREATE INDEX ix_workup_items_status ON workup_items (status)`,
    );

    await queryRunner.query(`
      CREATE TABLE item_history (
        id bigint GENERATED ALWAYS AS IDENTITY,
        item_id uuid NOT NULL,
        workup_id uuid NOT NULL,
        action text NOT NULL,
        from_status text,
        to_status text NOT NULL,
        actor_id uuid,
        actor_role text,
        effective_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        reason text,
        details jsonb,
        CONSTRAINT pk_item_history PRIMARY KEY (id),
        CONSTRAINT fk_item_history_item FOREIGN KEY (item_id) REFERENCES workup_items (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX ix_item_history_item_id ON item_history (item_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX ix_item_history_workup_id ON item_history (workup_id)`,
    );

    await queryRunner.query(`
      CREATE TABLE workup_evaluations (
        id bigint GENERATED ALWAYS AS IDENTITY,
        workup_id uuid NOT NULL,
        evaluated_at timestamptz NOT NULL,
        overall text NOT NULL,
        criteria jsonb NOT NULL,
        flags jsonb NOT NULL,
        protocol_key text NOT NULL,
        protocol_version integer NOT NULL,
        CONSTRAINT pk_workup_evaluations PRIMARY KEY (id),
        CONSTRAINT fk_workup_evaluations_workup FOREIGN KEY (workup_id) REFERENCES workups (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX ix_workup_evaluations_workup_id ON workup_evaluations (workup_id)`,
    );

    // No foreign keys: the audit log outlives the rows it mentions.
    await queryRunner.query(`
      CREATE TABLE audit_events (
        id bigint GENERATED ALWAYS AS IDENTITY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid,
        actor_role text,
        action text NOT NULL,
        outcome text NOT NULL,
        patient_id uuid,
        entity_type text,
        entity_id text,
        diff jsonb,
        request_id text,
        client_ip text,
        details jsonb,
        chain_seq bigint,
        prev_hash text,
        hash text,
        CONSTRAINT pk_audit_events PRIMARY KEY (id),
        CONSTRAINT uq_audit_events_chain_seq UNIQUE (chain_seq),
        CONSTRAINT ck_audit_events_outcome CHECK (outcome IN ('success', 'failure'))
      )`);
    await queryRunner.query(
      `CREATE INDEX ix_audit_events_patient_id ON audit_events (patient_id)`,
    );
    // Comparing the rows as JSON minus the seal columns keeps columns added later protected too.
    await queryRunner.query(`
      CREATE FUNCTION audit_events_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE'
          AND OLD.chain_seq IS NULL AND OLD.prev_hash IS NULL AND OLD.hash IS NULL
          AND NEW.chain_seq IS NOT NULL AND NEW.hash IS NOT NULL
          AND to_jsonb(NEW) - 'chain_seq' - 'prev_hash' - 'hash' = to_jsonb(OLD) - 'chain_seq' - 'prev_hash' - 'hash'
        THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER trg_audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_guard()`);
    // TRUNCATE bypasses row triggers.
    await queryRunner.query(`
      CREATE TRIGGER trg_audit_events_no_truncate BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_guard()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_events`);
    await queryRunner.query(`DROP FUNCTION audit_events_guard()`);
    await queryRunner.query(`DROP TABLE workup_evaluations`);
    await queryRunner.query(`DROP TABLE item_history`);
    await queryRunner.query(`DROP TABLE workup_items`);
    await queryRunner.query(`DROP TABLE workups`);
    await queryRunner.query(`DROP TABLE patients`);
    await queryRunner.query(`DROP TABLE users`);
  }
}
