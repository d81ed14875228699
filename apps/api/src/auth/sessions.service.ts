import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@poems/domain';
import { type SessionEndReason, type SessionView } from '@poems/contract';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditWriter } from '../audit/audit-writer';
import type { RequestContext } from '../common/request-context/request-context';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import type { AuthenticatedUser } from './authenticated-user';
import {
  mfaEnrolmentRequired,
  type MfaFacts,
  type SessionAuthMethod,
} from './mfa-policy';

/** A session as sign-in creates it. */
export interface StartedSession {
  readonly id: string;
  readonly expiresAt: Date;
}

/** What the check of a session on a request found. */
export type SessionCheck =
  | { readonly user: AuthenticatedUser }
  | { readonly refused: SessionRefusal };

/** Why a token's session does not let it in. */
export type SessionRefusal = 'unknown' | 'ended' | 'idle' | 'max_lifetime';

// Requests closer together than this to the last one recorded leave the row alone: the idle
// clock is that much coarse, and a burst of reads writes the row once.
const TOUCH_GRANULARITY = "interval '5 seconds'";

interface SessionRow {
  readonly id: string;
  readonly created_at: Date;
  readonly last_seen_at: Date;
  readonly expires_at: Date;
  readonly ended_at: Date | null;
  readonly end_reason: SessionEndReason | null;
  readonly client_ip: string | null;
}

/**
 * Server-side sessions in PostgreSQL. Every request with an access token checks its session with
 * one statement on the primary key, with no cache: an ended session stops working at once, on
 * every replica.
 */
@Injectable()
export class SessionsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly audit: AuditWriter,
  ) {}

  /** Seconds without a request after which a session ends. */
  get idleTimeoutSeconds(): number {
    return this.config.sessionIdleMinutes * 60;
  }

  /** Starts a session of a user who has just signed in, in the sign-in's transaction. */
  async start(
    manager: EntityManager,
    userId: string,
    clientIp: string,
    authMethod: SessionAuthMethod = 'password',
  ): Promise<StartedSession> {
    const [row] = (await manager.query(
      `INSERT INTO sessions (user_id, expires_at, client_ip, auth_method)
       VALUES ($1, now() + make_interval(hours => $2), $3, $4)
       RETURNING id, expires_at`,
      [userId, this.config.sessionMaxHours, clientIp, authMethod],
    )) as { id: string; expires_at: Date }[];
    if (row === undefined) {
      throw new Error('The session insert returned no row');
    }
    return { id: row.id, expiresAt: row.expires_at };
  }

  /**
   * The user behind a session, when the session is open, not idle beyond the timeout, within its
   * lifetime and the user still active. An `active` request also counts as activity (renews the
   * idle clock); a passive one (a background poll) does not. A session found idle or past its
   * lifetime is ended here, audited, so the list of sessions tells the truth.
   */
  async check(
    context: Omit<RequestContext, 'actor'>,
    sessionId: string,
    userId: string,
    active: boolean,
  ): Promise<SessionCheck> {
    // The data-modifying CTE runs whether or not the outer query reads it.
    const rows = (await this.dataSource.query(
      `WITH found AS (
         SELECT s.id, s.last_seen_at, u.id AS user_id, u.username,
                u.display_name AS "displayName", u.role, s.auth_method AS "authMethod",
                EXISTS (SELECT 1 FROM user_mfa m
                         WHERE m.user_id = u.id AND m.confirmed_at IS NOT NULL) AS "mfaEnrolled",
                CASE WHEN s.ended_at IS NOT NULL OR NOT u.active THEN 'ended'
                     WHEN s.expires_at <= now() THEN 'max_lifetime'
                     WHEN s.last_seen_at <= now() - make_interval(mins => $3) THEN 'idle'
                END AS refused
           FROM sessions s JOIN users u ON u.id = s.user_id
          WHERE s.id = $1 AND s.user_id = $2),
       touched AS (
         UPDATE sessions t SET last_seen_at = now()
           FROM found f
          WHERE t.id = f.id AND f.refused IS NULL AND $4
            AND f.last_seen_at < now() - ${TOUCH_GRANULARITY}
          RETURNING t.id)
       SELECT user_id AS id, username, "displayName", role, "authMethod", "mfaEnrolled", refused
         FROM found`,
      [sessionId, userId, this.config.sessionIdleMinutes, active],
    )) as (AuthenticatedUser &
      MfaFacts & { refused: SessionRefusal | null })[];
    const row = rows[0];
    if (row === undefined) {
      return { refused: 'unknown' };
    }
    const user: AuthenticatedUser = {
      id: row.id,
      username: row.username,
      displayName: row.displayName,
      role: row.role,
      sessionId,
      mfaEnrolmentRequired: mfaEnrolmentRequired(this.config, row),
    };
    if (row.refused === null) {
      return { user };
    }
    if (row.refused === 'idle' || row.refused === 'max_lifetime') {
      await this.dataSource.transaction((m) =>
        this.end(m, { ...context, actor: user }, sessionId, row.refused as SessionEndReason),
      );
    }
    return { refused: row.refused };
  }

  /** Ends one session (audited when it was still open); false when it was already ended. */
  async end(
    manager: EntityManager,
    context: RequestContext,
    sessionId: string,
    reason: SessionEndReason,
    { audited = true }: { readonly audited?: boolean } = {},
  ): Promise<boolean> {
    const [rows] = (await manager.query(
      `UPDATE sessions SET ended_at = now(), end_reason = $2, oidc_id_token = NULL
        WHERE id = $1 AND ended_at IS NULL
        RETURNING user_id`,
      [sessionId, reason],
    )) as [{ user_id: string }[], number];
    const row = rows[0];
    if (row === undefined) {
      return false;
    }
    if (!audited) {
      return true;
    }
    await this.audit.record(manager, context, {
      action: 'auth.session_end',
      entityType: 'user',
      entityId: row.user_id,
      details: { sessionId, reason },
    });
    return true;
  }

  /** Ends every open session of a user, in the caller's transaction; audited once, with the count. */
  async endAllOf(
    manager: EntityManager,
    context: RequestContext,
    userId: string,
    reason: SessionEndReason,
  ): Promise<number> {
    const [rows] = (await manager.query(
      `UPDATE sessions SET ended_at = now(), end_reason = $2, oidc_id_token = NULL
        WHERE user_id = $1 AND ended_at IS NULL
        RETURNING id`,
      [userId, reason],
    )) as [{ id: string }[], number];
    if (rows.length > 0) {
      await this.audit.record(manager, context, {
        action: 'auth.session_end',
        entityType: 'user',
        entityId: userId,
        details: { sessionIds: rows.map((r) => r.id), reason },
      });
    }
    return rows.length;
  }

  /** A user's open sessions and those ended in the last day, newest first. */
  async listOf(userId: string): Promise<SessionView[]> {
    const users = (await this.dataSource.query(
      `SELECT 1 FROM users WHERE id = $1 AND role <> 'interface'`,
      [userId],
    )) as unknown[];
    if (users.length === 0) {
      throw new DomainError('not_found', 'No user has this id.');
    }
    // Sessions that timed out without a later request are ended here, so the list never shows a
    // dead session as open.
    await this.dataSource.transaction(async (m) => {
      const stale = (await m.query(
        `SELECT id, CASE WHEN expires_at <= now() THEN 'max_lifetime' ELSE 'idle' END AS reason
           FROM sessions
          WHERE user_id = $1 AND ended_at IS NULL
            AND (expires_at <= now() OR last_seen_at <= now() - make_interval(mins => $2))
          FOR UPDATE`,
        [userId, this.config.sessionIdleMinutes],
      )) as { id: string; reason: SessionEndReason }[];
      for (const session of stale) {
        await this.end(
          m,
          { actor: null, requestId: 'session-sweep', clientIp: 'local' },
          session.id,
          session.reason,
        );
      }
    });
    const rows = (await this.dataSource.query(
      `SELECT id, created_at, last_seen_at, expires_at, ended_at, end_reason, client_ip
         FROM sessions
        WHERE user_id = $1 AND (ended_at IS NULL OR ended_at > now() - interval '1 day')
        ORDER BY created_at DESC
        LIMIT 200`,
      [userId],
    )) as SessionRow[];
    return rows.map((r) => ({
      id: r.id,
      createdAt: r.created_at.toISOString(),
      lastSeenAt: r.last_seen_at.toISOString(),
      expiresAt: r.expires_at.toISOString(),
      endedAt: r.ended_at?.toISOString() ?? null,
      endReason: r.end_reason,
      clientIp: r.client_ip,
    }));
  }

  /** Ends one session of a user for an admin; 404 when the user has no such session. */
  async endForAdmin(
    context: RequestContext,
    userId: string,
    sessionId: string,
  ): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const [found] = (await m.query(
        `SELECT ended_at FROM sessions WHERE id = $1 AND user_id = $2 FOR UPDATE`,
        [sessionId, userId],
      )) as { ended_at: Date | null }[];
      if (found === undefined) {
        throw new DomainError('not_found', 'This user has no such session.');
      }
      await this.end(m, context, sessionId, 'ended_by_admin');
    });
  }
}
