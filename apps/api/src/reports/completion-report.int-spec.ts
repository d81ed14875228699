import type {
  CompletionReport,
  CompletionReportRow,
  WorkupView,
} from '@poems/contract';
import { clinicIsoInstant } from '@poems/domain';
import { parse } from 'csv-parse/sync';
import { Clock } from '../common/clock/clock';
import {
  auditCount,
  CLASSIC,
  done,
  registerPatient,
  result,
} from '../testing/clinic';
import { call, callAs, createUser, tokenFor } from '../testing/http';
import { startTestApp, type TestApp } from '../testing/test-app';
import { COMPLETION_REPORT_COLUMNS } from './completion-report.query';
import { pdfText } from './testing/pdf-text';

/*
 * A small clinic in Auckland (UTC+13 in January), far from the server's UTC. The clock is pinned
 * to 2030-01-15T12:00Z, already 2030-01-16 01:00 in Auckland: the clinic's today is the 16th.
 *
 * Workups, by opening instant (clinic date in brackets):
 * - outside  2030-01-09T10:30Z (01-09 23:30): before the period.
 * - met      2030-01-09T11:30Z (01-10 00:30): in the period although its UTC date is the 9th.
 *            VEGF and serum IFE ordered at opening and resulted 2030-01-11T20:00Z (01-12); EMG
 *            and the physical exam resulted then without an order, the exam saying it was
 *            performed 2030-01-10T20:00Z (01-11). Criteria first met on 01-12.
 *            Closed 2030-01-13T22:00Z (01-14).
 * - notMet   2030-01-10T05:00Z (01-10): EMG ordered at opening, resulted absent 2030-01-12T05:00Z
 *            (01-12), then closed at once.
 * - open     2030-01-12T01:00Z (01-12): CBC due 01-15 (overdue: one day before the clinic's
 *            today, though not yet in UTC), SPEP due 01-16 (today: not overdue), urine IFE
 *            cancelled, PFT not indicated, lymph node biopsy activated and scheduled, due 01-13
 *            (overdue), body imaging ordered at opening and resulted 2030-01-14T23:00Z (01-15),
 *            fundoscopy ordered due 2029-12-31 (overdue).
 *            By ISO week of the due date: 2029-12-31 is the Monday of 2030-W01 (1 January 2030 is a
 *            Tuesday); 01-13 is the Sunday that ends 2030-W02; 01-15 falls in 2030-W03.
 * - late     2030-01-15T12:00Z (01-16): after the period ending 01-15, though its UTC date is
 *            the 15th. Its attending is a second hematologist.
 */
const NOW = '2030-01-15T12:00:00Z';
const ZONE = 'Pacific/Auckland';
const PERIOD = 'from=2030-01-10&to=2030-01-15';

describe('completion report', () => {
  let app: TestApp;
  let clock: Clock;
  let met: WorkupView;
  let notMet: WorkupView;
  let open: WorkupView;
  let late: WorkupView;
  let second: { id: string };
  const mrns: Record<string, string> = {};

  const at = (instant: string): void => {
    clock.now = () => new Date(instant);
  };

  async function openWorkup(
    key: string,
    patient: Record<string, unknown>,
    body: Record<string, unknown> = {},
  ): Promise<WorkupView> {
    const registered = await registerPatient(app, patient);
    mrns[key] = registered.mrn;
    const response = await callAs(
      app,
      'hematologist',
      'POST',
      `/api/patients/${registered.id}/workups`,
      body,
    );
    expect(response.status).toBe(201);
    return response.body as WorkupView;
  }

  async function close(view: WorkupView): Promise<WorkupView> {
    const response = await callAs(
      app,
      'hematologist',
      'POST',
      `/api/workups/${view.id}/close`,
      { version: view.version, reason: 'Workup complete' },
    );
    expect(response.status).toBe(200);
    return response.body as WorkupView;
  }

  async function report(query: string): Promise<CompletionReport> {
    const response = await callAs(
      app,
      'auditor',
      'GET',
      `/api/reports/completion?${query}`,
    );
    expect(response.status).toBe(200);
    return response.body as CompletionReport;
  }

  async function download(
    query: string,
  ): Promise<{ response: Response; bytes: Buffer }> {
    const response = await fetch(
      `${app.baseUrl}/api/reports/completion?${query}`,
      {
        headers: { authorization: `Bearer ${await tokenFor(app, 'auditor')}` },
      },
    );
    return { response, bytes: Buffer.from(await response.arrayBuffer()) };
  }

  beforeAll(async () => {
    app = await startTestApp({ env: { CLINIC_TIME_ZONE: ZONE } });
    clock = app.app.get(Clock);
    second = await createUser(app, {
      role: 'hematologist',
      displayName: 'Dr Second',
    });

    at('2030-01-09T10:30:00Z');
    await openWorkup('outside', { familyName: 'Outside', givenName: 'Olga' });

    at('2030-01-09T11:30:00Z');
    met = await openWorkup('met', {
      familyName: 'Dupont "Jr"',
      givenName: 'Zoë',
    });
    met = await done(app, 'hematologist', met, 'vegf', 'order', {
      dueDate: '2030-01-12',
    });
    met = await done(app, 'hematologist', met, 'serum_ife', 'order');
    at('2030-01-11T20:00:00Z');
    for (const [key, body] of Object.entries(CLASSIC)) {
      // The exam was never ordered but says when it was done: its turnaround starts then.
      met = await result(
        app,
        met,
        key,
        key === 'physical_exam'
          ? { ...body, performedAt: '2030-01-10T20:00:00Z' }
          : body,
      );
    }
    expect(met.evaluation.overall).toBe('criteria_met');
    at('2030-01-13T22:00:00Z');
    met = await close(met);

    at('2030-01-10T05:00:00Z');
    notMet = await openWorkup('notMet', {
      familyName: 'Nolan',
      givenName: 'Ned',
    });
    notMet = await done(app, 'hematologist', notMet, 'emg_ncs', 'order');
    at('2030-01-12T05:00:00Z');
    notMet = await result(app, notMet, 'emg_ncs', {
      report: 'Normal nerve conduction.',
      findings: [{ criterion: 'polyneuropathy', value: 'absent' }],
    });
    expect(notMet.evaluation.overall).toBe('criteria_not_met');
    notMet = await close(notMet);

    at('2030-01-12T01:00:00Z');
    open = await openWorkup('open', { familyName: 'Ortiz', givenName: 'Oona' });
    open = await done(app, 'coordinator', open, 'cbc', 'order', {
      dueDate: '2030-01-15',
    });
    open = await done(app, 'coordinator', open, 'spep', 'order', {
      dueDate: '2030-01-16',
    });
    open = await done(app, 'coordinator', open, 'urine_ife', 'order', {
      dueDate: '2030-01-14',
    });
    open = await done(app, 'coordinator', open, 'urine_ife', 'cancel', {
      reason: 'Duplicate order',
    });
    open = await done(app, 'hematologist', open, 'pft', 'not-indicated', {
      reason: 'No respiratory symptoms',
    });
    open = await done(
      app,
      'hematologist',
      open,
      'lymph_node_biopsy',
      'activate',
      {
        reason: 'Palpable nodes',
      },
    );
    open = await done(
      app,
      'coordinator',
      open,
      'lymph_node_biopsy',
      'schedule',
      {
        scheduledAt: '2030-01-20T09:00:00+13:00',
        dueDate: '2030-01-13',
      },
    );
    open = await done(app, 'coordinator', open, 'body_imaging', 'order');
    open = await done(app, 'coordinator', open, 'fundoscopy', 'order', {
      dueDate: '2029-12-31',
    });
    at('2030-01-14T23:00:00Z');
    open = await result(app, open, 'body_imaging', {
      modality: 'ct_chest_abdomen_pelvis',
      signs: ['splenomegaly'],
      report: 'Spleen 15 cm.',
    });

    at(NOW);
    late = await openWorkup(
      'late',
      { familyName: 'Lang', givenName: 'Lea' },
      { attendingId: second.id },
    );
  });

  afterAll(async () => {
    await app.close();
  });

  it('lists the workups opened in the period, with counts and days computed by hand', async () => {
    const body = await report(PERIOD);

    expect(body).toMatchObject({
      filters: { from: '2030-01-10', to: '2030-01-15' },
      timeZone: ZONE,
      today: '2030-01-16',
      generatedAt: '2030-01-15T12:00:00.000Z',
      total: 3,
      page: 1,
      pageSize: 50,
    });
    const common = {
      attendingName: 'Test hematologist',
      attendingId: expect.any(String),
      signOff: 'none',
      signedOffAt: null,
      signedOffById: null,
      signedOffByName: null,
      signOffOutdatedSince: null,
    };
    expect(body.items).toEqual([
      {
        ...common,
        workupId: met.id,
        patientId: met.patientId,
        mrn: mrns['met'],
        patientName: 'Dupont "Jr", Zoë',
        status: 'closed',
        openedAt: '2030-01-09T11:30:00.000Z',
        openedOn: '2030-01-10',
        closedAt: '2030-01-13T22:00:00.000Z',
        closedOn: '2030-01-14',
        daysOpen: 4,
        itemsTotal: 16,
        itemsDone: 4,
        itemsClosed: 4,
        itemsOverdue: 0,
        itemsCancelled: 0,
        itemsNotIndicated: 0,
        percentComplete: 25,
        overall: 'criteria_met',
        criteriaFirstMetAt: '2030-01-11T20:00:00.000Z',
        daysToCriteriaMet: 2,
      },
      {
        ...common,
        workupId: notMet.id,
        patientId: notMet.patientId,
        mrn: mrns['notMet'],
        patientName: 'Nolan, Ned',
        status: 'closed',
        openedAt: '2030-01-10T05:00:00.000Z',
        openedOn: '2030-01-10',
        closedAt: '2030-01-12T05:00:00.000Z',
        closedOn: '2030-01-12',
        daysOpen: 2,
        itemsTotal: 16,
        itemsDone: 1,
        itemsClosed: 1,
        itemsOverdue: 0,
        itemsCancelled: 0,
        itemsNotIndicated: 0,
        percentComplete: 6,
        overall: 'criteria_not_met',
        criteriaFirstMetAt: null,
        daysToCriteriaMet: null,
      },
      {
        ...common,
        workupId: open.id,
        patientId: open.patientId,
        mrn: mrns['open'],
        patientName: 'Ortiz, Oona',
        status: 'open',
        openedAt: '2030-01-12T01:00:00.000Z',
        openedOn: '2030-01-12',
        closedAt: null,
        closedOn: null,
        daysOpen: 4,
        // 16 required items plus the activated lymph node biopsy.
        itemsTotal: 17,
        itemsDone: 1,
        itemsClosed: 3,
        // CBC due 01-15, the biopsy due 01-13 and fundoscopy due 2029-12-31; SPEP is due today,
        // urine IFE is cancelled.
        itemsOverdue: 3,
        itemsCancelled: 1,
        itemsNotIndicated: 1,
        // 1 done of the 15 still expected (cancelled and not indicated excluded).
        percentComplete: 7,
        overall: 'incomplete',
        criteriaFirstMetAt: null,
        daysToCriteriaMet: null,
      },
    ]);
  });

  it('summarises every row: counts, medians, turnaround per kind and breakdowns', async () => {
    const { summary } = await report(`${PERIOD}&pageSize=1`);
    const hematologist = (await report(PERIOD)).items[0]?.attendingId;

    expect(summary).toEqual({
      workups: 3,
      byStatus: { open: 1, closed: 2 },
      byOverall: {
        criteria_met: 1,
        criteria_not_met: 1,
        indeterminate: 0,
        incomplete: 1,
      },
      items: {
        total: 49,
        done: 6,
        closed: 8,
        overdue: 3,
        cancelled: 1,
        notIndicated: 1,
      },
      workupsWithOverdueItems: 1,
      // Closed workups only: 4 days (met) and 2 days (not met).
      completion: { closedWorkups: 2, medianDaysToCompletion: 3 },
      criteriaMet: { workups: 1, medianDaysToCriteriaMet: 2 },
      // Items resulted without an order or schedule step (the met case's EMG and exam) are left out.
      turnaround: [
        { kind: 'lab', items: 2, medianDays: 2 },
        { kind: 'imaging', items: 1, medianDays: 3 },
        { kind: 'procedure', items: 0, medianDays: null },
        { kind: 'study', items: 1, medianDays: 2 },
        // Never ordered, performed 01-11, resulted 01-12.
        { kind: 'exam', items: 1, medianDays: 1 },
      ],
      // 25 % (met: 4 of 16), 6 % (not met: 1 of 16, 6.25) and 6 % (open: 1 of 17, 5.88).
      byPercentComplete: [
        { fromPercent: 0, toPercent: 9, workups: 2 },
        { fromPercent: 10, toPercent: 19, workups: 0 },
        { fromPercent: 20, toPercent: 29, workups: 1 },
        ...[30, 40, 50, 60, 70, 80, 90].map((from) => ({
          fromPercent: from,
          toPercent: from + 9,
          workups: 0,
        })),
        { fromPercent: 100, toPercent: 100, workups: 0 },
      ],
      // The open workup's three overdue items; a week-numbering year, not the calendar year.
      overdueByWeek: [
        { week: '2030-W01', weekStart: '2029-12-31', items: 1 },
        { week: '2030-W02', weekStart: '2030-01-07', items: 1 },
        { week: '2030-W03', weekStart: '2030-01-14', items: 1 },
      ],
      byAttending: [
        {
          attendingId: hematologist,
          attendingName: 'Test hematologist',
          workups: 3,
        },
      ],
    });
  });

  it('bins each row by the percent complete it shows, and weeks add up to the overdue items', async () => {
    const wider = await report('from=2030-01-01&to=2030-01-16');
    const { summary } = wider;

    expect(wider.total).toBe(5);
    for (const bin of summary.byPercentComplete) {
      expect(bin.workups).toBe(
        wider.items.filter(
          (r) =>
            r.percentComplete >= bin.fromPercent &&
            r.percentComplete <= bin.toPercent,
        ).length,
      );
    }
    expect(summary.overdueByWeek.reduce((n, w) => n + w.items, 0)).toBe(
      summary.items.overdue,
    );
    expect(summary.byAttending).toEqual([
      { attendingId: second.id, attendingName: 'Dr Second', workups: 1 },
      {
        attendingId: expect.any(String),
        attendingName: 'Test hematologist',
        workups: 4,
      },
    ]);
  });

  it('counts overdue items exactly as the workup view flags them (the one domain rule)', async () => {
    const body = await report(PERIOD);
    for (const row of body.items) {
      const view = (
        await callAs(app, 'auditor', 'GET', `/api/workups/${row.workupId}`)
      ).body as WorkupView;
      const active = view.items.filter((i) => i.active);
      expect(row.itemsOverdue).toBe(active.filter((i) => i.overdue).length);
      expect(row.itemsTotal).toBe(view.completion.total);
      expect(row.itemsDone).toBe(view.completion.done);
      expect(row.itemsClosed).toBe(view.completion.closed);
      expect(row.percentComplete).toBe(view.completion.percent);
    }
  });

  it('filters by attending, status and overall, and pages', async () => {
    const ids = (b: CompletionReport): string[] =>
      b.items.map((r) => r.workupId);

    const wider = 'from=2030-01-01&to=2030-01-16';
    expect(ids(await report(`${wider}&attending=${second.id}`))).toEqual([
      late.id,
    ]);
    expect(
      (await report(`${wider}&attending=${second.id}`)).items[0]?.attendingName,
    ).toBe('Dr Second');
    expect(ids(await report(`${PERIOD}&status=closed`))).toEqual([
      met.id,
      notMet.id,
    ]);
    expect(ids(await report(`${PERIOD}&overall=criteria_met`))).toEqual([
      met.id,
    ]);
    expect((await report(`${wider}`)).total).toBe(5);

    const first = await report(`${PERIOD}&pageSize=2`);
    const next = await report(`${PERIOD}&pageSize=2&page=2`);
    expect([...ids(first), ...ids(next)]).toEqual([met.id, notMet.id, open.id]);
    expect(next.total).toBe(3);
    expect(next.summary).toEqual(first.summary);
  });

  it('exports the same rows as CSV, streamed as an attachment with correct quoting', async () => {
    const json = await report(PERIOD);
    const { response, bytes } = await download(`${PERIOD}&format=csv`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'text/csv; charset=utf-8',
    );
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="completion_2030-01-10_2030-01-15.csv"',
    );
    expect(bytes.subarray(0, 3)).not.toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = bytes.toString('utf8');
    expect(text).toContain('"Dupont ""Jr"", Zoë"');
    const records = parse(text, { columns: true }) as Record<string, string>[];
    expect(Object.keys(records[0] ?? {})).toEqual([
      ...COMPLETION_REPORT_COLUMNS,
    ]);
    expect(records).toEqual(json.items.map(asCsvRecord));
    // Auckland's summer offset: the clinic's wall time, not UTC's.
    expect(records[0]?.['openedAt']).toMatch(/T\d{2}:\d{2}:\d{2}\+13:00$/);
  });

  it('starts the CSV with a UTF-8 byte order mark when asked', async () => {
    const { response, bytes } = await download(`${PERIOD}&format=csv&bom=true`);

    expect(response.status).toBe(200);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parse(bytes.subarray(3).toString('utf8'), {
      columns: true,
    }) as Record<string, string>[];
    expect(records.map((r) => r['patientName'])).toContain('Dupont "Jr", Zoë');
  });

  it('renders a paginated PDF with the filters, the summary, the rows and who generated it', async () => {
    const { response, bytes } = await download(
      `${PERIOD}&format=pdf&status=closed`,
    );

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="completion_2030-01-10_2030-01-15.pdf"',
    );
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { text, total } = await pdfText(bytes);
    expect(total).toBe(1);
    for (const expected of [
      'POEMS workup completion report',
      'Opened: 2030-01-10 to 2030-01-15',
      'Status: closed',
      'Attending: any',
      'Overall result: any',
      'Workups: 2 (open 0, closed 2)',
      'Overall: criteria met 1, not met 1, indeterminate 0, incomplete 0',
      'Items: 32 active, 5 done, 5 closed, 0 cancelled, 0 not indicated',
      'Overdue: 0 items in 0 workups',
      'Median days to completion: 3 (2 closed workups)',
      'Laboratory: 2 days (2 items)',
      'Page 1 of 1',
      'Generated 16 Jan 2030, 01:00 GMT+13 (Pacific/Auckland) by Test auditor',
      mrns['met'] ?? 'missing',
      mrns['notMet'] ?? 'missing',
      'Dupont "Jr", Zoë',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain(mrns['open'] ?? 'missing');
  });

  it('records exactly one audit event per view or export, with format and filters', async () => {
    for (const format of ['json', 'csv', 'pdf'] as const) {
      const before = await auditCount(app, { action: 'report.completion' });
      const { response } = await download(
        `${PERIOD}&format=${format}&overall=incomplete`,
      );
      expect(response.status).toBe(200);
      expect(await auditCount(app, { action: 'report.completion' })).toBe(
        before + 1,
      );
      const [event] = (await app.dataSource.query(
        `SELECT actor_role, details FROM audit_events
          WHERE action = 'report.completion' ORDER BY id DESC LIMIT 1`,
      )) as { actor_role: string; details: Record<string, unknown> }[];
      expect(event).toMatchObject({
        actor_role: 'auditor',
        details: {
          format,
          filters: {
            from: '2030-01-10',
            to: '2030-01-15',
            overall: 'incomplete',
          },
        },
      });
    }
  });

  it.each([
    ['to before from', 'from=2030-01-15&to=2030-01-10', 'to'],
    ['no period', 'format=json', 'from'],
    ['an impossible date', 'from=2030-02-30&to=2030-03-01', 'from'],
    ['a date with a time', 'from=2030-01-10T00:00:00Z&to=2030-01-15', 'from'],
    ['an unknown parameter', `${PERIOD}&sort=mrn`, 'sort'],
    ['an unknown format', `${PERIOD}&format=xlsx`, 'format'],
    ['an unknown status', `${PERIOD}&status=pending`, 'status'],
    ['an unknown overall', `${PERIOD}&overall=maybe`, 'overall'],
    [
      'an attending that is not an id',
      `${PERIOD}&attending=drsmith`,
      'attending',
    ],
    ['a page of zero', `${PERIOD}&page=0`, 'page'],
    ['a page size too large', `${PERIOD}&pageSize=100000`, 'pageSize'],
    ['a bom that is not a boolean', `${PERIOD}&format=csv&bom=yes`, 'bom'],
    ['a repeated parameter', `${PERIOD}&from=2030-01-11`, 'from'],
  ])(
    'rejects %s with a 400 problem document and no audit event',
    async (_name, query, field) => {
      const before = await auditCount(app, { action: 'report.completion' });

      const response = await call(
        app,
        'GET',
        `/api/reports/completion?${query}`,
        {
          token: await tokenFor(app, 'auditor'),
        },
      );

      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toBe(
        'application/problem+json; charset=utf-8',
      );
      expect(response.body).toMatchObject({
        status: 400,
        type: 'https://poems-workup.dev/problems/validation_failed',
        errors: expect.arrayContaining([expect.objectContaining({ field })]),
      });
      expect(await auditCount(app, { action: 'report.completion' })).toBe(
        before,
      );
    },
  );

  it('is refused to coordinators and admins', async () => {
    for (const role of ['coordinator', 'admin'] as const) {
      expect(
        (await callAs(app, role, 'GET', `/api/reports/completion?${PERIOD}`))
          .status,
      ).toBe(403);
    }
  });
});

/** A JSON row as its CSV record reads back: every value as text, null as an empty field. */
/** The CSV form of a JSON row: the same values, instants on the clinic's clock. */
function asCsvRecord(row: CompletionReportRow): Record<string, string> {
  const instants: readonly string[] = [
    'openedAt',
    'closedAt',
    'criteriaFirstMetAt',
  ];
  return Object.fromEntries(
    COMPLETION_REPORT_COLUMNS.map((column) => {
      const value = row[column];
      if (value === null) {
        return [column, ''];
      }
      return [
        column,
        instants.includes(column)
          ? clinicIsoInstant(String(value), ZONE)
          : String(value),
      ];
    }),
  );
}
