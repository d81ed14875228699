import { createSecretKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { DomainError } from '@poems/domain';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { requestContextOf } from '../common/request-context/request-context';
import type { TokenPayload } from './auth.service';
import type {
  AuthenticatedRequest,
  AuthenticatedUser,
} from './authenticated-user';
import { JwtSecret } from './jwt-secret';
import { SessionsService, type SessionRefusal } from './sessions.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Header by which a client marks a request that is not the user's doing (a background poll). */
export const SESSION_ACTIVITY_HEADER = 'x-session-activity';

const ENDED: Record<SessionRefusal, string> = {
  unknown: 'Sign in: the access token is missing, invalid or expired.',
  ended: 'Your session has ended; sign in again.',
  idle: 'Your session ended after a period of inactivity; sign in again.',
  max_lifetime: 'Your session reached its maximum length; sign in again.',
};

/**
 * Bearer tokens: signature and expiry by passport-jwt, then the session the token names must be
 * open (checked in the database on every request) and its user active.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    private readonly sessions: SessionsService,
    secret: JwtSecret,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject, not the string: given a string, jsonwebtoken first tries to parse it as a PEM
      // public key on every verification (and catches the failure), which costs more than the
      // HMAC itself. The typings name only strings and Buffers.
      secretOrKey: createSecretKey(
        Buffer.from(secret.value, 'utf8'),
      ) as unknown as Buffer,
      algorithms: ['HS256'],
      ignoreExpiration: false,
      passReqToCallback: true,
    });
  }

  async validate(
    request: AuthenticatedRequest,
    payload: Partial<TokenPayload> & { scope?: unknown; exp?: unknown },
  ): Promise<AuthenticatedUser | null> {
    // jsonwebtoken accepts a token without `exp` forever; ours always carry one. Scoped tokens
    // (calendar feeds) open one route only. Ids that are no UUIDs never reach the uuid columns,
    // where the database would reject them as an error rather than find nothing.
    if (
      typeof payload.exp !== 'number' ||
      payload.scope !== undefined ||
      typeof payload.sub !== 'string' ||
      !UUID.test(payload.sub) ||
      typeof payload.sid !== 'string' ||
      !UUID.test(payload.sid)
    ) {
      return null;
    }
    const check = await this.sessions.check(
      requestContextOf(request),
      payload.sid,
      payload.sub,
      request.headers[SESSION_ACTIVITY_HEADER] !== 'passive',
    );
    if ('user' in check) {
      return check.user;
    }
    if (check.refused === 'unknown') {
      return null;
    }
    // The client is told why, so the web app can say so on its sign-in page.
    throw new DomainError('unauthenticated', ENDED[check.refused], {
      sessionEnded: check.refused,
    });
  }
}
