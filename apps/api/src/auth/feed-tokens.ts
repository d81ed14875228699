import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditWriter } from '../audit/audit-writer';
import type { RequestContext } from '../common/request-context/request-context';
import type {
  AuthenticatedRequest,
  AuthenticatedUser,
} from './authenticated-user';

/** How long a calendar subscription works before the user must fetch a new address. */
export const FEED_TOKEN_TTL_SECONDS = 180 * 86_400;

/** Recognisable in a leaked URL or a secret scanner; never mistaken for an interface key. */
export const FEED_TOKEN_PREFIX = 'poems_cf_';

/** Why an address stopped working. */
export type FeedRevocationReason =
  | 'replaced'
  | 'revoked'
  | 'password_reset'
  | 'password_change'
  | 'deactivated'
  | 'role_changed';

/** What the user may know of their address: never the token, which is shown once. */
export interface CalendarFeedRecord {
  readonly id: string;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
  readonly lastUsedAt: Date | null;
}

/** The user a feed token opens the calendar for, and which address it was. */
export interface FeedCaller {
  readonly user: AuthenticatedUser;
  readonly feedId: string;
}

/** A request the guard let in with a feed token: which address it used (audited, never the token). */
export type FeedRequest = AuthenticatedRequest & { calendarFeedId?: string };

/** SHA-256 of a feed token: what is stored and looked up. A slow hash buys nothing for 256 random bits. */
const tokenHash = (token: string): Buffer =>
  createHash('sha256').update(token, 'utf8').digest();

interface FeedRow {
  id: string;
  issued_at: Date;
  expires_at: Date;
  last_used_at: Date | null;
}

const recordOf = (row: FeedRow): CalendarFeedRecord => ({
  id: row.id,
  issuedAt: row.issued_at,
  expiresAt: row.expires_at,
  lastUsedAt: row.last_used_at,
});

/**
 * Calendar subscription addresses. Calendar apps cannot send an Authorization header, so the
 * token travels in the feed's query string; it opens nothing but the calendar feed. It is an
 * opaque random secret of which only the hash is stored (table `calendar_feeds`), one active per
 * user, so it can be revoked: by issuing a new one, by the user, and by a password reset,
 * deactivation or role change (see {@link revokeAll}). The user's account and role are also
 * checked on every fetch.
 */
@Injectable()
export class FeedTokens {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditWriter,
  ) {}

  /**
   * Revokes the user's address because their account changed (password, activity, role), with
   * an audit event naming the address and the reason when there was one.
   */
  async revokeForAccountChange(
    manager: EntityManager,
    context: RequestContext,
    userId: string,
    reason: FeedRevocationReason,
  ): Promise<void> {
    const revoked = await this.revokeAll(manager, userId, reason, new Date());
    if (revoked.length > 0) {
      await this.audit.record(manager, context, {
        action: 'worklist.calendar_revoke',
        entityType: 'user',
        entityId: userId,
        details: { feedIds: revoked, reason },
      });
    }
  }

  /**
   * A new address for the user, revoking the active one (`replaced`). Concurrent requests of one
   * user are serialised, so at most one address is ever active.
   */
  async issue(
    manager: EntityManager,
    userId: string,
    now: Date,
  ): Promise<{ token: string; feed: CalendarFeedRecord; replaced: string[] }> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [
      `poems-calendar-feed:${userId}`,
    ]);
    const replaced = await this.revokeAll(manager, userId, 'replaced', now);
    const token = `${FEED_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const [row] = (await manager.query(
      `INSERT INTO calendar_feeds (user_id, token_sha256, created_at, expires_at)
       VALUES ($1, $2, $3, $4)
       RETURNING id, created_at AS issued_at, expires_at, last_used_at`,
      [
        userId,
        tokenHash(token),
        now,
        new Date(now.getTime() + FEED_TOKEN_TTL_SECONDS * 1000),
      ],
    )) as FeedRow[];
    if (row === undefined) {
      throw new Error('INSERT … RETURNING returned no row');
    }
    return { token, feed: recordOf(row), replaced };
  }

  /** Revokes the user's active address, if any; returns the ids revoked. */
  async revokeAll(
    manager: EntityManager,
    userId: string,
    reason: FeedRevocationReason,
    now: Date,
  ): Promise<string[]> {
    const rows = (await manager.query(
      `WITH revoked AS (
         UPDATE calendar_feeds SET revoked_at = $2, revoked_reason = $3
          WHERE user_id = $1 AND revoked_at IS NULL
         RETURNING id)
       SELECT id FROM revoked`,
      [userId, now, reason],
    )) as Array<{ id: string }>;
    return rows.map((row) => row.id);
  }

  /** The user's active, unexpired address, or null. */
  async active(userId: string, now: Date): Promise<CalendarFeedRecord | null> {
    const [row] = (await this.dataSource.query(
      `SELECT id, created_at AS issued_at, expires_at, last_used_at FROM calendar_feeds
        WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2`,
      [userId, now],
    )) as FeedRow[];
    return row === undefined ? null : recordOf(row);
  }

  /**
   * The active user behind a live feed token, with the feed's id, or null for anything else
   * (revoked, expired, unknown, an access token). Records the use.
   */
  async callerOf(token: string, now: Date): Promise<FeedCaller | null> {
    if (!token.startsWith(FEED_TOKEN_PREFIX)) {
      return null;
    }
    // A SELECT around the UPDATE: TypeORM answers a bare UPDATE … RETURNING as [rows, count].
    const [row] = (await this.dataSource.query(
      `WITH used AS (
         UPDATE calendar_feeds SET last_used_at = $2
          WHERE token_sha256 = $1 AND revoked_at IS NULL AND expires_at > $2
         RETURNING id, user_id)
       SELECT used.id AS "feedId", u.id, u.username, u.display_name AS "displayName", u.role
         FROM used JOIN users u ON u.id = used.user_id
        WHERE u.active`,
      [tokenHash(token), now],
    )) as Array<AuthenticatedUser & { feedId: string }>;
    if (row === undefined) {
      return null;
    }
    const { feedId, ...user } = row;
    return { user, feedId };
  }
}
