import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DomainError, type LoginResponse } from '@poems/domain';
import { DataSource } from 'typeorm';
import { AuditWriter } from '../audit/audit-writer';
import type { RequestContext } from '../common/request-context/request-context';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { UserEntity } from '../users/user.entity';
import { userView } from '../users/user-view';
import type { AuthenticatedUser } from './authenticated-user';
import { PasswordHasher } from './password-hasher';

/** What the access token carries. The role is re-read from the database on every request. */
export interface TokenPayload {
  readonly sub: string;
}

/** One message for every failed sign-in: it must not tell unknown users from wrong passwords. */
export const BAD_CREDENTIALS = 'The username or password is incorrect.';

/**
 * Sign-in: password check, lockout after repeated failures, token issue. The failure counter lives
 * in the users row and is updated atomically, so replicas and concurrent attempts agree.
 */
@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly audit: AuditWriter,
  ) {}

  async signIn(
    context: RequestContext,
    username: string,
    password: string,
  ): Promise<AuthenticatedUser> {
    const user = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where('lower(u.username) = lower(:username)', { username })
      .getOne();
    // Always verify, also for unknown users, so timing does not reveal which usernames exist.
    const passwordOk = await this.hasher.verify(user?.passwordHash, password);
    if (user === null) {
      await this.dataSource.transaction((m) =>
        this.audit.record(m, context, {
          action: 'auth.login_failed',
          outcome: 'failure',
          entityType: 'user',
          details: { reason: 'unknown_user' },
        }),
      );
      throw new DomainError('unauthenticated', BAD_CREDENTIALS);
    }
    const locked =
      user.lockedUntil !== null && user.lockedUntil.getTime() > Date.now();
    if (!passwordOk || locked || !user.active) {
      await this.recordFailure(context, user, {
        reason: !user.active ? 'inactive' : locked ? 'locked' : 'bad_password',
      });
      throw new DomainError('unauthenticated', BAD_CREDENTIALS);
    }
    const actor = { ...userView(user) };
    await this.dataSource.transaction(async (m) => {
      await m.query(
        `UPDATE users SET failed_login_count = 0, locked_until = NULL WHERE id = $1`,
        [user.id],
      );
      await this.audit.record(
        m,
        { ...context, actor },
        { action: 'auth.login', entityType: 'user', entityId: user.id },
      );
    });
    return actor;
  }

  async issueToken(user: AuthenticatedUser): Promise<LoginResponse> {
    const payload: TokenPayload = { sub: user.id };
    return {
      accessToken: await this.jwt.signAsync(payload),
      tokenType: 'Bearer',
      expiresIn: this.config.jwtTtlSeconds,
      user,
    };
  }

  async signOut(context: RequestContext): Promise<void> {
    await this.dataSource.transaction((m) =>
      this.audit.record(m, context, {
        action: 'auth.logout',
        entityType: 'user',
        entityId: context.actor?.id ?? null,
      }),
    );
  }

  /** The signed-in user behind a token, or null when the account is gone or deactivated. */
  async userOfToken(payload: TokenPayload): Promise<AuthenticatedUser | null> {
    // Every authenticated request asks this: plain SQL of the four fields needed, without the
    // entity mapping (and the password hash) a repository read would carry.
    const rows = (await this.dataSource.query(
      `SELECT id, username, display_name AS "displayName", role
         FROM users WHERE id = $1 AND active`,
      [payload.sub],
    )) as AuthenticatedUser[];
    return rows[0] ?? null;
  }

  private async recordFailure(
    context: RequestContext,
    user: UserEntity,
    details: Record<string, unknown>,
  ): Promise<void> {
    const max = this.config.loginMaxFailures;
    await this.dataSource.transaction(async (m) => {
      // An expired lock starts a fresh count; a running lock is never extended by more attempts.
      // TypeORM answers an UPDATE … RETURNING with [rows, affected].
      const [rows] = (await m.query(
        `WITH next AS (
           SELECT id,
                  CASE WHEN locked_until IS NOT NULL AND locked_until <= now()
                       THEN 1 ELSE failed_login_count + 1 END AS failures,
                  locked_until
             FROM users WHERE id = $1 FOR UPDATE)
         UPDATE users u SET
           failed_login_count = next.failures,
           locked_until = CASE
             WHEN next.locked_until > now() THEN next.locked_until
             WHEN next.failures >= $2 THEN now() + make_interval(mins => $3)
             ELSE NULL END
         FROM next WHERE u.id = next.id
         RETURNING u.failed_login_count AS failures, u.locked_until,
                   (next.locked_until IS NULL OR next.locked_until <= now())
                     AND u.locked_until > now() AS just_locked`,
        [user.id, max, this.config.loginLockMinutes],
      )) as [
        { failures: number; locked_until: Date | null; just_locked: boolean }[],
        number,
      ];
      const row = rows[0];
      if (row === undefined) {
        throw new Error('The user row vanished during sign-in');
      }
      await this.audit.record(m, context, {
        action: 'auth.login_failed',
        outcome: 'failure',
        entityType: 'user',
        entityId: user.id,
        details: { ...details, failures: row.failures },
      });
      if (row.just_locked) {
        await this.audit.record(m, context, {
          action: 'auth.lock',
          entityType: 'user',
          entityId: user.id,
          details: {
            failures: row.failures,
            lockedUntil: row.locked_until?.toISOString() ?? null,
          },
        });
      }
    });
  }
}
