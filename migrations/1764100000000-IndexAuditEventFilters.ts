import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes behind the audit-log API: each filter of `GET /api/audit-events` with the default
 * newest-first order, and the queue of events the sealer has yet to chain. The patient filter
 * already has ix_audit_events_patient_id.
 */
export class IndexAuditEventFilters1764100000000 implements MigrationInterface {
  readonly name = 'IndexAuditEventFilters1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Time windows and the default sort (-occurredAt, ties by id) read this index backwards.
    await queryRunner.query(
      `CREATE INDEX ix_audit_events_occurred_at ON audit_events (occurred_at, id)`,
    );
    await queryRunner.query(
      `CREATE INDEX ix_audit_events_actor_id ON audit_events (actor_id, occurred_at)`,
    );
    await queryRunner.query(
      `CREATE INDEX ix_audit_events_action ON audit_events (action, occurred_at)`,
    );
    await queryRunner.query(
      `CREATE INDEX ix_audit_events_entity ON audit_events (entity_type, entity_id)`,
    );
    // Failures are rare, so a partial index finds them without indexing every success.
    await queryRunner.query(
      `CREATE INDEX ix_audit_events_failures ON audit_events (occurred_at) WHERE outcome = 'failure'`,
    );
    // Sealed rows leave this index, so it stays as small as the backlog whatever the log's size.
    await queryRunner.query(
      `CREATE INDEX ix_audit_events_unsealed ON audit_events (id) WHERE chain_seq IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ix_audit_events_unsealed`);
    await queryRunner.query(`DROP INDEX ix_audit_events_failures`);
    await queryRunner.query(`DROP INDEX ix_audit_events_entity`);
    await queryRunner.query(`DROP INDEX ix_audit_events_action`);
    await queryRunner.query(`DROP INDEX ix_audit_events_actor_id`);
    await queryRunner.query(`DROP INDEX ix_audit_events_occurred_at`);
  }
}
