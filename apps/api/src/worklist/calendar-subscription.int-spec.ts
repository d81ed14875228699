import type { CalendarFeedView } from '@poems/domain';
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
});
