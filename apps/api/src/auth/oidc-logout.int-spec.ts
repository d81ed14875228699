import type { LogoutResponse } from '@poems/contract';
import { call, createUser, signIn } from '../testing/http';
import { oidcFlow, type OidcFlow } from '../testing/oidc-flow';
import {
  freePort,
  OIDC_TEST_CLIENT,
  startOidcProvider,
  type TestOidcProvider,
} from '../testing/oidc-test-provider';
import { startTestApp, type TestApp } from '../testing/test-app';

/** Signing out of a single sign-on session ends the provider's session too, against a real provider. */
describe('OpenID Connect logout', () => {
  let app: TestApp;
  let provider: TestOidcProvider;
  let flow: OidcFlow;

  beforeAll(async () => {
    const port = await freePort();
    app = await startTestApp({
      env: {
        OIDC_ISSUER_URL: `http://127.0.0.1:${port}`,
        OIDC_CLIENT_ID: OIDC_TEST_CLIENT.id,
        OIDC_CLIENT_SECRET: OIDC_TEST_CLIENT.secret,
        OIDC_SCOPES: 'openid profile email groups',
        OIDC_ROLE_CLAIM: 'groups',
        OIDC_ROLE_MAP: 'poems-hematologists=hematologist,poems-coordinators=coordinator',
      },
    });
    provider = await startOidcProvider(
      port,
      `${app.baseUrl}/api/auth/oidc/callback`,
      {
        'sub-rp': { name: 'Rp Logout', preferred_username: 'rp-logout', groups: ['poems-hematologists'] },
        'sub-bc': { name: 'Bc Logout', preferred_username: 'bc-logout', groups: ['poems-coordinators'] },
        'sub-forged': { name: 'Forged', preferred_username: 'forged', groups: ['poems-coordinators'] },
      },
      {
        post_logout_redirect_uris: [`${app.baseUrl}/sign-in`],
        backchannel_logout_uri: `${app.baseUrl}/api/auth/oidc/backchannel-logout`,
        backchannel_logout_session_required: true,
      },
    );
    flow = oidcFlow(app, provider);
  }, 60_000);

  afterAll(async () => {
    await provider?.stop();
    await app?.close();
  });

  /** A single sign-on session of `accountId` in `browser`: its token, session id and the provider's sid. */
  async function ssoSession(accountId: string, browser = provider.browser()) {
    const fragment = await flow.callback(await browser.signIn(await flow.startLogin(), accountId));
    const signedIn = await flow.exchange(fragment.get('code'));
    expect(signedIn.status).toBe(200);
    const [row] = (await app.dataSource.query(`SELECT oidc_sid FROM sessions WHERE id = $1`, [
      signedIn.body.session.id,
    ])) as { oidc_sid: string | null }[];
    return {
      token: signedIn.body.accessToken,
      sessionId: signedIn.body.session.id,
      userId: signedIn.body.user.id,
      sid: row?.oidc_sid ?? '',
    };
  }

  async function postLogoutToken(logoutToken: string | undefined): Promise<Response> {
    return fetch(`${app.baseUrl}/api/auth/oidc/backchannel-logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(logoutToken === undefined ? {} : { logout_token: logoutToken }).toString(),
    });
  }

  async function endReasonOf(sessionId: string): Promise<string | null> {
    const [row] = (await app.dataSource.query(`SELECT end_reason FROM sessions WHERE id = $1`, [
      sessionId,
    ])) as { end_reason: string | null }[];
    return row?.end_reason ?? null;
  }

  it('ends the app session and sends the browser to end the provider session (RP-initiated logout)', async () => {
    const browser = provider.browser();
    const fragment = await flow.callback(await browser.signIn(await flow.startLogin(), 'sub-rp'));
    const signedIn = await flow.exchange(fragment.get('code'));
    expect(signedIn.status).toBe(200);
    const token = signedIn.body.accessToken;
    // While the provider's session lasts, a new sign-in passes through it without a login page.
    expect((await browser.authorize(await flow.startLogin())).pathname).toBe('/api/auth/oidc/callback');

    const logout = await call<LogoutResponse>(app, 'POST', '/api/auth/logout', { token });

    expect(logout.status).toBe(200);
    const endSession = new URL(logout.body.providerLogoutUrl ?? '');
    expect(`${endSession.origin}${endSession.pathname}`).toBe(`${provider.issuer}/session/end`);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${app.baseUrl}/sign-in`);
    const hint = endSession.searchParams.get('id_token_hint') ?? '';
    expect(JSON.parse(Buffer.from(hint.split('.')[1] ?? '', 'base64url').toString())).toMatchObject({
      sub: 'sub-rp',
      aud: OIDC_TEST_CLIENT.id,
    });
    expect((await call(app, 'GET', '/api/auth/me', { token })).status).toBe(401);
    expect(
      await app.dataSource.query(`SELECT end_reason, oidc_id_token FROM sessions WHERE id = $1`, [
        signedIn.body.session.id,
      ]),
    ).toEqual([{ end_reason: 'logout', oidc_id_token: null }]);
    expect(
      await app.dataSource.query(
        `SELECT details FROM audit_events WHERE action = 'auth.logout' AND entity_id = $1`,
        [signedIn.body.user.id],
      ),
    ).toEqual([
      {
        details: { sessionId: signedIn.body.session.id, method: 'oidc', providerLogout: 'redirected' },
      },
    ]);

    // The provider confirms, ends its session and sends the browser back to the app's sign-in page.
    expect((await browser.endSession(endSession.href)).href).toBe(`${app.baseUrl}/sign-in`);
    expect((await browser.authorize(await flow.startLogin())).pathname).toMatch(/^\/interaction\//);
  });

  it('signs a local-password session out locally only', async () => {
    const user = await createUser(app, { role: 'coordinator' });
    const { accessToken } = await signIn(app, user.username, user.password);

    const logout = await call<LogoutResponse>(app, 'POST', '/api/auth/logout', { token: accessToken });

    expect(logout.status).toBe(204);
    expect((await call(app, 'GET', '/api/auth/me', { token: accessToken })).status).toBe(401);
  });

  it('ends the session when the provider posts a logout token (back-channel logout, signed out at the provider)', async () => {
    const browser = provider.browser();
    const session = await ssoSession('sub-bc', browser);
    expect(session.sid).not.toBe('');
    expect((await call(app, 'GET', '/api/auth/me', { token: session.token })).status).toBe(200);

    // Signed out at the provider itself (another application's sign-out, or the provider's page).
    await browser.endSession(`${provider.issuer}/session/end`);

    // The provider posts its logout tokens while confirming; poll in case it does not wait for them.
    for (let attempt = 0; attempt < 50 && (await endReasonOf(session.sessionId)) === null; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(
      await app.dataSource.query(
        `SELECT details FROM audit_events WHERE action = 'auth.provider_logout' AND outcome = 'failure'`,
      ),
    ).toEqual([]);
    expect(await endReasonOf(session.sessionId)).toBe('provider_logout');
    expect((await call(app, 'GET', '/api/auth/me', { token: session.token })).status).toBe(401);
    expect(
      await app.dataSource.query(
        `SELECT outcome, details FROM audit_events WHERE action = 'auth.provider_logout' AND entity_id = $1`,
        [session.userId],
      ),
    ).toEqual([
      {
        outcome: 'success',
        details: { sid: session.sid, subject: 'sub-bc', sessionIds: [session.sessionId] },
      },
    ]);
  });

  describe('refuses logout tokens', () => {
    const now = (): number => Math.floor(Date.now() / 1000);
    const EVENTS = { 'http://schemas.openid.net/event/backchannel-logout': {} };
    let session: Awaited<ReturnType<typeof ssoSession>>;

    beforeAll(async () => {
      session = await ssoSession('sub-forged');
    });

    function logoutClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
      return {
        iss: provider.issuer,
        aud: OIDC_TEST_CLIENT.id,
        iat: now(),
        exp: now() + 120,
        jti: `jti-${Math.random()}`,
        sub: 'sub-forged',
        sid: session.sid,
        events: EVENTS,
        ...overrides,
      };
    }

    it.each<[string, () => Promise<string>]>([
      ['for another client (audience)', () => provider.sign(logoutClaims({ aud: 'another-client' }), 'logout+jwt')],
      ['from another issuer', () => provider.sign(logoutClaims({ iss: 'https://login.attacker.example' }), 'logout+jwt')],
      ['without the back-channel logout event', () => provider.sign(logoutClaims({ events: {} }), 'logout+jwt')],
      ['carrying a nonce (an ID token passed off as a logout token)', () => provider.sign(logoutClaims({ nonce: 'n' }), 'logout+jwt')],
      ['issued long ago', () => provider.sign(logoutClaims({ iat: now() - 3600, exp: now() + 60 }), 'logout+jwt')],
      ['naming neither sid nor sub', () => provider.sign(logoutClaims({ sid: undefined, sub: undefined }), 'logout+jwt')],
      [
        'whose signature was tampered with',
        async () => {
          const [header, payload, signature = ''] = (await provider.sign(logoutClaims(), 'logout+jwt')).split('.');
          const bytes = Buffer.from(signature, 'base64url');
          bytes[0] = (bytes[0] ?? 0) ^ 0xff;
          return `${header}.${payload}.${bytes.toString('base64url')}`;
        },
      ],
      ['that is no JWT at all', () => Promise.resolve('not-a-jwt')],
    ])('%s: 400, audited, the session stays open', async (_case, token) => {
      const response = await postLogoutToken(await token());

      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        status: 400,
        type: expect.stringMatching(/\/validation_failed$/),
      });
      expect(await endReasonOf(session.sessionId)).toBeNull();
      const [audited] = (await app.dataSource.query(
        `SELECT outcome, details FROM audit_events WHERE action = 'auth.provider_logout' ORDER BY id DESC LIMIT 1`,
      )) as { outcome: string; details: { reason: string } }[];
      expect(audited).toMatchObject({ outcome: 'failure', details: { reason: expect.any(String) } });
    });

    it('without a logout_token: 400', async () => {
      expect((await postLogoutToken(undefined)).status).toBe(400);
    });

    it('accepts a valid one once, ending the session, and refuses it replayed', async () => {
      const token = await provider.sign(logoutClaims(), 'logout+jwt');

      const first = await postLogoutToken(token);

      expect(first.status).toBe(200);
      expect(first.headers.get('cache-control')).toBe('no-store');
      expect(await endReasonOf(session.sessionId)).toBe('provider_logout');
      const replayed = await postLogoutToken(token);
      expect(replayed.status).toBe(400);
      expect(JSON.stringify(await replayed.json())).toMatch(/already used/);
    });
  });

  it('keeps refusing form bodies on every other route (415)', async () => {
    const response = await fetch(`${app.baseUrl}/api/auth/oidc/exchange`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'code=x',
    });
    expect(response.status).toBe(415);
  });
});
