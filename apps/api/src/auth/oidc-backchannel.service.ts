import { Injectable } from '@nestjs/common';
import { DomainError } from '@poems/domain';
import { createHash } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { DataSource } from 'typeorm';
import { AuditWriter } from '../audit/audit-writer';
import type { RequestContext } from '../common/request-context/request-context';
import { OidcService } from './oidc.service';
import { SessionsService } from './sessions.service';

/** The event a logout token announces (Back-Channel Logout 1.0 §2.4). */
const LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';
// A logout token is delivered at once; an older one is refused, so its jti need not be kept longer.
const MAX_TOKEN_AGE_SECONDS = 10 * 60;
const CLOCK_TOLERANCE_SECONDS = 60;

class LogoutTokenRefusal extends Error {}

/**
 * OpenID Connect Back-Channel Logout 1.0: the provider posts a signed logout token when a user's
 * session ends there (signed out elsewhere, disabled centrally); the sessions it names end here at
 * once. The token's signature (the provider's published keys), issuer, audience, age, events claim,
 * the absence of a nonce (no ID token passes for a logout token) and its single use are checked.
 */
@Injectable()
export class OidcBackchannelService {
  private keys: { readonly uri: string; readonly set: ReturnType<typeof createRemoteJWKSet> } | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditWriter,
    private readonly sessions: SessionsService,
    private readonly oidc: OidcService,
  ) {}

  /** Ends the sessions a valid logout token names; refuses any other with a 400 problem, audited. */
  async logout(context: RequestContext, logoutToken: string): Promise<void> {
    const settings = this.oidc.settings();
    const metadata = (await this.oidc.providerConfiguration()).serverMetadata();
    let claims: JWTPayload;
    try {
      claims = await this.verify(logoutToken, metadata, settings.clientId);
    } catch (error) {
      const reason = error instanceof Error ? error.message.slice(0, 200) : 'unreadable';
      await this.dataSource.transaction((m) =>
        this.audit.record(m, context, {
          action: 'auth.provider_logout',
          outcome: 'failure',
          entityType: 'user',
          entityId: null,
          details: { reason },
        }),
      );
      throw new DomainError('validation_failed', `The logout token was refused: ${reason}`);
    }
    const sid = typeof claims.sid === 'string' ? claims.sid : null;
    const subject = typeof claims.sub === 'string' ? claims.sub : null;
    const replayed = await this.dataSource.transaction(async (m) => {
      const inserted = (await m.query(
        `WITH purged AS (DELETE FROM oidc_logout_tokens WHERE expires_at < now())
         INSERT INTO oidc_logout_tokens (jti_hash, expires_at)
         VALUES ($1, now() + make_interval(secs => $2))
         ON CONFLICT DO NOTHING
         RETURNING 1`,
        [
          createHash('sha256').update(`${metadata.issuer} ${String(claims.jti)}`).digest('base64url'),
          MAX_TOKEN_AGE_SECONDS + 2 * CLOCK_TOLERANCE_SECONDS,
        ],
      )) as unknown[];
      if (inserted.length === 0) {
        await this.audit.record(m, context, {
          action: 'auth.provider_logout',
          outcome: 'failure',
          entityType: 'user',
          entityId: null,
          details: { reason: 'replayed', sid, subject },
        });
        return true;
      }
      // Only sessions opened through this provider: a break-glass local session is not its to end.
      const found = (await m.query(
        `SELECT s.id, s.user_id AS "userId"
           FROM sessions s JOIN users u ON u.id = s.user_id
          WHERE s.ended_at IS NULL AND u.oidc_issuer = $1
            AND (s.oidc_sid IS NOT NULL OR s.oidc_id_token IS NOT NULL)
            AND ($2::text IS NULL OR s.oidc_sid = $2)
            AND ($3::text IS NULL OR u.oidc_subject = $3)
          ORDER BY s.id
          FOR UPDATE OF s`,
        [metadata.issuer, sid, subject],
      )) as { id: string; userId: string }[];
      for (const session of found) {
        await this.sessions.end(m, context, session.id, 'provider_logout');
      }
      await this.audit.record(m, context, {
        action: 'auth.provider_logout',
        entityType: 'user',
        entityId: found[0]?.userId ?? null,
        details: { sid, subject, sessionIds: found.map((s) => s.id) },
      });
      return false;
    });
    if (replayed) {
      throw new DomainError('validation_failed', 'The logout token was refused: it was already used.');
    }
  }

  private async verify(
    token: string,
    metadata: { readonly issuer: string; readonly jwks_uri?: string; readonly id_token_signing_alg_values_supported?: string[] },
    clientId: string,
  ): Promise<JWTPayload> {
    if (metadata.jwks_uri === undefined) {
      throw new LogoutTokenRefusal('the provider publishes no keys (jwks_uri)');
    }
    if (this.keys?.uri !== metadata.jwks_uri) {
      this.keys = { uri: metadata.jwks_uri, set: createRemoteJWKSet(new URL(metadata.jwks_uri)) };
    }
    const { payload } = await jwtVerify(token, this.keys.set, {
      issuer: metadata.issuer,
      audience: clientId,
      algorithms: (metadata.id_token_signing_alg_values_supported ?? ['RS256']).filter((a) => a !== 'none'),
      requiredClaims: ['iat', 'jti', 'events'],
      maxTokenAge: MAX_TOKEN_AGE_SECONDS,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    });
    const events = payload['events'];
    const event =
      typeof events === 'object' && events !== null
        ? (events as Record<string, unknown>)[LOGOUT_EVENT]
        : undefined;
    if (typeof event !== 'object' || event === null) {
      throw new LogoutTokenRefusal(`the events claim lacks ${LOGOUT_EVENT}`);
    }
    if (payload['nonce'] !== undefined) {
      throw new LogoutTokenRefusal('a logout token carries no nonce');
    }
    if (typeof payload.sid !== 'string' && typeof payload.sub !== 'string') {
      throw new LogoutTokenRefusal('neither sid nor sub names whom to sign out');
    }
    return payload;
  }
}
