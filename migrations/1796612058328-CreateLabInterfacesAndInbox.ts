import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Results that arrive from laboratories (HL7 v2 over MLLP, FHIR R4): the interfaces and their
 * service identities (role `interface`) and API keys, every inbound message with its raw copy
 * (AES-256-GCM, purged after the retention period) and the ACK it was answered with, the results
 * applied from them (the key corrections are found by), the review inbox, and where each item's
 * current result came from.
 */
export class CreateLabInterfacesAndInbox1796612058328
  implements MigrationInterface
{
  readonly name = 'CreateLabInterfacesAndInbox1796612058328';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE users DROP CONSTRAINT ck_users_role`);
    await queryRunner.query(
      `ALTER TABLE users ADD CONSTRAINT ck_users_role
         CHECK (role IN ('hematologist', 'coordinator', 'auditor', 'admin', 'interface'))`,
    );
    await queryRunner.query(
      `ALTER TABLE workup_items ADD COLUMN result_source jsonb`,
    );

    await queryRunner.query(`
      CREATE TABLE lab_interfaces (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name text NOT NULL,
        sending_application text NOT NULL,
        sending_facility text NOT NULL,
        user_id uuid NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        time_zone text,
        tls_subject text,
        mapping jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT pk_lab_interfaces PRIMARY KEY (id),
        CONSTRAINT fk_lab_interfaces_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE RESTRICT
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_lab_interfaces_name ON lab_interfaces (lower(name))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_lab_interfaces_sender ON lab_interfaces (sending_application, sending_facility)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_lab_interfaces_user ON lab_interfaces (user_id)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_lab_interfaces_tls_subject ON lab_interfaces (tls_subject) WHERE tls_subject IS NOT NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE interface_api_keys (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        interface_id uuid NOT NULL,
        key_sha256 bytea NOT NULL,
        prefix text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        revoked_at timestamptz,
        last_used_at timestamptz,
        CONSTRAINT pk_interface_api_keys PRIMARY KEY (id),
        CONSTRAINT fk_interface_api_keys_interface FOREIGN KEY (interface_id) REFERENCES lab_interfaces (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_interface_api_keys_hash ON interface_api_keys (key_sha256)`,
    );
    await queryRunner.query(
      `CREATE INDEX ix_interface_api_keys_interface ON interface_api_keys (interface_id)`,
    );

    await queryRunner.query(`
      CREATE TABLE inbound_messages (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        interface_id uuid NOT NULL,
        protocol text NOT NULL,
        sending_application text NOT NULL,
        sending_facility text NOT NULL,
        control_id text NOT NULL,
        content_sha256 bytea NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        raw bytea,
        raw_purged_at timestamptz,
        ack text NOT NULL,
        ack_code text NOT NULL,
        applied integer NOT NULL DEFAULT 0,
        held integer NOT NULL DEFAULT 0,
        patient_id uuid,
        CONSTRAINT pk_inbound_messages PRIMARY KEY (id),
        CONSTRAINT fk_inbound_messages_interface FOREIGN KEY (interface_id) REFERENCES lab_interfaces (id) ON DELETE RESTRICT,
        CONSTRAINT fk_inbound_messages_patient FOREIGN KEY (patient_id) REFERENCES patients (id) ON DELETE SET NULL,
        CONSTRAINT ck_inbound_messages_protocol CHECK (protocol IN ('hl7v2', 'fhir')),
        CONSTRAINT ck_inbound_messages_ack_code CHECK (ack_code IN ('AA', 'AE', 'AR'))
      )`);
    // The database decides duplicates, whichever replica received them.
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_inbound_messages_key
         ON inbound_messages (interface_id, sending_application, sending_facility, control_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX ix_inbound_messages_received_at ON inbound_messages (received_at)`,
    );
    await queryRunner.query(
      `CREATE INDEX ix_inbound_messages_patient ON inbound_messages (patient_id)`,
    );

    await queryRunner.query(`
      CREATE TABLE inbound_results (
        id bigint GENERATED ALWAYS AS IDENTITY,
        message_id uuid NOT NULL,
        interface_id uuid NOT NULL,
        filler_order text NOT NULL,
        loinc text NOT NULL,
        sub_id text NOT NULL,
        workup_id uuid NOT NULL,
        item_key text NOT NULL,
        patient_id uuid NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_inbound_results PRIMARY KEY (id),
        CONSTRAINT fk_inbound_results_message FOREIGN KEY (message_id) REFERENCES inbound_messages (id) ON DELETE CASCADE,
        CONSTRAINT fk_inbound_results_workup FOREIGN KEY (workup_id) REFERENCES workups (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX ix_inbound_results_key ON inbound_results (interface_id, patient_id, filler_order, loinc, sub_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX ix_inbound_results_message ON inbound_results (message_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX ix_inbound_results_workup ON inbound_results (workup_id)`,
    );

    await queryRunner.query(`
      CREATE TABLE inbox_entries (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        message_id uuid NOT NULL,
        interface_id uuid NOT NULL,
        reason text NOT NULL,
        priority integer NOT NULL,
        status text NOT NULL DEFAULT 'open',
        detail text NOT NULL,
        filler_order text,
        item_key text,
        patient_id uuid,
        workup_id uuid,
        sent_patient jsonb NOT NULL,
        proposal jsonb NOT NULL,
        observations jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz,
        decided_by uuid,
        decision_reason text,
        applied_workup_id uuid,
        applied_item_key text,
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT pk_inbox_entries PRIMARY KEY (id),
        CONSTRAINT fk_inbox_entries_message FOREIGN KEY (message_id) REFERENCES inbound_messages (id) ON DELETE CASCADE,
        CONSTRAINT fk_inbox_entries_patient FOREIGN KEY (patient_id) REFERENCES patients (id) ON DELETE SET NULL,
        CONSTRAINT fk_inbox_entries_decided_by FOREIGN KEY (decided_by) REFERENCES users (id) ON DELETE RESTRICT,
        CONSTRAINT ck_inbox_entries_status CHECK (status IN ('open', 'applied', 'dismissed'))
      )`);
    await queryRunner.query(
      `CREATE INDEX ix_inbox_entries_queue ON inbox_entries (status, priority, created_at)`,
    );
    await queryRunner.query(
      `CREATE INDEX ix_inbox_entries_message ON inbox_entries (message_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX ix_inbox_entries_patient ON inbox_entries (patient_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE inbox_entries`);
    await queryRunner.query(`DROP TABLE inbound_results`);
    await queryRunner.query(`DROP TABLE inbound_messages`);
    await queryRunner.query(`DROP TABLE interface_api_keys`);
    await queryRunner.query(`DROP TABLE lab_interfaces`);
    await queryRunner.query(
      `ALTER TABLE workup_items DROP COLUMN result_source`,
    );
    await queryRunner.query(`DELETE FROM users WHERE role = 'interface'`);
    await queryRunner.query(`ALTER TABLE users DROP CONSTRAINT ck_users_role`);
    await queryRunner.query(
      `ALTER TABLE users ADD CONSTRAINT ck_users_role CHECK (role IN ('hematologist', 'coordinator', 'auditor', 'admin'))`,
    );
  }
}
