import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * RP-initiated logout: signing out of a single sign-on session also ends the provider's session,
 * and the provider's end-session endpoint wants the ID token it issued (`id_token_hint`) to know
 * whose. It is kept with the session only while the session is open: every way a session ends
 * clears it.
 */
export class KeepSessionIdTokens1796850000000 implements MigrationInterface {
  readonly name = 'KeepSessionIdTokens1796850000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE sessions ADD COLUMN oidc_id_token text`);
    // Sessions ended before this migration have nothing to clear; an open one without a token
    // simply signs out locally.
    await queryRunner.query(
      `ALTER TABLE sessions ADD CONSTRAINT ck_sessions_id_token_open CHECK (oidc_id_token IS NULL OR ended_at IS NULL)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE sessions DROP CONSTRAINT ck_sessions_id_token_open`);
    await queryRunner.query(`ALTER TABLE sessions DROP COLUMN oidc_id_token`);
  }
}
