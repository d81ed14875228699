import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Months prepared ahead of the current one; the API keeps the same horizon (AuditPartitions). */
const MONTHS_AHEAD = 3;

/**
 * Oldest month that gets a partition of its own when existing rows are moved; anything older
 * (a clock that was wrong once) goes to the default partition rather than to hundreds of tiny ones.
 */
const MAX_MONTHS_BACK = 120;

/** The indexes of the audit log, on the partitioned table: PostgreSQL creates them on each partition. */
const INDEXES = [
  `CREATE INDEX ix_audit_events_patient_id ON audit_events (patient_id)`,
  `CREATE INDEX ix_audit_events_occurred_at ON audit_events (occurred_at, id)`,
  `CREATE INDEX ix_audit_events_actor_id ON audit_events (actor_id, occurred_at)`,
  `CREATE INDEX ix_audit_events_action ON audit_events (action, occurred_at)`,
  `CREATE INDEX ix_audit_events_entity ON audit_events (entity_type, entity_id)`,
  `CREATE INDEX ix_audit_events_failures ON audit_events (occurred_at) WHERE outcome = 'failure'`,
  `CREATE INDEX ix_audit_events_unsealed ON audit_events (id) WHERE chain_seq IS NULL`,
];

const INDEX_NAMES = [
  'ix_audit_events_patient_id',
  'ix_audit_events_occurred_at',
  'ix_audit_events_actor_id',
  'ix_audit_events_action',
  'ix_audit_events_entity',
  'ix_audit_events_failures',
  'ix_audit_events_unsealed',
];

const COLUMNS = `id, occurred_at, actor_id, actor_role, action, outcome, patient_id, entity_type,
  entity_id, diff, request_id, client_ip, details, chain_seq, prev_hash, hash`;

/**
 * Partitions the audit log by month of `occurred_at` (UTC), so that old months can be retired
 * whole (`npm run audit:retention`) and time-bounded searches touch only their months.
 *
 * - Partitions are named `audit_events_pYYYYMM`; `audit_events_default` takes any row no month
 *   partition covers, so an insert never fails. `audit_events_ensure_partition(month)` creates a
 *   month's partition idempotently and moves rows the default partition already holds for it;
 *   the migration prepares every month that has rows plus {@link MONTHS_AHEAD} ahead, and the API
 *   keeps that horizon at start and daily.
 * - The primary key must include the partition key: it becomes (id, occurred_at); ids still come
 *   from the one identity sequence, so they stay unique. `chain_seq` cannot keep a UNIQUE
 *   constraint (it would have to include occurred_at, which makes it meaningless): it is assigned
 *   only by the sealer under its advisory lock, and the verifier refuses a duplicate or a gap.
 * - The append-only row trigger, created on the partitioned table, is cloned by PostgreSQL onto
 *   every partition, present and future. TRUNCATE triggers are not: a TRUNCATE of one partition
 *   fires only that partition's, so each partition gets its own.
 */
export class PartitionAuditEventsByMonth1764400000000
  implements MigrationInterface
{
  readonly name = 'PartitionAuditEventsByMonth1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The old table is read once more, then dropped: its names are freed first.
    await queryRunner.query(
      `ALTER TABLE audit_events RENAME TO audit_events_unpartitioned`,
    );
    await queryRunner.query(
      `ALTER SEQUENCE audit_events_id_seq RENAME TO audit_events_unpartitioned_id_seq`,
    );
    for (const index of INDEX_NAMES) {
      await queryRunner.query(`DROP INDEX ${index}`);
    }
    await queryRunner.query(`
      ALTER TABLE audit_events_unpartitioned
        DROP CONSTRAINT pk_audit_events,
        DROP CONSTRAINT uq_audit_events_chain_seq,
        DROP CONSTRAINT ck_audit_events_outcome`);

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
        CONSTRAINT pk_audit_events PRIMARY KEY (id, occurred_at),
        CONSTRAINT ck_audit_events_outcome CHECK (outcome IN ('success', 'failure'))
      ) PARTITION BY RANGE (occurred_at)`);
    for (const index of INDEXES) {
      await queryRunner.query(index);
    }
    // The sealer reads the chain's head and the verifier walks it in this order.
    await queryRunner.query(
      `CREATE INDEX ix_audit_events_chain_seq ON audit_events (chain_seq)`,
    );
    await queryRunner.query(`
      CREATE TRIGGER trg_audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_guard()`);
    await queryRunner.query(`
      CREATE TRIGGER trg_audit_events_no_truncate BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_guard()`);
    await queryRunner.query(
      `CREATE TABLE audit_events_default PARTITION OF audit_events DEFAULT`,
    );
    await queryRunner.query(`
      CREATE TRIGGER trg_audit_events_no_truncate BEFORE TRUNCATE ON audit_events_default
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_guard()`);

    // Moving rows out of the default partition needs it detached for a moment: detaching drops
    // the cloned append-only trigger (re-attaching clones it again), and the parent's exclusive
    // lock keeps every writer out meanwhile. lock_timeout makes a caller give up rather than
    // queue every insert behind a long-running read of the log.
    await queryRunner.query(`
      CREATE FUNCTION audit_events_ensure_partition(month date) RETURNS boolean
      LANGUAGE plpgsql AS $$
      DECLARE
        first_day timestamp := date_trunc('month', month::timestamp);
        lower_bound timestamptz := first_day AT TIME ZONE 'UTC';
        upper_bound timestamptz := (first_day + interval '1 month') AT TIME ZONE 'UTC';
        partition_name text := 'audit_events_p' || to_char(first_day, 'YYYYMM');
        strays boolean;
      BEGIN
        IF to_regclass(partition_name) IS NOT NULL THEN
          RETURN false;
        END IF;
        SELECT EXISTS (SELECT 1 FROM audit_events_default
                        WHERE occurred_at >= lower_bound AND occurred_at < upper_bound)
          INTO strays;
        IF strays THEN
          ALTER TABLE audit_events DETACH PARTITION audit_events_default;
        END IF;
        EXECUTE format('CREATE TABLE %I PARTITION OF audit_events FOR VALUES FROM (%L) TO (%L)',
                       partition_name, lower_bound, upper_bound);
        EXECUTE format('CREATE TRIGGER trg_audit_events_no_truncate BEFORE TRUNCATE ON %I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION audit_events_guard()', partition_name);
        IF strays THEN
          INSERT INTO audit_events OVERRIDING SYSTEM VALUE
            SELECT * FROM audit_events_default
             WHERE occurred_at >= lower_bound AND occurred_at < upper_bound;
          DELETE FROM audit_events_default
           WHERE occurred_at >= lower_bound AND occurred_at < upper_bound;
          ALTER TABLE audit_events ATTACH PARTITION audit_events_default DEFAULT;
        END IF;
        RETURN true;
      END
      $$`);

    // Every month that holds events (within reach) and the months ahead; never the empty months
    // between an outlier and today.
    await queryRunner.query(
      `WITH this AS (SELECT date_trunc('month', now() AT TIME ZONE 'UTC') AS month)
       SELECT audit_events_ensure_partition(month::date)
         FROM (SELECT DISTINCT date_trunc('month', e.occurred_at AT TIME ZONE 'UTC') AS month
                 FROM audit_events_unpartitioned e, this
                WHERE e.occurred_at >= (this.month - make_interval(months => $1)) AT TIME ZONE 'UTC'
                  AND e.occurred_at < (this.month + make_interval(months => $2 + 1)) AT TIME ZONE 'UTC'
               UNION
               SELECT generate_series(this.month, this.month + make_interval(months => $2),
                                      interval '1 month')
                 FROM this) AS months
        ORDER BY month`,
      [MAX_MONTHS_BACK, MONTHS_AHEAD],
    );
    await queryRunner.query(`
      INSERT INTO audit_events (${COLUMNS}) OVERRIDING SYSTEM VALUE
      SELECT ${COLUMNS} FROM audit_events_unpartitioned`);
    await queryRunner.query(`
      SELECT setval(pg_get_serial_sequence('audit_events', 'id'),
                    coalesce((SELECT max(id) FROM audit_events), 0) + 1, false)`);
    // DROP fires no row trigger: the rows live on in the new table.
    await queryRunner.query(`DROP TABLE audit_events_unpartitioned`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_events_unpartitioned (
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
        hash text
      )`);
    await queryRunner.query(`
      INSERT INTO audit_events_unpartitioned (${COLUMNS}) OVERRIDING SYSTEM VALUE
      SELECT ${COLUMNS} FROM audit_events`);
    // Drops every partition with it; DROP fires no row trigger.
    await queryRunner.query(`DROP TABLE audit_events`);
    await queryRunner.query(
      `DROP FUNCTION audit_events_ensure_partition(date)`,
    );
    await queryRunner.query(
      `ALTER TABLE audit_events_unpartitioned RENAME TO audit_events`,
    );
    await queryRunner.query(
      `ALTER SEQUENCE audit_events_unpartitioned_id_seq RENAME TO audit_events_id_seq`,
    );
    await queryRunner.query(`
      SELECT setval(pg_get_serial_sequence('audit_events', 'id'),
                    coalesce((SELECT max(id) FROM audit_events), 0) + 1, false)`);
    // Fails if the sealer ever numbered two events alike, which the verifier reports anyway.
    await queryRunner.query(`
      ALTER TABLE audit_events
        ADD CONSTRAINT pk_audit_events PRIMARY KEY (id),
        ADD CONSTRAINT uq_audit_events_chain_seq UNIQUE (chain_seq),
        ADD CONSTRAINT ck_audit_events_outcome CHECK (outcome IN ('success', 'failure'))`);
    for (const index of INDEXES) {
      await queryRunner.query(index);
    }
    await queryRunner.query(`
      CREATE TRIGGER trg_audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_guard()`);
    await queryRunner.query(`
      CREATE TRIGGER trg_audit_events_no_truncate BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_guard()`);
  }
}
