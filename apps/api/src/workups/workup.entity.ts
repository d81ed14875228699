import type { Overall } from '@poems/domain';
import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { PatientEntity } from '../patients/patient.entity';
import { UserEntity } from '../users/user.entity';
import { WorkupItemEntity } from './workup-item.entity';

/** Whether a workup still accepts item changes. */
export type WorkupStatus = 'open' | 'closed';

/**
 * A patient's diagnostic workup against one protocol version. `overall`, the completion counts and
 * `criteriaFirstMetAt` are denormalised for lists and reports and are updated in the same
 * transaction as every item change.
 */
@Entity({ name: 'workups' })
@Check('ck_workups_status', `status IN ('open', 'closed')`)
@Check(
  'ck_workups_overall',
  `overall IN ('criteria_met', 'criteria_not_met', 'indeterminate', 'incomplete')`,
)
@Index('ix_workups_patient_id', ['patientId'])
@Index('uq_workups_one_open_per_patient', ['patientId'], {
  unique: true,
  where: `status = 'open'`,
})
// The completion report's period and filters (migration 1764300000000).
@Index('ix_workups_opened_at', ['openedAt', 'id'])
@Index('ix_workups_attending_opened_at', ['attendingId', 'openedAt'])
@Index('ix_workups_status_opened_at', ['status', 'openedAt'])
@Index('ix_workups_overall_opened_at', ['overall', 'openedAt'])
export class WorkupEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_workups' })
  id!: string;

  @Column({ name: 'patient_id', type: 'uuid' })
  patientId!: string;

  @ManyToOne(() => PatientEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'patient_id',
    foreignKeyConstraintName: 'fk_workups_patient',
  })
  patient?: PatientEntity;

  @Column({ type: 'text', default: 'open' })
  status!: WorkupStatus;

  @Column({ name: 'protocol_key', type: 'text' })
  protocolKey!: string;

  @Column({ name: 'protocol_version', type: 'integer' })
  protocolVersion!: number;

  @Column({ name: 'opened_at', type: 'timestamptz', default: () => 'now()' })
  openedAt!: Date;

  @Column({ name: 'opened_by', type: 'uuid', nullable: true })
  openedById!: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'opened_by',
    foreignKeyConstraintName: 'fk_workups_opened_by',
  })
  openedBy?: UserEntity | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'close_reason', type: 'text', nullable: true })
  closeReason!: string | null;

  @Column({ name: 'attending_id', type: 'uuid', nullable: true })
  attendingId!: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'attending_id',
    foreignKeyConstraintName: 'fk_workups_attending',
  })
  attending?: UserEntity | null;

  @Column({ type: 'text', default: 'incomplete' })
  overall!: Overall;

  @Column({ name: 'completion_done', type: 'integer', default: 0 })
  completionDone!: number;

  @Column({ name: 'completion_closed', type: 'integer', default: 0 })
  completionClosed!: number;

  @Column({ name: 'completion_total', type: 'integer', default: 0 })
  completionTotal!: number;

  @Column({
    name: 'criteria_first_met_at',
    type: 'timestamptz',
    nullable: true,
  })
  criteriaFirstMetAt!: Date | null;

  /**
   * The latest sign-off, copied from `workup_sign_offs` in the transaction that signs off or
   * outdates it, so the completion report reads it without a probe per row.
   */
  @Column({ name: 'signed_off_at', type: 'timestamptz', nullable: true })
  signedOffAt!: Date | null;

  @Column({ name: 'signed_off_by', type: 'uuid', nullable: true })
  signedOffById!: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'signed_off_by',
    foreignKeyConstraintName: 'fk_workups_signed_off_by',
  })
  signedOffBy?: UserEntity | null;

  @Column({ name: 'sign_off_outdated_at', type: 'timestamptz', nullable: true })
  signOffOutdatedAt!: Date | null;

  @VersionColumn({ type: 'integer', default: 1 })
  version!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @OneToMany(() => WorkupItemEntity, (item) => item.workup)
  items?: WorkupItemEntity[];
}
