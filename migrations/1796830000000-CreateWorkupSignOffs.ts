import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Workup sign-off (issue #16 §7): a hematologist attests a workup's evaluation. Each sign-off keeps
 * what it attested (overall, criteria, findings, result stamps) and the protocol and rules
 * versions, so a later change can mark it outdated and say what changed. Rows are kept: a new
 * sign-off adds one.
 */
export class CreateWorkupSignOffs1796830000000 implements MigrationInterface {
  readonly name = 'CreateWorkupSignOffs1796830000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE workup_sign_offs (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        workup_id uuid NOT NULL,
        signed_by uuid,
        signed_at timestamptz NOT NULL,
        note text,
        overall text NOT NULL,
        protocol_key text NOT NULL,
        protocol_version integer NOT NULL,
        rules_version integer NOT NULL,
        attested jsonb NOT NULL,
        outdated_at timestamptz,
        CONSTRAINT pk_workup_sign_offs PRIMARY KEY (id),
        CONSTRAINT fk_workup_sign_offs_workup FOREIGN KEY (workup_id) REFERENCES workups (id) ON DELETE CASCADE,
        CONSTRAINT fk_workup_sign_offs_signed_by FOREIGN KEY (signed_by) REFERENCES users (id) ON DELETE SET NULL
      )`);
    // The latest sign-off of a workup is one index probe.
    await queryRunner.query(
      `CREATE INDEX ix_workup_sign_offs_workup_id ON workup_sign_offs (workup_id, signed_at)`,
    );
    await queryRunner.query(
      `CREATE INDEX ix_workup_sign_offs_signed_by ON workup_sign_offs (signed_by)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE workup_sign_offs`);
  }
}
