import type { Finding, ItemStatus, ResultSource } from '@poems/domain';
import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { WorkupEntity } from './workup.entity';

/** One test or procedure of a workup's checklist, keyed by its catalog item key. */
@Entity({ name: 'workup_items' })
@Unique('uq_workup_items_workup_key', ['workupId', 'key'])
@Check(
  'ck_workup_items_status',
  `status IN ('planned', 'ordered', 'scheduled', 'performed', 'resulted', 'reviewed', 'cancelled', 'not_indicated')`,
)
// The worklist's indexes hold only active items of open workups, in their bucket's statuses.
@Index('ix_workup_items_due_date_open', ['dueDate'], {
  where: `active AND workup_open AND status IN ('planned', 'ordered', 'scheduled', 'performed')`,
})
@Index('ix_workup_items_status', ['status'])
@Index('ix_workup_items_unscheduled', ['dueDate', 'id'], {
  where: `active AND workup_open AND status IN ('planned', 'ordered')`,
})
@Index('ix_workup_items_awaiting_result', ['dueDate', 'id'], {
  where: `active AND workup_open AND status = 'performed'`,
})
@Index('ix_workup_items_awaiting_review', ['dueDate', 'id'], {
  where: `active AND workup_open AND status = 'resulted'`,
})
// (workup_id) INCLUDE (…): the completion report's per-workup probes read it alone. TypeORM cannot
// describe INCLUDE columns; the migration owns the index.
@Index('ix_workup_items_report_probe', { synchronize: false })
export class WorkupItemEntity {
  @PrimaryGeneratedColumn('uuid', {
    primaryKeyConstraintName: 'pk_workup_items',
  })
  id!: string;

  @Column({ name: 'workup_id', type: 'uuid' })
  workupId!: string;

  @ManyToOne(() => WorkupEntity, (workup) => workup.items, {
    nullable: false,
    onDelete: 'CASCADE',
  })
  @JoinColumn({
    name: 'workup_id',
    foreignKeyConstraintName: 'fk_workup_items_workup',
  })
  workup?: WorkupEntity;

  @Column({ type: 'text' })
  key!: string;

  @Column({ type: 'boolean' })
  required!: boolean;

  @Column({ type: 'boolean' })
  active!: boolean;

  /**
   * Whether the item's workup is open: a copy of `workups.status`, changed only by closing and
   * reopening the workup, so the worklist's partial indexes leave closed workups out.
   */
  @Column({ name: 'workup_open', type: 'boolean', default: true })
  workupOpen!: boolean;

  @Column({ type: 'text', default: 'planned' })
  status!: ItemStatus;

  /** `YYYY-MM-DD` in the clinic's time zone. */
  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate!: string | null;

  @Column({ name: 'scheduled_at', type: 'timestamptz', nullable: true })
  scheduledAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  location!: string | null;

  @Column({ name: 'performed_at', type: 'timestamptz', nullable: true })
  performedAt!: Date | null;

  @Column({ name: 'resulted_at', type: 'timestamptz', nullable: true })
  resultedAt!: Date | null;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt!: Date | null;

  @Column({ name: 'reviewed_by', type: 'uuid', nullable: true })
  reviewedBy!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  result!: Record<string, unknown> | null;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  findings!: Finding[];

  /** Where the current result came from: typed, a laboratory interface (and message), the inbox. */
  @Column({ name: 'result_source', type: 'jsonb', nullable: true })
  resultSource!: ResultSource | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  /** Who cancelled the item or marked it not indicated, as their name read then; null otherwise. */
  @Column({ name: 'closed_by_name', type: 'text', nullable: true })
  closedByName!: string | null;

  @VersionColumn({ type: 'integer', default: 1 })
  version!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy!: string | null;
}
