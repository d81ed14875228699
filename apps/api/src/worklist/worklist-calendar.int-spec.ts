import type { WorkupView } from '@poems/contract';
import { Clock } from '../common/clock/clock';
import { auditCount, aWorkup, done } from '../testing/clinic';
import { callAs } from '../testing/http';
import { startTestApp, type TestApp } from '../testing/test-app';

/** 2030-01-15 in UTC, the 16th in Auckland: the feed's window runs 30 days back, 180 ahead. */
const NOW = new Date('2030-01-15T12:00:00Z');

/** The feed's lines with RFC 5545 folding undone. */
function unfolded(ics: string): string[] {
  return ics.replace(/\r\n[ \t]/g, '').split('\r\n');
}

/** The VEVENT blocks of a feed as maps of property name to value. */
function events(ics: string): Map<string, string>[] {
  const found: Map<string, string>[] = [];
  let current: Map<string, string> | undefined;
  for (const line of unfolded(ics)) {
    if (line === 'BEGIN:VEVENT') {
      current = new Map();
    } else if (line === 'END:VEVENT' && current !== undefined) {
      found.push(current);
      current = undefined;
    } else if (current !== undefined) {
      const colon = line.indexOf(':');
      current.set(
        line.slice(0, colon).split(';')[0] ?? '',
        line.slice(colon + 1),
      );
    }
  }
  return found;
}

describe('worklist calendar feed', () => {
  let app: TestApp;
  let a: WorkupView;
  let b: WorkupView;
  const scheduled = new Map<string, string>();

  beforeAll(async () => {
    app = await startTestApp({ env: { CLINIC_TIME_ZONE: 'Pacific/Auckland' } });
    app.app.get(Clock).now = () => NOW;
    a = await aWorkup(app, { familyName: 'Quixote', givenName: 'Alonso' });
    b = await aWorkup(app, { familyName: 'Panza', givenName: 'Sancho' });
    a = await done(app, 'coordinator', a, 'emg_ncs', 'schedule', {
      scheduledAt: '2030-01-20T09:30:00+13:00',
      location: 'Neurophysiology lab 2',
    });
    a = await done(app, 'coordinator', a, 'vegf', 'schedule', {
      // The first day of the window: 30 days before the clinic's 16 January.
      scheduledAt: '2029-12-17T08:00:00+13:00',
    });
    b = await done(app, 'coordinator', b, 'bone_imaging', 'schedule', {
      scheduledAt: '2030-03-01T14:00:00+13:00',
      location: 'PET/CT suite',
    });
    scheduled.set(`${a.id}/emg_ncs`, a.patientId);
    scheduled.set(`${a.id}/vegf`, a.patientId);
    scheduled.set(`${b.id}/bone_imaging`, b.patientId);
    // Not in the feed: before the window, after it, performed, cancelled, in a closed workup.
    a = await done(app, 'coordinator', a, 'cbc', 'schedule', {
      scheduledAt: '2029-12-16T23:00:00+13:00',
    });
    a = await done(app, 'coordinator', a, 'spep', 'schedule', {
      scheduledAt: '2030-07-16T08:00:00+12:00',
    });
    b = await done(app, 'coordinator', b, 'cbc', 'schedule', {
      scheduledAt: '2030-01-14T08:00:00+13:00',
    });
    b = await done(app, 'coordinator', b, 'cbc', 'perform', {
      performedAt: '2030-01-14T08:10:00+13:00',
    });
    b = await done(app, 'coordinator', b, 'spep', 'schedule', {
      scheduledAt: '2030-01-21T08:00:00+13:00',
    });
    b = await done(app, 'coordinator', b, 'spep', 'cancel', {
      reason: 'Duplicate',
    });
    let closed = await aWorkup(app, { familyName: 'Closed' });
    closed = await done(app, 'coordinator', closed, 'cbc', 'schedule', {
      scheduledAt: '2030-01-22T08:00:00+13:00',
    });
    await callAs(
      app,
      'hematologist',
      'POST',
      `/api/workups/${closed.id}/close`,
      {
        version: closed.version,
        reason: 'Moved away',
      },
    );
  });

  afterAll(async () => {
    await app.close();
  });

  async function feed(): Promise<{
    status: number;
    type: string | null;
    ics: string;
  }> {
    const response = await callAs<string>(
      app,
      'coordinator',
      'GET',
      '/api/worklist/calendar.ics',
    );
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      ics: response.body,
    };
  }

  it('has one event per scheduled item of open workups within the window', async () => {
    const { status, type, ics } = await feed();

    expect(status).toBe(200);
    expect(type).toBe('text/calendar; charset=utf-8');
    expect(ics.startsWith('BEGIN:VCALENDAR')).toBe(true);
    const found = events(ics);
    expect(found).toHaveLength(scheduled.size);
    const emg = found.find((e) =>
      e.get('SUMMARY')?.startsWith('Nerve conduction'),
    );
    expect(emg).toBeDefined();
    expect(emg?.get('DTSTART')).toBe('20300119T203000Z');
    expect(emg?.get('DTEND')).toBe('20300119T213000Z');
    expect(emg?.get('LOCATION')).toBe('Neurophysiology lab 2');
    // The calendar shows the instant on the device's clock; the text keeps the clinic's.
    expect(emg?.get('DESCRIPTION')).toContain(
      'Clinic time: 20 Jan 2030\\, 09:30 GMT+13',
    );
  });

  it('names the item and the MRN, never the patient, and links the patient page by id', async () => {
    const { ics } = await feed();

    for (const name of ['Quixote', 'Alonso', 'Panza', 'Sancho']) {
      expect(ics).not.toContain(name);
    }
    const mrnOf = async (view: WorkupView): Promise<string> =>
      (
        (await callAs(app, 'auditor', 'GET', `/api/patients/${view.patientId}`))
          .body as {
          mrn: string;
        }
      ).mrn;
    const found = events(ics);
    for (const view of [a, b]) {
      const mrn = await mrnOf(view);
      const own = found.filter((e) => e.get('SUMMARY')?.includes(`MRN ${mrn}`));
      expect(own.length).toBe(
        [...scheduled.values()].filter((p) => p === view.patientId).length,
      );
      for (const event of own) {
        expect(event.get('DESCRIPTION')).toContain(
          `/patients/${view.patientId}`,
        );
      }
    }
  });

  it('keeps each event’s UID stable per item, so rescheduling moves it', async () => {
    const uids = events((await feed()).ics).map((e) => e.get('UID'));
    a = await done(app, 'coordinator', a, 'emg_ncs', 'schedule', {
      scheduledAt: '2030-01-23T09:30:00+13:00',
    });

    const after = events((await feed()).ics);
    expect(after.map((e) => e.get('UID')).sort()).toEqual([...uids].sort());
    expect(new Set(uids).size).toBe(uids.length);
    const moved = after.find((e) =>
      e.get('SUMMARY')?.startsWith('Nerve conduction'),
    );
    expect(moved?.get('DTSTART')).toBe('20300122T203000Z');
  });

  it('records one audit event per download', async () => {
    const before = await auditCount(app, { action: 'worklist.calendar' });
    await feed();
    expect(await auditCount(app, { action: 'worklist.calendar' })).toBe(
      before + 1,
    );
  });

  it('is for the clinical roles and auditors, not admins', async () => {
    expect(
      (await callAs(app, 'admin', 'GET', '/api/worklist/calendar.ics')).status,
    ).toBe(403);
    expect(
      (await callAs(app, 'auditor', 'GET', '/api/worklist/calendar.ics'))
        .status,
    ).toBe(200);
  });
});
