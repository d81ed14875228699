import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fixed-window rate-limit counters shared by every API replica (login throttling). Keys name the
 * limit and its subject, e.g. `login:ip:203.0.113.7`; rows are reused when their window expires.
 */
export class CreateRateLimits1764000000000 implements MigrationInterface {
  readonly name = 'CreateRateLimits1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE rate_limits (
        key text NOT NULL,
        window_started_at timestamptz NOT NULL,
        hits integer NOT NULL,
        CONSTRAINT pk_rate_limits PRIMARY KEY (key)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE rate_limits`);
  }
}
