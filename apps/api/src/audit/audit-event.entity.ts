import type { Role } from '@poems/domain';
import {
  Check,
  Column,
  Entity,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';

/** Whether the audited action succeeded. */
export type AuditOutcome = 'success' | 'failure';

/**
 * One entry of the append-only audit log. A database trigger rejects deletes and any update
 * except sealing: setting `chainSeq`, `prevHash` and `hash` once, after commit, to chain the
 * entries. No foreign keys: the log outlives the rows it mentions.
 *
 * Partitioned by month of `occurredAt` (migration 1764400000000): the primary key includes it,
 * and `chainSeq` is indexed but cannot be unique across partitions; the sealer alone assigns it,
 * under a lock, and the verifier refuses duplicates.
 */
@Entity({ name: 'audit_events' })
@Check('ck_audit_events_outcome', `outcome IN ('success', 'failure')`)
@Index('ix_audit_events_patient_id', ['patientId'])
@Index('ix_audit_events_occurred_at', ['occurredAt', 'id'])
@Index('ix_audit_events_actor_id', ['actorId', 'occurredAt'])
@Index('ix_audit_events_action', ['action', 'occurredAt'])
@Index('ix_audit_events_entity', ['entityType', 'entityId'])
@Index('ix_audit_events_failures', ['occurredAt'], {
  where: `outcome = 'failure'`,
})
@Index('ix_audit_events_unsealed', ['id'], { where: 'chain_seq IS NULL' })
@Index('ix_audit_events_chain_seq', ['chainSeq'])
export class AuditEventEntity {
  /** bigint: the driver returns it as a string so no precision is lost. */
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_audit_events',
  })
  id!: string;

  /** The partition key, hence part of the primary key. */
  @PrimaryColumn({
    name: 'occurred_at',
    type: 'timestamptz',
    default: () => 'now()',
    primaryKeyConstraintName: 'pk_audit_events',
  })
  occurredAt!: Date;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_role', type: 'text', nullable: true })
  actorRole!: Role | null;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'text' })
  outcome!: AuditOutcome;

  @Column({ name: 'patient_id', type: 'uuid', nullable: true })
  patientId!: string | null;

  @Column({ name: 'entity_type', type: 'text', nullable: true })
  entityType!: string | null;

  @Column({ name: 'entity_id', type: 'text', nullable: true })
  entityId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  diff!: Record<string, unknown> | null;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  @Column({ name: 'client_ip', type: 'text', nullable: true })
  clientIp!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  details!: Record<string, unknown> | null;

  @Column({ name: 'chain_seq', type: 'bigint', nullable: true })
  chainSeq!: string | null;

  @Column({ name: 'prev_hash', type: 'text', nullable: true })
  prevHash!: string | null;

  @Column({ type: 'text', nullable: true })
  hash!: string | null;
}
