import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Server-side sessions: one row per sign-in, named by the access token (`sid`) and checked on every
 * request, so that logout, a password change or reset, deactivation, a role change or an admin can
 * end a session at once. `last_seen_at` drives the idle timeout, `expires_at` the absolute one.
 */
export class CreateSessions1796740000000 implements MigrationInterface {
  readonly name = 'CreateSessions1796740000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE sessions (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        ended_at timestamptz,
        end_reason text,
        client_ip text,
        CONSTRAINT pk_sessions PRIMARY KEY (id),
        CONSTRAINT fk_sessions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT ck_sessions_end CHECK ((ended_at IS NULL) = (end_reason IS NULL))
      )`);
    // Ending every session of a user, and an admin's list of them.
    await queryRunner.query(
      `CREATE INDEX ix_sessions_user_open ON sessions (user_id, created_at) WHERE ended_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE sessions`);
  }
}
