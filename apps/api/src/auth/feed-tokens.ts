import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AuthService } from './auth.service';
import type { AuthenticatedUser } from './authenticated-user';

/** The one purpose feed tokens serve: reading the worklist calendar from a calendar app. */
export const CALENDAR_FEED_SCOPE = 'calendar-feed';

/** How long a calendar subscription works before the user must fetch a new address. */
export const FEED_TOKEN_TTL_SECONDS = 180 * 86_400;

/** What a feed token carries. */
interface FeedTokenPayload {
  readonly sub: string;
  readonly scope: typeof CALENDAR_FEED_SCOPE;
}

/**
 * Long-lived tokens for calendar subscriptions. Calendar apps cannot send an Authorization header,
 * so the token travels in the feed's query string; it names only the user and opens nothing but
 * the calendar feed, and the access token strategy refuses it everywhere else. The user's account
 * and role are checked on every fetch, so deactivating the user ends the subscription.
 */
@Injectable()
export class FeedTokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly auth: AuthService,
  ) {}

  async issue(
    user: AuthenticatedUser,
  ): Promise<{ token: string; expiresAt: Date }> {
    const payload: FeedTokenPayload = {
      sub: user.id,
      scope: CALENDAR_FEED_SCOPE,
    };
    const token = await this.jwt.signAsync(payload, {
      expiresIn: FEED_TOKEN_TTL_SECONDS,
    });
    const { exp } = this.jwt.decode<{ exp: number }>(token);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /** The user behind a valid feed token, or null for anything else (including access tokens). */
  async userOf(token: string): Promise<AuthenticatedUser | null> {
    let payload: Partial<FeedTokenPayload>;
    try {
      payload = await this.jwt.verifyAsync<FeedTokenPayload>(token, {
        algorithms: ['HS256'],
      });
    } catch {
      return null;
    }
    if (
      payload.scope !== CALENDAR_FEED_SCOPE ||
      typeof payload.sub !== 'string'
    ) {
      return null;
    }
    return this.auth.userOfToken({ sub: payload.sub });
  }
}
