import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { todayIn } from '@poems/domain';
import { parse } from 'csv-parse/sync';
import { aWorkup } from '../testing/clinic';
import { tokenFor } from '../testing/http';
import { startTestApp, type TestApp } from '../testing/test-app';
import { completionReportCsv } from './completion-report.csv';
import {
  completionRowsQuery,
  type CompletionReportRecord,
} from './completion-report.query';

const ZONE = 'America/New_York';
const PERIOD = { from: '2031-01-01', to: '2031-12-31' };

/**
 * Issue #20 §3: PostgreSQL writes the CSV export (COPY). The JavaScript writer stays the
 * definition of the format; here both render the same rows, byte for byte, on values chosen to
 * hit every escaping rule and the clinic clock's daylight-saving edges.
 */
describe('completion report CSV written by PostgreSQL', () => {
  let app: TestApp;

  async function exported(): Promise<string> {
    const response = await fetch(
      `${app.baseUrl}/api/reports/completion?from=${PERIOD.from}&to=${PERIOD.to}&format=csv`,
      {
        headers: { authorization: `Bearer ${await tokenFor(app, 'auditor')}` },
      },
    );
    expect(response.status).toBe(200);
    return Buffer.from(await response.arrayBuffer()).toString('utf8');
  }

  /** The reference: the JavaScript writer over the rows the report's query returns. */
  async function reference(): Promise<string> {
    const query = completionRowsQuery({
      filters: PERIOD,
      timeZone: ZONE,
      today: todayIn(ZONE, new Date()),
    });
    const records = (await app.dataSource.query(query.sql, [
      ...query.params,
    ])) as CompletionReportRecord[];
    const bytes = await buffer(
      completionReportCsv(
        Readable.from(records),
        { bom: false, timeZone: ZONE },
        () => undefined,
      ),
    );
    return bytes.toString('utf8');
  }

  /** A workup opened at `openedAt` for a patient with these names (set in SQL: no form takes them). */
  async function workup(
    openedAt: string,
    names: { family: string; given: string; mrn?: string },
  ): Promise<string> {
    const view = await aWorkup(app);
    await app.dataSource.query(
      `UPDATE workups SET opened_at = $2, criteria_first_met_at = $2::timestamptz + interval '36 hours'
        WHERE id = $1`,
      [view.id, openedAt],
    );
    await app.dataSource.query(
      `UPDATE patients SET family_name = $2, given_name = $3, mrn = coalesce($4, mrn) WHERE id = $1`,
      [view.patientId, names.family, names.given, names.mrn ?? null],
    );
    return view.id;
  }

  beforeAll(async () => {
    app = await startTestApp({ env: { CLINIC_TIME_ZONE: ZONE } });
    // Either side of both daylight-saving changes of 2031 in New York, and a New Year's Eve that
    // is already 1 January in UTC.
    await workup('2031-03-09T06:59:59Z', { family: '=SUM(A1)', given: '@x' });
    await workup('2031-03-09T07:00:00Z', { family: '+1', given: '-2' });
    await workup('2031-11-02T05:30:00Z', { family: '\tTab', given: 'Ann' });
    await workup('2031-11-02T06:30:00Z', {
      family: '\uFF1DFull',
      given: '\uFF20width',
      mrn: '-0042',
    });
    await workup('2031-12-31T23:30:00Z', {
      family: 'O"Neil, Jr',
      given: 'Zoë\nAnn',
    });
    await workup('2031-06-01T12:00:00Z', { family: 'Plain', given: 'Q' });
    await app.dataSource.query(
      `UPDATE users SET display_name = '=cmd|calc' WHERE role = 'hematologist'`,
    );
  });

  afterAll(async () => {
    await app.close();
  });

  it('is byte for byte what the JavaScript writer makes of the same rows', async () => {
    const csv = await exported();

    expect(csv).toBe(await reference());
    const records = parse(csv, { columns: true }) as Record<string, string>[];
    expect(records.map((r) => r['patientName'])).toEqual([
      `'=SUM(A1), @x`,
      `'+1, -2`,
      'Plain, Q',
      `'\tTab, Ann`,
      `'\uFF1DFull, \uFF20width`,
      'O"Neil, Jr, Zoë\nAnn',
    ]);
    expect(records[0]?.['attendingName']).toBe(`'=cmd|calc`);
    expect(records[4]?.['mrn']).toBe(`'-0042`);
  });

  it('writes instants on the clinic clock across daylight-saving changes', async () => {
    const records = parse(await exported(), { columns: true }) as Record<
      string,
      string
    >[];

    expect(records.map((r) => [r['openedAt'], r['openedOn']])).toEqual([
      ['2031-03-09T01:59:59-05:00', '2031-03-09'],
      ['2031-03-09T03:00:00-04:00', '2031-03-09'],
      ['2031-06-01T08:00:00-04:00', '2031-06-01'],
      ['2031-11-02T01:30:00-04:00', '2031-11-02'],
      ['2031-11-02T01:30:00-05:00', '2031-11-02'],
      ['2031-12-31T18:30:00-05:00', '2031-12-31'],
    ]);
    expect(records[5]?.['criteriaFirstMetAt']).toBe(
      '2032-01-02T06:30:00-05:00',
    );
  });

  it('quotes a bare carriage return that the reference leaves bare; both read back the same', async () => {
    await workup('2031-07-01T12:00:00Z', { family: 'Car\rriage', given: 'R' });

    const copy = parse(await exported(), { columns: true }) as Record<
      string,
      string
    >[];
    const javascript = parse(await reference(), { columns: true }) as Record<
      string,
      string
    >[];

    expect(copy).toEqual(javascript);
    expect(copy.map((r) => r['patientName'])).toContain('Car\rriage, R');
  });
});
