import type { WorklistBucket } from '@poems/domain';
import type {
  BulkActionResult,
  WorklistPage,
  WorkupView,
} from '@poems/contract';
import { Clock } from '../common/clock/clock';
import { aWorkup, auditCount, done, itemOf, registerPatient } from '../testing/clinic';
import { callAs, createUser } from '../testing/http';
import { startTestApp, type TestApp } from '../testing/test-app';

const NOW = new Date('2030-03-20T15:00:00Z');

async function worklist(
  app: TestApp,
  bucket: WorklistBucket,
  query = '',
): Promise<WorklistPage> {
  const response = await callAs(
    app,
    'coordinator',
    'GET',
    `/api/worklist?bucket=${bucket}&pageSize=200${query}`,
  );
  expect(response.status).toBe(200);
  return response.body as WorklistPage;
}

describe('worklist as an in-basket', () => {
  let app: TestApp;
  let okafor: WorkupView;
  let nunez: WorkupView;
  let otherAttendingId: string;

  beforeAll(async () => {
    app = await startTestApp({ env: { CLINIC_TIME_ZONE: 'America/New_York' } });
    app.app.get(Clock).now = () => NOW;
    okafor = await aWorkup(app, {
      familyName: 'Okafor',
      givenName: 'Helen',
      mrn: 'IB-77-0003',
    });
    okafor = await done(app, 'coordinator', okafor, 'cbc', 'schedule', {
      scheduledAt: '2030-03-25T13:00:00Z',
      location: 'Lab 2, east wing',
      dueDate: '2030-03-25',
    });
    // Performed on 14 March in New York (02:00 UTC on the 15th is still the 14th there).
    okafor = await done(app, 'coordinator', okafor, 'vegf', 'perform', {
      performedAt: '2030-03-15T02:00:00Z',
    });
    const other = await createUser(app, {
      role: 'hematologist',
      displayName: 'Dr Ines Other',
    });
    otherAttendingId = other.id;
    const patient = await registerPatient(app, {
      familyName: 'Núñez-Ortiz',
      givenName: 'José',
    });
    const opened = await callAs(
      app,
      'hematologist',
      'POST',
      `/api/patients/${patient.id}/workups`,
      { attendingId: otherAttendingId },
    );
    expect(opened.status).toBe(201);
    nunez = opened.body as WorkupView;
    nunez = await done(app, 'coordinator', nunez, 'cbc', 'schedule', {
      scheduledAt: '2030-03-26T13:00:00Z',
      location: 'Infusion suite',
      dueDate: '2030-03-26',
    });
  });

  afterAll(async () => {
    await app.close();
  });

  const keysOf = (page: WorklistPage): string[] =>
    page.items.map((r) => `${r.patientName}/${r.itemKey}`).sort();

  it('filters by patient as the patient search reads names and MRN fragments', async () => {
    const byName = await worklist(app, 'unscheduled', '&patient=Okafor,%20H');
    expect(new Set(byName.items.map((r) => r.workupId))).toEqual(
      new Set([okafor.id]),
    );
    expect(byName.total).toBe(byName.items.length);
    const byAccentlessWord = await worklist(app, 'unscheduled', '&patient=ortiz');
    expect(new Set(byAccentlessWord.items.map((r) => r.workupId))).toEqual(
      new Set([nunez.id]),
    );
    // A fragment with a digit is found anywhere in the MRN.
    const byMrnFragment = await worklist(app, 'awaiting_result', '&patient=0003');
    expect(byMrnFragment.items.map((r) => r.workupId)).toEqual([okafor.id]);
  });

  it('filters by test, location and attending, and counts every bucket under the filter', async () => {
    const cbc = await worklist(app, 'due_soon', '&item=cbc');
    expect(keysOf(cbc)).toEqual(['Núñez-Ortiz, José/cbc', 'Okafor, Helen/cbc']);
    expect(cbc.counts.awaiting_result).toBe(0);

    const lab = await worklist(app, 'due_soon', '&location=lab');
    expect(keysOf(lab)).toEqual(['Okafor, Helen/cbc']);
    expect(lab.counts).toMatchObject({ due_soon: 1, unscheduled: 0 });

    const attending = await worklist(
      app,
      'due_soon',
      `&attending=${otherAttendingId}`,
    );
    expect(keysOf(attending)).toEqual(['Núñez-Ortiz, José/cbc']);
    expect(attending.items[0]).toMatchObject({
      attendingId: otherAttendingId,
      attendingName: 'Dr Ines Other',
    });
    expect(attending.counts.unscheduled).toBe(
      (await worklist(app, 'unscheduled', `&attending=${otherAttendingId}`))
        .items.length,
    );
  });

  it('shows the performed date and clinic days waiting on awaiting-result rows', async () => {
    const page = await worklist(app, 'awaiting_result', '&item=vegf');
    const row = page.items.find((r) => r.workupId === okafor.id);
    expect(row).toMatchObject({
      performedAt: '2030-03-15T02:00:00.000Z',
      // 14 March to 20 March in the clinic's calendar.
      daysWaiting: 6,
    });
    const unscheduled = await worklist(app, 'unscheduled', '&item=spep');
    expect(unscheduled.items[0]).toMatchObject({
      performedAt: null,
      daysWaiting: null,
    });
  });

  it.each([
    ['item=nonsense', 'an unknown test'],
    ['attending=not-a-uuid', 'an attending that is no user id'],
    ['patient=', 'an empty patient'],
    [`location=${'x'.repeat(201)}`, 'an overlong location'],
  ])('answers 400 for %s (%s)', async (query) => {
    const response = await callAs(
      app,
      'coordinator',
      'GET',
      `/api/worklist?${query}`,
    );
    expect(response.status).toBe(400);
    expect(response.body.type).toMatch(/validation_failed$/);
  });
});

describe('bulk worklist actions', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ env: { CLINIC_TIME_ZONE: 'UTC' } });
    app.app.get(Clock).now = () => NOW;
  });

  afterAll(async () => {
    await app.close();
  });

  const bulk = (body: unknown, role: 'coordinator' | 'auditor' = 'coordinator') =>
    callAs<BulkActionResult>(app, role, 'POST', '/api/worklist/bulk', body);

  it('schedules each item on its own: a stale and a refused item fail alone, the rest are done and audited', async () => {
    let a = await aWorkup(app);
    const b = await aWorkup(app);
    a = await done(app, 'coordinator', a, 'vegf', 'perform', {
      performedAt: '2030-03-19T10:00:00Z',
    });
    const response = await bulk({
      action: 'schedule',
      scheduledAt: '2030-03-27T14:00:00Z',
      location: 'Lab 2',
      items: [
        { workupId: a.id, key: 'cbc', version: itemOf(a, 'cbc').version },
        // Someone changed it meanwhile.
        { workupId: a.id, key: 'spep', version: itemOf(a, 'spep').version + 1 },
        // Performed already: scheduling is not allowed.
        { workupId: a.id, key: 'vegf', version: itemOf(a, 'vegf').version },
        { workupId: b.id, key: 'cbc', version: itemOf(b, 'cbc').version },
      ],
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      action: 'schedule',
      succeeded: 2,
      failed: 2,
    });
    expect(
      response.body.items.map((i) => [i.key, i.status, i.code ?? null]),
    ).toEqual([
      ['cbc', 200, null],
      ['spep', 409, 'stale_version'],
      ['vegf', 422, 'illegal_transition'],
      ['cbc', 200, null],
    ]);
    expect(response.body.items[0]?.version).toBe(itemOf(a, 'cbc').version + 1);

    const after = (await callAs(app, 'coordinator', 'GET', `/api/workups/${a.id}`))
      .body as WorkupView;
    expect(itemOf(after, 'cbc')).toMatchObject({
      status: 'scheduled',
      location: 'Lab 2',
    });
    expect(itemOf(after, 'spep').status).toBe(itemOf(a, 'spep').status);
    // One audit event per item done, none for the stale or refused ones.
    expect(
      await auditCount(app, { patientId: a.patientId, action: 'item.schedule' }),
    ).toBe(1);
    expect(
      await auditCount(app, { patientId: b.patientId, action: 'item.schedule' }),
    ).toBe(1);
  });

  it('marks items performed, refusing a future time per item and unknown items with 404', async () => {
    const a = await aWorkup(app);
    const ok = await bulk({
      action: 'perform',
      performedAt: '2030-03-20T09:00:00Z',
      items: [
        { workupId: a.id, key: 'cbc', version: itemOf(a, 'cbc').version },
        { workupId: a.id, key: 'spep', version: itemOf(a, 'spep').version },
        {
          workupId: '00000000-0000-4000-8000-000000000000',
          key: 'cbc',
          version: 1,
        },
      ],
    });
    expect(ok.body.items.map((i) => i.status)).toEqual([200, 200, 404]);
    const awaiting = (
      await callAs(
        app,
        'coordinator',
        'GET',
        '/api/worklist?bucket=awaiting_result&pageSize=200',
      )
    ).body as WorklistPage;
    expect(
      awaiting.items.filter((r) => r.workupId === a.id).map((r) => r.itemKey).sort(),
    ).toEqual(['cbc', 'spep']);

    const b = await aWorkup(app);
    const future = await bulk({
      action: 'perform',
      performedAt: '2030-03-21T09:00:00Z',
      items: [{ workupId: b.id, key: 'cbc', version: itemOf(b, 'cbc').version }],
    });
    expect(future.body.items[0]).toMatchObject({
      status: 400,
      code: 'validation_failed',
    });
  });

  it('refuses a malformed request as a whole, and a role without the action', async () => {
    expect((await bulk({ action: 'schedule', items: [] })).status).toBe(400);
    expect(
      (
        await bulk({
          action: 'schedule',
          items: [{ workupId: 'x', key: 'cbc', version: 1 }],
          scheduledAt: '2030-03-27T14:00:00Z',
        })
      ).status,
    ).toBe(400);
    // scheduledAt is what scheduling needs.
    expect(
      (
        await bulk({
          action: 'schedule',
          items: [
            {
              workupId: '00000000-0000-4000-8000-000000000000',
              key: 'cbc',
              version: 1,
            },
          ],
        })
      ).status,
    ).toBe(400);
    expect((await bulk({ action: 'review', items: [] })).status).toBe(400);
    const a = await aWorkup(app);
    const auditor = await bulk(
      {
        action: 'perform',
        performedAt: '2030-03-20T09:00:00Z',
        items: [{ workupId: a.id, key: 'cbc', version: itemOf(a, 'cbc').version }],
      },
      'auditor',
    );
    expect(auditor.status).toBe(403);
  });
});
