import type { AuthProviders, LoginResponse } from '@poems/contract';
import { call, createUser, signIn } from '../testing/http';
import {
  freePort,
  OIDC_TEST_CLIENT,
  startOidcProvider,
  type TestOidcProvider,
} from '../testing/oidc-test-provider';
import { startTestApp, type TestApp } from '../testing/test-app';

const ROLE_MAP =
  'poems-admins=admin,poems-hematologists=hematologist,poems-coordinators=coordinator,poems-auditors=auditor';

/**
 * Single sign-on against a real OpenID provider (oidc-provider in a child process): the whole
 * browser flow driven over HTTP, from the API's login redirect to the web app's code exchange.
 */
describe('OpenID Connect single sign-on', () => {
  let app: TestApp;
  let provider: TestOidcProvider;

  beforeAll(async () => {
    const port = await freePort();
    // The API starts first, while the provider is still down: discovery must wait for a sign-in.
    app = await startTestApp({
      env: {
        OIDC_ISSUER_URL: `http://127.0.0.1:${port}`,
        OIDC_CLIENT_ID: OIDC_TEST_CLIENT.id,
        OIDC_CLIENT_SECRET: OIDC_TEST_CLIENT.secret,
        OIDC_SCOPES: 'openid profile email groups',
        OIDC_ROLE_CLAIM: 'groups',
        OIDC_ROLE_MAP: ROLE_MAP,
        OIDC_PROVIDER_NAME: 'Test Hospital',
      },
    });
    provider = await startOidcProvider(port, `${app.baseUrl}/api/auth/oidc/callback`, {
      'sub-hem': { name: 'Hema Tologist', preferred_username: 'hema', groups: ['staff', 'poems-hematologists'] },
      'sub-coord': { name: 'Coor Dinator', preferred_username: 'coord', groups: 'poems-coordinators' },
      'sub-aud': { name: 'Au Ditor', preferred_username: 'aud', groups: ['poems-auditors'] },
      'sub-both': { name: 'Both Groups', preferred_username: 'both', groups: ['poems-hematologists', 'poems-admins'] },
      'sub-none': { name: 'No Group', preferred_username: 'nogroup', groups: ['staff'] },
      'sub-mover': { name: 'Mover', preferred_username: 'mover', groups: ['poems-coordinators'] },
      'sub-gone': { name: 'Gone', preferred_username: 'gone', groups: ['poems-coordinators'] },
    });
  }, 60_000);

  afterAll(async () => {
    await provider?.stop();
    await app?.close();
  });

  /** The API's redirect to the provider, as the browser receives it. */
  async function startLogin(): Promise<string> {
    const response = await fetch(`${app.baseUrl}/api/auth/oidc/login`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    return response.headers.get('location') ?? '';
  }

  /** Where the API's callback sends the browser, parsed from the fragment. */
  async function callback(url: URL): Promise<URLSearchParams> {
    const response = await fetch(`${app.baseUrl}${url.pathname}${url.search}`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '', app.baseUrl);
    expect(location.pathname).toBe('/sign-in/sso');
    // Nothing that signs in may sit in a URL a server or proxy log sees.
    expect(location.search).toBe('');
    return new URLSearchParams(location.hash.slice(1));
  }

  async function ssoSignIn(accountId: string): Promise<URLSearchParams> {
    return callback(await provider.signIn(await startLogin(), accountId));
  }

  async function exchange(code: string | null) {
    return call<LoginResponse>(app, 'POST', '/api/auth/oidc/exchange', { body: { code } });
  }

  async function auditOf(userId: string | null, action: string): Promise<Record<string, unknown>[]> {
    return (await app.dataSource.query(
      `SELECT outcome, details FROM audit_events
        WHERE action = $1 AND ($2::text IS NULL OR entity_id::text = $2) ORDER BY id`,
      [action, userId],
    )) as Record<string, unknown>[];
  }

  it('tells the sign-in page the provider and that local passwords are allowed', async () => {
    const response = await call<AuthProviders>(app, 'GET', '/api/auth/providers');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      localLogin: 'on',
      sso: { name: 'Test Hospital', reachable: true, loginPath: '/api/auth/oidc/login' },
    });
  });

  it('sends the browser to the provider with PKCE, state and nonce', async () => {
    const url = new URL(await startLogin());

    expect(url.origin).toBe(provider.issuer);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: OIDC_TEST_CLIENT.id,
      response_type: 'code',
      redirect_uri: `${app.baseUrl}/api/auth/oidc/callback`,
      scope: 'openid profile email groups',
      code_challenge_method: 'S256',
      state: expect.any(String),
      nonce: expect.any(String),
      code_challenge: expect.any(String),
    });
  });

  it.each([
    ['sub-hem', 'hematologist', 'hema'],
    ['sub-coord', 'coordinator', 'coord'],
    ['sub-aud', 'auditor', 'aud'],
    ['sub-both', 'admin', 'both'],
  ])('signs %s in as %s, provisioning the user on first sign-in', async (account, role, username) => {
    const fragment = await ssoSignIn(account);
    const code = fragment.get('code');
    expect(fragment.get('error')).toBeNull();

    const token = await exchange(code);

    expect(token.status).toBe(200);
    expect(token.body.user).toMatchObject({ role, username });
    const me = await call(app, 'GET', '/api/auth/me', { token: token.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ role, username });
    const [user] = (await app.dataSource.query(
      `SELECT oidc_issuer, oidc_subject FROM users WHERE id = $1`,
      [token.body.user.id],
    )) as { oidc_issuer: string; oidc_subject: string }[];
    expect(user).toEqual({ oidc_issuer: provider.issuer, oidc_subject: account });
    expect(await auditOf(token.body.user.id, 'auth.login')).toEqual([
      expect.objectContaining({ details: expect.objectContaining({ method: 'oidc', sessionId: token.body.session.id }) }),
    ]);
    // The code is good once.
    expect((await exchange(code)).status).toBe(401);
  });

  it('refuses a user none of whose groups is mapped, naming the claim, and audits the groups it had', async () => {
    const fragment = await ssoSignIn('sub-none');

    expect(Object.fromEntries(fragment)).toEqual({ error: 'unmapped_role', claim: 'groups' });
    const refusals = await auditOf(null, 'auth.login_failed');
    expect(refusals).toContainEqual(
      expect.objectContaining({
        outcome: 'failure',
        details: expect.objectContaining({ method: 'oidc', reason: 'unmapped_role', values: ['staff'] }),
      }),
    );
    const users = (await app.dataSource.query(`SELECT 1 FROM users WHERE oidc_subject = 'sub-none'`)) as unknown[];
    expect(users).toHaveLength(0);
  });

  it('refuses an answer whose state it never issued', async () => {
    const back = await provider.signIn(await startLogin(), 'sub-hem');
    back.searchParams.set('state', 'forged-state');

    expect(Object.fromEntries(await callback(back))).toEqual({ error: 'unknown_state' });
  });

  it('refuses an ID token whose nonce is not the one of the sign-in', async () => {
    const back = await provider.signIn(await startLogin(), 'sub-hem');
    // As if the answer belonged to another sign-in in flight: only the nonce differs.
    await app.dataSource.query(`UPDATE oidc_logins SET nonce = 'another-sign-ins-nonce'`);

    expect(Object.fromEntries(await callback(back))).toEqual({ error: 'token_rejected' });
    expect(await auditOf(null, 'auth.login_failed')).toContainEqual(
      expect.objectContaining({
        details: expect.objectContaining({ reason: 'token_rejected', check: 'nonce' }),
      }),
    );
  });

  it('refuses a provider error answer', async () => {
    const back = new URL(`${app.baseUrl}/api/auth/oidc/callback?error=access_denied&state=x`);

    expect(Object.fromEntries(await callback(back))).toEqual({ error: 'provider_error' });
  });

  it('refuses a deactivated user, even one the provider still vouches for', async () => {
    const first = await exchange((await ssoSignIn('sub-gone')).get('code'));
    expect(first.status).toBe(200);
    await app.dataSource.query(`UPDATE users SET active = false WHERE id = $1`, [first.body.user.id]);

    expect(Object.fromEntries(await ssoSignIn('sub-gone'))).toEqual({ error: 'inactive' });
  });

  it('re-reads the role at every sign-in: a new group changes the role and ends the old sessions; no group refuses', async () => {
    const first = await exchange((await ssoSignIn('sub-mover')).get('code'));
    expect(first.body.user.role).toBe('coordinator');

    await provider.setAccount('sub-mover', { name: 'Mover', preferred_username: 'mover', groups: ['poems-auditors'] });
    const second = await exchange((await ssoSignIn('sub-mover')).get('code'));

    expect(second.body.user).toMatchObject({ id: first.body.user.id, role: 'auditor' });
    expect((await call(app, 'GET', '/api/auth/me', { token: first.body.accessToken })).status).toBe(401);
    expect((await call(app, 'GET', '/api/auth/me', { token: second.body.accessToken })).status).toBe(200);

    await provider.setAccount('sub-mover', { name: 'Mover', preferred_username: 'mover', groups: [] });
    expect((await ssoSignIn('sub-mover')).get('error')).toBe('unmapped_role');
    expect((await call(app, 'GET', '/api/auth/me', { token: second.body.accessToken })).status).toBe(401);
  });

  it('links an account an admin created beforehand under the provider username', async () => {
    const precreated = await createUser(app, { role: 'hematologist', username: 'pre-made' });
    await provider.setAccount('sub-pre', { name: 'Pre Made', preferred_username: 'pre-made', groups: ['poems-coordinators'] });

    const token = await exchange((await ssoSignIn('sub-pre')).get('code'));

    expect(token.body.user).toMatchObject({ id: precreated.id, role: 'coordinator' });
  });

  it('refuses an unknown or malformed exchange code with a problem document', async () => {
    expect((await exchange('never-issued')).status).toBe(401);
    expect((await exchange(null)).status).toBe(400);
  });

  it('keeps local passwords working beside single sign-on (LOCAL_LOGIN=on)', async () => {
    const user = await createUser(app, { role: 'coordinator' });

    await expect(signIn(app, user.username, user.password)).resolves.toMatchObject({
      user: { role: 'coordinator' },
    });
  });
});

describe('single sign-on with the provider down, and LOCAL_LOGIN', () => {
  let app: TestApp;

  beforeAll(async () => {
    const port = await freePort();
    app = await startTestApp({
      env: {
        OIDC_ISSUER_URL: `http://127.0.0.1:${port}`,
        OIDC_CLIENT_ID: 'poems',
        OIDC_ROLE_CLAIM: 'groups',
        OIDC_ROLE_MAP: ROLE_MAP,
        LOCAL_LOGIN: 'admins-only',
      },
    });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('starts anyway, and says the provider is unreachable', async () => {
    const response = await call<AuthProviders>(app, 'GET', '/api/auth/providers');

    expect(response.body).toEqual({
      localLogin: 'admins-only',
      sso: { name: '127.0.0.1', reachable: false, loginPath: '/api/auth/oidc/login' },
    });
    const login = await fetch(`${app.baseUrl}/api/auth/oidc/login`, { redirect: 'manual' });
    expect(login.status).toBe(302);
    expect(login.headers.get('location')).toBe('/sign-in/sso#error=unavailable');
  });

  it('keeps local passwords for admins only, refusing others after a right password', async () => {
    const admin = await createUser(app, { role: 'admin' });
    const coordinator = await createUser(app, { role: 'coordinator' });

    await expect(signIn(app, admin.username, admin.password)).resolves.toMatchObject({ user: { role: 'admin' } });
    const refused = await call(app, 'POST', '/api/auth/login', {
      body: { username: coordinator.username, password: coordinator.password },
    });
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).toMatch(/administrators only/);
    const wrong = await call(app, 'POST', '/api/auth/login', {
      body: { username: coordinator.username, password: 'wrong password entirely' },
    });
    expect(wrong.status).toBe(401);
  });
});

describe('LOCAL_LOGIN=off', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({
      env: {
        OIDC_ISSUER_URL: 'http://127.0.0.1:9',
        OIDC_CLIENT_ID: 'poems',
        OIDC_ROLE_CLAIM: 'groups',
        OIDC_ROLE_MAP: ROLE_MAP,
        LOCAL_LOGIN: 'off',
      },
    });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('refuses every local password, audited', async () => {
    const admin = await createUser(app, { role: 'admin' });

    const refused = await call(app, 'POST', '/api/auth/login', {
      body: { username: admin.username, password: admin.password },
    });

    expect(refused.status).toBe(403);
    const audited = (await app.dataSource.query(
      `SELECT details FROM audit_events WHERE action = 'auth.login_failed'`,
    )) as { details: Record<string, unknown> }[];
    expect(audited).toContainEqual({ details: expect.objectContaining({ reason: 'local_login_off' }) });
  });
});
