import type { AttestedEvaluation } from '@poems/domain';
import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { WorkupEntity } from './workup.entity';

/**
 * A hematologist's sign-off of a workup's evaluation. Rows are never updated but for
 * `outdatedAt`: a later sign-off is a new row, so every attestation stays on record.
 */
@Entity({ name: 'workup_sign_offs' })
@Index('ix_workup_sign_offs_workup_id', ['workupId', 'signedAt'])
@Index('ix_workup_sign_offs_signed_by', ['signedById'])
export class WorkupSignOffEntity {
  @PrimaryGeneratedColumn('uuid', {
    primaryKeyConstraintName: 'pk_workup_sign_offs',
  })
  id!: string;

  @Column({ name: 'workup_id', type: 'uuid' })
  workupId!: string;

  @ManyToOne(() => WorkupEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'workup_id',
    foreignKeyConstraintName: 'fk_workup_sign_offs_workup',
  })
  workup?: WorkupEntity;

  @Column({ name: 'signed_by', type: 'uuid', nullable: true })
  signedById!: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'signed_by',
    foreignKeyConstraintName: 'fk_workup_sign_offs_signed_by',
  })
  signedBy?: UserEntity | null;

  @Column({ name: 'signed_at', type: 'timestamptz' })
  signedAt!: Date;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** Denormalised from `attested` for reports and exports. */
  @Column({ type: 'text' })
  overall!: string;

  @Column({ name: 'protocol_key', type: 'text' })
  protocolKey!: string;

  @Column({ name: 'protocol_version', type: 'integer' })
  protocolVersion!: number;

  @Column({ name: 'rules_version', type: 'integer' })
  rulesVersion!: number;

  /** The evaluation attested: criteria statuses, findings per item, result stamps. */
  @Column({ type: 'jsonb' })
  attested!: AttestedEvaluation;

  /** When a change first made the workup differ from what was attested; null while current. */
  @Column({ name: 'outdated_at', type: 'timestamptz', nullable: true })
  outdatedAt!: Date | null;
}
