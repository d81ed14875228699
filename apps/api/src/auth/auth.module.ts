import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { UsersModule } from '../users/users.module';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { FeedTokens } from './feed-tokens';
import { JwtSecret, resolveJwtSecret } from './jwt-secret';
import { JwtStrategy } from './jwt.strategy';
import { LocalStrategy } from './local.strategy';
import { MfaSecretCipher, resolveMfaKey } from './mfa-secret-cipher';
import { MfaService } from './mfa.service';
import { OidcController } from './oidc.controller';
import { OidcService } from './oidc.service';
import { OidcBackchannelService } from './oidc-backchannel.service';
import { PasswordHasher } from './password-hasher';
import { PasswordPolicy } from './password-policy';
import { RateLimiter } from './rate-limiter';
import { SessionPurge } from './session-purge';
import { SessionsService } from './sessions.service';

/**
 * One module owns the secret, so it is resolved exactly once: two providers would each create a
 * random demo secret on first start, and tokens signed with one would fail against the other.
 */
@Module({
  providers: [
    {
      provide: JwtSecret,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) =>
        new JwtSecret(await resolveJwtSecret(config)),
    },
  ],
  exports: [JwtSecret],
})
class JwtSecretModule {}

/** Sign-in, tokens, sessions, second factors and the global access guard. */
@Global()
@Module({
  imports: [
    PassportModule,
    JwtSecretModule,
    UsersModule,
    JwtModule.registerAsync({
      imports: [JwtSecretModule],
      inject: [APP_CONFIG, JwtSecret],
      useFactory: (config: AppConfig, secret: JwtSecret) => ({
        secret: secret.value,
        signOptions: { algorithm: 'HS256', expiresIn: config.jwtTtlSeconds },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController, OidcController],
  providers: [
    PasswordHasher,
    PasswordPolicy,
    RateLimiter,
    AuthService,
    SessionsService,
    SessionPurge,
    MfaService,
    {
      provide: MfaSecretCipher,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) =>
        new MfaSecretCipher(await resolveMfaKey(config)),
    },
    OidcService,
    OidcBackchannelService,
    FeedTokens,
    JwtStrategy,
    LocalStrategy,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [
    PasswordHasher,
    PasswordPolicy,
    AuthService,
    SessionsService,
    MfaService,
    FeedTokens,
  ],
})
export class AuthModule {}
