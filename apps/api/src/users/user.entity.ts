import type { Role } from '@poems/domain';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

/** A person who signs in. Users are deactivated, never deleted. */
@Entity({ name: 'users' })
@Check(
  'ck_users_role',
  `role IN ('hematologist', 'coordinator', 'auditor', 'admin', 'interface')`,
)
@Check(
  'ck_users_oidc_identity',
  `(oidc_issuer IS NULL) = (oidc_subject IS NULL)`,
)
// Unique per identity provider and subject, only where set (a partial index); the migration owns it.
@Index('uq_users_oidc_identity', { synchronize: false })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_users' })
  id!: string;

  // The unique index is on lower(username), an expression TypeORM cannot describe; the migration owns it.
  @Index('uq_users_username_lower', { synchronize: false })
  @Column({ type: 'text' })
  username!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  @Column({ type: 'text' })
  role!: Role;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'failed_login_count', type: 'integer', default: 0 })
  failedLoginCount!: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  /** The identity provider that signs this user in (OpenID Connect issuer), when linked. */
  @Column({ name: 'oidc_issuer', type: 'text', nullable: true })
  oidcIssuer!: string | null;

  /** The user's subject (`sub`) at that provider. */
  @Column({ name: 'oidc_subject', type: 'text', nullable: true })
  oidcSubject!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ type: 'integer', default: 1 })
  version!: number;
}
