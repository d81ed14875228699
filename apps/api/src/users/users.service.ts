import { Injectable } from '@nestjs/common';
import { DomainError, type Role } from '@poems/domain';
import {
  type ManagedUserView,
  type Page,
  type SessionEndReason,
} from '@poems/contract';
import { DataSource, Not, type EntityManager } from 'typeorm';
import { AuditWriter, diffOf } from '../audit/audit-writer';
import { FeedTokens, type FeedRevocationReason } from '../auth/feed-tokens';
import { PasswordHasher } from '../auth/password-hasher';
import { PasswordPolicy } from '../auth/password-policy';
import { SessionsService } from '../auth/sessions.service';
import type { RequestContext } from '../common/request-context/request-context';
import type { CreateUserDto, UpdateUserDto } from './users.dto';
import { UserEntity } from './user.entity';
import { auditedUserFields, managedUserView } from './user-view';

/** A new user as the CLI, the admin API and the demo seed create one. */
export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly password: string;
}

const UNIQUE_VIOLATION = '23505';

/** Users: the admin API, the CLI and the demo seed all go through here. */
@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditWriter,
    private readonly feedTokens: FeedTokens,
    private readonly sessions: SessionsService,
    private readonly policy: PasswordPolicy,
  ) {}

  /** Refuses a password the policy does not accept, naming the reason (400). */
  private checkPassword(password: string, userInputs: readonly string[]): void {
    const refusal = this.policy.refusal(password, userInputs);
    if (refusal !== null) {
      throw DomainError.invalid([
        { field: 'password', message: `password ${refusal}` },
      ]);
    }
  }

  async list(page: number, pageSize: number): Promise<Page<ManagedUserView>> {
    const [users, total] = await this.dataSource
      .getRepository(UserEntity)
      .findAndCount({
        where: { role: Not('interface') },
        order: { username: 'ASC' },
        skip: (page - 1) * pageSize,
        take: pageSize,
      });
    const enrolled = await this.mfaEnrolled(
      this.dataSource.manager,
      users.map((u) => u.id),
    );
    return {
      items: users.map((u) => managedUserView(u, enrolled.has(u.id))),
      total,
      page,
      pageSize,
    };
  }

  /** Which of the users have two-step sign-in set up. */
  private async mfaEnrolled(
    manager: EntityManager,
    ids: readonly string[],
  ): Promise<Set<string>> {
    if (ids.length === 0) {
      return new Set();
    }
    const rows = (await manager.query(
      `SELECT user_id FROM user_mfa WHERE user_id = ANY($1::uuid[]) AND confirmed_at IS NOT NULL`,
      [ids],
    )) as { user_id: string }[];
    return new Set(rows.map((r) => r.user_id));
  }

  /**
   * Creates a user and its audit event in the caller's transaction, or a new one. The password
   * must pass the policy, except a demo account's public demo password (demo mode only).
   */
  async create(
    context: RequestContext,
    input: CreateUserDto | NewUser,
    manager?: EntityManager,
    { demoAccount = false }: { readonly demoAccount?: boolean } = {},
  ): Promise<ManagedUserView> {
    if (!demoAccount) {
      this.checkPassword(input.password, [input.username, input.displayName]);
    }
    const passwordHash = await this.hasher.hash(input.password);
    const work = async (m: EntityManager): Promise<ManagedUserView> => {
      const user = m.getRepository(UserEntity).create({
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        passwordHash,
      });
      try {
        await m.getRepository(UserEntity).insert(user);
      } catch (error) {
        throw translateUniqueViolation(error);
      }
      const saved = await m
        .getRepository(UserEntity)
        .findOneByOrFail({ id: user.id });
      await this.audit.record(m, context, {
        action: 'user.create',
        entityType: 'user',
        entityId: saved.id,
        diff: diffOf(null, auditedUserFields(saved)),
      });
      return managedUserView(saved, false);
    };
    return manager ? work(manager) : this.dataSource.transaction(work);
  }

  async update(
    context: RequestContext,
    id: string,
    change: UpdateUserDto,
  ): Promise<ManagedUserView> {
    if (change.password !== undefined) {
      const [user] = (await this.dataSource.query(
        `SELECT username, display_name FROM users WHERE id = $1`,
        [id],
      )) as { username: string; display_name: string }[];
      this.checkPassword(change.password, [
        user?.username ?? '',
        user?.display_name ?? '',
      ]);
    }
    const passwordHash =
      change.password === undefined
        ? undefined
        : await this.hasher.hash(change.password);
    return this.dataSource.transaction(async (m) => {
      // Serialises admin changes so two concurrent demotions cannot both pass the last-admin check.
      await m.query(
        `SELECT pg_advisory_xact_lock(hashtext('poems-user-admin'))`,
      );
      const users = m.getRepository(UserEntity);
      const user = await users.findOne({
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      // Interfaces' service identities are managed with their interface, never as people.
      if (user === null || user.role === 'interface') {
        throw new DomainError('not_found', 'No user has this id.');
      }
      if (user.version !== change.version) {
        throw new DomainError(
          'stale_version',
          'The user was changed by someone else; reload and retry.',
          {
            current: managedUserView(
              user,
              (await this.mfaEnrolled(m, [user.id])).has(user.id),
            ),
          },
        );
      }
      const before = auditedUserFields(user);
      const losesAdmin =
        user.role === 'admin' &&
        user.active &&
        ((change.role !== undefined && change.role !== 'admin') ||
          change.active === false);
      if (losesAdmin) {
        const otherAdmins = await users.countBy({
          role: 'admin',
          active: true,
        });
        if (otherAdmins <= 1) {
          throw new DomainError(
            'last_admin',
            'The last active administrator cannot be demoted or deactivated.',
          );
        }
      }
      const patch: Partial<UserEntity> = {
        ...(change.displayName !== undefined && {
          displayName: change.displayName,
        }),
        ...(change.role !== undefined && { role: change.role }),
        ...(change.active !== undefined && { active: change.active }),
        ...(passwordHash !== undefined && { passwordHash }),
        ...((change.unlock === true || passwordHash !== undefined) && {
          failedLoginCount: 0,
          lockedUntil: null,
        }),
      };
      Object.assign(user, patch);
      const saved = await users.save(user);
      // What a session was opened under no longer holds: every session of the user ends with it.
      const endReason: SessionEndReason | undefined =
        change.active === false && before['active'] === true
          ? 'deactivated'
          : passwordHash !== undefined
            ? 'password_reset'
            : change.role !== undefined && change.role !== before['role']
              ? 'role_change'
              : undefined;
      if (endReason !== undefined) {
        await this.sessions.endAllOf(m, context, saved.id, endReason);
      }
      const diff = diffOf(before, auditedUserFields(saved));
      await this.audit.record(m, context, {
        action: 'user.update',
        entityType: 'user',
        entityId: saved.id,
        diff,
        details: {
          ...(passwordHash !== undefined && { passwordReset: true }),
          ...(change.unlock === true && { unlocked: true }),
        },
      });
      await this.revokeCalendarFeed(m, context, saved.id, {
        passwordReset: passwordHash !== undefined,
        deactivated: change.active === false && before['active'] === true,
        roleChanged:
          change.role !== undefined && change.role !== before['role'],
      });
      if (change.unlock === true) {
        // Unlocking lifts the second factor's lock too.
        await m.query(
          `UPDATE user_mfa SET failed_count = 0, locked_until = NULL WHERE user_id = $1`,
          [saved.id],
        );
      }
      return managedUserView(
        saved,
        (await this.mfaEnrolled(m, [saved.id])).has(saved.id),
      );
    });
  }

  /**
   * A calendar address outlives no change of who may read it: a password reset (the account may
   * have been taken over), deactivation, or a new role.
   */
  async revokeCalendarFeed(
    manager: EntityManager,
    context: RequestContext,
    userId: string,
    why: { passwordReset: boolean; deactivated: boolean; roleChanged: boolean },
  ): Promise<void> {
    const reason: FeedRevocationReason | undefined = why.passwordReset
      ? 'password_reset'
      : why.deactivated
        ? 'deactivated'
        : why.roleChanged
          ? 'role_changed'
          : undefined;
    if (reason === undefined) {
      return;
    }
    await this.feedTokens.revokeForAccountChange(
      manager,
      context,
      userId,
      reason,
    );
  }
}

function translateUniqueViolation(error: unknown): unknown {
  const code = (error as { driverError?: { code?: string }; code?: string })
    .driverError?.code;
  return code === UNIQUE_VIOLATION
    ? new DomainError('duplicate_username', 'This username is taken.')
    : error;
}
