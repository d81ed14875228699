import type {
  LoginResponse,
  MfaChallengeResponse,
  MfaEnrolment,
  MfaRecoveryCodes,
} from '@poems/contract';
import { Authenticator, enrolledUser } from '../testing/authenticator';
import { call, createUser, signIn } from '../testing/http';
import { startTestApp, type TestApp } from '../testing/test-app';

describe('two-step sign-in (TOTP)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({
      env: { MFA_REQUIRED_ROLES: 'admin', LOGIN_MAX_FAILURES: '5' },
    });
  });

  afterAll(async () => {
    await app.close();
  });

  async function auditActions(userId: string): Promise<string[]> {
    const rows = (await app.dataSource.query(
      `SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id`,
      [userId],
    )) as { action: string }[];
    return rows.map((r) => r.action);
  }

  function enrolled(role: 'admin' | 'hematologist' = 'admin') {
    return enrolledUser(app, role);
  }

  async function challenge(
    username: string,
    password: string,
  ): Promise<MfaChallengeResponse> {
    const response = await call(app, 'POST', '/api/auth/login', {
      body: { username, password },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      mfaRequired: true,
      challengeToken: expect.any(String),
      expiresIn: 300,
    });
    return response.body as MfaChallengeResponse;
  }

  function verify(body: Record<string, unknown>) {
    return call<LoginResponse>(app, 'POST', '/api/auth/mfa/verify', { body });
  }

  it('sets up an authenticator: secret and otpauth URI, confirmed by a first code, recovery codes once, secret encrypted at rest', async () => {
    const user = await createUser(app, { role: 'admin' });
    const login = await signIn(app, user.username, user.password);
    expect(login.mfaEnrolmentRequired).toBe(true);

    const started = await call<MfaEnrolment>(
      app,
      'POST',
      '/api/auth/mfa/enrolment',
      { token: login.accessToken },
    );
    expect(started.status).toBe(200);
    // The secret is in this answer: no cache may keep it.
    expect(started.headers.get('cache-control')).toBe('no-store');
    expect(started.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(started.body.otpauthUri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(started.body.secret);
    expect(uri.searchParams.get('issuer')).toBe('POEMS');
    expect(decodeURIComponent(uri.pathname)).toContain(user.username);

    const authenticator = new Authenticator(started.body.secret);
    const wrong = await call(app, 'POST', '/api/auth/mfa/enrolment/confirm', {
      token: login.accessToken,
      body: { code: await authenticator.wrong() },
    });
    expect(wrong.status).toBe(400);
    expect(
      (await call(app, 'GET', '/api/auth/mfa', { token: login.accessToken }))
        .body,
    ).toMatchObject({ enrolled: false, required: true });

    const confirmed = await call<MfaRecoveryCodes>(
      app,
      'POST',
      '/api/auth/mfa/enrolment/confirm',
      { token: login.accessToken, body: { code: await authenticator.next() } },
    );
    expect(confirmed.status).toBe(200);
    const codes = confirmed.body.recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) {
      expect(code).toMatch(/^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/);
    }
    const status = await call(app, 'GET', '/api/auth/mfa', {
      token: login.accessToken,
    });
    expect(status.body).toMatchObject({
      enrolled: true,
      required: true,
      recoveryCodesLeft: 10,
      unavailableReason: null,
    });

    // Neither the secret nor a recovery code is stored as it was shown.
    const [row] = (await app.dataSource.query(
      `SELECT encode(secret_encrypted, 'escape') AS stored,
              (SELECT string_agg(code_hash, ' ') FROM mfa_recovery_codes WHERE user_id = $1) AS hashes
         FROM user_mfa WHERE user_id = $1`,
      [user.id],
    )) as { stored: string; hashes: string }[];
    expect(row?.stored).not.toContain(started.body.secret);
    for (const code of codes) {
      expect(row?.hashes).not.toContain(code);
      expect(row?.hashes).not.toContain(code.replace(/-/g, ''));
    }
    // Nor anywhere in the audit trail.
    const [audit] = (await app.dataSource.query(
      `SELECT string_agg(coalesce(details::text, ''), ' ') AS text FROM audit_events WHERE entity_id = $1`,
      [user.id],
    )) as { text: string }[];
    expect(audit?.text).not.toContain(started.body.secret);
    expect(await auditActions(user.id)).toEqual(
      expect.arrayContaining(['auth.mfa_enrol_failed', 'auth.mfa_enrol']),
    );

    // A confirmed authenticator is replaced only after an administrator's reset.
    const again = await call(app, 'POST', '/api/auth/mfa/enrolment', {
      token: login.accessToken,
    });
    expect(again.status).toBe(409);
  });

  it('refuses everything but enrolment to a required role until it is set up, then lets the same session in', async () => {
    const user = await createUser(app, { role: 'admin' });
    const login = await signIn(app, user.username, user.password);
    const token = login.accessToken;

    const refused = await call(app, 'GET', '/api/users', { token });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain(
      'application/problem+json',
    );
    expect(refused.body).toMatchObject({
      status: 403,
      type: expect.stringMatching(/\/mfa_enrolment_required$/),
      detail: expect.stringContaining('two-step sign-in'),
    });
    expect((await call(app, 'GET', '/api/auth/me', { token })).status).toBe(
      200,
    );
    const refreshed = await call<LoginResponse>(
      app,
      'POST',
      '/api/auth/refresh',
      { token },
    );
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.mfaEnrolmentRequired).toBe(true);

    const started = await call<MfaEnrolment>(
      app,
      'POST',
      '/api/auth/mfa/enrolment',
      { token },
    );
    const authenticator = new Authenticator(started.body.secret);
    await call(app, 'POST', '/api/auth/mfa/enrolment/confirm', {
      token,
      body: { code: await authenticator.next() },
    });

    expect((await call(app, 'GET', '/api/users', { token })).status).toBe(200);
    const after = await call<LoginResponse>(app, 'POST', '/api/auth/refresh', {
      token,
    });
    expect(after.body.mfaEnrolmentRequired).toBe(false);
  });

  it('leaves roles outside MFA_REQUIRED_ROLES password-only until they choose to set it up', async () => {
    const user = await createUser(app, { role: 'hematologist' });
    const login = await signIn(app, user.username, user.password);
    expect(login.mfaEnrolmentRequired).toBe(false);
    expect(
      (await call(app, 'GET', '/api/patients', { token: login.accessToken }))
        .status,
    ).toBe(200);
    expect(
      (await call(app, 'GET', '/api/auth/mfa', { token: login.accessToken }))
        .body,
    ).toMatchObject({ enrolled: false, required: false });
  });

  it('signs in with password then a code: the challenge is no session, the code opens one', async () => {
    const { user, app: authenticator } = await enrolled();
    const step = await challenge(user.username, user.password);

    // The challenge opens nothing else.
    expect(
      (await call(app, 'GET', '/api/auth/me', { token: step.challengeToken }))
        .status,
    ).toBe(401);

    const answer = await verify({
      challengeToken: step.challengeToken,
      code: await authenticator.next(),
    });
    expect(answer.status).toBe(200);
    expect(answer.body.mfaEnrolmentRequired).toBe(false);
    const token = answer.body.accessToken;
    expect((await call(app, 'GET', '/api/users', { token })).status).toBe(200);
    const [session] = (await app.dataSource.query(
      `SELECT auth_method FROM sessions WHERE id = $1`,
      [answer.body.session.id],
    )) as { auth_method: string }[];
    expect(session?.auth_method).toBe('mfa');
    const [login] = (await app.dataSource.query(
      `SELECT details FROM audit_events WHERE entity_id = $1 AND action = 'auth.login'
        ORDER BY id DESC LIMIT 1`,
      [user.id],
    )) as { details: Record<string, unknown> }[];
    expect(login?.details).toMatchObject({
      method: 'mfa',
      secondFactor: 'totp',
      sessionId: answer.body.session.id,
    });

    // The challenge is spent: refused before any code is looked at.
    const reused = await verify({
      challengeToken: step.challengeToken,
      code: await authenticator.wrong(),
    });
    expect(reused.status).toBe(401);
    expect(reused.body).toMatchObject({ mfaChallengeExpired: true });
  });

  it('refuses the same code twice within its window', async () => {
    const { user, app: authenticator } = await enrolled();
    const code = await authenticator.next();

    const first = await verify({
      challengeToken: (await challenge(user.username, user.password))
        .challengeToken,
      code,
    });
    expect(first.status).toBe(200);

    const replay = await verify({
      challengeToken: (await challenge(user.username, user.password))
        .challengeToken,
      code,
    });
    expect(replay.status).toBe(401);
    expect(replay.body).toMatchObject({
      type: expect.stringMatching(/\/unauthenticated$/),
      detail: 'The code is incorrect or has already been used.',
    });
  });

  it('counts wrong codes and locks the second factor: the right code is then refused, and the lock is audited', async () => {
    const { user, app: authenticator } = await enrolled();
    const { challengeToken } = await challenge(user.username, user.password);

    for (let i = 0; i < 5; i++) {
      const wrong = await verify({
        challengeToken,
        code: await authenticator.wrong(),
      });
      expect(wrong.status).toBe(401);
    }
    const locked = await verify({
      challengeToken,
      code: await authenticator.next(),
    });
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({
      type: expect.stringMatching(/\/rate_limited$/),
    });
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);

    const actions = await auditActions(user.id);
    expect(actions.filter((a) => a === 'auth.mfa_failed')).toHaveLength(6);
    expect(actions.filter((a) => a === 'auth.mfa_lock')).toHaveLength(1);
    expect(actions).not.toContain('auth.session_end');
  });

  it('compares at most LOGIN_MAX_FAILURES codes in a burst of parallel guesses', async () => {
    const { user, app: authenticator } = await enrolled();
    const { challengeToken } = await challenge(user.username, user.password);
    const wrong = await authenticator.wrong();

    const answers = await Promise.all(
      Array.from({ length: 12 }, () => verify({ challengeToken, code: wrong })),
    );
    expect(answers.filter((a) => a.status === 401)).toHaveLength(5);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(7);
  });

  it('accepts each recovery code once, typed in any case and without dashes', async () => {
    const { user, recoveryCodes } = await enrolled();
    const code = recoveryCodes[3] as string;

    const used = await verify({
      challengeToken: (await challenge(user.username, user.password))
        .challengeToken,
      recoveryCode: code.toLowerCase().replace(/-/g, ''),
    });
    expect(used.status).toBe(200);
    const status = await call(app, 'GET', '/api/auth/mfa', {
      token: used.body.accessToken,
    });
    expect(status.body).toMatchObject({ recoveryCodesLeft: 9 });
    const [event] = (await app.dataSource.query(
      `SELECT details FROM audit_events WHERE entity_id = $1 AND action = 'auth.mfa_recovery_code_used'`,
      [user.id],
    )) as { details: Record<string, unknown> }[];
    expect(event?.details).toEqual({ recoveryCodesLeft: 9 });

    const again = await verify({
      challengeToken: (await challenge(user.username, user.password))
        .challengeToken,
      recoveryCode: code,
    });
    expect(again.status).toBe(401);

    const both = await verify({
      challengeToken: (await challenge(user.username, user.password))
        .challengeToken,
      recoveryCode: recoveryCodes[4],
      code: '123456',
    });
    expect(both.status).toBe(400);
  });

  it('lets an administrator reset it: sessions end, the password alone signs in, and the role must enrol again', async () => {
    const admin = await enrolled();
    const target = await enrolled('admin');
    const adminLogin = await verify({
      challengeToken: (
        await challenge(admin.user.username, admin.user.password)
      ).challengeToken,
      code: await admin.app.next(),
    });
    const adminToken = adminLogin.body.accessToken;
    const listed = await call(app, 'GET', '/api/users?pageSize=100', {
      token: adminToken,
    });
    expect(
      (listed.body.items as { id: string; mfaEnrolled: boolean }[]).find(
        (u) => u.id === target.user.id,
      ),
    ).toMatchObject({ mfaEnrolled: true });

    const reset = await call(
      app,
      'DELETE',
      `/api/users/${target.user.id}/mfa`,
      {
        token: adminToken,
      },
    );
    expect(reset.status).toBe(204);

    expect(
      (await call(app, 'GET', '/api/auth/me', { token: target.token })).status,
    ).toBe(401);
    const [event] = (await app.dataSource.query(
      `SELECT actor_id, details FROM audit_events WHERE entity_id = $1 AND action = 'user.mfa_reset'`,
      [target.user.id],
    )) as { actor_id: string; details: Record<string, unknown> }[];
    expect(event).toEqual({
      actor_id: admin.user.id,
      details: { hadAuthenticator: true, recoveryCodesRemoved: 10 },
    });
    const after = await signIn(app, target.user.username, target.user.password);
    expect(after.accessToken).toEqual(expect.any(String));
    expect(after.mfaEnrolmentRequired).toBe(true);

    const unknown = await call(
      app,
      'DELETE',
      '/api/users/00000000-0000-4000-8000-000000000000/mfa',
      { token: adminToken },
    );
    expect(unknown.status).toBe(404);
  });

  it('answers a malformed or unknown challenge with a problem document, never a 5xx', async () => {
    expect(
      (await verify({ challengeToken: 'nope', code: '123456' })).status,
    ).toBe(401);
    expect(
      (await verify({ challengeToken: 'nope', code: '12ab' })).status,
    ).toBe(400);
    expect((await verify({ challengeToken: 'nope' })).status).toBe(400);
  });
});
