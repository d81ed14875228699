import type { CriterionEvaluation, Flag, Overall } from '@poems/domain';
import type { EvaluationCause } from '@poems/contract';
import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { WorkupEntity } from './workup.entity';

/** A workup's evaluation, stored only when the outcome, a criterion status or the flags changed. */
@Entity({ name: 'workup_evaluations' })
// (workup_id, id DESC): the newest snapshot of a workup is one index probe. TypeORM cannot
// describe a descending key; the migration owns the index.
@Index('ix_workup_evaluations_workup_latest', { synchronize: false })
export class WorkupEvaluationEntity {
  /** bigint: the driver returns it as a string so no precision is lost. */
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_workup_evaluations',
  })
  id!: string;

  @Column({ name: 'workup_id', type: 'uuid' })
  workupId!: string;

  @ManyToOne(() => WorkupEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'workup_id',
    foreignKeyConstraintName: 'fk_workup_evaluations_workup',
  })
  workup?: WorkupEntity;

  @Column({ name: 'evaluated_at', type: 'timestamptz' })
  evaluatedAt!: Date;

  @Column({ type: 'text' })
  overall!: Overall;

  @Column({ type: 'jsonb' })
  criteria!: CriterionEvaluation[];

  @Column({ type: 'jsonb' })
  flags!: Flag[];

  @Column({ name: 'protocol_key', type: 'text' })
  protocolKey!: string;

  @Column({ name: 'protocol_version', type: 'integer' })
  protocolVersion!: number;

  /** The version of the evaluation rules that produced this snapshot (`RULES_VERSION`). */
  @Column({ name: 'rules_version', type: 'integer' })
  rulesVersion!: number;

  /** What caused it (`EvaluationCause`); null on snapshots stored before causes were kept. */
  @Column({ type: 'text', nullable: true })
  cause!: EvaluationCause | null;

  /** The item whose action caused it, when an item action did. */
  @Column({ name: 'item_key', type: 'text', nullable: true })
  itemKey!: string | null;
}
