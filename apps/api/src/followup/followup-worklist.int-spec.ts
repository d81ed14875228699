import type { FollowupView, WorklistPage } from '@poems/contract';
import { Clock } from '../common/clock/clock';
import { aPatientInFollowup, FOLLOWUP_TODAY } from '../testing/followup';
import { callAs } from '../testing/http';
import { startTestApp, type TestApp } from '../testing/test-app';

/** Follow-up instances on the coordinator's worklist and in the calendar feed (poems-followup.md §6). */
describe('follow-up instances on the worklist and the calendar', () => {
  let app: TestApp;
  let followup: FollowupView;

  beforeAll(async () => {
    app = await startTestApp({ env: { DUE_SOON_DAYS: '7' } });
    app.app.get(Clock).now = () => FOLLOWUP_TODAY;
    // LDex from 2025-01-15: M3 due 2025-05-15 (overdue on 2025-08-01), M6 window open since 2025-05-31.
    const patient = await aPatientInFollowup(app, { familyName: 'Follow' });
    const base = patient.base;
    followup = patient.view;
    const m6 = followup.instances.find(
      (i) => i.itemKey === 'cbc' && i.timePoint === 'M6',
    );
    followup = (
      await callAs(
        app,
        'coordinator',
        'POST',
        `${base}/instances/${m6?.id}/schedule`,
        {
          version: m6?.version,
          scheduledAt: '2025-08-05T08:00:00Z',
          location: 'Day unit',
        },
      )
    ).body as FollowupView;
  });

  afterAll(async () => {
    await app.close();
  });

  async function bucket(name: string): Promise<WorklistPage> {
    const response = await callAs(
      app,
      'coordinator',
      'GET',
      `/api/worklist?bucket=${name}&pageSize=100`,
    );
    expect(response.status).toBe(200);
    return response.body as WorklistPage;
  }

  it('lists overdue instances with their time point, beside workup items', async () => {
    const page = await bucket('overdue');

    const vegf = page.items.find(
      (r) => r.source === 'followup' && r.itemKey === 'vegf',
    );
    expect(vegf).toMatchObject({
      timePoint: 'M3',
      dueDate: '2025-05-15',
      overdue: true,
      itemName: expect.stringContaining('(M3)'),
      instanceId: followup.instances.find(
        (i) => i.itemKey === 'vegf' && i.timePoint === 'M3',
      )?.id,
    });
    expect(
      page.items.every((r) => r.source !== 'followup' || r.timePoint === 'M3'),
    ).toBe(true);
    expect(page.counts.overdue).toBe(
      page.items.filter((r) => r.overdue).length,
    );
  });

  it('lists instances whose window is open and that nobody scheduled; not those years ahead', async () => {
    const page = await bucket('unscheduled');

    const followupRows = page.items.filter((r) => r.source === 'followup');
    expect(new Set(followupRows.map((r) => r.timePoint))).toEqual(
      new Set(['M3', 'M6']),
    );
    expect(
      followupRows.some((r) => r.itemKey === 'cbc' && r.timePoint === 'M6'),
    ).toBe(false);
  });

  it('lists a scheduled instance due within the due-soon days', async () => {
    app.app.get(Clock).now = () => new Date('2025-08-25T10:00:00Z');
    try {
      const page = await bucket('due_soon');
      // M6 is due 2025-08-29 (target 2025-07-15 + 45 days).
      expect(
        page.items.find((r) => r.itemKey === 'cbc' && r.timePoint === 'M6'),
      ).toMatchObject({ status: 'scheduled', dueDate: '2025-08-29' });
    } finally {
      app.app.get(Clock).now = () => FOLLOWUP_TODAY;
    }
  });

  it('carries a scheduled instance in the calendar feed', async () => {
    const response = await callAs<string>(
      app,
      'coordinator',
      'GET',
      '/api/worklist/calendar.ics',
    );

    expect(response.status).toBe(200);
    const ics = response.body.replace(/\r\n[ \t]/g, '');
    expect(ics).toContain(
      'SUMMARY:Complete blood count with differential (M6)',
    );
    expect(ics).toContain('POEMS follow-up item');
    expect(ics).toContain('LOCATION:Day unit');
  });
});
