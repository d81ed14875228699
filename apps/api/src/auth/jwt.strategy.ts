import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AuthService, type TokenPayload } from './auth.service';
import type { AuthenticatedUser } from './authenticated-user';
import { JwtSecret } from './jwt-secret';

/** Bearer tokens: signature and expiry by passport-jwt, then the account must still be active. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    private readonly auth: AuthService,
    secret: JwtSecret,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: secret.value,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  validate(payload: TokenPayload): Promise<AuthenticatedUser | null> {
    return typeof payload.sub === 'string'
      ? this.auth.userOfToken(payload)
      : Promise.resolve(null);
  }
}
