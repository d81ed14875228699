import { createSecretKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AuthService, type TokenPayload } from './auth.service';
import type { AuthenticatedUser } from './authenticated-user';
import { JwtSecret } from './jwt-secret';

const USER_ID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Bearer tokens: signature and expiry by passport-jwt, then the account must still be active. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    private readonly auth: AuthService,
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
    });
  }

  validate(
    payload: TokenPayload & { scope?: unknown },
  ): Promise<AuthenticatedUser | null> {
    // Scoped tokens (calendar feeds) open one route only, never the API as a bearer token. A
    // subject that is no user id never reaches the uuid column, where the database would reject
    // it as an error rather than find no user.
    return typeof payload.sub === 'string' &&
      USER_ID.test(payload.sub) &&
      payload.scope === undefined
      ? this.auth.userOfToken(payload)
      : Promise.resolve(null);
  }
}
