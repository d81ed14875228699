import type { CalendarFeedStatusView, CalendarFeedView } from '@poems/contract';
import { aWorkup, auditCount, done } from '../testing/clinic';
import { call, callAs, createUser, signIn } from '../testing/http';
import { startTestApp, type TestApp } from '../testing/test-app';

/** Calendar apps subscribe with a feed address; the token in it opens the feed and nothing else. */
describe('calendar subscription', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
    const view = await aWorkup(app);
    await done(app, 'coordinator', view, 'cbc', 'schedule', {
      scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
  });

  afterAll(async () => {
    await app.close();
  });

  async function subscribe(token: string): Promise<CalendarFeedView> {
    const response = await call(app, 'POST', '/api/worklist/calendar-feed', {
      token,
    });
    expect(response.status).toBe(200);
    return response.body as CalendarFeedView;
  }

  it('serves the feed to a calendar app that sends no header', async () => {
    const user = await createUser(app, { role: 'coordinator' });
    const { accessToken } = await signIn(app, user.username, user.password);
    const feed = await subscribe(accessToken);
    expect(feed.url).toMatch(/^\/api\/worklist\/calendar\.ics\?feed=/);
    expect(new Date(feed.expiresAt).getTime()).toBeGreaterThan(
      Date.now() + 170 * 86_400_000,
    );

    const response = await call(app, 'GET', feed.url);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/calendar');
    expect(response.body).toContain('BEGIN:VEVENT');
    expect(
      await auditCount(app, {
        entityId: user.id,
        action: 'worklist.calendar_subscribe',
      }),
    ).toBe(1);
  });

  it('does not accept the feed token as a bearer token anywhere', async () => {
    const { accessToken } = await signIn(
      app,
      (await createUser(app, { role: 'coordinator' })).username,
      'correct horse battery staple',
    );
    const feedToken =
      new URL((await subscribe(accessToken)).url, 'http://x').searchParams.get(
        'feed',
      ) ?? '';

    expect(
      (await call(app, 'GET', '/api/worklist', { token: feedToken })).status,
    ).toBe(401);
    expect(
      (
        await call(app, 'GET', '/api/worklist/calendar.ics', {
          token: feedToken,
        })
      ).status,
    ).toBe(401);
  });

  it('does not accept an access token, a forged token or nothing in the feed address', async () => {
    const accessToken = (
      await signIn(
        app,
        (await createUser(app, { role: 'coordinator' })).username,
        'correct horse battery staple',
      )
    ).accessToken;
    for (const feed of [accessToken, 'not-a-token', '']) {
      const response = await call(
        app,
        'GET',
        `/api/worklist/calendar.ics?feed=${encodeURIComponent(feed)}`,
      );
      expect(response.status).toBe(401);
    }
    expect((await call(app, 'GET', '/api/worklist/calendar.ics')).status).toBe(
      401,
    );
  });

  it('stops working when the account is deactivated, and needs a role that reads the worklist', async () => {
    const user = await createUser(app, { role: 'coordinator' });
    const feed = await subscribe(
      (await signIn(app, user.username, user.password)).accessToken,
    );
    await app.dataSource.query(
      'UPDATE users SET active = false WHERE id = $1',
      [user.id],
    );
    expect((await call(app, 'GET', feed.url)).status).toBe(401);

    expect(
      (await callAs(app, 'admin', 'POST', '/api/worklist/calendar-feed'))
        .status,
    ).toBe(403);
  });

  describe('revocation', () => {
    async function signedIn(
      role: 'coordinator' | 'hematologist' = 'coordinator',
    ) {
      const user = await createUser(app, { role });
      const { accessToken } = await signIn(app, user.username, user.password);
      return { ...user, accessToken };
    }
    const tokenOf = (feed: CalendarFeedView): string =>
      new URL(feed.url, 'http://x').searchParams.get('feed') ?? '';
    const status = async (accessToken: string) =>
      (
        await call<CalendarFeedStatusView>(
          app,
          'GET',
          '/api/worklist/calendar-feed',
          { token: accessToken },
        )
      ).body;

    it('stores the token only as a hash, and a new address revokes the previous one', async () => {
      const user = await signedIn();
      const first = await subscribe(user.accessToken);
      const second = await subscribe(user.accessToken);

      expect(tokenOf(first)).toMatch(/^poems_cf_[A-Za-z0-9_-]{43}$/);
      expect((await call(app, 'GET', first.url)).status).toBe(401);
      expect((await call(app, 'GET', second.url)).status).toBe(200);
      const rows = (await app.dataSource.query(
        `SELECT id, revoked_reason, token_sha256 = sha256(convert_to($2, 'UTF8')) AS matches,
                position($2 in row_to_json(f)::text) > 0 AS plain
           FROM calendar_feeds f WHERE user_id = $1 ORDER BY created_at`,
        [user.id, tokenOf(second)],
      )) as Array<{
        id: string;
        revoked_reason: string | null;
        matches: boolean;
        plain: boolean;
      }>;
      expect(rows).toEqual([
        {
          id: first.id,
          revoked_reason: 'replaced',
          matches: false,
          plain: false,
        },
        { id: second.id, revoked_reason: null, matches: true, plain: false },
      ]);
    });

    it('keeps one address active under parallel requests', async () => {
      const user = await signedIn();
      const feeds = await Promise.all(
        Array.from({ length: 5 }, () => subscribe(user.accessToken)),
      );

      const working = await Promise.all(
        feeds.map(async (feed) => (await call(app, 'GET', feed.url)).status),
      );
      expect(working.filter((code) => code === 200)).toHaveLength(1);
      expect(working.filter((code) => code === 401)).toHaveLength(4);
    });

    it('shows when the address was issued and last used, and DELETE revokes it', async () => {
      const user = await signedIn();
      expect(await status(user.accessToken)).toEqual({ feed: null });
      const feed = await subscribe(user.accessToken);
      expect(await status(user.accessToken)).toEqual({
        feed: {
          id: feed.id,
          issuedAt: feed.issuedAt,
          expiresAt: feed.expiresAt,
          lastUsedAt: null,
        },
      });

      expect((await call(app, 'GET', feed.url)).status).toBe(200);
      const used = (await status(user.accessToken)).feed;
      expect(new Date(used?.lastUsedAt ?? 0).getTime()).toBeGreaterThanOrEqual(
        new Date(feed.issuedAt).getTime(),
      );

      const revoked = await call(app, 'DELETE', '/api/worklist/calendar-feed', {
        token: user.accessToken,
      });
      expect(revoked.status).toBe(204);
      expect(revoked.headers.get('cache-control')).toBe('no-store');
      expect((await call(app, 'GET', feed.url)).status).toBe(401);
      expect(await status(user.accessToken)).toEqual({ feed: null });
      const again = await call(app, 'DELETE', '/api/worklist/calendar-feed', {
        token: user.accessToken,
      });
      expect(again.status).toBe(204);
      const events = (await app.dataSource.query(
        `SELECT details FROM audit_events WHERE action = 'worklist.calendar_revoke' AND entity_id = $1`,
        [user.id],
      )) as Array<{ details: Record<string, unknown> }>;
      expect(events.map((e) => e.details)).toEqual([
        { feedIds: [feed.id], reason: 'revoked' },
      ]);
    });

    it('audits each fetch with the address id, never the token', async () => {
      const user = await signedIn();
      const feed = await subscribe(user.accessToken);
      expect((await call(app, 'GET', feed.url)).status).toBe(200);

      const fetches = (await app.dataSource.query(
        `SELECT details->>'feedId' AS "feedId" FROM audit_events
          WHERE action = 'worklist.calendar' AND actor_id = $1`,
        [user.id],
      )) as Array<{ feedId: string }>;
      expect(fetches).toEqual([{ feedId: feed.id }]);
      const leaks = (await app.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE position($1 in row_to_json(audit_events)::text) > 0`,
        [tokenOf(feed)],
      )) as Array<{ n: number }>;
      expect(leaks).toEqual([{ n: 0 }]);
    });

    it("is revoked by the user's own password change", async () => {
      const user = await signedIn();
      const feed = await subscribe(user.accessToken);

      const changed = await call(app, 'POST', '/api/auth/password', {
        token: user.accessToken,
        body: {
          currentPassword: user.password,
          newPassword: 'Another quite long passphrase 93!',
        },
      });
      expect(changed.status).toBeLessThan(300);

      expect((await call(app, 'GET', feed.url)).status).toBe(401);
      const [row] = (await app.dataSource.query(
        `SELECT revoked_reason FROM calendar_feeds WHERE id = $1`,
        [feed.id],
      )) as Array<{ revoked_reason: string }>;
      expect(row?.revoked_reason).toBe('password_change');
    });

    it.each<[string, (version: number) => Record<string, unknown>, string]>([
      [
        'a password reset',
        (version) => ({
          version,
          password: 'Another quite long passphrase 93!',
        }),
        'password_reset',
      ],
      [
        'deactivation',
        (version) => ({ version, active: false }),
        'deactivated',
      ],
      [
        'a role change',
        (version) => ({ version, role: 'hematologist' }),
        'role_changed',
      ],
    ])('is revoked by %s', async (_name, change, reason) => {
      const user = await signedIn();
      const feed = await subscribe(user.accessToken);
      expect((await call(app, 'GET', feed.url)).status).toBe(200);

      const patched = await callAs(
        app,
        'admin',
        'PATCH',
        `/api/users/${user.id}`,
        change(user.version),
      );
      expect(patched.status).toBe(200);

      expect((await call(app, 'GET', feed.url)).status).toBe(401);
      const [row] = (await app.dataSource.query(
        `SELECT revoked_reason FROM calendar_feeds WHERE id = $1`,
        [feed.id],
      )) as Array<{ revoked_reason: string }>;
      expect(row?.revoked_reason).toBe(reason);
      if (reason === 'deactivated') {
        // Reactivating the account does not bring the address back.
        const current = (await app.dataSource.query(
          `SELECT version FROM users WHERE id = $1`,
          [user.id],
        )) as Array<{ version: number }>;
        await callAs(app, 'admin', 'PATCH', `/api/users/${user.id}`, {
          version: current[0]?.version,
          active: true,
        });
        expect((await call(app, 'GET', feed.url)).status).toBe(401);
      }
    });
  });
});
