import { oidcFlow, type OidcFlow } from '../testing/oidc-flow';
import {
  freePort,
  OIDC_TEST_CLIENT,
  startOidcProvider,
  type IdTokenChange,
  type TestOidcProvider,
} from '../testing/oidc-test-provider';
import { startTestApp, type TestApp } from '../testing/test-app';

/**
 * Answers a relying party must refuse, produced by a real OpenID provider (oidc-provider) whose
 * next ID token is rewritten: re-signed with its own key over a wrong claim, or with a broken
 * signature. Each refusal lands on the web app's return page with a reason, creates no session and
 * no user, and is audited with the check that failed.
 */
describe('OpenID Connect sign-in refusals', () => {
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
        OIDC_ROLE_MAP: 'poems-hematologists=hematologist',
      },
    });
    provider = await startOidcProvider(port, `${app.baseUrl}/api/auth/oidc/callback`, {
      'sub-hem': { name: 'Hema Tologist', preferred_username: 'hema', groups: ['poems-hematologists'] },
      'sub-ok': { name: 'Control', preferred_username: 'control', groups: ['poems-hematologists'] },
      'sub-replay': { name: 'Replay', preferred_username: 'replay', groups: ['poems-hematologists'] },
    });
    flow = oidcFlow(app, provider);
  }, 60_000);

  afterAll(async () => {
    await provider?.stop();
    await app?.close();
  });

  async function countOf(sql: string): Promise<number> {
    const [row] = (await app.dataSource.query(sql)) as { n: number }[];
    return Number(row?.n);
  }

  /**
   * Runs `attempt` and checks the refusal: the return page's fragment, no session and no user
   * created, and one audited failure carrying the reason (and the check, when one is named).
   */
  async function expectRefusal(
    attempt: () => Promise<URLSearchParams>,
    reason: string,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    const sessions = await countOf(`SELECT count(*) AS n FROM sessions`);
    const users = await countOf(`SELECT count(*) AS n FROM users`);
    const lastAudit = await countOf(`SELECT coalesce(max(id), 0) AS n FROM audit_events`);

    const fragment = await attempt();

    expect(Object.fromEntries(fragment)).toEqual({ error: reason });
    expect(await countOf(`SELECT count(*) AS n FROM sessions`)).toBe(sessions);
    expect(await countOf(`SELECT count(*) AS n FROM users`)).toBe(users);
    const audited = (await app.dataSource.query(
      `SELECT action, outcome, details FROM audit_events WHERE id > $1 ORDER BY id`,
      [lastAudit],
    )) as Record<string, unknown>[];
    expect(audited).toEqual([
      {
        action: 'auth.login_failed',
        outcome: 'failure',
        details: expect.objectContaining({ method: 'oidc', reason, ...details }),
      },
    ]);
  }

  async function signInWithSpoiledIdToken(change: IdTokenChange): Promise<URLSearchParams> {
    const authorizationUrl = await flow.startLogin();
    await provider.spoilNextIdToken(change);
    return flow.callback(await provider.signIn(authorizationUrl, 'sub-hem'));
  }

  const now = (): number => Math.floor(Date.now() / 1000);

  it('accepts an ID token the provider re-signed unchanged (the rewriting alone refuses nothing)', async () => {
    const authorizationUrl = await flow.startLogin();
    await provider.spoilNextIdToken({ claims: {} });

    const fragment = await flow.callback(await provider.signIn(authorizationUrl, 'sub-ok'));

    expect(fragment.get('error')).toBeNull();
    expect((await flow.exchange(fragment.get('code'))).body.user).toMatchObject({ username: 'control' });
  });

  it('refuses an ID token issued to another client (wrong audience)', async () => {
    await expectRefusal(
      () => signInWithSpoiledIdToken({ claims: { aud: 'another-client' } }),
      'token_rejected',
      { check: 'aud' },
    );
  });

  it('refuses an expired ID token', async () => {
    await expectRefusal(
      () => signInWithSpoiledIdToken({ claims: { iat: now() - 7200, exp: now() - 3600 } }),
      'token_rejected',
      { check: 'exp' },
    );
  });

  it('refuses an ID token from another issuer', async () => {
    await expectRefusal(
      () => signInWithSpoiledIdToken({ claims: { iss: 'https://login.attacker.example' } }),
      'token_rejected',
      { check: 'iss' },
    );
  });

  it('refuses an ID token whose signature was tampered with', async () => {
    await expectRefusal(
      () => signInWithSpoiledIdToken({ tamper: 'signature' }),
      'token_rejected',
      { error: expect.stringMatching(/signature verification failed/) },
    );
  });

  it('refuses a provider-signed ID token carrying another sign-in’s nonce', async () => {
    await expectRefusal(
      () => signInWithSpoiledIdToken({ claims: { nonce: 'another-sign-ins-nonce' } }),
      'token_rejected',
      { check: 'nonce' },
    );
  });

  it('refuses an answer carrying the state of another sign-in in flight', async () => {
    const mine = await provider.signIn(await flow.startLogin(), 'sub-hem');
    const other = new URL(await flow.startLogin());
    mine.searchParams.set('state', other.searchParams.get('state') ?? '');

    // The state is known, but the code was bound to the other sign-in's PKCE challenge and nonce.
    await expectRefusal(() => flow.callback(mine), 'token_rejected');
  });

  it('refuses a callback replayed after it signed in', async () => {
    const back = await provider.signIn(await flow.startLogin(), 'sub-replay');
    expect((await flow.callback(back)).get('code')).not.toBeNull();

    await expectRefusal(() => flow.callback(back), 'unknown_state');
  });

  it('refuses an authorization code redeemed twice, even with its sign-in restored (the provider says so)', async () => {
    const back = await provider.signIn(await flow.startLogin(), 'sub-replay');
    // As if an attacker held a copy of the sign-in in flight: state, nonce and PKCE verifier.
    const saved = (await app.dataSource.query(`SELECT * FROM oidc_logins`)) as Record<string, unknown>[];
    expect((await flow.callback(back)).get('code')).not.toBeNull();
    for (const row of saved) {
      await app.dataSource.query(
        `INSERT INTO oidc_logins (state_hash, nonce, code_verifier, redirect_uri, expires_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
        [row['state_hash'], row['nonce'], row['code_verifier'], row['redirect_uri'], row['expires_at']],
      );
    }

    await expectRefusal(() => flow.callback(back), 'token_rejected', {
      providerError: 'invalid_grant',
    });
  });
});
