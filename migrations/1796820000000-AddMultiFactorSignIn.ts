import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two-step sign-in (TOTP, RFC 6238). `user_mfa` holds a user's authenticator secret, encrypted by
 * the API with MFA_ENCRYPTION_KEY (the database never sees it in clear), whether it is confirmed,
 * the last time step accepted (a code is never accepted twice) and the second factor's own failure
 * counter and lock. Recovery codes are stored as SHA-256 digests (they are 80-bit random values,
 * so a slow hash adds nothing) and used at most once. A sign-in whose password was right waits in
 * `mfa_challenges` (the token only hashed) for its code, for a few minutes. Sessions record how
 * they were opened, so single sign-on sessions (where the provider does the second factor) and
 * password-only ones can be told apart.
 */
export class AddMultiFactorSignIn1796820000000 implements MigrationInterface {
  readonly name = 'AddMultiFactorSignIn1796820000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE user_mfa (
        user_id uuid NOT NULL,
        secret_encrypted bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        confirmed_at timestamptz,
        last_time_step bigint,
        failed_count integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        CONSTRAINT pk_user_mfa PRIMARY KEY (user_id),
        CONSTRAINT fk_user_mfa_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      CREATE TABLE mfa_recovery_codes (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        code_hash text NOT NULL,
        used_at timestamptz,
        CONSTRAINT pk_mfa_recovery_codes PRIMARY KEY (id),
        CONSTRAINT fk_mfa_recovery_codes_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT uq_mfa_recovery_codes_user_hash UNIQUE (user_id, code_hash)
      )`);
    await queryRunner.query(`
      CREATE TABLE mfa_challenges (
        token_hash text NOT NULL,
        user_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        CONSTRAINT pk_mfa_challenges PRIMARY KEY (token_hash),
        CONSTRAINT fk_mfa_challenges_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX ix_mfa_challenges_user ON mfa_challenges (user_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX ix_mfa_challenges_expires ON mfa_challenges (expires_at)`,
    );
    await queryRunner.query(`
      ALTER TABLE sessions ADD COLUMN auth_method text NOT NULL DEFAULT 'password',
        ADD CONSTRAINT ck_sessions_auth_method CHECK (auth_method IN ('password', 'mfa', 'oidc'))`);
    // Sessions opened by single sign-on before this migration.
    await queryRunner.query(
      `UPDATE sessions SET auth_method = 'oidc' WHERE oidc_sid IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE sessions DROP CONSTRAINT ck_sessions_auth_method, DROP COLUMN auth_method`,
    );
    await queryRunner.query(`DROP TABLE mfa_challenges`);
    await queryRunner.query(`DROP TABLE mfa_recovery_codes`);
    await queryRunner.query(`DROP TABLE user_mfa`);
  }
}
