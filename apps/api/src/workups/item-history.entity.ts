import type { ItemAction, ItemStatus, Role } from '@poems/domain';
import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { WorkupItemEntity } from './workup-item.entity';

/** One lifecycle step of a workup item, as it happened. */
@Entity({ name: 'item_history' })
@Index('ix_item_history_item_id', ['itemId'])
@Index('ix_item_history_workup_id', ['workupId'])
// (item_id, effective_at) of order and schedule steps: an item's first order is one probe (the
// report's turnaround). The migration owns the index.
@Index('ix_item_history_first_order', { synchronize: false })
export class ItemHistoryEntity {
  /** bigint: the driver returns it as a string so no precision is lost. */
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_item_history',
  })
  id!: string;

  @Column({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  @ManyToOne(() => WorkupItemEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'item_id',
    foreignKeyConstraintName: 'fk_item_history_item',
  })
  item?: WorkupItemEntity;

  @Column({ name: 'workup_id', type: 'uuid' })
  workupId!: string;

  @Column({ type: 'text' })
  action!: ItemAction;

  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus!: ItemStatus | null;

  @Column({ name: 'to_status', type: 'text' })
  toStatus!: ItemStatus;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_role', type: 'text', nullable: true })
  actorRole!: Role | null;

  /** When the step happened clinically (e.g. when the test was performed). */
  @Column({ name: 'effective_at', type: 'timestamptz' })
  effectiveAt!: Date;

  /** When it was entered. */
  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  /** E.g. the previous result when a result is corrected. */
  @Column({ type: 'jsonb', nullable: true })
  details!: Record<string, unknown> | null;
}
