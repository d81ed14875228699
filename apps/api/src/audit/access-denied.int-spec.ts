import { randomUUID } from 'node:crypto';
import { call, callAs, tokenFor } from '../testing/http';
import { startTestApp, type TestApp } from '../testing/test-app';
import { AccessDenials } from './access-denials';
import { AuditSealer } from './audit-sealer';

interface DeniedEvent {
  actor_id: string | null;
  actor_role: string | null;
  client_ip: string;
  outcome: string;
  details: {
    status: number;
    method: string;
    route: string;
    permission: string | null;
    count: number;
    minute: string;
  };
}

/** 401 and 403 answers leave `access.denied` events, one per caller, address, route and minute. */
describe('access.denied audit events', () => {
  let app: TestApp;
  let denials: AccessDenials;

  beforeAll(async () => {
    app = await startTestApp();
    denials = app.app.get(AccessDenials);
  });

  afterAll(async () => {
    await app.close();
  });

  /** Waits until `expected` denials are counted (they are written after the answer is sent). */
  async function counted(expected: number): Promise<void> {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const [row] = (await app.dataSource.query(
        `SELECT coalesce(sum(count), 0)::int AS n FROM access_denials`,
      )) as Array<{ n: number }>;
      if (row?.n === expected) {
        return;
      }
      expect(row?.n).toBeLessThan(expected);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`${expected} denials were never counted`);
  }

  async function deniedEvents(): Promise<DeniedEvent[]> {
    return (await app.dataSource.query(
      `SELECT actor_id, actor_role, client_ip, outcome, details FROM audit_events
        WHERE action = 'access.denied' ORDER BY details->>'route', details->>'status'`,
    )) as DeniedEvent[];
  }

  beforeEach(async () => {
    // Whatever earlier tests left is audited now, so each test sees only its own buckets.
    await denials.flush(new Date(), true);
  });

  async function newDeniedEvents(since: number): Promise<DeniedEvent[]> {
    return (await app.dataSource.query(
      `SELECT actor_id, actor_role, client_ip, outcome, details FROM audit_events
        WHERE action = 'access.denied' AND id > $1
        ORDER BY details->>'route', details->>'status'`,
      [since],
    )) as DeniedEvent[];
  }

  async function lastId(): Promise<number> {
    const [row] = (await app.dataSource.query(
      `SELECT coalesce(max(id), 0)::int AS id FROM audit_events`,
    )) as Array<{ id: number }>;
    return row?.id ?? 0;
  }

  it('records the route pattern, method, permission, caller and address of 401 and 403 answers, not failed sign-ins', async () => {
    const coordinator = await tokenFor(app, 'coordinator');
    const me = await call<{ id: string }>(app, 'GET', '/api/auth/me', {
      token: coordinator,
    });
    const since = await lastId();

    const answers = [
      ...(await Promise.all(
        [randomUUID(), randomUUID(), randomUUID()].map(
          async (id) => (await call(app, 'GET', `/api/patients/${id}`)).status,
        ),
      )),
      (
        await call(app, 'GET', `/api/patients/${randomUUID()}`, {
          token: 'not-a-token',
        })
      ).status,
      (await call(app, 'GET', '/api/users', { token: coordinator })).status,
      (await call(app, 'GET', '/api/users?page=2', { token: coordinator }))
        .status,
      (
        await call(app, 'POST', '/api/auth/login', {
          body: { username: 'nobody', password: 'wrong password' },
        })
      ).status,
    ];
    expect(answers).toEqual([401, 401, 401, 401, 403, 403, 401]);
    await counted(6);
    expect(await denials.flush(new Date(), true)).toBe(2);

    const events = await newDeniedEvents(since);
    expect(events).toEqual([
      {
        actor_id: null,
        actor_role: null,
        client_ip: '127.0.0.1',
        outcome: 'failure',
        details: expect.objectContaining({
          status: 401,
          method: 'GET',
          route: '/api/patients/{id}',
          permission: 'patient.read',
          count: 4,
        }),
      },
      {
        actor_id: me.body.id,
        actor_role: 'coordinator',
        client_ip: '127.0.0.1',
        outcome: 'failure',
        details: expect.objectContaining({
          status: 403,
          method: 'GET',
          route: '/api/users',
          permission: 'user.manage',
          count: 2,
        }),
      },
    ]);
    expect(
      (await app.dataSource.query(
        `SELECT count(*)::int AS n FROM access_denials`,
      )) as unknown,
    ).toEqual([{ n: 0 }]);
  });

  it('turns a flood of denials into one event with the count, and keeps the chain valid', async () => {
    const since = await lastId();
    const flood = 300;
    const statuses = await Promise.all(
      Array.from(
        { length: flood },
        async () =>
          (await call(app, 'GET', `/api/workups/${randomUUID()}`)).status,
      ),
    );
    expect(new Set(statuses)).toEqual(new Set([401]));
    await counted(flood);

    expect(await denials.flush(new Date(), true)).toBe(1);
    const events = await newDeniedEvents(since);
    expect(events.map((event) => event.details.count)).toEqual([flood]);

    await app.app.get(AuditSealer).sealPending();
    const verified = await callAs(
      app,
      'auditor',
      'GET',
      '/api/audit-events/verify',
    );
    expect(verified.body).toMatchObject({ valid: true });
  });

  it('writes a minute only once it has ended, each minute its own event', async () => {
    const since = await lastId();
    const minute = (offset: number, second = 0): Date =>
      new Date(Date.UTC(2031, 0, 1, 8, offset, second));
    const denial = {
      status: 403 as const,
      route: 'GET /api/inbox',
      permission: 'inbox.read',
      actor: null,
      clientIp: '10.9.8.7',
      requestId: 'r',
    };
    await denials.record({ ...denial, at: minute(0, 10) });
    await denials.record({ ...denial, at: minute(0, 50) });
    await denials.record({ ...denial, at: minute(1, 5) });
    await denials.record({ ...denial, clientIp: '10.9.8.6', at: minute(1, 6) });

    expect(await denials.flush(minute(1, 30))).toBe(1);
    expect(
      (await newDeniedEvents(since)).map((event) => [
        event.client_ip,
        event.details.minute,
        event.details.count,
      ]),
    ).toEqual([['10.9.8.7', minute(0).toISOString(), 2]]);

    expect(await denials.flush(minute(2, 0))).toBe(2);
    expect(
      (await newDeniedEvents(since))
        .map((event) => [
          event.client_ip,
          event.details.minute,
          event.details.count,
        ])
        .sort(),
    ).toEqual([
      ['10.9.8.6', minute(1).toISOString(), 1],
      ['10.9.8.7', minute(0).toISOString(), 2],
      ['10.9.8.7', minute(1).toISOString(), 1],
    ]);
    expect(await deniedEvents()).not.toHaveLength(0);
  });
});
