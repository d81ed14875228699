import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Back-channel logout (OpenID Connect Back-Channel Logout 1.0): a logout token is accepted once.
 * Its `jti` is remembered, hashed with its issuer, for as long as the token could still be
 * accepted (the API refuses older ones by their `iat`), so a replayed token is recognised.
 */
export class RememberLogoutTokens1796850000001 implements MigrationInterface {
  readonly name = 'RememberLogoutTokens1796850000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE oidc_logout_tokens (
        jti_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        CONSTRAINT pk_oidc_logout_tokens PRIMARY KEY (jti_hash)
      )`);
    await queryRunner.query(`CREATE INDEX ix_oidc_logout_tokens_expires_at ON oidc_logout_tokens (expires_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE oidc_logout_tokens`);
  }
}
