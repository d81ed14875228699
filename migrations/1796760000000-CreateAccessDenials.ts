import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Denied requests (401, 403) are counted per minute, caller, client address and route in
 * `access_denials`, and each finished minute's buckets become one `access.denied` audit event
 * apiece, with the count. The audit log stays append-only and sealed; a flood of denials costs at
 * most one row per bucket instead of one per request.
 */
export class CreateAccessDenials1796760000000 implements MigrationInterface {
  readonly name = 'CreateAccessDenials1796760000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE access_denials (
        minute timestamptz NOT NULL,
        actor_id uuid,
        actor_role text,
        client_ip text NOT NULL,
        method text NOT NULL,
        route text NOT NULL,
        status smallint NOT NULL,
        permission text,
        count integer NOT NULL DEFAULT 1,
        first_at timestamptz NOT NULL,
        last_at timestamptz NOT NULL,
        first_request_id text NOT NULL,
        CONSTRAINT ck_access_denials_status CHECK (status IN (401, 403))
      )`);
    // An anonymous caller (no actor) is one bucket per address, not one per request.
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_access_denials_bucket ON access_denials
         (minute, actor_id, client_ip, method, route, status) NULLS NOT DISTINCT`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE access_denials`);
  }
}
