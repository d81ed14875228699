import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DomainError } from '@poems/domain';
import { type LoginResponse, type MfaChallengeResponse } from '@poems/contract';
import { DataSource } from 'typeorm';
import { AuditWriter } from '../audit/audit-writer';
import type { RequestContext } from '../common/request-context/request-context';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import type { AuthenticatedUser } from './authenticated-user';
import { FeedTokens } from './feed-tokens';
import {
  isDemoAccount,
  mfaEnrolmentRequired,
  type MfaFacts,
} from './mfa-policy';
import { MfaService } from './mfa.service';
import { PasswordHasher } from './password-hasher';
import { PasswordPolicy } from './password-policy';
import { SessionsService } from './sessions.service';

/**
 * What the access token carries: the user and the server-side session it belongs to. The role is
 * re-read and the session checked on every request.
 */
export interface TokenPayload {
  readonly sub: string;
  readonly sid: string;
}

/** A sign-in attempt once counted: the account, and the lock as the attempt found it. */
interface SignInAttempt extends AuthenticatedUser {
  readonly active: boolean;
  readonly passwordHash: string;
  readonly wasLocked: boolean;
  /** Attempts counted since the last success or expired lock, this one included. */
  readonly attempts: number;
  readonly lockedUntil: Date | null;
}

/**
 * What a right password leads to: a session, or (two-step sign-in set up) the challenge of the
 * second step.
 */
export type SignInOutcome =
  | AuthenticatedUser
  | { readonly mfaChallenge: MfaChallengeResponse };

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
    private readonly sessions: SessionsService,
    private readonly policy: PasswordPolicy,
    private readonly feedTokens: FeedTokens,
    private readonly mfa: MfaService,
  ) {}

  async signIn(
    context: RequestContext,
    username: string,
    password: string,
  ): Promise<SignInOutcome> {
    if (this.config.localLogin === 'off') {
      await this.dataSource.transaction((m) =>
        this.audit.record(m, context, {
          action: 'auth.login_failed',
          outcome: 'failure',
          entityType: 'user',
          details: { reason: 'local_login_off' },
        }),
      );
      throw new DomainError('forbidden', this.localLoginRefusal('off'));
    }
    const attempt = await this.countAttempt(username);
    // Passwords are compared only for attempts counted before the lock: in a burst of parallel
    // sign-ins at most LOGIN_MAX_FAILURES reach the hash. Every other answer still costs one hash
    // (against a dummy), so timing tells neither unknown users nor locked accounts apart.
    const compared = attempt !== null && !attempt.wasLocked && attempt.active;
    const passwordOk = compared
      ? await this.hasher.verify(attempt.passwordHash, password)
      : await this.hasher.verify(undefined, password).then(() => false);
    if (attempt === null) {
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
    if (!passwordOk) {
      await this.recordFailure(context, attempt, {
        reason: !attempt.active
          ? 'inactive'
          : attempt.wasLocked
            ? 'locked'
            : 'bad_password',
      });
      throw new DomainError('unauthenticated', BAD_CREDENTIALS);
    }
    // Told only after the right password: the refusal must not reveal which accounts are admins.
    if (this.config.localLogin === 'admins-only' && attempt.role !== 'admin') {
      await this.recordFailure(context, attempt, { reason: 'local_login_admins_only' });
      throw new DomainError('forbidden', this.localLoginRefusal('admins-only'));
    }
    const actor: AuthenticatedUser = {
      id: attempt.id,
      username: attempt.username,
      displayName: attempt.displayName,
      role: attempt.role,
    };
    return this.dataSource.transaction(async (m): Promise<SignInOutcome> => {
      await m.query(
        `UPDATE users SET failed_login_count = 0, locked_until = NULL WHERE id = $1`,
        [attempt.id],
      );
      if (
        !isDemoAccount(this.config, attempt.username) &&
        (await this.mfa.isEnrolled(m, attempt.id))
      ) {
        const mfaChallenge = await this.mfa.openChallenge(m, attempt.id);
        await this.audit.record(
          m,
          { ...context, actor },
          {
            action: 'auth.mfa_challenge',
            entityType: 'user',
            entityId: attempt.id,
          },
        );
        return { mfaChallenge };
      }
      const session = await this.sessions.start(
        m,
        attempt.id,
        context.clientIp,
      );
      await this.audit.record(
        m,
        { ...context, actor },
        {
          action: 'auth.login',
          entityType: 'user',
          entityId: attempt.id,
          details: { sessionId: session.id },
        },
      );
      return { ...actor, sessionId: session.id };
    });
  }

  private localLoginRefusal(mode: 'off' | 'admins-only'): string {
    const provider = this.config.oidc?.providerName ?? 'single sign-on';
    return mode === 'off'
      ? `Local passwords are turned off: sign in with ${provider}.`
      : `Local passwords are kept for administrators only: sign in with ${provider}.`;
  }

  /**
   * Counts a sign-in attempt as a failure and reads the lock, in one statement under the row lock,
   * before any password is compared. The attempt that reaches LOGIN_MAX_FAILURES sets the lock
   * itself, so concurrent attempts behind it find the account locked; a right password clears
   * count and lock afterwards. An expired lock starts a fresh count; a running lock is never
   * extended by more attempts.
   */
  private async countAttempt(username: string): Promise<SignInAttempt | null> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affected].
    const [rows] = (await this.dataSource.query(
      `WITH prior AS (
         SELECT id,
                coalesce(locked_until > now(), false) AS was_locked,
                CASE WHEN locked_until IS NOT NULL AND locked_until <= now()
                     THEN 1 ELSE failed_login_count + 1 END AS attempts
           FROM users WHERE lower(username) = lower($1) FOR UPDATE)
       UPDATE users u SET
         failed_login_count = prior.attempts,
         locked_until = CASE
           WHEN prior.was_locked THEN u.locked_until
           WHEN prior.attempts >= $2 THEN now() + make_interval(mins => $3)
           ELSE NULL END
       FROM prior WHERE u.id = prior.id
       RETURNING u.id, u.username, u.display_name AS "displayName", u.role, u.active,
                 u.password_hash AS "passwordHash", prior.was_locked AS "wasLocked",
                 prior.attempts, u.locked_until AS "lockedUntil"`,
      [username, this.config.loginMaxFailures, this.config.loginLockMinutes],
    )) as [SignInAttempt[], number];
    return rows[0] ?? null;
  }

  /**
   * An access token of the caller's session: valid for JWT_TTL_SECONDS, never beyond the session's
   * absolute end. Renewed by `POST /api/auth/refresh` while the session lives.
   */
  async issueToken(user: AuthenticatedUser): Promise<LoginResponse> {
    const sessionId = user.sessionId;
    if (sessionId === undefined) {
      throw new DomainError(
        'forbidden',
        'Only a signed-in session can be given a token.',
      );
    }
    const [row] = (await this.dataSource.query(
      `SELECT s.expires_at, greatest(0, floor(extract(epoch FROM s.expires_at - now())))::int AS remaining,
              u.username, u.role, s.auth_method AS "authMethod",
              EXISTS (SELECT 1 FROM user_mfa m
                       WHERE m.user_id = u.id AND m.confirmed_at IS NOT NULL) AS "mfaEnrolled"
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1`,
      [sessionId],
    )) as (MfaFacts & { expires_at: Date; remaining: number })[];
    if (row === undefined || row.remaining < 1) {
      throw new DomainError(
        'unauthenticated',
        'Your session has ended; sign in again.',
        { sessionEnded: 'max_lifetime' },
      );
    }
    const expiresIn = Math.min(this.config.jwtTtlSeconds, row.remaining);
    const payload: TokenPayload = { sub: user.id, sid: sessionId };
    return {
      accessToken: await this.jwt.signAsync(payload, { expiresIn }),
      tokenType: 'Bearer',
      expiresIn,
      user: {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        role: user.role,
      },
      session: {
        id: sessionId,
        idleTimeoutSeconds: this.sessions.idleTimeoutSeconds,
        expiresAt: row.expires_at.toISOString(),
      },
      mfaEnrolmentRequired: mfaEnrolmentRequired(this.config, row),
    };
  }

  /**
   * Self-service password change. The current password is checked like a sign-in (counted, and
   * locked after LOGIN_MAX_FAILURES, so a stolen session cannot guess it); the new one must pass
   * the policy. Every session of the user ends, this one included.
   */
  async changePassword(
    context: RequestContext,
    currentPassword: string,
    newPassword: string,
  ): Promise<void> {
    const actor = context.actor;
    if (actor === null || actor.sessionId === undefined) {
      throw new DomainError(
        'forbidden',
        'Only a signed-in user can change their password.',
      );
    }
    const refusal = this.policy.refusal(newPassword, [
      actor.username,
      actor.displayName,
    ]);
    if (refusal !== null) {
      throw DomainError.invalid([
        { field: 'newPassword', message: `newPassword ${refusal}` },
      ]);
    }
    const attempt = await this.countAttempt(actor.username);
    if (attempt === null) {
      throw new DomainError('unauthenticated', 'Your account is gone.');
    }
    const ok =
      !attempt.wasLocked &&
      (await this.hasher.verify(attempt.passwordHash, currentPassword));
    if (!ok) {
      await this.recordFailure(
        context,
        attempt,
        { reason: attempt.wasLocked ? 'locked' : 'bad_password' },
        'auth.password_change_failed',
      );
      if (attempt.wasLocked) {
        const seconds = Math.ceil(
          ((attempt.lockedUntil?.getTime() ?? Date.now()) - Date.now()) / 1000,
        );
        throw new DomainError(
          'rate_limited',
          'Too many wrong passwords: the account is locked for a while.',
          { retryAfterSeconds: Math.max(1, seconds) },
        );
      }
      throw DomainError.invalid([
        { field: 'currentPassword', message: 'currentPassword is incorrect' },
      ]);
    }
    const hash = await this.hasher.hash(newPassword);
    await this.dataSource.transaction(async (m) => {
      await m.query(
        `UPDATE users SET password_hash = $2, failed_login_count = 0, locked_until = NULL,
                version = version + 1, updated_at = now()
          WHERE id = $1`,
        [actor.id, hash],
      );
      await this.audit.record(m, context, {
        action: 'user.password_change',
        entityType: 'user',
        entityId: actor.id,
      });
      await this.sessions.endAllOf(m, context, actor.id, 'password_change');
      // The calendar address too: whoever knew the old password may have copied it.
      await this.feedTokens.revokeForAccountChange(
        m,
        context,
        actor.id,
        'password_change',
      );
    });
  }

  /** Ends the caller's session: its token stops working at once. */
  async signOut(
    context: RequestContext,
    details: Readonly<Record<string, unknown>> = {},
  ): Promise<void> {
    const sessionId = context.actor?.sessionId;
    await this.dataSource.transaction(async (m) => {
      if (sessionId !== undefined) {
        await this.sessions.end(m, context, sessionId, 'logout', {
          audited: false,
        });
      }
      await this.audit.record(m, context, {
        action: 'auth.logout',
        entityType: 'user',
        entityId: context.actor?.id ?? null,
        details:
          sessionId === undefined && Object.keys(details).length === 0
            ? null
            : { ...(sessionId === undefined ? {} : { sessionId }), ...details },
      });
    });
  }

  private async recordFailure(
    context: RequestContext,
    attempt: SignInAttempt,
    details: Record<string, unknown>,
    action = 'auth.login_failed',
  ): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await this.audit.record(m, context, {
        action,
        outcome: 'failure',
        entityType: 'user',
        entityId: attempt.id,
        details: { ...details, failures: attempt.attempts },
      });
      // The attempt whose count set the lock, now that its password proved wrong too.
      if (
        !attempt.wasLocked &&
        attempt.attempts >= this.config.loginMaxFailures
      ) {
        await this.audit.record(m, context, {
          action: 'auth.lock',
          entityType: 'user',
          entityId: attempt.id,
          details: {
            failures: attempt.attempts,
            lockedUntil: attempt.lockedUntil?.toISOString() ?? null,
          },
        });
      }
    });
  }
}
