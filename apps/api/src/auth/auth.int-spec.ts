import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, PassThrough } from 'node:stream';
import { createUserCli } from '../cli/user-create';
import {
  call,
  callAs,
  createUser,
  signIn,
  TEST_PASSWORD,
} from '../testing/http';
import {
  startTestApp,
  TEST_JWT_SECRET,
  type TestApp,
} from '../testing/test-app';

async function auditActions(app: TestApp, entityId: string): Promise<string[]> {
  const rows = (await app.dataSource.query(
    `SELECT action, outcome FROM audit_events WHERE entity_id = $1 ORDER BY id`,
    [entityId],
  )) as { action: string; outcome: string }[];
  return rows.map((row) => `${row.action}:${row.outcome}`);
}

describe('sign-in', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({
      env: { LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_MINUTES: '10' },
    });
  });

  afterAll(async () => {
    await app.close();
  });

  it('returns a bearer token and the user, and the token works', async () => {
    const user = await createUser(app, {
      role: 'coordinator',
      displayName: 'Cora Ordinator',
    });

    const login = await call(app, 'POST', '/api/auth/login', {
      body: { username: user.username.toUpperCase(), password: user.password },
    });

    expect(login.status).toBe(200);
    expect(login.body).toEqual({
      accessToken: expect.any(String),
      tokenType: 'Bearer',
      expiresIn: 900,
      user: {
        id: user.id,
        username: user.username,
        displayName: 'Cora Ordinator',
        role: 'coordinator',
      },
      session: {
        id: expect.any(String),
        idleTimeoutSeconds: 900,
        expiresAt: expect.any(String),
      },
      mfaEnrolmentRequired: false,
    });
    const me = await call(app, 'GET', '/api/auth/me', {
      token: login.body.accessToken,
    });
    expect(me.status).toBe(200);
    expect(me.body).toEqual(login.body.user);
    expect(await auditActions(app, user.id)).toEqual([
      'user.create:success',
      'auth.login:success',
    ]);
  });

  it('answers an unknown user and a wrong password with the same 401', async () => {
    const user = await createUser(app, { role: 'auditor' });

    const unknown = await call(app, 'POST', '/api/auth/login', {
      body: { username: 'nobody-here', password: TEST_PASSWORD },
    });
    const wrong = await call(app, 'POST', '/api/auth/login', {
      body: { username: user.username, password: 'wrong password!!' },
    });

    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(await auditActions(app, user.id)).toEqual([
      'user.create:success',
      'auth.login_failed:failure',
    ]);
  });

  it.each([
    [
      'an unknown field',
      { username: 'a', password: 'b', admin: true },
      'admin',
    ],
    ['a missing password', { username: 'a' }, 'password'],
    ['a non-string username', { username: 42, password: 'x' }, 'username'],
  ])(
    'rejects %s with 400 and records no sign-in',
    async (_name, body, field) => {
      const before = await app.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_events`,
      );

      const response = await call(app, 'POST', '/api/auth/login', { body });

      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field })]),
      );
      expect(
        await app.dataSource.query(
          `SELECT count(*)::int AS n FROM audit_events`,
        ),
      ).toEqual(before);
    },
  );

  it('rejects a body that is not an object', async () => {
    const response = await call(app, 'POST', '/api/auth/login', {
      body: '["a","b"]',
    });

    expect(response.status).toBe(400);
  });

  it('locks the account after repeated failures, even against the right password', async () => {
    const user = await createUser(app, { role: 'hematologist' });
    const attempt = (password: string) =>
      call(app, 'POST', '/api/auth/login', {
        body: { username: user.username, password },
      });

    for (let i = 0; i < 3; i += 1) {
      expect((await attempt('wrong password!!')).status).toBe(401);
    }
    const locked = await attempt(user.password);

    expect(locked.status).toBe(401);
    const [row] = await app.dataSource.query(
      `SELECT failed_login_count, locked_until > now() + interval '9 minutes' AS locked FROM users WHERE id = $1`,
      [user.id],
    );
    expect(row).toEqual({ failed_login_count: 4, locked: true });
    expect(
      (await auditActions(app, user.id)).filter(
        (a) => a === 'auth.lock:success',
      ),
    ).toHaveLength(1);
  });

  it('lets the user in again once the lock has expired, with a fresh count', async () => {
    const user = await createUser(app, { role: 'hematologist' });
    await app.dataSource.query(
      `UPDATE users SET failed_login_count = 3, locked_until = now() - interval '1 second' WHERE id = $1`,
      [user.id],
    );

    const login = await call(app, 'POST', '/api/auth/login', {
      body: { username: user.username, password: user.password },
    });

    expect(login.status).toBe(200);
    const [row] = await app.dataSource.query(
      `SELECT failed_login_count, locked_until FROM users WHERE id = $1`,
      [user.id],
    );
    expect(row).toEqual({ failed_login_count: 0, locked_until: null });
  });

  it('counts concurrent failures without losing any', async () => {
    const user = await createUser(app, { role: 'coordinator' });

    await Promise.all(
      Array.from({ length: 6 }, () =>
        call(app, 'POST', '/api/auth/login', {
          body: { username: user.username, password: 'wrong password!!' },
        }),
      ),
    );

    const [row] = await app.dataSource.query(
      `SELECT failed_login_count FROM users WHERE id = $1`,
      [user.id],
    );
    expect(row.failed_login_count).toBe(6);
    expect(
      (await auditActions(app, user.id)).filter(
        (a) => a === 'auth.lock:success',
      ),
    ).toHaveLength(1);
  });

  it('refuses a deactivated user', async () => {
    const user = await createUser(app, { role: 'auditor' });
    await app.dataSource.query(
      `UPDATE users SET active = false WHERE id = $1`,
      [user.id],
    );

    const login = await call(app, 'POST', '/api/auth/login', {
      body: { username: user.username, password: user.password },
    });

    expect(login.status).toBe(401);
  });

  it('records the sign-out', async () => {
    const user = await createUser(app, { role: 'auditor' });
    const { accessToken } = await signIn(app, user.username, user.password);

    const response = await call(app, 'POST', '/api/auth/logout', {
      token: accessToken,
    });

    expect(response.status).toBe(204);
    expect(await auditActions(app, user.id)).toContain('auth.logout:success');
  });

  it('hides the demo accounts outside demo mode', async () => {
    expect((await call(app, 'GET', '/api/auth/demo-accounts')).status).toBe(
      404,
    );
  });
});

describe('sign-in throttling', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ env: { LOGIN_RATE_LIMIT: '3' } });
  });

  afterAll(async () => {
    await app.close();
  });

  it('answers 429 with Retry-After once a client address exceeds the limit', async () => {
    const user = await createUser(app, { role: 'coordinator' });
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 4; i += 1) {
      last = await call(app, 'POST', '/api/auth/login', {
        body: { username: user.username, password: user.password },
      });
      statuses.push(last.status);
    }

    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last!.body).toMatchObject({
      status: 429,
      title: 'Too many requests',
    });
  });
});

describe('user management', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  it('creates a user with a strong enough password, and audits it without the hash', async () => {
    const created = await callAs(app, 'admin', 'POST', '/api/users', {
      username: 'new.hematologist',
      displayName: 'Dr. New',
      role: 'hematologist',
      password: 'twelve chars',
    });

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      username: 'new.hematologist',
      role: 'hematologist',
      active: true,
      lockedUntil: null,
      version: 1,
    });
    expect(created.body).not.toHaveProperty('passwordHash');
    const [event] = await app.dataSource.query(
      `SELECT actor_role, diff FROM audit_events WHERE action = 'user.create' AND entity_id = $1`,
      [created.body.id],
    );
    expect(event.actor_role).toBe('admin');
    expect(JSON.stringify(event.diff)).not.toMatch(/argon2|password/i);
    expect(
      (await signIn(app, 'NEW.hematologist', 'twelve chars')).user.role,
    ).toBe('hematologist');
  });

  it('rejects passwords shorter than 12 characters and other invalid fields', async () => {
    const response = await callAs(app, 'admin', 'POST', '/api/users', {
      username: 'x',
      displayName: '',
      role: 'surgeon',
      password: 'eleven char',
    });

    expect(response.status).toBe(400);
    expect(
      response.body.errors.map((e: { field: string }) => e.field).sort(),
    ).toEqual(['displayName', 'password', 'role', 'username']);
  });

  it('refuses a username taken in another case', async () => {
    await createUser(app, { role: 'auditor', username: 'Casey' });

    const response = await callAs(app, 'admin', 'POST', '/api/users', {
      username: 'casey',
      displayName: 'Casey Two',
      role: 'auditor',
      password: TEST_PASSWORD,
    });

    expect(response.status).toBe(409);
    expect(response.body.title).toBe('Duplicate username');
  });

  it('changes a role, resets a password, unlocks, with the current version', async () => {
    const user = await createUser(app, { role: 'coordinator' });
    await app.dataSource.query(
      `UPDATE users SET failed_login_count = 9, locked_until = now() + interval '1 hour' WHERE id = $1`,
      [user.id],
    );

    const response = await callAs(
      app,
      'admin',
      'PATCH',
      `/api/users/${user.id}`,
      {
        version: user.version,
        role: 'hematologist',
        password: 'a brand new password',
        unlock: true,
      },
    );

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      role: 'hematologist',
      lockedUntil: null,
      version: 2,
    });
    expect(
      (await signIn(app, user.username, 'a brand new password')).user.role,
    ).toBe('hematologist');
    const [event] = await app.dataSource.query(
      `SELECT diff, details FROM audit_events WHERE action = 'user.update' AND entity_id = $1`,
      [user.id],
    );
    expect(event.diff).toEqual({
      role: { from: 'coordinator', to: 'hematologist' },
    });
    expect(event.details).toEqual({ passwordReset: true, unlocked: true });
  });

  it('answers a stale version with 409 and the current user', async () => {
    const user = await createUser(app, { role: 'coordinator' });
    await callAs(app, 'admin', 'PATCH', `/api/users/${user.id}`, {
      version: 1,
      displayName: 'A',
    });

    const response = await callAs(
      app,
      'admin',
      'PATCH',
      `/api/users/${user.id}`,
      {
        version: 1,
        displayName: 'B',
      },
    );

    expect(response.status).toBe(409);
    expect(response.body.current).toMatchObject({
      id: user.id,
      displayName: 'A',
      version: 2,
    });
  });

  it('takes effect on existing tokens at once: a demoted or deactivated user loses access', async () => {
    const user = await createUser(app, { role: 'admin' });
    const first = await signIn(app, user.username, user.password);
    await callAs(app, 'admin', 'PATCH', `/api/users/${user.id}`, {
      version: 1,
      role: 'auditor',
    });

    // A role change ends the sessions opened under the old role.
    expect(
      (await call(app, 'GET', '/api/users', { token: first.accessToken }))
        .status,
    ).toBe(401);
    const second = await signIn(app, user.username, user.password);
    expect(
      (await call(app, 'GET', '/api/users', { token: second.accessToken }))
        .status,
    ).toBe(403);
    await callAs(app, 'admin', 'PATCH', `/api/users/${user.id}`, {
      version: 2,
      active: false,
    });
    expect(
      (await call(app, 'GET', '/api/auth/me', { token: second.accessToken }))
        .status,
    ).toBe(401);
  });

  it('answers an unknown user id with 404 and a malformed one with 400', async () => {
    expect(
      (
        await callAs(
          app,
          'admin',
          'PATCH',
          '/api/users/00000000-0000-4000-8000-000000000000',
          { version: 1 },
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await callAs(app, 'admin', 'PATCH', '/api/users/not-a-uuid', {
          version: 1,
        })
      ).status,
    ).toBe(400);
  });
});

describe('the last active admin', () => {
  let app: TestApp;

  beforeEach(async () => {
    app = await startTestApp();
  });

  afterEach(async () => {
    await app.close();
  });

  it('cannot be demoted or deactivated', async () => {
    const admin = await createUser(app, { role: 'admin' });
    const { accessToken } = await signIn(app, admin.username, admin.password);

    for (const change of [{ role: 'hematologist' }, { active: false }]) {
      const response = await call(app, 'PATCH', `/api/users/${admin.id}`, {
        token: accessToken,
        body: { version: 1, ...change },
      });
      expect(response.status).toBe(409);
      expect(response.body.title).toBe('Last administrator');
    }
  });

  it('survives two admins demoting each other at the same time', async () => {
    const a = await createUser(app, { role: 'admin' });
    const b = await createUser(app, { role: 'admin' });
    const tokenA = (await signIn(app, a.username, a.password)).accessToken;
    const tokenB = (await signIn(app, b.username, b.password)).accessToken;

    const results = await Promise.all([
      call(app, 'PATCH', `/api/users/${b.id}`, {
        token: tokenA,
        body: { version: 1, role: 'auditor' },
      }),
      call(app, 'PATCH', `/api/users/${a.id}`, {
        token: tokenB,
        body: { version: 1, active: false },
      }),
    ]);

    // The loser is refused either as no longer an admin (403) or as the last admin (409).
    const statuses = results.map((r) => r.status).sort();
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    const [{ n }] = await app.dataSource.query(
      `SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND active`,
    );
    expect(n).toBe(1);
  });
});

describe('demo mode', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ env: { DEMO_SEED: 'true' } });
  }, 300_000); // seeds the whole demo clinic: minutes on a loaded machine

  afterAll(async () => {
    await app.close();
  });

  it('seeds one user per role with the demo password and lists them for the sign-in page', async () => {
    const accounts = await call(app, 'GET', '/api/auth/demo-accounts');

    expect(accounts.status).toBe(200);
    expect(accounts.body.map((a: { username: string }) => a.username)).toEqual([
      'hematologist',
      'coordinator',
      'auditor',
      'admin',
    ]);
    for (const role of ['hematologist', 'coordinator', 'auditor', 'admin']) {
      expect((await signIn(app, role, 'demo-password')).user.role).toBe(role);
    }
  });
});

describe('demo mode without JWT_SECRET', () => {
  let app: TestApp;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'poems-jwt-'));
    app = await startTestApp({
      env: { DEMO_SEED: 'true', JWT_SECRET: '', DATA_DIR: dataDir },
    });
  }, 300_000); // seeds the whole demo clinic: minutes on a loaded machine

  afterAll(async () => {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('signs and verifies tokens with the one secret it created on first start', async () => {
    const { accessToken } = await signIn(app, 'hematologist', 'demo-password');

    const me = await call(app, 'GET', '/api/auth/me', { token: accessToken });

    expect(me.status).toBe(200);
    expect(
      (await readFile(join(dataDir, 'jwt-secret'), 'utf8')).trim().length,
    ).toBeGreaterThanOrEqual(32);
  });
});

describe('npm run user:create', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  async function run(
    args: string[],
    stdin: string,
  ): Promise<{ code: number; out: string }> {
    const output = new PassThrough();
    let out = '';
    output.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await createUserCli(
      args,
      {
        DATABASE_URL: app.database.url,
        LOG_LEVEL: 'silent',
        JWT_SECRET: TEST_JWT_SECRET,
      },
      Readable.from([stdin]),
      output,
    );
    return { code, out };
  }

  it('creates the first admin with the password from standard input, audited', async () => {
    const result = await run(
      ['--username', 'first.admin', '--role', 'admin'],
      'a long admin password\n',
    );

    expect(result).toEqual({
      code: 0,
      out: expect.stringContaining('Created admin "first.admin"'),
    });
    expect(
      (await signIn(app, 'first.admin', 'a long admin password')).user.role,
    ).toBe('admin');
    const [event] = await app.dataSource.query(
      `SELECT actor_id, request_id FROM audit_events WHERE action = 'user.create' ORDER BY id DESC LIMIT 1`,
    );
    expect(event).toEqual({ actor_id: null, request_id: 'cli:user:create' });
  });

  it('refuses a short password, a bad role, missing options and a duplicate', async () => {
    expect(
      (await run(['--username', 'shorty', '--role', 'admin'], 'short\n')).code,
    ).toBe(2);
    expect(
      await run(
        ['--username', 'weakling', '--role', 'admin'],
        'password1234\n',
      ),
    ).toEqual({
      code: 2,
      out: expect.stringMatching(/^password: password is too easy to guess: /),
    });
    expect(
      (
        await run(
          ['--username', 'x.y', '--role', 'wizard'],
          'a long admin password\n',
        )
      ).code,
    ).toBe(2);
    expect(
      (await run(['--role', 'admin'], 'a long admin password\n')).code,
    ).toBe(2);
    expect((await run(['--username', 'a', '--password', 'x'], '')).code).toBe(
      2,
    );
    await run(
      ['--username', 'twice', '--role', 'auditor'],
      'a long admin password\n',
    );
    expect(
      await run(
        ['--username', 'TWICE', '--role', 'auditor'],
        'a long admin password\n',
      ),
    ).toEqual({
      code: 1,
      out: 'A user with this username already exists.\n',
    });
  });
});
