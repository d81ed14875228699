import { createUser, signIn } from '../testing/http';
import { startTestApp, type TestApp } from '../testing/test-app';
import { SESSION_PURGE_BATCH, SessionPurge } from './session-purge';

describe('purge of old sessions', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ env: { SESSION_RETENTION_DAYS: '30' } });
  });

  afterAll(async () => {
    await app.close();
  });

  async function exists(id: string): Promise<boolean> {
    const rows = (await app.dataSource.query(
      `SELECT 1 FROM sessions WHERE id = $1`,
      [id],
    )) as unknown[];
    return rows.length > 0;
  }

  it('removes sessions ended or expired beyond the retention, in batches, and keeps the rest and the audit trail', async () => {
    const user = await createUser(app, { role: 'coordinator' });
    const open = await signIn(app, user.username, user.password);
    const recent = await signIn(app, user.username, user.password);
    const old = await signIn(app, user.username, user.password);
    const expired = await signIn(app, user.username, user.password);
    await app.dataSource.query(
      `UPDATE sessions SET ended_at = now() - interval '29 days', end_reason = 'logout' WHERE id = $1`,
      [recent.session.id],
    );
    await app.dataSource.query(
      `UPDATE sessions SET created_at = now() - interval '40 days', ended_at = now() - interval '31 days',
              end_reason = 'logout' WHERE id = $1`,
      [old.session.id],
    );
    // Never ended by a request, but past its absolute end long ago.
    await app.dataSource.query(
      `UPDATE sessions SET created_at = now() - interval '45 days', last_seen_at = now() - interval '45 days',
              expires_at = now() - interval '44 days' WHERE id = $1`,
      [expired.session.id],
    );
    // A backlog larger than one batch.
    await app.dataSource.query(
      `INSERT INTO sessions (user_id, created_at, last_seen_at, expires_at, ended_at, end_reason)
       SELECT $1, now() - interval '60 days', now() - interval '60 days', now() - interval '59 days',
              now() - interval '59 days', 'idle'
         FROM generate_series(1, $2)`,
      [user.id, SESSION_PURGE_BATCH + 250],
    );
    await app.dataSource.query(
      `INSERT INTO mfa_challenges (token_hash, user_id, expires_at)
       VALUES ('old-challenge', $1, now() - interval '2 days'), ('live-challenge', $1, now() + interval '5 minutes')`,
      [user.id],
    );

    const purged = await app.app.get(SessionPurge).purge();

    expect(purged).toEqual({
      sessions: SESSION_PURGE_BATCH + 252,
      mfaChallenges: 1,
    });
    expect(await exists(open.session.id)).toBe(true);
    expect(await exists(recent.session.id)).toBe(true);
    expect(await exists(old.session.id)).toBe(false);
    expect(await exists(expired.session.id)).toBe(false);
    const challenges = (await app.dataSource.query(
      `SELECT token_hash FROM mfa_challenges WHERE user_id = $1`,
      [user.id],
    )) as { token_hash: string }[];
    expect(challenges).toEqual([{ token_hash: 'live-challenge' }]);
    const logins = (await app.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action = 'auth.login'`,
      [user.id],
    )) as { n: number }[];
    expect(logins[0]?.n).toBe(4);
    // The open session still works.
    const me = await fetch(`${app.baseUrl}/api/auth/me`, {
      headers: { authorization: `Bearer ${open.accessToken}` },
    });
    expect(me.status).toBe(200);

    expect(await app.app.get(SessionPurge).purge()).toEqual({
      sessions: 0,
      mfaChallenges: 0,
    });
  });
});
