import type {
  CompletionReport,
  CompletionReportRow,
  WorkupView,
} from '@poems/contract';
import { parse } from 'csv-parse/sync';
import { Clock } from '../common/clock/clock';
import { CLASSIC, aWorkup, done, result } from '../testing/clinic';
import { callAs, tokenFor } from '../testing/http';
import { startTestApp, type TestApp } from '../testing/test-app';
import { pdfText } from './testing/pdf-text';

const ZONE = 'America/New_York';
const PERIOD = 'from=2031-04-01&to=2031-04-30';

const VEGF_LOW = {
  specimen: 'plasma',
  values: [{ code: '75628-8', name: 'VEGF', value: 90, unit: 'pg/mL' }],
};

/** Issue #16 §7: the completion report says, per workup, where its latest sign-off stands. */
describe('completion report: sign-off', () => {
  let app: TestApp;
  let clock: Clock;
  let signer: { id: string; name: string };
  const at = (iso: string) => {
    clock.now = () => new Date(iso);
  };

  async function signOff(view: WorkupView): Promise<WorkupView> {
    const response = await callAs(
      app,
      'hematologist',
      'POST',
      `/api/workups/${view.id}/sign-off`,
      { version: view.version },
    );
    expect(response.status).toBe(200);
    return response.body as WorkupView;
  }

  async function rows(): Promise<Map<string, CompletionReportRow>> {
    const response = await callAs(
      app,
      'auditor',
      'GET',
      `/api/reports/completion?${PERIOD}&pageSize=500`,
    );
    expect(response.status).toBe(200);
    const body = response.body as CompletionReport;
    return new Map(body.items.map((row) => [row.workupId, row]));
  }

  async function download(format: 'csv' | 'pdf'): Promise<Buffer> {
    const response = await fetch(
      `${app.baseUrl}/api/reports/completion?${PERIOD}&format=${format}`,
      {
        headers: { authorization: `Bearer ${await tokenFor(app, 'auditor')}` },
      },
    );
    expect(response.status).toBe(200);
    return Buffer.from(await response.arrayBuffer());
  }

  async function csvRows(): Promise<Map<string, Record<string, string>>> {
    const records = parse((await download('csv')).toString('utf8'), {
      columns: true,
    }) as Record<string, string>[];
    return new Map(records.map((r) => [r['workupId'] ?? '', r]));
  }

  async function metWorkup(): Promise<WorkupView> {
    at('2031-04-02T09:00:00Z');
    let view = await aWorkup(app);
    at('2031-04-05T09:00:00Z');
    for (const [key, body] of Object.entries(CLASSIC)) {
      view = await result(app, view, key, body);
    }
    return view;
  }

  beforeAll(async () => {
    app = await startTestApp({ env: { CLINIC_TIME_ZONE: ZONE } });
    clock = app.app.get(Clock);
  });

  afterAll(async () => {
    await app.close();
  });

  it('shows the latest sign-off, then that a corrected result outdated it, in JSON, CSV and PDF', async () => {
    const unsigned = await metWorkup();
    let view = await metWorkup();
    // 02:30 UTC on the 7th is still the 6th in New York.
    at('2031-04-07T02:30:00Z');
    view = await signOff(view);
    signer = {
      id: view.signOff?.signedBy.id ?? 'missing',
      name: view.signOff?.signedBy.displayName ?? 'missing',
    };

    const current = await rows();
    expect(current.get(unsigned.id)).toMatchObject({
      signOff: 'none',
      signedOffAt: null,
      signedOffById: null,
      signedOffByName: null,
      signOffOutdatedSince: null,
    });
    expect(current.get(view.id)).toMatchObject({
      signOff: 'current',
      signedOffAt: '2031-04-07T02:30:00.000Z',
      signedOffById: signer.id,
      signedOffByName: signer.name,
      signOffOutdatedSince: null,
    });
    expect((await csvRows()).get(view.id)).toMatchObject({
      signOff: 'current',
      signedOffAt: '2031-04-06T22:30:00-04:00',
      signedOffById: signer.id,
      signedOffByName: signer.name,
      signOffOutdatedSince: '',
    });
    expect((await csvRows()).get(unsigned.id)).toMatchObject({
      signOff: 'none',
      signedOffAt: '',
      signedOffByName: '',
    });
    const pdf = (await pdfText(await download('pdf'))).text;
    expect(pdf).toContain('2031-04-06');
    expect(pdf).not.toContain('outdated 2031');

    at('2031-04-08T14:00:00Z');
    view = await result(app, view, 'vegf', VEGF_LOW);

    expect((await rows()).get(view.id)).toMatchObject({
      signOff: 'outdated',
      signedOffAt: '2031-04-07T02:30:00.000Z',
      signedOffById: signer.id,
      signOffOutdatedSince: '2031-04-08T14:00:00.000Z',
    });
    expect((await csvRows()).get(view.id)).toMatchObject({
      signOff: 'outdated',
      signOffOutdatedSince: '2031-04-08T10:00:00-04:00',
    });
    expect((await pdfText(await download('pdf'))).text).toContain('outdated');
  });

  it('reads current again once signed off anew after an outdating change', async () => {
    let view = await metWorkup();
    view = await signOff(view);
    at('2031-04-08T14:00:00Z');
    view = await result(app, view, 'vegf', VEGF_LOW);
    expect((await rows()).get(view.id)?.signOff).toBe('outdated');

    at('2031-04-11T08:00:00Z');
    view = await done(app, 'coordinator', view, 'cbc', 'order');
    at('2031-04-12T08:00:00Z');
    view = await signOff(view);
    expect((await rows()).get(view.id)).toMatchObject({
      signOff: 'current',
      signedOffAt: '2031-04-12T08:00:00.000Z',
      signOffOutdatedSince: null,
    });
  });

  it('keeps the copy on the workup equal to the latest row of the sign-off table', async () => {
    const mismatches = (await app.dataSource.query(
      `SELECT w.id FROM workups w
         LEFT JOIN LATERAL (
           SELECT signed_at, signed_by, outdated_at FROM workup_sign_offs s
            WHERE s.workup_id = w.id ORDER BY signed_at DESC, id DESC LIMIT 1
         ) s ON true
        WHERE (w.signed_off_at, w.signed_off_by, w.sign_off_outdated_at)
              IS DISTINCT FROM (s.signed_at, s.signed_by, s.outdated_at)`,
    )) as unknown[];
    const signed = (await app.dataSource.query(
      'SELECT count(*)::int AS n FROM workups WHERE signed_off_at IS NOT NULL',
    )) as { n: number }[];

    expect(signed[0]?.n).toBeGreaterThan(1);
    expect(mismatches).toEqual([]);
  });
});
