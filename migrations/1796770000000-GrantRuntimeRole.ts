import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The group role the API's login role belongs to; it owns nothing. */
export const RUNTIME_ROLE = 'poems_runtime';

/**
 * Least privilege: migrations run as the owner of the schema (`DATABASE_MIGRATION_URL`), the API
 * as a login role that is a member of `poems_runtime`, which owns nothing and so cannot alter a
 * table, disable a trigger, or set `session_replication_role` (superuser only). On the audit log
 * it may only read, insert, and write the three seal columns (the append-only trigger lets that
 * happen once, on an unsealed row): no UPDATE of anything else, no DELETE, no TRUNCATE, and no
 * privilege at all on the partitions themselves (every read and write goes through the parent).
 *
 * `poems_grant_runtime()` (re)grants all of this; the migration runner calls it after every run,
 * so tables added by later migrations are granted without each migration repeating it. Monthly
 * partitions are created by `audit_events_ensure_partition`, which now runs with its owner's
 * rights: the API may call it, and the partitions it creates belong to the owner.
 *
 * Creating the role needs CREATEROLE; where the owner lacks it, a DBA creates `poems_runtime`
 * (NOLOGIN) first — see the README.
 */
export class GrantRuntimeRole1796770000000 implements MigrationInterface {
  readonly name = 'GrantRuntimeRole1796770000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Roles belong to the cluster: another database (or a parallel migration) may have made it.
    await queryRunner.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${RUNTIME_ROLE}') THEN
          CREATE ROLE ${RUNTIME_ROLE} NOLOGIN;
        END IF;
      EXCEPTION
        WHEN duplicate_object OR unique_violation THEN NULL;
        WHEN insufficient_privilege THEN
          RAISE EXCEPTION 'The role ${RUNTIME_ROLE} does not exist and % may not create it: create it as a database administrator (CREATE ROLE ${RUNTIME_ROLE} NOLOGIN), then run the migrations again', current_user;
      END
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION poems_grant_runtime() RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        audit_table regclass;
      BEGIN
        GRANT USAGE ON SCHEMA public TO ${RUNTIME_ROLE};
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${RUNTIME_ROLE};
        GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${RUNTIME_ROLE};
        -- The audit log, its partitions and retired months: no privilege but what follows.
        FOR audit_table IN
          SELECT c.oid::regclass FROM pg_class c
           WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
             AND (c.relname = 'audit_events' OR c.relname LIKE 'audit\\_events\\_%'
                  OR c.relname LIKE 'audit\\_retired\\_%')
        LOOP
          EXECUTE format('REVOKE ALL ON %s FROM ${RUNTIME_ROLE}', audit_table);
        END LOOP;
        GRANT SELECT, INSERT ON audit_events TO ${RUNTIME_ROLE};
        GRANT UPDATE (chain_seq, prev_hash, hash) ON audit_events TO ${RUNTIME_ROLE};
        -- The schema's history is the owner's.
        REVOKE ALL ON migrations FROM ${RUNTIME_ROLE};
        GRANT SELECT ON migrations TO ${RUNTIME_ROLE};
      END
      $$`);
    await queryRunner.query(`
      ALTER FUNCTION audit_events_ensure_partition(date)
        SECURITY DEFINER SET search_path = public, pg_temp`);
    await queryRunner.query(
      `REVOKE EXECUTE ON FUNCTION audit_events_ensure_partition(date) FROM PUBLIC`,
    );
    await queryRunner.query(
      `GRANT EXECUTE ON FUNCTION audit_events_ensure_partition(date) TO ${RUNTIME_ROLE}`,
    );
    await queryRunner.query(
      `REVOKE EXECUTE ON FUNCTION poems_grant_runtime() FROM PUBLIC`,
    );
    await queryRunner.query(`SELECT poems_grant_runtime()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${RUNTIME_ROLE}`,
    );
    await queryRunner.query(
      `REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${RUNTIME_ROLE}`,
    );
    await queryRunner.query(`REVOKE ALL ON SCHEMA public FROM ${RUNTIME_ROLE}`);
    await queryRunner.query(
      `REVOKE EXECUTE ON FUNCTION audit_events_ensure_partition(date) FROM ${RUNTIME_ROLE}`,
    );
    await queryRunner.query(
      `GRANT EXECUTE ON FUNCTION audit_events_ensure_partition(date) TO PUBLIC`,
    );
    await queryRunner.query(`
      ALTER FUNCTION audit_events_ensure_partition(date)
        SECURITY INVOKER RESET search_path`);
    await queryRunner.query(`DROP FUNCTION poems_grant_runtime()`);
  }
}
