import type { AuditEventView, Page } from '@poems/contract';
import { parse } from 'csv-parse/sync';
import { randomUUID } from 'node:crypto';
import { registerPatient } from '../testing/clinic';
import { call, createUser, tokenFor } from '../testing/http';
import { startTestApp, type TestApp } from '../testing/test-app';

/** The seeded events all fall inside this window, far from the events the tests themselves cause. */
const WINDOW = 'from=2031-01-01T00:00:00Z&to=2031-01-02T00:00:00Z';

type SeedKey = 'e1' | 'e2' | 'e3' | 'e4' | 'e5' | 'e6';

interface Seed {
  readonly key: SeedKey | 'before' | 'after';
  readonly occurredAt: string;
  readonly actor: 'alice' | 'bob' | null;
  readonly action: string;
  readonly outcome: 'success' | 'failure';
  readonly patient: 'p1' | 'p2' | null;
  readonly entityType: string | null;
  readonly entityId: string | null;
  readonly diff: Record<string, unknown> | null;
  readonly details: Record<string, unknown> | null;
}

// Inserted in this order, so ids grow down the list; e4 and e5 share an instant.
const SEEDS: readonly Seed[] = [
  {
    key: 'before',
    occurredAt: '2030-12-31T23:59:59.999999Z',
    actor: 'alice',
    action: 'item.order',
    outcome: 'success',
    patient: 'p1',
    entityType: 'workup_item',
    entityId: 'vegf',
    diff: null,
    details: null,
  },
  {
    key: 'e1',
    occurredAt: '2031-01-01T08:00:00.000001Z',
    actor: 'alice',
    action: 'patient.register',
    outcome: 'success',
    patient: 'p1',
    entityType: 'patient',
    entityId: 'p1',
    diff: { mrn: { from: null, to: 'A-1' } },
    details: null,
  },
  {
    key: 'e2',
    occurredAt: '2031-01-01T09:00:00Z',
    actor: 'bob',
    action: 'item.order',
    outcome: 'success',
    patient: 'p1',
    entityType: 'workup_item',
    entityId: 'vegf',
    diff: { status: { from: 'planned', to: 'ordered' } },
    details: { note: 'comma, "quote"\nand a newline' },
  },
  {
    key: 'e3',
    occurredAt: '2031-01-01T10:00:00Z',
    actor: 'alice',
    action: 'item.schedule',
    outcome: 'failure',
    patient: 'p2',
    entityType: 'workup_item',
    entityId: 'a, "tricky"\r\nid',
    diff: null,
    details: { reason: 'ünïcödé 🙂', nested: { b: [1, 2], a: true } },
  },
  {
    key: 'e4',
    occurredAt: '2031-01-01T11:00:00Z',
    actor: null,
    action: 'auth.login_failed',
    outcome: 'failure',
    patient: null,
    entityType: 'user',
    entityId: null,
    diff: null,
    details: { reason: 'unknown_user' },
  },
  {
    key: 'e5',
    occurredAt: '2031-01-01T11:00:00Z',
    actor: 'bob',
    action: 'item.order',
    outcome: 'success',
    patient: 'p2',
    entityType: 'workup_item',
    entityId: 'bone-marrow',
    diff: { status: { from: 'planned', to: 'ordered' } },
    details: null,
  },
  {
    key: 'e6',
    occurredAt: '2031-01-01T23:59:59.999999Z',
    actor: 'alice',
    action: 'item.order',
    outcome: 'success',
    patient: 'p1',
    entityType: 'workup_item',
    entityId: 'vegf',
    diff: null,
    details: null,
  },
  {
    key: 'after',
    occurredAt: '2031-01-02T00:00:00Z',
    actor: 'bob',
    action: 'item.order',
    outcome: 'success',
    patient: 'p1',
    entityType: 'workup_item',
    entityId: 'vegf',
    diff: null,
    details: null,
  },
];

interface Fixture {
  readonly ids: Readonly<Record<string, string>>;
  readonly users: Readonly<
    Record<'alice' | 'bob', { id: string; username: string }>
  >;
  readonly patients: Readonly<Record<'p1' | 'p2', string>>;
  /** The MRNs of the two patients, unique to the run. */
  readonly mrns: Readonly<Record<'p1' | 'p2', string>>;
}

async function seed(app: TestApp): Promise<Fixture> {
  const suffix = randomUUID().slice(0, 8);
  const alice = await createUser(app, {
    role: 'hematologist',
    username: `alice-${suffix}`,
  });
  const bob = await createUser(app, {
    role: 'coordinator',
    username: `bob-${suffix}`,
  });
  const users = { alice, bob };
  const roles = { alice: 'hematologist', bob: 'coordinator' } as const;
  // Real patients, so the filter by MRN or name finds their events; names with accents and a
  // double family name, as the patient list is searched.
  const mrns = { p1: `AU-${suffix}-7731`, p2: `AU-${suffix}-8842` };
  const first = await registerPatient(app, {
    mrn: mrns.p1,
    givenName: 'Éowyn',
    familyName: 'Zyłowska-Ortiz',
  });
  const second = await registerPatient(app, {
    mrn: mrns.p2,
    givenName: 'Hamid',
    familyName: 'Okafor',
  });
  const patients = { p1: first.id, p2: second.id };
  const ids: Record<string, string> = {};
  for (const s of SEEDS) {
    const [{ id }] = (await app.dataSource.query(
      `INSERT INTO audit_events (occurred_at, actor_id, actor_role, action, outcome, patient_id,
                                 entity_type, entity_id, diff, details, request_id, client_ip)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, '198.51.100.4')
       RETURNING id`,
      [
        s.occurredAt,
        s.actor === null ? null : users[s.actor].id,
        s.actor === null ? null : roles[s.actor],
        s.action,
        s.outcome,
        s.patient === null ? null : patients[s.patient],
        s.entityType,
        s.entityId === 'p1' ? patients.p1 : s.entityId,
        s.diff === null ? null : JSON.stringify(s.diff),
        s.details === null ? null : JSON.stringify(s.details),
        `seed-${s.key}`,
      ],
    )) as [{ id: string }];
    ids[s.key] = id;
  }
  return {
    ids,
    users: {
      alice: { id: alice.id, username: alice.username },
      bob: { id: bob.id, username: bob.username },
    },
    patients,
    mrns,
  };
}

describe('GET /api/audit-events', () => {
  let app: TestApp;
  let fixture: Fixture;
  let auditor: string;

  beforeAll(async () => {
    app = await startTestApp();
    auditor = await tokenFor(app, 'auditor');
    fixture = await seed(app);
  });

  afterAll(async () => {
    await app.close();
  });

  function get(query: string) {
    return call<Page<AuditEventView>>(
      app,
      'GET',
      `/api/audit-events?${query}`,
      { token: auditor },
    );
  }

  /** The server's id of a request, which its audit events carry. */
  function requestIdOf(response: { headers: Headers }): string {
    return response.headers.get('x-request-id') ?? '';
  }

  async function keysOf(query: string): Promise<string[]> {
    const response = await get(query);
    expect(response.status).toBe(200);
    const byId = new Map(
      Object.entries(fixture.ids).map(([key, id]) => [id, key]),
    );
    return response.body.items.map((item) => byId.get(item.id) ?? item.id);
  }

  it('returns a page of events with the actor’s username, newest first', async () => {
    const response = await get(WINDOW);

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ total: 6, page: 1, pageSize: 50 });
    expect(response.body.items.map((item) => item.id)).toEqual(
      ['e6', 'e5', 'e4', 'e3', 'e2', 'e1'].map((key) => fixture.ids[key]),
    );
    expect(
      response.body.items.find((item) => item.id === fixture.ids['e3']),
    ).toEqual({
      id: fixture.ids['e3'],
      occurredAt: '2031-01-01T10:00:00.000Z',
      actorId: fixture.users.alice.id,
      actorUsername: fixture.users.alice.username,
      actorRole: 'hematologist',
      action: 'item.schedule',
      outcome: 'failure',
      patientId: fixture.patients.p2,
      entityType: 'workup_item',
      entityId: 'a, "tricky"\r\nid',
      diff: null,
      requestId: 'seed-e3',
      clientIp: '198.51.100.4',
      details: { reason: 'ünïcödé 🙂', nested: { b: [1, 2], a: true } },
    });
  });

  it.each<[string, (f: Fixture) => string, SeedKey[]]>([
    [
      'from, inclusive to the microsecond',
      () => 'from=2031-01-01T08:00:00.000001Z&to=2031-01-02T00:00:00Z',
      ['e6', 'e5', 'e4', 'e3', 'e2', 'e1'],
    ],
    [
      'from, one microsecond later',
      () => 'from=2031-01-01T08:00:00.000002Z&to=2031-01-02T00:00:00Z',
      ['e6', 'e5', 'e4', 'e3', 'e2'],
    ],
    [
      'to, exclusive',
      () => 'from=2031-01-01T00:00:00Z&to=2031-01-01T11:00:00Z',
      ['e3', 'e2', 'e1'],
    ],
    [
      'from with an offset',
      () => 'from=2031-01-01T11:00:00%2B01:00&to=2031-01-02T00:00:00Z',
      ['e6', 'e5', 'e4', 'e3'],
    ],
    [
      'actor by id',
      (f) => `${WINDOW}&actor=${f.users.alice.id}`,
      ['e6', 'e3', 'e1'],
    ],
    [
      'actor by username, any case',
      (f) => `${WINDOW}&actor=${f.users.bob.username.toUpperCase()}`,
      ['e5', 'e2'],
    ],
    ['patientId', (f) => `${WINDOW}&patientId=${f.patients.p2}`, ['e5', 'e3']],
    ['patient by MRN', (f) => `${WINDOW}&patient=${f.mrns.p2}`, ['e5', 'e3']],
    [
      'patient by an MRN fragment with a digit',
      (f) => `${WINDOW}&patient=${f.mrns.p1.slice(3)}`,
      ['e6', 'e2', 'e1'],
    ],
    [
      'patient by name as the list shows it, any case',
      (f) =>
        `${WINDOW}&patient=${encodeURIComponent(`okafor, h ${f.mrns.p2.slice(0, 6)}`)}`,
      ['e5', 'e3'],
    ],
    [
      'patient by name without accents, first name first',
      (f) =>
        `${WINDOW}&patient=${encodeURIComponent(`Eowyn Ortiz ${f.mrns.p1}`)}`,
      ['e6', 'e2', 'e1'],
    ],
    [
      'patient no one is',
      () => `${WINDOW}&patient=${randomUUID().slice(0, 8)}-nobody`,
      [],
    ],
    ['action', () => `${WINDOW}&action=item.order`, ['e6', 'e5', 'e2']],
    [
      'action by family (a whole part of the code)',
      () => `${WINDOW}&action=order`,
      ['e6', 'e5', 'e2'],
    ],
    [
      'action by prefix, any case',
      () => `${WINDOW}&action=ITEM`,
      ['e6', 'e5', 'e3', 'e2'],
    ],
    [
      'action by a part before an underscore',
      () => `${WINDOW}&action=auth.login`,
      ['e4'],
    ],
    [
      'action: a part of a word is not a family',
      () => `${WINDOW}&action=ord`,
      [],
    ],
    [
      'entityType and entityId',
      () => `${WINDOW}&entityType=workup_item&entityId=vegf`,
      ['e6', 'e2'],
    ],
    [
      'entityId with commas, quotes and a line break',
      () => `${WINDOW}&entityId=${encodeURIComponent('a, "tricky"\r\nid')}`,
      ['e3'],
    ],
    ['outcome', () => `${WINDOW}&outcome=failure`, ['e4', 'e3']],
    [
      'several filters at once',
      (f) =>
        `${WINDOW}&actor=${f.users.bob.id}&action=item.order&patientId=${f.patients.p1}`,
      ['e2'],
    ],
  ])('filters by %s', async (_name, query, expected) => {
    expect(await keysOf(query(fixture))).toEqual(expected);
  });

  it.each<[string, SeedKey[]]>([
    ['occurredAt', ['e1', 'e2', 'e3', 'e4', 'e5', 'e6']],
    ['-occurredAt', ['e6', 'e5', 'e4', 'e3', 'e2', 'e1']],
    ['action', ['e4', 'e2', 'e5', 'e6', 'e3', 'e1']],
    ['-action', ['e1', 'e3', 'e6', 'e5', 'e2', 'e4']],
    ['actor', ['e1', 'e3', 'e6', 'e2', 'e5', 'e4']],
    ['-actor', ['e4', 'e5', 'e2', 'e6', 'e3', 'e1']],
    ['outcome', ['e3', 'e4', 'e1', 'e2', 'e5', 'e6']],
    ['-id', ['e6', 'e5', 'e4', 'e3', 'e2', 'e1']],
  ])(
    'sorts by %s, ties by id in the same direction',
    async (sort, expected) => {
      expect(await keysOf(`${WINDOW}&sort=${sort}`)).toEqual(expected);
    },
  );

  it('pages through the matches without overlap', async () => {
    const first = await get(`${WINDOW}&pageSize=4`);
    const second = await get(`${WINDOW}&pageSize=4&page=2`);
    const beyond = await get(`${WINDOW}&pageSize=4&page=3`);

    expect(first.body).toMatchObject({ total: 6, page: 1, pageSize: 4 });
    expect(second.body).toMatchObject({ total: 6, page: 2, pageSize: 4 });
    expect(
      [...first.body.items, ...second.body.items].map((i) => i.id),
    ).toEqual(
      ['e6', 'e5', 'e4', 'e3', 'e2', 'e1'].map((key) => fixture.ids[key]),
    );
    expect(beyond.body).toEqual({ items: [], total: 6, page: 3, pageSize: 4 });
  });

  it('audits the listing, with the filters asked for', async () => {
    const requestId = requestIdOf(
      await get(`${WINDOW}&patientId=${fixture.patients.p1}&pageSize=10`),
    );

    const events = await app.dataSource.query(
      `SELECT action, actor_role, patient_id, details FROM audit_events WHERE request_id = $1`,
      [requestId],
    );
    expect(events).toEqual([
      {
        action: 'audit.list',
        actor_role: 'auditor',
        patient_id: fixture.patients.p1,
        details: {
          filters: {
            from: '2031-01-01T00:00:00Z',
            to: '2031-01-02T00:00:00Z',
            patientId: fixture.patients.p1,
          },
          sort: '-occurredAt',
          page: 1,
          pageSize: 10,
        },
      },
    ]);
  });

  describe('as CSV', () => {
    function fromCsv(text: string): AuditEventView[] {
      const records = parse(text, { columns: true }) as Record<
        string,
        string
      >[];
      return records.map((record) => {
        const value = (key: string): string | null =>
          record[key] === '' ? null : (record[key] ?? null);
        const json = (key: string): Record<string, unknown> | null => {
          const text = value(key);
          return text === null
            ? null
            : (JSON.parse(text) as Record<string, unknown>);
        };
        return {
          id: record['id'] ?? '',
          occurredAt: record['occurredAt'] ?? '',
          actorId: value('actorId'),
          actorUsername: value('actorUsername'),
          actorRole: value('actorRole'),
          action: record['action'] ?? '',
          outcome: record['outcome'],
          patientId: value('patientId'),
          entityType: value('entityType'),
          entityId: value('entityId'),
          diff: json('diff'),
          requestId: value('requestId'),
          clientIp: value('clientIp'),
          details: json('details'),
        } as AuditEventView;
      });
    }

    it.each(['-occurredAt', 'action', '-actor'])(
      'streams the same rows as the JSON listing, sorted by %s, as an attachment',
      async (sort) => {
        const json = await get(`${WINDOW}&sort=${sort}&pageSize=200`);
        const csv = await call<string>(
          app,
          'GET',
          `/api/audit-events?${WINDOW}&sort=${sort}&format=csv`,
          { token: auditor },
        );

        expect(csv.status).toBe(200);
        expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
        expect(csv.headers.get('content-disposition')).toBe(
          'attachment; filename="audit-events_2031-01-01T000000Z_2031-01-02T000000Z.csv"',
        );
        expect(csv.body.split('\n')[0]).toBe(
          'id,occurredAt,actorId,actorUsername,actorRole,action,outcome,patientId,entityType,entityId,diff,requestId,clientIp,details',
        );
        expect(fromCsv(csv.body)).toEqual(json.body.items);
      },
    );

    it('names the file after the instants asked for, in UTC, and the export time when open-ended', async () => {
      const csv = await call<string>(
        app,
        'GET',
        `/api/audit-events?from=2031-01-01T09:30:00%2B01:00&format=csv`,
        { token: auditor },
      );

      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-disposition')).toMatch(
        /^attachment; filename="audit-events_2031-01-01T083000Z_\d{4}-\d{2}-\d{2}T\d{6}Z\.csv"$/,
      );
    });

    it('starts with a byte order mark only when asked to', async () => {
      const bytes = async (query: string): Promise<Buffer> => {
        const response = await fetch(
          `${app.baseUrl}/api/audit-events?${query}`,
          {
            headers: { authorization: `Bearer ${auditor}` },
          },
        );
        expect(response.status).toBe(200);
        return Buffer.from(await response.arrayBuffer());
      };

      const withBom = await bytes(`${WINDOW}&format=csv&bom=true`);
      const without = await bytes(`${WINDOW}&format=csv&bom=false`);

      expect([...withBom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(without.subarray(0, 2).toString()).toBe('id');
      expect(withBom.subarray(3)).toEqual(without);
    });

    it('audits the export, with the filters asked for', async () => {
      const response = await call(
        app,
        'GET',
        `/api/audit-events?${WINDOW}&action=item.order&format=csv`,
        { token: auditor },
      );
      expect(response.status).toBe(200);
      const requestId = requestIdOf(response);

      const events = await app.dataSource.query(
        `SELECT action, actor_role, details FROM audit_events WHERE request_id = $1`,
        [requestId],
      );
      expect(events).toEqual([
        {
          action: 'audit.export',
          actor_role: 'auditor',
          details: {
            filters: {
              from: '2031-01-01T00:00:00Z',
              to: '2031-01-02T00:00:00Z',
              action: 'item.order',
            },
            sort: '-occurredAt',
            format: 'csv',
          },
        },
      ]);
    });
  });

  describe('rejects an invalid query with a 400 problem document and audits nothing', () => {
    it.each<[string, string]>([
      ['unknownParam=1', 'unknownParam'],
      ['from=2031-13-01T00:00:00Z', 'from'],
      ['from=2031-02-30T00:00:00Z', 'from'],
      ['from=2031-01-01', 'from'],
      ['from=2031-01-01T00:00:00', 'from'],
      ['from=yesterday', 'from'],
      ['from=0000-01-01T00:00:00Z', 'from'],
      ['to=2031-01-01T00:00:00%2B23:00', 'to'],
      ['to=2031-01-01T00:00:00%2B14:01', 'to'],
      ['from=2031-01-01T00:00:00-14:30', 'from'],
      ['to=2031-01-01T00:00:00 01:00', 'to'],
      ['from=2031-01-02T00:00:00Z&to=2031-01-01T00:00:00Z', 'to'],
      ['actor=a', 'actor'],
      ['actor=%00bob', 'actor'],
      ['patientId=not-a-uuid', 'patientId'],
      ['action=item.order&action=item.schedule', 'action'],
      ['action=', 'action'],
      ['action=.', 'action'],
      ['patient=', 'patient'],
      ['patient=%2C%20%3B', 'patient'],
      ['patient=a%00b', 'patient'],
      [`patient=${'x'.repeat(201)}`, 'patient'],
      ['entityType=a%20b', 'entityType'],
      ['entityId=a%00b', 'entityId'],
      [`entityId=${'x'.repeat(201)}`, 'entityId'],
      ['outcome=maybe', 'outcome'],
      ['sort=password', 'sort'],
      ['sort=details', 'sort'],
      ['sort=--occurredAt', 'sort'],
      ['page=0', 'page'],
      ['page=1.5', 'page'],
      ['page=abc', 'page'],
      ['page=100000000000000000000', 'page'],
      ['pageSize=201', 'pageSize'],
      ['pageSize=0', 'pageSize'],
      ['format=xml', 'format'],
      ['format=csv&bom=yes', 'bom'],
    ])('%s', async (query, field) => {
      const response = await get(query);
      const requestId = requestIdOf(response);

      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(
        /^application\/problem\+json/,
      );
      expect(response.body).toMatchObject({
        status: 400,
        title: 'Invalid request',
        errors: expect.arrayContaining([
          { field, message: expect.any(String) },
        ]),
      });
      const events = await app.dataSource.query(
        `SELECT 1 FROM audit_events WHERE request_id = $1`,
        [requestId],
      );
      expect(events).toEqual([]);
    });
  });
});

describe('GET /api/audit-events?format=csv, abandoned by the client', () => {
  let app: TestApp;

  beforeAll(async () => {
    // A pool this small runs dry after two leaked clients.
    app = await startTestApp({ env: { DB_POOL_SIZE: '2' } });
    await app.dataSource.query(
      `INSERT INTO audit_events (action, outcome, entity_type, entity_id, details)
       SELECT 'test.bulk', 'success', 'test', n::text, jsonb_build_object('padding', repeat('x', 200))
         FROM generate_series(1, 20000) AS n`,
    );
  });

  afterAll(async () => {
    await app.close();
  });

  async function cursorsOpen(): Promise<number> {
    const [{ open }] = (await app.dataSource.query(
      `SELECT count(*)::int AS open FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()
          AND query LIKE '%LEFT JOIN users u ON u.id = e.actor_id%'
          AND state <> 'idle'`,
    )) as [{ open: number }];
    return open;
  }

  it('gives the database client back, so later requests still get one', async () => {
    const token = await tokenFor(app, 'auditor');

    for (let i = 0; i < 4; i += 1) {
      const abort = new AbortController();
      const response = await fetch(
        `${app.baseUrl}/api/audit-events?format=csv&action=test.bulk`,
        { headers: { authorization: `Bearer ${token}` }, signal: abort.signal },
      );
      expect(response.status).toBe(200);
      const reader = response.body!.getReader();
      await reader.read();
      abort.abort();
      await reader.cancel().catch(() => undefined);
    }

    const deadline = Date.now() + 5_000;
    while ((await cursorsOpen()) > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await cursorsOpen()).toBe(0);
    const list = await call(
      app,
      'GET',
      '/api/audit-events?action=test.bulk&pageSize=1',
      {
        token,
      },
    );
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(20000);
    const full = await call<string>(
      app,
      'GET',
      '/api/audit-events?format=csv&action=test.bulk',
      { token },
    );
    expect(full.status).toBe(200);
    expect(full.body.trimEnd().split('\n')).toHaveLength(20001);
  });
});
