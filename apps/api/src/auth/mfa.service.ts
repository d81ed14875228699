import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@poems/domain';
import {
  type MfaChallengeResponse,
  type MfaEnrolment,
  type MfaRecoveryCodes,
  type MfaStatus,
} from '@poems/contract';
import { generateSecret, generateURI, verify } from 'otplib';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditWriter } from '../audit/audit-writer';
import type { RequestContext } from '../common/request-context/request-context';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import type { AuthenticatedUser } from './authenticated-user';
import { MfaSecretCipher } from './mfa-secret-cipher';
import {
  mfaRequiredFor,
  mfaUnavailableReason,
  type SessionAuthMethod,
} from './mfa-policy';
import { RateLimiter } from './rate-limiter';
import { SessionsService } from './sessions.service';

/** The issuer authenticator apps show beside the account. */
export const MFA_ISSUER = 'POEMS';

/** How long the second step of a sign-in may wait for its code. */
export const MFA_CHALLENGE_SECONDS = 300;

/** Recovery codes given at enrolment. */
export const RECOVERY_CODE_COUNT = 10;

// One 30-second step either side of now: clocks of phones drift, and a code typed at the end of
// its step arrives in the next one.
const EPOCH_TOLERANCE_SECONDS = 30;

/** One message for every refused code: it must not tell which check failed. */
export const BAD_CODE = 'The code is incorrect or has already been used.';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A recovery code: 80 random bits as 16 base32 characters, in groups of four. */
function newRecoveryCode(): string {
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.match(/.{4}/g)?.join('-') ?? out;
}

/** The stored form of a recovery code, whatever case or separators it was typed with. */
export function recoveryCodeDigest(code: string): string {
  const normalised = code.toUpperCase().replace(/[^A-Z2-7]/g, '');
  return createHash('sha256').update(normalised).digest('hex');
}

function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A second-factor attempt once counted: the lock as it found it. */
interface MfaAttempt {
  readonly secretEncrypted: Buffer;
  readonly lastTimeStep: string | null;
  readonly wasLocked: boolean;
  readonly attempts: number;
  readonly lockedUntil: Date | null;
}

/** The user a live challenge belongs to. */
interface ChallengeUser extends AuthenticatedUser {
  readonly active: boolean;
}

/** A second factor: a code of the authenticator, or one recovery code. */
export type SecondFactor =
  | { readonly kind: 'totp'; readonly code: string }
  | { readonly kind: 'recovery_code'; readonly code: string };

/**
 * Two-step sign-in with TOTP (RFC 6238, otplib): enrolment, the second step of a sign-in, recovery
 * codes and an administrator's reset. The second factor is throttled per address and locked per
 * user exactly like the password (LOGIN_RATE_LIMIT, LOGIN_MAX_FAILURES, LOGIN_LOCK_MINUTES), its
 * attempt counted before any code is compared; every outcome is audited. Secrets are encrypted at
 * rest and never logged nor audited.
 */
@Injectable()
export class MfaService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly audit: AuditWriter,
    private readonly sessions: SessionsService,
    private readonly limiter: RateLimiter,
    private readonly cipher: MfaSecretCipher,
  ) {}

  /** Whether the user has a confirmed authenticator. */
  async isEnrolled(manager: EntityManager, userId: string): Promise<boolean> {
    const rows = (await manager.query(
      `SELECT 1 FROM user_mfa WHERE user_id = $1 AND confirmed_at IS NOT NULL`,
      [userId],
    )) as unknown[];
    return rows.length > 0;
  }

  /** The caller's two-step sign-in. */
  async statusOf(user: AuthenticatedUser): Promise<MfaStatus> {
    const [row] = (await this.dataSource.query(
      `SELECT m.confirmed_at,
              (SELECT count(*)::int FROM mfa_recovery_codes c
                WHERE c.user_id = $1 AND c.used_at IS NULL) AS codes_left,
              (SELECT auth_method FROM sessions WHERE id = $2) AS auth_method
         FROM (SELECT 1) one
         LEFT JOIN user_mfa m ON m.user_id = $1 AND m.confirmed_at IS NOT NULL`,
      [user.id, user.sessionId ?? null],
    )) as {
      confirmed_at: Date | null;
      codes_left: number;
      auth_method: SessionAuthMethod | null;
    }[];
    const enrolledAt = row?.confirmed_at ?? null;
    return {
      enrolled: enrolledAt !== null,
      enrolledAt: enrolledAt?.toISOString() ?? null,
      required: mfaRequiredFor(this.config, user.role),
      recoveryCodesLeft: enrolledAt === null ? 0 : (row?.codes_left ?? 0),
      unavailableReason: mfaUnavailableReason(this.config, {
        username: user.username,
        authMethod: row?.auth_method ?? 'password',
      }),
    };
  }

  /**
   * A new authenticator secret for the caller, kept unconfirmed until a first code proves the app
   * has it; a later call replaces an unconfirmed one. A confirmed authenticator is replaced only
   * after an administrator's reset.
   */
  async startEnrolment(context: RequestContext): Promise<MfaEnrolment> {
    const actor = this.signedIn(context);
    await this.refuseUnavailable(actor);
    const secret = generateSecret();
    const stored = this.cipher.encrypt(actor.id, secret);
    // An INSERT … RETURNING answers its rows (no affected count, unlike UPDATE).
    const rows = (await this.dataSource.query(
      `INSERT INTO user_mfa (user_id, secret_encrypted) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE
         SET secret_encrypted = EXCLUDED.secret_encrypted, created_at = now(),
             last_time_step = NULL, failed_count = 0, locked_until = NULL
         WHERE user_mfa.confirmed_at IS NULL
       RETURNING user_id`,
      [actor.id, stored],
    )) as { user_id: string }[];
    if (rows.length === 0) {
      throw new DomainError(
        'conflict',
        'Two-step sign-in is already set up; an administrator can reset it.',
      );
    }
    return {
      secret,
      otpauthUri: generateURI({
        issuer: MFA_ISSUER,
        label: actor.username,
        secret,
      }),
    };
  }

  /**
   * Confirms the caller's new authenticator with a first code and returns the recovery codes,
   * shown this once (only their digests are kept). Wrong codes are throttled per user.
   */
  async confirmEnrolment(
    context: RequestContext,
    code: string,
  ): Promise<MfaRecoveryCodes> {
    const actor = this.signedIn(context);
    await this.refuseUnavailable(actor);
    const limit = await this.limiter.hit(
      `mfa:enrol:${actor.id}`,
      this.config.loginMaxFailures,
      60 * this.config.loginLockMinutes,
    );
    if (!limit.allowed) {
      throw new DomainError(
        'rate_limited',
        'Too many wrong codes: wait and retry.',
        { retryAfterSeconds: limit.retryAfterSeconds },
      );
    }
    const [pending] = (await this.dataSource.query(
      `SELECT secret_encrypted FROM user_mfa WHERE user_id = $1 AND confirmed_at IS NULL`,
      [actor.id],
    )) as { secret_encrypted: Buffer }[];
    if (pending === undefined) {
      throw new DomainError(
        'conflict',
        (await this.isEnrolled(this.dataSource.manager, actor.id))
          ? 'Two-step sign-in is already set up.'
          : 'Start the set-up first: no authenticator is waiting for confirmation.',
      );
    }
    const step = await this.acceptedStep(
      this.cipher.decrypt(actor.id, pending.secret_encrypted),
      code,
    );
    if (step === null) {
      await this.dataSource.transaction((m) =>
        this.audit.record(m, context, {
          action: 'auth.mfa_enrol_failed',
          outcome: 'failure',
          entityType: 'user',
          entityId: actor.id,
        }),
      );
      throw DomainError.invalid([
        { field: 'code', message: `code: ${BAD_CODE}` },
      ]);
    }
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await this.dataSource.transaction(async (m) => {
      const [confirmed] = (await m.query(
        `UPDATE user_mfa SET confirmed_at = now(), last_time_step = $2, failed_count = 0,
                locked_until = NULL
          WHERE user_id = $1 AND confirmed_at IS NULL
          RETURNING user_id`,
        [actor.id, step],
      )) as [unknown[], number];
      if (confirmed.length === 0) {
        throw new DomainError(
          'conflict',
          'Two-step sign-in is already set up.',
        );
      }
      await m.query(`DELETE FROM mfa_recovery_codes WHERE user_id = $1`, [
        actor.id,
      ]);
      await m.query(
        `INSERT INTO mfa_recovery_codes (user_id, code_hash)
         SELECT $1, unnest($2::text[])`,
        [actor.id, codes.map(recoveryCodeDigest)],
      );
      await this.audit.record(m, context, {
        action: 'auth.mfa_enrol',
        entityType: 'user',
        entityId: actor.id,
        details: { method: 'totp', recoveryCodes: RECOVERY_CODE_COUNT },
      });
    });
    return { recoveryCodes: codes };
  }

  /**
   * New recovery codes for the caller, every earlier one (used or not) invalidated, shown this
   * once. A current code of the authenticator is required, not just the session: a session taken
   * over must not mint codes that outlive it. The attempt is counted under the second factor's
   * lock before the code is compared, and the code's step recorded, exactly as at sign-in; a
   * wrong code answers 400 (the session stays valid), the lock 429.
   */
  async regenerateRecoveryCodes(
    context: RequestContext,
    code: string,
  ): Promise<MfaRecoveryCodes> {
    const actor = this.signedIn(context);
    await this.refuseUnavailable(actor);
    const attempt = await this.countAttempt(actor.id);
    if (attempt === null) {
      throw new DomainError(
        'conflict',
        'Two-step sign-in is not set up: recovery codes come with setting it up.',
      );
    }
    const factor: SecondFactor = { kind: 'totp', code };
    if (attempt.wasLocked) {
      await this.recordFailure(
        context,
        actor,
        attempt,
        factor,
        'locked',
        'recovery_codes',
      );
      throw new DomainError(
        'rate_limited',
        'Too many wrong codes: two-step sign-in is locked for a while.',
        { retryAfterSeconds: this.secondsUntil(attempt.lockedUntil) },
      );
    }
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    const accepted = await this.dataSource.transaction(async (m) => {
      if ((await this.acceptTotp(m, actor.id, attempt, code)) === null) {
        return false;
      }
      await m.query(
        `UPDATE user_mfa SET failed_count = 0, locked_until = NULL WHERE user_id = $1`,
        [actor.id],
      );
      const [removed] = (await m.query(
        `DELETE FROM mfa_recovery_codes WHERE user_id = $1 RETURNING used_at`,
        [actor.id],
      )) as [{ used_at: Date | null }[], number];
      await m.query(
        `INSERT INTO mfa_recovery_codes (user_id, code_hash)
         SELECT $1, unnest($2::text[])`,
        [actor.id, codes.map(recoveryCodeDigest)],
      );
      await this.audit.record(m, context, {
        action: 'auth.mfa_recovery_codes_regenerated',
        entityType: 'user',
        entityId: actor.id,
        details: {
          recoveryCodes: RECOVERY_CODE_COUNT,
          unusedInvalidated: removed.filter((r) => r.used_at === null).length,
        },
      });
      return true;
    });
    if (!accepted) {
      await this.recordFailure(
        context,
        actor,
        attempt,
        factor,
        'bad_code',
        'recovery_codes',
      );
      // 400, not 401: the session is fine, and a 401 would send the web app to sign-in.
      throw DomainError.invalid([
        { field: 'code', message: `code: ${BAD_CODE}` },
      ]);
    }
    return { recoveryCodes: codes };
  }

  /**
   * The second step of a sign-in whose password was right, in the sign-in's transaction: a
   * single-use challenge, valid for {@link MFA_CHALLENGE_SECONDS}. It is no session: it opens
   * nothing but `POST /api/auth/mfa/verify`.
   */
  async openChallenge(
    manager: EntityManager,
    userId: string,
  ): Promise<MfaChallengeResponse> {
    const token = randomBytes(32).toString('base64url');
    await manager.query(
      `INSERT INTO mfa_challenges (token_hash, user_id, expires_at)
       VALUES ($1, $2, now() + make_interval(secs => $3))`,
      [tokenDigest(token), userId, MFA_CHALLENGE_SECONDS],
    );
    return {
      mfaRequired: true,
      challengeToken: token,
      expiresIn: MFA_CHALLENGE_SECONDS,
    };
  }

  /**
   * Checks the second factor of a challenge and, when right, opens the session (the challenge is
   * then spent). The attempt is counted and the lock read in one statement before any code is
   * compared, so a burst of guesses gets at most LOGIN_MAX_FAILURES comparisons; a code's time
   * step is recorded atomically, so the same code (or an older one) is never accepted twice.
   */
  async verify(
    context: RequestContext,
    challengeToken: string,
    factor: SecondFactor,
  ): Promise<AuthenticatedUser> {
    const limit = await this.limiter.hit(
      `mfa:ip:${context.clientIp}`,
      this.config.loginRateLimit,
      60,
    );
    if (!limit.allowed) {
      throw new DomainError(
        'rate_limited',
        'Too many sign-in attempts from this address; wait and retry.',
        { retryAfterSeconds: limit.retryAfterSeconds },
      );
    }
    const digest = tokenDigest(challengeToken);
    const [user] = (await this.dataSource.query(
      `SELECT u.id, u.username, u.display_name AS "displayName", u.role, u.active
         FROM mfa_challenges c JOIN users u ON u.id = c.user_id
        WHERE c.token_hash = $1 AND c.used_at IS NULL AND c.expires_at > now()`,
      [digest],
    )) as ChallengeUser[];
    if (user === undefined || !user.active) {
      throw new DomainError(
        'unauthenticated',
        'This sign-in has expired; enter your username and password again.',
        { mfaChallengeExpired: true },
      );
    }
    const actor: AuthenticatedUser = {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
    };
    const attempt = await this.countAttempt(user.id);
    if (attempt === null) {
      // Reset by an administrator while the challenge waited.
      throw new DomainError(
        'unauthenticated',
        'This sign-in has expired; enter your username and password again.',
        { mfaChallengeExpired: true },
      );
    }
    if (attempt.wasLocked) {
      await this.recordFailure(context, actor, attempt, factor, 'locked');
      throw new DomainError(
        'rate_limited',
        'Too many wrong codes: two-step sign-in is locked for a while.',
        { retryAfterSeconds: this.secondsUntil(attempt.lockedUntil) },
      );
    }
    const opened = await this.dataSource.transaction(async (m) => {
      const accepted =
        factor.kind === 'totp'
          ? await this.acceptTotp(m, user.id, attempt, factor.code)
          : await this.acceptRecoveryCode(m, user.id, factor.code);
      if (accepted === null) {
        return null;
      }
      const [spent] = (await m.query(
        `UPDATE mfa_challenges SET used_at = now()
          WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
          RETURNING user_id`,
        [digest],
      )) as [unknown[], number];
      if (spent.length === 0) {
        // A parallel request spent it first; roll the code's use back with this transaction.
        throw new DomainError(
          'unauthenticated',
          'This sign-in has expired; enter your username and password again.',
          { mfaChallengeExpired: true },
        );
      }
      await m.query(
        `UPDATE user_mfa SET failed_count = 0, locked_until = NULL WHERE user_id = $1`,
        [user.id],
      );
      const session = await this.sessions.start(
        m,
        user.id,
        context.clientIp,
        'mfa',
      );
      const audited = { ...context, actor };
      if (factor.kind === 'recovery_code') {
        await this.audit.record(m, audited, {
          action: 'auth.mfa_recovery_code_used',
          entityType: 'user',
          entityId: user.id,
          details: { recoveryCodesLeft: accepted },
        });
      }
      await this.audit.record(m, audited, {
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
        details: {
          sessionId: session.id,
          method: 'mfa',
          secondFactor: factor.kind,
        },
      });
      return { ...actor, sessionId: session.id };
    });
    if (opened === null) {
      await this.recordFailure(context, actor, attempt, factor, 'bad_code');
      throw new DomainError('unauthenticated', BAD_CODE);
    }
    return opened;
  }

  /**
   * An administrator's reset (a lost phone): the authenticator, recovery codes and waiting
   * challenges go, and every session of the user ends. The user signs in with the password next
   * and, when the role requires it, sets up a new authenticator before anything else.
   */
  async reset(context: RequestContext, userId: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const users = (await m.query(
        `SELECT 1 FROM users WHERE id = $1 AND role <> 'interface' FOR UPDATE`,
        [userId],
      )) as unknown[];
      if (users.length === 0) {
        throw new DomainError('not_found', 'No user has this id.');
      }
      const [removed] = (await m.query(
        `DELETE FROM user_mfa WHERE user_id = $1 RETURNING confirmed_at`,
        [userId],
      )) as [{ confirmed_at: Date | null }[], number];
      const [codes] = (await m.query(
        `DELETE FROM mfa_recovery_codes WHERE user_id = $1 RETURNING id`,
        [userId],
      )) as [unknown[], number];
      await m.query(`DELETE FROM mfa_challenges WHERE user_id = $1`, [userId]);
      await this.audit.record(m, context, {
        action: 'user.mfa_reset',
        entityType: 'user',
        entityId: userId,
        details: {
          hadAuthenticator: removed.some((r) => r.confirmed_at !== null),
          recoveryCodesRemoved: codes.length,
        },
      });
      await this.sessions.endAllOf(m, context, userId, 'mfa_reset');
    });
  }

  /** The time step of a right code, or null. */
  private async acceptedStep(
    secret: string,
    code: string,
    afterTimeStep?: number,
  ): Promise<number | null> {
    if (!/^\d{6}$/.test(code)) {
      return null;
    }
    const result = await verify({
      secret,
      token: code,
      epochTolerance: EPOCH_TOLERANCE_SECONDS,
      ...(afterTimeStep === undefined ? {} : { afterTimeStep }),
    });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  }

  /** A right, unused TOTP code: its step recorded (replays refused); null otherwise. */
  private async acceptTotp(
    m: EntityManager,
    userId: string,
    attempt: MfaAttempt,
    code: string,
  ): Promise<number | null> {
    const last =
      attempt.lastTimeStep === null ? undefined : Number(attempt.lastTimeStep);
    const step = await this.acceptedStep(
      this.cipher.decrypt(userId, attempt.secretEncrypted),
      code,
      last,
    );
    if (step === null) {
      return null;
    }
    // Two requests carrying the same code race here: only one moves the step forward.
    const [rows] = (await m.query(
      `UPDATE user_mfa SET last_time_step = $2
        WHERE user_id = $1 AND (last_time_step IS NULL OR last_time_step < $2)
        RETURNING user_id`,
      [userId, step],
    )) as [unknown[], number];
    return rows.length === 0 ? null : step;
  }

  /** Spends an unused recovery code; the count left, or null when it is not one. */
  private async acceptRecoveryCode(
    m: EntityManager,
    userId: string,
    code: string,
  ): Promise<number | null> {
    const [rows] = (await m.query(
      `UPDATE mfa_recovery_codes SET used_at = now()
        WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL
        RETURNING id`,
      [userId, recoveryCodeDigest(code)],
    )) as [unknown[], number];
    if (rows.length === 0) {
      return null;
    }
    const [left] = (await m.query(
      `SELECT count(*)::int AS n FROM mfa_recovery_codes WHERE user_id = $1 AND used_at IS NULL`,
      [userId],
    )) as { n: number }[];
    return left?.n ?? 0;
  }

  /**
   * Counts a second-factor attempt as a failure and reads the lock, under the row lock, before any
   * code is compared (as the password's count does); a right code clears it afterwards.
   */
  private async countAttempt(userId: string): Promise<MfaAttempt | null> {
    const [rows] = (await this.dataSource.query(
      `WITH prior AS (
         SELECT user_id,
                coalesce(locked_until > now(), false) AS was_locked,
                CASE WHEN locked_until IS NOT NULL AND locked_until <= now()
                     THEN 1 ELSE failed_count + 1 END AS attempts
           FROM user_mfa WHERE user_id = $1 AND confirmed_at IS NOT NULL FOR UPDATE)
       UPDATE user_mfa m SET
         failed_count = prior.attempts,
         locked_until = CASE
           WHEN prior.was_locked THEN m.locked_until
           WHEN prior.attempts >= $2 THEN now() + make_interval(mins => $3)
           ELSE NULL END
       FROM prior WHERE m.user_id = prior.user_id
       RETURNING m.secret_encrypted AS "secretEncrypted", m.last_time_step AS "lastTimeStep",
                 prior.was_locked AS "wasLocked", prior.attempts, m.locked_until AS "lockedUntil"`,
      [userId, this.config.loginMaxFailures, this.config.loginLockMinutes],
    )) as [MfaAttempt[], number];
    return rows[0] ?? null;
  }

  private async recordFailure(
    context: RequestContext,
    actor: AuthenticatedUser,
    attempt: MfaAttempt,
    factor: SecondFactor,
    reason: 'bad_code' | 'locked',
    purpose: 'sign_in' | 'recovery_codes' = 'sign_in',
  ): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await this.audit.record(
        m,
        { ...context, actor },
        {
          action: 'auth.mfa_failed',
          outcome: 'failure',
          entityType: 'user',
          entityId: actor.id,
          details: {
            reason,
            secondFactor: factor.kind,
            failures: attempt.attempts,
            // Sign-in failures keep their original shape; only the other use is marked.
            ...(purpose === 'sign_in' ? {} : { purpose }),
          },
        },
      );
      if (
        !attempt.wasLocked &&
        attempt.attempts >= this.config.loginMaxFailures
      ) {
        await this.audit.record(
          m,
          { ...context, actor },
          {
            action: 'auth.mfa_lock',
            entityType: 'user',
            entityId: actor.id,
            details: {
              failures: attempt.attempts,
              lockedUntil: attempt.lockedUntil?.toISOString() ?? null,
            },
          },
        );
      }
    });
  }

  private secondsUntil(lockedUntil: Date | null): number {
    const seconds = Math.ceil(
      ((lockedUntil?.getTime() ?? Date.now()) - Date.now()) / 1000,
    );
    return Math.max(1, seconds);
  }

  private signedIn(context: RequestContext): AuthenticatedUser {
    const actor = context.actor;
    if (actor === null || actor.sessionId === undefined) {
      throw new DomainError(
        'forbidden',
        'Only a signed-in user can manage two-step sign-in.',
      );
    }
    return actor;
  }

  private async refuseUnavailable(actor: AuthenticatedUser): Promise<void> {
    if (!this.cipher.available) {
      // A feature this deployment does not offer, like the demo accounts outside demo mode: 404,
      // not a 5xx (nothing is wrong with the server, and no request may yield one).
      throw new DomainError(
        'not_found',
        'Two-step sign-in is not configured here (no MFA_ENCRYPTION_KEY).',
      );
    }
    const status = await this.statusOf(actor);
    if (status.unavailableReason === 'demo_account') {
      throw new DomainError(
        'forbidden',
        'Demo accounts stay password-only in demo mode; create a user of your own to try two-step sign-in.',
      );
    }
    if (status.unavailableReason === 'single_sign_on') {
      throw new DomainError(
        'forbidden',
        'You signed in with single sign-on: your identity provider asks for the second factor.',
      );
    }
  }
}
