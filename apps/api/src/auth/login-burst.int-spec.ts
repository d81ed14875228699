import { PasswordHasher } from './password-hasher';
import { call, createUser } from '../testing/http';
import { startTestApp, type TestApp } from '../testing/test-app';

describe('a burst of parallel sign-ins', () => {
  let app: TestApp;

  beforeAll(async () => {
    // The default LOGIN_MAX_FAILURES (5); the address throttle well above the burst.
    app = await startTestApp({ env: { LOGIN_RATE_LIMIT: '1000' } });
  });

  afterAll(async () => {
    await app.close();
  });

  it('compares at most 5 passwords and refuses the right one once locked', async () => {
    const user = await createUser(app, { role: 'admin' });
    const [stored] = (await app.dataSource.query(
      `SELECT password_hash FROM users WHERE id = $1`,
      [user.id],
    )) as { password_hash: string }[];
    const hasher = app.app.get(PasswordHasher);
    const verify = jest.spyOn(hasher, 'verify');

    try {
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          call(app, 'POST', '/api/auth/login', {
            body: {
              username: user.username,
              // Position 21 (1-based) carries the right password.
              password: i === 20 ? user.password : `wrong password ${i}!!`,
            },
          }),
        ),
      );

      expect(answers.map((a) => a.status)).toEqual(Array(30).fill(401));
      // Comparisons against this user's own hash (the others are timing dummies).
      const compared = verify.mock.calls.filter(
        ([hash]) => hash === stored?.password_hash,
      );
      expect(compared.length).toBeLessThanOrEqual(5);
      expect(verify).toHaveBeenCalledTimes(30);
    } finally {
      verify.mockRestore();
    }
    const reasons = (await app.dataSource.query(
      `SELECT details->>'reason' AS reason, count(*)::int AS n
         FROM audit_events WHERE entity_id = $1 AND action = 'auth.login_failed'
        GROUP BY 1 ORDER BY 1`,
      [user.id],
    )) as { reason: string; n: number }[];
    expect(reasons).toEqual([
      { reason: 'bad_password', n: 5 },
      { reason: 'locked', n: 25 },
    ]);
    const [row] = await app.dataSource.query(
      `SELECT failed_login_count, locked_until > now() AS locked FROM users WHERE id = $1`,
      [user.id],
    );
    expect(row).toEqual({ failed_login_count: 30, locked: true });
    expect(
      await app.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action IN ('auth.lock', 'auth.login')`,
        [user.id],
      ),
    ).toEqual([{ n: 1 }]);
  });

  it('still lets the right password in when it comes before the lock, and clears the count', async () => {
    const user = await createUser(app, { role: 'auditor' });
    await app.dataSource.query(
      `UPDATE users SET failed_login_count = 4 WHERE id = $1`,
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
});
