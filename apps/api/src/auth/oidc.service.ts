import { Inject, Injectable } from '@nestjs/common';
import {
  DomainError,
  roleFromClaim,
  type PersonRole,
  type Role,
} from '@poems/domain';
import {
  type AuthProviders,
  type LoginResponse,
  type LogoutResponse,
  type SsoRefusal,
} from '@poems/contract';
import { createHash, randomBytes } from 'node:crypto';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { importPKCS8 } from 'jose';
import * as oidc from 'openid-client';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditWriter } from '../audit/audit-writer';
import type { RequestContext } from '../common/request-context/request-context';
import type { AppConfig, OidcConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { UsersService } from '../users/users.service';
import { AuthService } from './auth.service';
import type { AuthenticatedUser } from './authenticated-user';
import { SessionsService } from './sessions.service';

/** The path the provider sends the browser back to, under the API's origin. */
export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback';
/** The web app's page that finishes a single sign-on (or explains a refusal). */
export const SSO_RETURN_PATH = '/sign-in/sso';
/** The back-channel logout URI to register at the provider, under the API's origin. */
export const BACKCHANNEL_LOGOUT_PATH = '/api/auth/oidc/backchannel-logout';
/** The web app's sign-in page, where the provider sends the browser back after logout. */
export const SIGN_IN_PATH = '/sign-in';

// Long enough to type a password and a second factor at the provider.
const LOGIN_FLOW_MINUTES = 10;
// The web app exchanges the code at once; a minute covers a slow page load.
const HANDOFF_SECONDS = 60;
// A provider that failed discovery is asked again at most this often: the sign-in page polls it.
const DISCOVERY_RETRY_MS = 10_000;
const DISCOVERY_TIMEOUT_SECONDS = 5;
// Accounts created by single sign-on have no password: this is no argon2 hash, so none verifies.
const NO_PASSWORD = '!sso';

/** Where the callback sends the browser: the web app's return page, with a code or a refusal. */
export type CallbackOutcome =
  | { readonly code: string }
  | { readonly refused: SsoRefusal; readonly claim?: string };

interface UserRow {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly active: boolean;
  readonly linked: boolean;
}

class Refusal extends Error {
  constructor(
    readonly reason: SsoRefusal,
    readonly details: Record<string, unknown> = {},
    readonly userId: string | null = null,
  ) {
    super(reason);
  }
}

/**
 * OpenID Connect single sign-on (Authorization Code with PKCE) through `openid-client`, which checks
 * state, nonce, and the ID token's signature, issuer, audience and expiry. Discovery is lazy and
 * retried, so a provider that is down never stops the API: local sign-in keeps working and the
 * sign-in page says the provider is unreachable. A successful sign-in creates a server-side session
 * exactly as a password sign-in does.
 */
@Injectable()
export class OidcService {
  private discovery: Promise<oidc.Configuration> | undefined;
  private failedAt = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly audit: AuditWriter,
    private readonly sessions: SessionsService,
    private readonly auth: AuthService,
    private readonly users: UsersService,
    @InjectPinoLogger(OidcService.name) private readonly logger: PinoLogger,
  ) {}

  /** What the sign-in page offers; asks the provider again when its discovery failed before. */
  async providers(): Promise<AuthProviders> {
    const settings = this.config.oidc;
    if (settings === undefined) {
      return { localLogin: this.config.localLogin, sso: null };
    }
    const reachable = await this.configuration().then(
      () => true,
      () => false,
    );
    return {
      localLogin: this.config.localLogin,
      sso: {
        name: settings.providerName,
        reachable,
        loginPath: '/api/auth/oidc/login',
      },
    };
  }

  /**
   * Starts a sign-in: keeps state, nonce and the PKCE verifier server-side and answers the
   * provider's authorization URL. `origin` (the request's) derives the redirect URI when
   * OIDC_REDIRECT_URI is unset.
   */
  async startLogin(origin: string): Promise<string> {
    const settings = this.settingsOrNotFound();
    const configuration = await this.configuration();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const verifier = oidc.randomPKCECodeVerifier();
    const redirectUri = settings.redirectUri ?? `${origin}${OIDC_CALLBACK_PATH}`;
    await this.dataSource.query(
      `WITH purged AS (DELETE FROM oidc_logins WHERE expires_at < now())
       INSERT INTO oidc_logins (state_hash, nonce, code_verifier, redirect_uri, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(mins => $5))`,
      [hashOf(state), nonce, verifier, redirectUri, LOGIN_FLOW_MINUTES],
    );
    return oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: settings.scopes,
      state,
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    }).href;
  }

  /**
   * The provider's return: checks the answer, maps the role, provisions or updates the user and
   * starts a session. Never throws: every failure is an audited refusal the return page explains.
   */
  async callback(
    context: RequestContext,
    query: Readonly<Record<string, string | undefined>>,
  ): Promise<CallbackOutcome> {
    this.settingsOrNotFound();
    try {
      return { code: await this.signIn(context, query) };
    } catch (error) {
      const refusal =
        error instanceof Refusal
          ? error
          : new Refusal('unavailable', { error: messageOf(error) });
      if (!(error instanceof Refusal)) {
        this.logger.warn({ err: error }, 'single sign-on failed');
      }
      await this.dataSource.transaction((m) =>
        this.audit.record(m, context, {
          action: 'auth.login_failed',
          outcome: 'failure',
          entityType: 'user',
          entityId: refusal.userId,
          details: { method: 'oidc', reason: refusal.reason, ...refusal.details },
        }),
      );
      return refusal.reason === 'unmapped_role'
        ? { refused: refusal.reason, claim: this.config.oidc?.roleClaim }
        : { refused: refusal.reason };
    }
  }

  /** Trades a one-time code of the return page for the session's access token. */
  async exchange(code: string): Promise<LoginResponse> {
    this.settingsOrNotFound();
    const [rows] = (await this.dataSource.query(
      `DELETE FROM oidc_handoffs WHERE code_hash = $1
       RETURNING session_id, expires_at > now() AS fresh`,
      [hashOf(code)],
    )) as [{ session_id: string; fresh: boolean }[], number];
    const handoff = rows[0];
    const users =
      handoff?.fresh === true
        ? ((await this.dataSource.query(
            `SELECT u.id, u.username, u.display_name AS "displayName", u.role
               FROM sessions s JOIN users u ON u.id = s.user_id
              WHERE s.id = $1 AND s.ended_at IS NULL AND u.active`,
            [handoff.session_id],
          )) as AuthenticatedUser[])
        : [];
    const user = users[0];
    if (handoff === undefined || user === undefined) {
      throw new DomainError(
        'unauthenticated',
        'This sign-in has expired or was already used; sign in again.',
      );
    }
    return this.auth.issueToken({ ...user, sessionId: handoff.session_id });
  }

  /**
   * Ends the caller's session and, when it came from single sign-on and the provider has an
   * end-session endpoint, answers where the browser ends the provider's session too (RP-initiated
   * logout, with the ID token as `id_token_hint`). A provider that cannot be reached leaves the
   * local sign-out complete, and says so in the audit.
   */
  async signOut(context: RequestContext, origin: string): Promise<LogoutResponse> {
    const sessionId = context.actor?.sessionId;
    const settings = this.config.oidc;
    const [session] =
      settings === undefined || sessionId === undefined
        ? []
        : ((await this.dataSource.query(
            `SELECT oidc_id_token AS "idToken" FROM sessions WHERE id = $1 AND oidc_id_token IS NOT NULL`,
            [sessionId],
          )) as { idToken: string }[]);
    if (settings === undefined || session === undefined) {
      await this.auth.signOut(context);
      return { providerLogoutUrl: null };
    }
    const configuration = await this.configuration().catch(() => undefined);
    const providerLogoutUrl =
      configuration?.serverMetadata().end_session_endpoint === undefined
        ? null
        : oidc.buildEndSessionUrl(configuration, {
            id_token_hint: session.idToken,
            post_logout_redirect_uri: settings.postLogoutRedirectUri ?? `${origin}${SIGN_IN_PATH}`,
          }).href;
    await this.auth.signOut(context, {
      method: 'oidc',
      providerLogout:
        providerLogoutUrl !== null
          ? 'redirected'
          : configuration === undefined
            ? 'unreachable'
            : 'unsupported',
    });
    return { providerLogoutUrl };
  }

  private async signIn(
    context: RequestContext,
    query: Readonly<Record<string, string | undefined>>,
  ): Promise<string> {
    const settings = this.settingsOrNotFound();
    if (query['error'] !== undefined) {
      throw new Refusal('provider_error', {
        error: query['error'].slice(0, 100),
      });
    }
    const state = query['state'] ?? '';
    const [rows] = (await this.dataSource.query(
      `DELETE FROM oidc_logins WHERE state_hash = $1
       RETURNING nonce, code_verifier AS "verifier", redirect_uri AS "redirectUri",
                 expires_at > now() AS fresh`,
      [hashOf(state)],
    )) as [{ nonce: string; verifier: string; redirectUri: string; fresh: boolean }[], number];
    const flow = rows[0];
    if (flow === undefined || !flow.fresh) {
      throw new Refusal('unknown_state');
    }
    const configuration = await this.configuration().catch(() => {
      throw new Refusal('unavailable');
    });
    // The registered redirect URI, not the URL this request reached through proxies.
    const currentUrl = new URL(flow.redirectUri);
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined) {
        currentUrl.searchParams.set(name, value);
      }
    }
    let claims: Record<string, unknown>;
    let roleClaim: unknown;
    let idToken: string | undefined;
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
        pkceCodeVerifier: flow.verifier,
        expectedState: state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      claims = { ...tokens.claims() };
      idToken = tokens.id_token;
      roleClaim = claims[settings.roleClaim];
      // Providers may keep groups out of the ID token (size limits): the userinfo answer has them.
      if (
        roleClaim === undefined &&
        configuration.serverMetadata().userinfo_endpoint !== undefined
      ) {
        const info = await oidc.fetchUserInfo(
          configuration,
          tokens.access_token,
          String(claims['sub']),
        );
        claims = { ...info, ...claims };
        roleClaim = info[settings.roleClaim];
      }
    } catch (error) {
      throw new Refusal('token_rejected', rejectionOf(error));
    }
    const outcome = await this.dataSource.transaction((m) =>
      this.provision(m, context, settings, configuration, claims, roleClaim, idToken),
    );
    if (outcome instanceof Refusal) {
      throw outcome;
    }
    return outcome;
  }

  private async provision(
    m: EntityManager,
    context: RequestContext,
    settings: OidcConfig,
    configuration: oidc.Configuration,
    claims: Record<string, unknown>,
    roleClaim: unknown,
    idToken: string | undefined,
  ): Promise<string | Refusal> {
    const issuer = configuration.serverMetadata().issuer;
    const subject = String(claims['sub']);
    const username = stringClaim(claims, 'preferred_username') ?? stringClaim(claims, 'email') ?? subject;
    const displayName = stringClaim(claims, 'name') ?? username;
    const outcome = roleFromClaim(roleClaim, settings.roleMap);
    // The linked account, else one an admin created beforehand under the provider's username.
    const [linked] = (await m.query(
      `SELECT id, username, display_name AS "displayName", role, active,
              oidc_subject IS NOT NULL AS linked
         FROM users
        WHERE (oidc_issuer = $1 AND oidc_subject = $2)
           OR (oidc_subject IS NULL AND lower(username) = lower($3))
        ORDER BY oidc_subject IS NULL
        LIMIT 1
        FOR UPDATE`,
      [issuer, subject, username],
    )) as UserRow[];
    const known = { issuer, subject, username };
    if (linked !== undefined && !linked.active) {
      throw new Refusal('inactive', known, linked.id);
    }
    if (linked?.role === 'interface') {
      throw new Refusal('not_a_person', known, linked.id);
    }
    if (outcome.role === null) {
      // A role taken away at the provider ends what the old one opened here; returned, not
      // thrown, so that this transaction commits the ending.
      if (linked !== undefined) {
        await this.sessions.endAllOf(m, context, linked.id, 'role_change');
      }
      return new Refusal(
        'unmapped_role',
        { ...known, claim: settings.roleClaim, values: outcome.values.slice(0, 50) },
        linked?.id ?? null,
      );
    }
    const user =
      linked === undefined
        ? await this.create(m, context, known, displayName, outcome.role)
        : await this.update(m, context, linked, known, displayName, outcome.role);
    const session = await this.sessions.start(
      m,
      user.id,
      context.clientIp,
      'oidc',
    );
    // The provider's session id finds this session on back-channel logout; the ID token is the
    // hint of RP-initiated logout.
    await m.query(`UPDATE sessions SET oidc_sid = $2, oidc_id_token = $3 WHERE id = $1`, [
      session.id,
      stringClaim(claims, 'sid') ?? null,
      idToken ?? null,
    ]);
    await this.audit.record(
      m,
      { ...context, actor: user },
      {
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
        details: { sessionId: session.id, method: 'oidc', issuer, matched: outcome.matched },
      },
    );
    const code = randomBytes(32).toString('base64url');
    await m.query(
      `INSERT INTO oidc_handoffs (code_hash, session_id, expires_at)
       VALUES ($1, $2, now() + make_interval(secs => $3))`,
      [hashOf(code), session.id, HANDOFF_SECONDS],
    );
    return code;
  }

  private async create(
    m: EntityManager,
    context: RequestContext,
    known: { issuer: string; subject: string; username: string },
    displayName: string,
    role: PersonRole,
  ): Promise<AuthenticatedUser> {
    // A taken username belongs to an account linked to another identity: never merge the two.
    const [created] = (await m.query(
      `INSERT INTO users (username, display_name, role, password_hash, oidc_issuer, oidc_subject)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [known.username.slice(0, 64), displayName.slice(0, 200), role, NO_PASSWORD, known.issuer, known.subject],
    )) as { id: string }[];
    if (created === undefined) {
      throw new Refusal('username_taken', known);
    }
    await this.audit.record(m, context, {
      action: 'user.create',
      entityType: 'user',
      entityId: created.id,
      details: { via: 'oidc', username: known.username, role },
    });
    return { id: created.id, username: known.username, displayName, role };
  }

  private async update(
    m: EntityManager,
    context: RequestContext,
    user: UserRow,
    known: { issuer: string; subject: string },
    displayName: string,
    role: PersonRole,
  ): Promise<AuthenticatedUser> {
    const changes: Record<string, unknown> = {};
    if (!user.linked) {
      changes['linked'] = { issuer: known.issuer, subject: known.subject };
    }
    if (user.displayName !== displayName) {
      changes['displayName'] = { from: user.displayName, to: displayName };
    }
    if (user.role !== role) {
      changes['role'] = { from: user.role, to: role };
    }
    if (Object.keys(changes).length > 0) {
      await m.query(
        `UPDATE users SET display_name = $2, role = $3, oidc_issuer = $4, oidc_subject = $5,
                version = version + 1, updated_at = now()
          WHERE id = $1`,
        [user.id, displayName.slice(0, 200), role, known.issuer, known.subject],
      );
      await this.audit.record(m, context, {
        action: 'user.update',
        entityType: 'user',
        entityId: user.id,
        details: { via: 'oidc', ...changes },
      });
    }
    if (user.role !== role) {
      // The provider changed the role: what the old one opened ends, as an admin's change would.
      await this.sessions.endAllOf(m, context, user.id, 'role_change');
      await this.users.revokeCalendarFeed(m, context, user.id, {
        passwordReset: false,
        deactivated: false,
        roleChanged: true,
      });
    }
    return { id: user.id, username: user.username, displayName, role };
  }

  /** The relying party's settings; 404 when single sign-on is not configured. */
  settings(): OidcConfig {
    return this.settingsOrNotFound();
  }

  /** The provider's discovered metadata and client configuration (discovered on first need). */
  providerConfiguration(): Promise<oidc.Configuration> {
    return this.configuration();
  }

  private settingsOrNotFound(): OidcConfig {
    if (this.config.oidc === undefined) {
      throw new DomainError('not_found', 'Single sign-on is not configured.');
    }
    return this.config.oidc;
  }

  /** The provider's metadata and keys, discovered on first need and again after a failure. */
  private configuration(): Promise<oidc.Configuration> {
    const settings = this.settingsOrNotFound();
    if (this.discovery === undefined) {
      if (Date.now() - this.failedAt < DISCOVERY_RETRY_MS) {
        return Promise.reject(unreachable());
      }
      const issuer = new URL(settings.issuerUrl);
      this.discovery = clientAuthOf(settings)
        .then((clientAuth) => oidc.discovery(
          issuer,
          settings.clientId,
          undefined,
          clientAuth,
          {
            timeout: DISCOVERY_TIMEOUT_SECONDS,
            execute: [
              // openid-client trusts the ID token of a TLS token response without checking its
              // signature (OIDC Core 3.1.3.7 allows it); a hospital's proxy that terminates TLS
              // makes that trust too wide, so the signature is checked against the provider's keys.
              oidc.enableNonRepudiationChecks,
              // Plain http only when the issuer itself says so (a test or lab provider).
              ...(issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : []),
            ],
          },
        ))
        .catch((error: unknown) => {
          this.discovery = undefined;
          this.failedAt = Date.now();
          this.logger.warn(
            { err: error, issuer: settings.issuerUrl },
            'identity provider discovery failed; retried on the next sign-in',
          );
          throw unreachable();
        });
    }
    return this.discovery;
  }
}

/** How the client authenticates at the token endpoint: a signed assertion, a secret, or none (PKCE only). */
async function clientAuthOf(settings: OidcConfig): Promise<oidc.ClientAuth> {
  const own = settings.clientPrivateKey;
  if (own !== undefined) {
    const key = await importPKCS8(own.pem, own.alg);
    return oidc.PrivateKeyJwt(own.kid === undefined ? { key } : { key, kid: own.kid });
  }
  return settings.clientSecret === undefined
    ? oidc.None()
    : oidc.ClientSecretBasic(settings.clientSecret);
}

function unreachable(): DomainError {
  return new DomainError(
    'unavailable',
    'The identity provider cannot be reached; retry later or sign in with a local account if allowed.',
  );
}

function hashOf(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

function stringClaim(claims: Record<string, unknown>, name: string): string | undefined {
  const value = claims[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * What the audit says of a refused answer: the messages down the chain of causes (oauth4webapi
 * wraps "signature verification failed" in "invalid response encountered"), the claim whose check
 * failed (nonce, aud, exp, iss …) and the provider's own error code (invalid_grant …).
 */
function rejectionOf(error: unknown): Record<string, string> {
  const messages: string[] = [];
  const found: Record<string, string> = {};
  let cause: unknown = error;
  for (let depth = 0; depth < 5 && typeof cause === 'object' && cause !== null; depth += 1) {
    const { claim, error: code, message } = cause as { claim?: unknown; error?: unknown; message?: unknown };
    if (typeof claim === 'string') {
      found['check'] ??= claim;
    }
    if (typeof code === 'string') {
      found['providerError'] ??= code.slice(0, 100);
    }
    if (typeof message === 'string' && !messages.includes(message)) {
      messages.push(message);
    }
    cause = (cause as { cause?: unknown }).cause;
  }
  return { error: messages.join(': ').slice(0, 300), ...found };
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 200);
}
