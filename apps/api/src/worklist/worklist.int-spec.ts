import {
  dueWindow,
  worklistBuckets,
  WORKLIST_BUCKETS,
  type WorklistBucket,
} from '@poems/domain';
import { type WorklistPage, type WorkupView } from '@poems/contract';
import { Clock } from '../common/clock/clock';
import { aWorkup, done, result } from '../testing/clinic';
import { callAs } from '../testing/http';
import { startTestApp, type TestApp } from '../testing/test-app';

/** 12:00 UTC: already the next day in Auckland (UTC+13 in January). */
const NOW = new Date('2030-01-15T12:00:00Z');

async function pinnedApp(timeZone: string): Promise<TestApp> {
  const app = await startTestApp({
    env: { CLINIC_TIME_ZONE: timeZone, DUE_SOON_DAYS: '7' },
  });
  app.app.get(Clock).now = () => NOW;
  return app;
}

async function worklist(
  app: TestApp,
  bucket: WorklistBucket,
  query = '',
): Promise<WorklistPage> {
  const response = await callAs(
    app,
    'coordinator',
    'GET',
    `/api/worklist?bucket=${bucket}${query}`,
  );
  expect(response.status).toBe(200);
  return response.body as WorklistPage;
}

describe('worklist', () => {
  let app: TestApp;
  let views: WorkupView[];

  beforeAll(async () => {
    app = await pinnedApp('UTC');
    const a = await aWorkup(app, { familyName: 'Abbott', givenName: 'Alma' });
    const b = await aWorkup(app, { familyName: 'Brown', givenName: 'Basil' });
    let va = a;
    va = await done(app, 'coordinator', va, 'cbc', 'order', {
      dueDate: '2030-01-14',
    }); // overdue
    va = await done(app, 'coordinator', va, 'spep', 'schedule', {
      scheduledAt: '2030-01-16T08:00:00Z',
      dueDate: '2030-01-15', // due today: due soon, not overdue
    });
    va = await done(app, 'coordinator', va, 'vegf', 'schedule', {
      scheduledAt: '2030-01-20T08:00:00Z',
      dueDate: '2030-01-22', // last due-soon day
    });
    va = await done(app, 'coordinator', va, 'emg_ncs', 'order', {
      dueDate: '2030-01-23',
    }); // on time
    va = await done(app, 'coordinator', va, 'fundoscopy', 'perform', {
      performedAt: '2030-01-10T09:00:00Z',
    });
    va = await result(app, va, 'serum_ife', {
      heavyChain: 'IgA',
      lightChain: 'lambda',
    });
    let vb = b;
    vb = await done(app, 'coordinator', vb, 'cbc', 'order', {
      dueDate: '2030-01-01',
    }); // overdue
    vb = await done(app, 'coordinator', vb, 'spep', 'cancel', {
      reason: 'Duplicate',
    });
    vb = await done(app, 'coordinator', vb, 'urine_ife', 'order', {
      dueDate: '2029-12-01',
    });
    vb = await done(app, 'coordinator', vb, 'urine_ife', 'cancel', {
      reason: 'Not needed',
    }); // closed: no bucket
    views = [va, vb];
    // A closed workup's items are off the worklist.
    const closed = await aWorkup(app, { familyName: 'Closed' });
    const c = await done(app, 'coordinator', closed, 'cbc', 'order', {
      dueDate: '2029-01-01',
    });
    await callAs(app, 'hematologist', 'POST', `/api/workups/${c.id}/close`, {
      version: c.version,
      reason: 'Moved away',
    });
  });

  afterAll(async () => {
    await app.close();
  });

  it('puts every item where the domain rule says, and counts every bucket', async () => {
    const window = dueWindow(NOW, 'UTC', 7);
    const expected = new Map<WorklistBucket, string[]>(
      WORKLIST_BUCKETS.map((b) => [b, []]),
    );
    for (const view of views) {
      for (const item of view.items) {
        for (const bucket of worklistBuckets(item, window)) {
          expected.get(bucket)?.push(`${view.id}/${item.key}`);
        }
      }
    }
    for (const bucket of WORKLIST_BUCKETS) {
      const page = await worklist(app, bucket, '&pageSize=200');
      expect(
        page.items.map((r) => `${r.workupId}/${r.itemKey}`).sort(),
      ).toEqual(expected.get(bucket)?.sort());
      expect(page.counts[bucket]).toBe(expected.get(bucket)?.length);
      expect(page.total).toBe(page.counts[bucket]);
    }
  });

  it('overdue: open items due before today, oldest first, with patient name and MRN', async () => {
    const page = await worklist(app, 'overdue');
    expect(
      page.items.map((r) => [r.patientName, r.itemKey, r.dueDate, r.overdue]),
    ).toEqual([
      ['Brown, Basil', 'cbc', '2030-01-01', true],
      ['Abbott, Alma', 'cbc', '2030-01-14', true],
    ]);
    expect(page.items[0]).toMatchObject({
      mrn: expect.any(String),
      status: 'ordered',
      kind: 'lab',
      itemName: expect.stringContaining('blood count'),
    });
  });

  it('due soon: today through the horizon', async () => {
    const page = await worklist(app, 'due_soon');
    expect(page.items.map((r) => [r.itemKey, r.dueDate, r.overdue])).toEqual([
      ['spep', '2030-01-15', false],
      ['vegf', '2030-01-22', false],
    ]);
  });

  it('awaiting result and awaiting review', async () => {
    expect(
      (await worklist(app, 'awaiting_result')).items.map((r) => r.itemKey),
    ).toEqual(['fundoscopy']);
    expect(
      (await worklist(app, 'awaiting_review')).items.map((r) => r.itemKey),
    ).toEqual(['serum_ife']);
  });

  it('sorts and pages', async () => {
    const byName = await worklist(
      app,
      'unscheduled',
      '&sort=-patientName&pageSize=3',
    );
    expect(byName.items.map((r) => r.patientName)).toEqual([
      'Brown, Basil',
      'Brown, Basil',
      'Brown, Basil',
    ]);
    const second = await worklist(
      app,
      'unscheduled',
      '&sort=-patientName&pageSize=3&page=2',
    );
    expect(second.items).toHaveLength(3);
    expect(
      new Set(
        [...byName.items, ...second.items].map(
          (r) => `${r.workupId}/${r.itemKey}`,
        ),
      ).size,
    ).toBe(6);
  });

  it('rejects unknown buckets and sorts', async () => {
    expect(
      (await callAs(app, 'coordinator', 'GET', '/api/worklist?bucket=late'))
        .status,
    ).toBe(400);
    expect(
      (await callAs(app, 'coordinator', 'GET', '/api/worklist?sort=mrn'))
        .status,
    ).toBe(400);
  });
});

describe('worklist and the workup lifecycle', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await pinnedApp('UTC');
  });

  afterAll(async () => {
    await app.close();
  });

  const listed = async (workupId: string): Promise<string[]> =>
    (await worklist(app, 'overdue', '&pageSize=200')).items
      .filter((r) => r.workupId === workupId)
      .map((r) => r.itemKey);

  it('takes a closed workup’s items off every bucket and puts them back when it is reopened', async () => {
    let view = await aWorkup(app);
    view = await done(app, 'coordinator', view, 'cbc', 'order', {
      dueDate: '2030-01-01',
    });
    expect(await listed(view.id)).toEqual(['cbc']);

    const closed = await callAs(
      app,
      'hematologist',
      'POST',
      `/api/workups/${view.id}/close`,
      { version: view.version, reason: 'Transferred' },
    );
    expect(closed.status).toBe(200);
    expect(await listed(view.id)).toEqual([]);
    expect(
      (await worklist(app, 'unscheduled', '&pageSize=200')).items.some(
        (r) => r.workupId === view.id,
      ),
    ).toBe(false);

    const reopened = await callAs(
      app,
      'hematologist',
      'POST',
      `/api/workups/${view.id}/reopen`,
      { version: closed.body.version, reason: 'Back in our care' },
    );
    expect(reopened.status).toBe(200);
    expect(await listed(view.id)).toEqual(['cbc']);
  });

  it('says where its counts stop', async () => {
    const page = await worklist(app, 'overdue');
    expect(page.countCap).toBeGreaterThan(0);
    expect(
      Object.values(page.counts).every((n) => n <= (page.countCap ?? 0)),
    ).toBe(true);
  });
});

describe('worklist in the clinic time zone', () => {
  // One app at a time: passport strategies are process-wide, so two apps in one process would
  // sign in against whichever was created last.
  async function overdueCountIn(
    timeZone: string,
  ): Promise<{ overdue: number; dueSoon: number }> {
    const app = await pinnedApp(timeZone);
    try {
      const view = await aWorkup(app);
      await done(app, 'coordinator', view, 'cbc', 'order', {
        dueDate: '2030-01-15',
      });
      return {
        overdue: (await worklist(app, 'overdue')).items.length,
        dueSoon: (await worklist(app, 'due_soon')).items.length,
      };
    } finally {
      await app.close();
    }
  }

  it('decides overdue by the clinic’s date, not the server’s', async () => {
    // 2030-01-15T12:00Z is still the 15th in UTC but already the 16th in Auckland.
    expect(await overdueCountIn('UTC')).toEqual({ overdue: 0, dueSoon: 1 });
    expect(await overdueCountIn('Pacific/Auckland')).toEqual({
      overdue: 1,
      dueSoon: 0,
    });
  });
});
