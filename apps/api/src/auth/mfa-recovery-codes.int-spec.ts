import type {
  LoginResponse,
  MfaChallengeResponse,
  MfaRecoveryCodes,
} from '@poems/contract';
import { enrolledUser } from '../testing/authenticator';
import { call, createUser, signIn } from '../testing/http';
import { startTestApp, type TestApp } from '../testing/test-app';

describe('regenerating one’s own recovery codes', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({
      env: { MFA_REQUIRED_ROLES: 'admin', LOGIN_MAX_FAILURES: '5' },
    });
  });

  afterAll(async () => {
    await app.close();
  });

  function regenerate(token: string, body: unknown) {
    return call<MfaRecoveryCodes>(app, 'POST', '/api/auth/mfa/recovery-codes', {
      token,
      body,
    });
  }

  /** Signs in with the password and one recovery code; the answer of the second step. */
  async function signInWithRecoveryCode(
    username: string,
    password: string,
    recoveryCode: string,
  ) {
    const login = await call<MfaChallengeResponse>(
      app,
      'POST',
      '/api/auth/login',
      {
        body: { username, password },
      },
    );
    expect(login.body.mfaRequired).toBe(true);
    return call<LoginResponse>(app, 'POST', '/api/auth/mfa/verify', {
      body: { challengeToken: login.body.challengeToken, recoveryCode },
    });
  }

  async function events(userId: string, action: string) {
    return (await app.dataSource.query(
      `SELECT actor_id, outcome, details FROM audit_events
        WHERE entity_id = $1 AND action = $2 ORDER BY id`,
      [userId, action],
    )) as {
      actor_id: string;
      outcome: string;
      details: Record<string, unknown>;
    }[];
  }

  it('replaces every recovery code after a current code: the old ones stop working, the new ones sign in, audited', async () => {
    const {
      user,
      token,
      app: authenticator,
      recoveryCodes,
    } = await enrolledUser(app, 'hematologist');
    const spent = await signInWithRecoveryCode(
      user.username,
      user.password,
      recoveryCodes[0] as string,
    );
    expect(spent.status).toBe(200);

    const renewed = await regenerate(token, {
      code: await authenticator.next(),
    });
    expect(renewed.status).toBe(200);
    expect(renewed.headers.get('cache-control')).toBe('no-store');
    const fresh = renewed.body.recoveryCodes;
    expect(fresh).toHaveLength(10);
    expect(new Set(fresh).size).toBe(10);
    expect(fresh.some((c) => recoveryCodes.includes(c))).toBe(false);

    // Only digests are stored: no new code appears in the table as typed.
    const stored = (await app.dataSource.query(
      `SELECT code_hash FROM mfa_recovery_codes WHERE user_id = $1`,
      [user.id],
    )) as { code_hash: string }[];
    expect(stored).toHaveLength(10);
    expect(stored.map((r) => r.code_hash)).not.toContain(fresh[0]);

    const old = await signInWithRecoveryCode(
      user.username,
      user.password,
      recoveryCodes[1] as string,
    );
    expect(old.status).toBe(401);
    const status = await call(app, 'GET', '/api/auth/mfa', { token });
    expect(status.body).toMatchObject({
      enrolled: true,
      recoveryCodesLeft: 10,
    });
    const withNew = await signInWithRecoveryCode(
      user.username,
      user.password,
      fresh[9] as string,
    );
    expect(withNew.status).toBe(200);

    expect(
      await events(user.id, 'auth.mfa_recovery_codes_regenerated'),
    ).toEqual([
      {
        actor_id: user.id,
        outcome: 'success',
        details: { recoveryCodes: 10, unusedInvalidated: 9 },
      },
    ]);
  });

  it('refuses a wrong or replayed code with a 400 problem document, keeps the codes and the session, and audits the failure', async () => {
    const {
      user,
      token,
      app: authenticator,
      recoveryCodes,
    } = await enrolledUser(app, 'hematologist');
    const wrong = await regenerate(token, {
      code: await authenticator.wrong(),
    });
    expect(wrong.status).toBe(400);
    expect(wrong.headers.get('content-type')).toMatch(
      /application\/problem\+json/,
    );
    expect(wrong.body).toMatchObject({
      type: expect.stringMatching(/\/validation_failed$/),
      errors: [expect.objectContaining({ field: 'code' })],
    });

    // The code that confirmed the enrolment: its step is spent.
    const replayed = await regenerate(token, {
      code: authenticator.lastCode(),
    });
    expect(replayed.status).toBe(400);

    const malformed = await regenerate(token, { code: '12ab56' });
    expect(malformed.status).toBe(400);
    expect((await regenerate(token, {})).status).toBe(400);

    expect((await call(app, 'GET', '/api/auth/me', { token })).status).toBe(
      200,
    );
    const kept = await signInWithRecoveryCode(
      user.username,
      user.password,
      recoveryCodes[2] as string,
    );
    expect(kept.status).toBe(200);
    const failures = await events(user.id, 'auth.mfa_failed');
    expect(failures.map((f) => f.details)).toEqual([
      {
        reason: 'bad_code',
        secondFactor: 'totp',
        failures: 1,
        purpose: 'recovery_codes',
      },
      {
        reason: 'bad_code',
        secondFactor: 'totp',
        failures: 2,
        purpose: 'recovery_codes',
      },
    ]);
    expect(
      await events(user.id, 'auth.mfa_recovery_codes_regenerated'),
    ).toEqual([]);
  });

  it('counts wrong codes against the second factor’s lock: the right code is then refused with 429', async () => {
    const {
      user,
      token,
      app: authenticator,
    } = await enrolledUser(app, 'hematologist');
    for (let i = 0; i < 5; i++) {
      expect(
        (await regenerate(token, { code: await authenticator.wrong() })).status,
      ).toBe(400);
    }
    const locked = await regenerate(token, {
      code: await authenticator.next(),
    });
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({
      type: expect.stringMatching(/\/rate_limited$/),
    });
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await events(user.id, 'auth.mfa_lock')).toHaveLength(1);
    expect(
      await events(user.id, 'auth.mfa_recovery_codes_regenerated'),
    ).toEqual([]);
  });

  it('answers 409 to a user without two-step sign-in and 401 without a session', async () => {
    const user = await createUser(app, { role: 'coordinator' });
    const login = await signIn(app, user.username, user.password);
    const none = await regenerate(login.accessToken, { code: '123456' });
    expect(none.status).toBe(409);
    expect(none.body).toMatchObject({
      type: expect.stringMatching(/\/conflict$/),
    });

    const anonymous = await call(app, 'POST', '/api/auth/mfa/recovery-codes', {
      body: { code: '123456' },
    });
    expect(anonymous.status).toBe(401);
  });
});
