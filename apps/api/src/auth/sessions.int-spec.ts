import { JwtService } from '@nestjs/jwt';
import type { LoginResponse, SessionView } from '@poems/contract';
import { call, callAs, createUser, signIn } from '../testing/http';
import {
  startTestApp,
  TEST_JWT_SECRET,
  type TestApp,
} from '../testing/test-app';

interface SessionRow {
  ended_at: Date | null;
  end_reason: string | null;
}

async function sessionRow(app: TestApp, id: string): Promise<SessionRow> {
  const [row] = (await app.dataSource.query(
    `SELECT ended_at, end_reason FROM sessions WHERE id = $1`,
    [id],
  )) as SessionRow[];
  if (row === undefined) {
    throw new Error(`no session ${id}`);
  }
  return row;
}

function me(app: TestApp, token: string, headers?: Record<string, string>) {
  return call(app, 'GET', '/api/auth/me', { token, headers });
}

describe('server-side sessions', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({
      env: { SESSION_IDLE_MINUTES: '15', SESSION_MAX_HOURS: '12' },
    });
  });

  afterAll(async () => {
    await app.close();
  });

  async function newSession(
    role: 'hematologist' | 'coordinator' | 'auditor' | 'admin' = 'coordinator',
  ): Promise<{
    user: Awaited<ReturnType<typeof createUser>>;
    login: LoginResponse;
  }> {
    const user = await createUser(app, { role });
    return { user, login: await signIn(app, user.username, user.password) };
  }

  it('names its session in the token, with an expiry, and records the session', async () => {
    const { user, login } = await newSession();

    const payload = app.app
      .get(JwtService)
      .decode<{ sub: string; sid: string; exp: number }>(login.accessToken);

    expect(payload).toMatchObject({ sub: user.id, sid: login.session.id });
    expect(typeof payload.exp).toBe('number');
    const [row] = await app.dataSource.query(
      `SELECT user_id, ended_at, expires_at - created_at = interval '12 hours' AS twelve_hours,
              client_ip FROM sessions WHERE id = $1`,
      [login.session.id],
    );
    expect(row).toEqual({
      user_id: user.id,
      ended_at: null,
      twelve_hours: true,
      client_ip: '127.0.0.1',
    });
    expect(login.session.idleTimeoutSeconds).toBe(900);
  });

  it('ends the session on logout: the same token is refused at once', async () => {
    const { login } = await newSession();
    expect((await me(app, login.accessToken)).status).toBe(200);

    const logout = await call(app, 'POST', '/api/auth/logout', {
      token: login.accessToken,
    });

    expect(logout.status).toBe(204);
    const after = await me(app, login.accessToken);
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({
      status: 401,
      sessionEnded: 'ended',
    });
    expect(await sessionRow(app, login.session.id)).toMatchObject({
      end_reason: 'logout',
    });
  });

  it('refuses a correctly signed token without exp, and one naming an unknown session', async () => {
    const { login } = await newSession();
    const jwt = app.app.get(JwtService);
    const payload = jwt.decode<Record<string, unknown>>(login.accessToken);
    // Signed with the app's secret, but by a signer with no default expiry.
    const forever = new JwtService({ secret: TEST_JWT_SECRET }).sign({
      sub: payload['sub'],
      sid: payload['sid'],
    });
    expect(jwt.decode<Record<string, unknown>>(forever)['exp']).toBeUndefined();

    expect((await me(app, forever)).status).toBe(401);
    expect(
      (
        await me(
          app,
          jwt.sign({
            sub: payload['sub'],
            sid: '00000000-0000-4000-8000-000000000000',
          }),
        )
      ).status,
    ).toBe(401);
    expect((await me(app, login.accessToken)).status).toBe(200);
  });

  it('ends every session of the user when an admin resets the password (and refuses a weak one)', async () => {
    const { user, login } = await newSession();
    const other = await signIn(app, user.username, user.password);

    const weak = await callAs(app, 'admin', 'PATCH', `/api/users/${user.id}`, {
      version: user.version,
      password: 'password1234',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.errors).toEqual([
      {
        field: 'password',
        message: expect.stringMatching(/^password is too easy to guess/),
      },
    ]);
    expect((await me(app, login.accessToken)).status).toBe(200);

    const reset = await callAs(app, 'admin', 'PATCH', `/api/users/${user.id}`, {
      version: user.version,
      password: 'a brand new passphrase',
    });

    expect(reset.status).toBe(200);
    expect((await me(app, login.accessToken)).status).toBe(401);
    expect((await me(app, other.accessToken)).status).toBe(401);
    expect(await sessionRow(app, login.session.id)).toMatchObject({
      end_reason: 'password_reset',
    });
    expect(
      (await signIn(app, user.username, 'a brand new passphrase')).user.id,
    ).toBe(user.id);
  });

  it('ends every session on deactivation', async () => {
    const { user, login } = await newSession('auditor');

    await callAs(app, 'admin', 'PATCH', `/api/users/${user.id}`, {
      version: user.version,
      active: false,
    });

    expect((await me(app, login.accessToken)).status).toBe(401);
    expect(await sessionRow(app, login.session.id)).toMatchObject({
      end_reason: 'deactivated',
    });
  });

  it('ends a session idle beyond SESSION_IDLE_MINUTES, audited, and says why', async () => {
    const { user, login } = await newSession();
    await app.dataSource.query(
      `UPDATE sessions SET last_seen_at = now() - interval '15 minutes 1 second' WHERE id = $1`,
      [login.session.id],
    );

    const response = await me(app, login.accessToken);

    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({
      sessionEnded: 'idle',
      detail: expect.stringMatching(/inactivity/),
    });
    expect(await sessionRow(app, login.session.id)).toMatchObject({
      end_reason: 'idle',
    });
    const [event] = await app.dataSource.query(
      `SELECT details FROM audit_events WHERE entity_id = $1 AND action = 'auth.session_end'`,
      [user.id],
    );
    expect(event.details).toEqual({
      sessionId: login.session.id,
      reason: 'idle',
    });
    // Refused for good, even once "active" again.
    expect((await me(app, login.accessToken)).status).toBe(401);
  });

  it('ends a session at SESSION_MAX_HOURS, however active', async () => {
    const { login } = await newSession();
    await app.dataSource.query(
      `UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [login.session.id],
    );

    const response = await me(app, login.accessToken);

    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ sessionEnded: 'max_lifetime' });
  });

  it('renews the idle clock on activity, not on passive requests', async () => {
    const { login } = await newSession();
    const lastSeen = async (): Promise<number> => {
      const [row] = await app.dataSource.query(
        `SELECT extract(epoch FROM now() - last_seen_at)::int AS age FROM sessions WHERE id = $1`,
        [login.session.id],
      );
      return row.age as number;
    };
    await app.dataSource.query(
      `UPDATE sessions SET last_seen_at = now() - interval '10 minutes' WHERE id = $1`,
      [login.session.id],
    );

    expect(
      (await me(app, login.accessToken, { 'x-session-activity': 'passive' }))
        .status,
    ).toBe(200);
    expect(await lastSeen()).toBeGreaterThanOrEqual(600);

    expect((await me(app, login.accessToken)).status).toBe(200);
    expect(await lastSeen()).toBeLessThan(5);
  });

  it('refreshes the token within the same session, and not once it has ended', async () => {
    const { login } = await newSession();

    const refreshed = await call<LoginResponse>(
      app,
      'POST',
      '/api/auth/refresh',
      { token: login.accessToken },
    );

    expect(refreshed.status).toBe(200);
    expect(refreshed.body.session.id).toBe(login.session.id);
    expect(refreshed.body.user).toEqual(login.user);
    expect((await me(app, refreshed.body.accessToken)).status).toBe(200);

    await call(app, 'POST', '/api/auth/logout', {
      token: refreshed.body.accessToken,
    });
    expect(
      (
        await call(app, 'POST', '/api/auth/refresh', {
          token: login.accessToken,
        })
      ).status,
    ).toBe(401);
  });

  it('never issues a token that outlives its session', async () => {
    const { login } = await newSession();
    await app.dataSource.query(
      `UPDATE sessions SET expires_at = now() + interval '2 minutes' WHERE id = $1`,
      [login.session.id],
    );

    const refreshed = await call<LoginResponse>(
      app,
      'POST',
      '/api/auth/refresh',
      { token: login.accessToken },
    );

    expect(refreshed.body.expiresIn).toBeLessThanOrEqual(120);
    expect(refreshed.body.expiresIn).toBeGreaterThan(100);
  });

  it('lets an admin list a user’s sessions and end one, or all', async () => {
    const { user, login } = await newSession('hematologist');
    const second = await signIn(app, user.username, user.password);
    const third = await signIn(app, user.username, user.password);

    const list = await callAs<SessionView[]>(
      app,
      'admin',
      'GET',
      `/api/users/${user.id}/sessions`,
    );

    expect(list.status).toBe(200);
    expect(list.body.map((s) => s.id).sort()).toEqual(
      [login.session.id, second.session.id, third.session.id].sort(),
    );
    expect(list.body[0]).toEqual({
      id: expect.any(String),
      createdAt: expect.any(String),
      lastSeenAt: expect.any(String),
      expiresAt: expect.any(String),
      endedAt: null,
      endReason: null,
      clientIp: '127.0.0.1',
    });

    const endOne = await callAs(
      app,
      'admin',
      'POST',
      `/api/users/${user.id}/sessions/${second.session.id}/end`,
    );
    expect(endOne.status).toBe(204);
    expect((await me(app, second.accessToken)).status).toBe(401);
    expect((await me(app, login.accessToken)).status).toBe(200);

    const endAll = await callAs(
      app,
      'admin',
      'POST',
      `/api/users/${user.id}/sessions/end`,
    );
    expect(endAll.status).toBe(204);
    expect((await me(app, login.accessToken)).status).toBe(401);
    expect((await me(app, third.accessToken)).status).toBe(401);
    expect(await sessionRow(app, third.session.id)).toMatchObject({
      end_reason: 'ended_by_admin',
    });

    const idle = await signIn(app, user.username, user.password);
    await app.dataSource.query(
      `UPDATE sessions SET last_seen_at = now() - interval '16 minutes' WHERE id = $1`,
      [idle.session.id],
    );
    const relisted = await callAs<SessionView[]>(
      app,
      'admin',
      'GET',
      `/api/users/${user.id}/sessions`,
    );
    // A session that timed out unobserved is listed as ended, not open.
    expect(relisted.body.find((s) => s.id === idle.session.id)).toMatchObject({
      endedAt: expect.any(String),
      endReason: 'idle',
    });

    const otherUsers = await callAs(
      app,
      'admin',
      'POST',
      `/api/users/${(await createUser(app, { role: 'auditor' })).id}/sessions/${login.session.id}/end`,
    );
    expect(otherUsers.status).toBe(404);
  });
});

describe('self-service password change', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  it('needs the current password, refuses a weak new one with the reason, and ends every session', async () => {
    const user = await createUser(app, { role: 'coordinator' });
    const login = await signIn(app, user.username, user.password);
    const elsewhere = await signIn(app, user.username, user.password);
    const change = (body: unknown) =>
      call(app, 'POST', '/api/auth/password', {
        token: login.accessToken,
        body,
      });

    const wrong = await change({
      currentPassword: 'not my password at all',
      newPassword: 'a fresh and long passphrase',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([
      { field: 'currentPassword', message: 'currentPassword is incorrect' },
    ]);

    const weak = await change({
      currentPassword: user.password,
      newPassword: 'qwertyuiopasdf',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.errors).toEqual([
      {
        field: 'newPassword',
        message: expect.stringMatching(/^newPassword is too easy to guess: /),
      },
    ]);
    const named = await change({
      currentPassword: user.password,
      newPassword: `${user.username}!`,
    });
    expect(named.status).toBe(400);
    const short = await change({
      currentPassword: user.password,
      newPassword: 'Xk3#short',
    });
    expect(short.status).toBe(400);
    expect(short.body.errors[0].field).toBe('newPassword');

    const done = await change({
      currentPassword: user.password,
      newPassword: 'a fresh and long passphrase',
    });

    expect(done.status).toBe(204);
    expect(
      (await call(app, 'GET', '/api/auth/me', { token: login.accessToken }))
        .status,
    ).toBe(401);
    expect(
      (
        await call(app, 'GET', '/api/auth/me', {
          token: elsewhere.accessToken,
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await call(app, 'POST', '/api/auth/login', {
          body: { username: user.username, password: user.password },
        })
      ).status,
    ).toBe(401);
    await signIn(app, user.username, 'a fresh and long passphrase');
    const events = (await app.dataSource.query(
      `SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id`,
      [user.id],
    )) as { action: string }[];
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'auth.password_change_failed',
        'user.password_change',
        'auth.session_end',
      ]),
    );
  });

  it('counts wrong current passwords like failed sign-ins: locked after 5', async () => {
    const user = await createUser(app, { role: 'auditor' });
    const login = await signIn(app, user.username, user.password);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      statuses.push(
        (
          await call(app, 'POST', '/api/auth/password', {
            token: login.accessToken,
            body: {
              currentPassword: `guess number ${i}`,
              newPassword: 'a fresh and long passphrase',
            },
          })
        ).status,
      );
    }

    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
  });
});
