import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { DomainError } from '@poems/domain';
import { Strategy } from 'passport-local';
import { type AuthenticatedRequest } from './authenticated-user';
import { requestContextOf } from '../common/request-context/request-context';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { AuthService, type SignInOutcome } from './auth.service';
import { RateLimiter } from './rate-limiter';

/**
 * Username and password sign-in: the client address is throttled first (counters shared by all
 * replicas), then the password checked. The body has been validated by {@link LocalAuthGuard}.
 */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly auth: AuthService,
    private readonly limiter: RateLimiter,
  ) {
    super({ passReqToCallback: true });
  }

  async validate(
    request: AuthenticatedRequest,
    username: string,
    password: string,
  ): Promise<SignInOutcome> {
    const context = requestContextOf(request);
    const limit = await this.limiter.hit(
      `login:ip:${context.clientIp}`,
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
    return this.auth.signIn(context, username, password);
  }
}
