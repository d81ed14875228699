import type { Sex } from '@poems/domain';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { UserEntity } from '../users/user.entity';

/**
 * A patient. The `*_search` columns hold the application-normalised (lower-case, accent-free)
 * forms of MRN and names for prefix search.
 */
@Entity({ name: 'patients' })
@Unique('uq_patients_mrn', ['mrn'])
@Check('ck_patients_sex', `sex IN ('female', 'male', 'other', 'unknown')`)
// The list order (family, given, id in C collation); owned by the migration.
@Index('ix_patients_list_order', { synchronize: false })
export class PatientEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_patients' })
  id!: string;

  @Column({ type: 'text' })
  mrn!: string;

  @Column({ name: 'given_name', type: 'text' })
  givenName!: string;

  @Column({ name: 'family_name', type: 'text' })
  familyName!: string;

  /** `YYYY-MM-DD`. */
  @Column({ name: 'birth_date', type: 'date' })
  birthDate!: string;

  @Column({ type: 'text' })
  sex!: Sex;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ type: 'integer', default: 1 })
  version!: number;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdById!: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'created_by',
    foreignKeyConstraintName: 'fk_patients_created_by',
  })
  createdBy?: UserEntity | null;

  // The search indexes use the text_pattern_ops and gin_trgm_ops operator classes, which TypeORM
  // cannot describe; the migrations own them.
  @Index('ix_patients_mrn_search', { synchronize: false })
  @Index('ix_patients_mrn_search_trgm', { synchronize: false })
  @Column({ name: 'mrn_search', type: 'text' })
  mrnSearch!: string;

  @Index('ix_patients_given_search', { synchronize: false })
  @Index('ix_patients_given_search_trgm', { synchronize: false })
  @Column({ name: 'given_search', type: 'text' })
  givenSearch!: string;

  @Index('ix_patients_family_search', { synchronize: false })
  @Index('ix_patients_family_search_trgm', { synchronize: false })
  @Column({ name: 'family_search', type: 'text' })
  familySearch!: string;
}
