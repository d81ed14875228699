import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Calendar feed addresses become revocable: each is an opaque random secret of which only the
 * SHA-256 is stored, one active per user (a new address revokes the previous one). The JWT feed
 * addresses issued before stop working: they were never recorded, so they could not be revoked.
 */
export class CreateCalendarFeeds1796720000000 implements MigrationInterface {
  readonly name = 'CreateCalendarFeeds1796720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE calendar_feeds (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        token_sha256 bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        last_used_at timestamptz,
        revoked_at timestamptz,
        revoked_reason text,
        CONSTRAINT pk_calendar_feeds PRIMARY KEY (id),
        CONSTRAINT fk_calendar_feeds_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT ck_calendar_feeds_revoked CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_calendar_feeds_token ON calendar_feeds (token_sha256)`,
    );
    // One active address per user; revoked ones stay as the record of what existed.
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_calendar_feeds_active_user ON calendar_feeds (user_id) WHERE revoked_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE calendar_feeds`);
  }
}
