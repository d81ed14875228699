import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * OpenID Connect single sign-on. A user signed in through the provider is known by the provider's
 * issuer and subject (the only stable identity: names and e-mails change). A sign-in in flight keeps
 * its state, nonce and PKCE verifier in `oidc_logins` for ten minutes (the state only hashed: it
 * travels in URLs); a finished one hands its session to the web app through a one-time code in
 * `oidc_handoffs`, stored hashed and valid for 60 seconds, so no token ever sits in a URL. The
 * provider's session id (`sid`) lets back-channel logout find the sessions it ends.
 */
export class AddSingleSignOn1796800000000 implements MigrationInterface {
  readonly name = 'AddSingleSignOn1796800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE users ADD COLUMN oidc_issuer text, ADD COLUMN oidc_subject text,
         ADD CONSTRAINT ck_users_oidc_identity CHECK ((oidc_issuer IS NULL) = (oidc_subject IS NULL))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_users_oidc_identity ON users (oidc_issuer, oidc_subject) WHERE oidc_subject IS NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE sessions ADD COLUMN oidc_sid text`);
    await queryRunner.query(
      `CREATE INDEX ix_sessions_oidc_sid ON sessions (oidc_sid) WHERE oidc_sid IS NOT NULL AND ended_at IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE oidc_logins (
        state_hash text NOT NULL,
        nonce text NOT NULL,
        code_verifier text NOT NULL,
        redirect_uri text NOT NULL,
        expires_at timestamptz NOT NULL,
        CONSTRAINT pk_oidc_logins PRIMARY KEY (state_hash)
      )`);
    await queryRunner.query(`
      CREATE TABLE oidc_handoffs (
        code_hash text NOT NULL,
        session_id uuid NOT NULL,
        expires_at timestamptz NOT NULL,
        CONSTRAINT pk_oidc_handoffs PRIMARY KEY (code_hash),
        CONSTRAINT fk_oidc_handoffs_session FOREIGN KEY (session_id) REFERENCES sessions (id) ON DELETE CASCADE
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE oidc_handoffs`);
    await queryRunner.query(`DROP TABLE oidc_logins`);
    await queryRunner.query(`DROP INDEX ix_sessions_oidc_sid`);
    await queryRunner.query(`ALTER TABLE sessions DROP COLUMN oidc_sid`);
    await queryRunner.query(`DROP INDEX uq_users_oidc_identity`);
    await queryRunner.query(
      `ALTER TABLE users DROP CONSTRAINT ck_users_oidc_identity, DROP COLUMN oidc_subject, DROP COLUMN oidc_issuer`,
    );
  }
}
