import type { Bundle, Observation } from '@medplum/fhirtypes';
import { RULES_VERSION } from '@poems/domain';
import {
  type CompletionReport,
  type EvaluationSnapshotView,
  type Page,
  type PatientListItem,
  type WorkupView,
} from '@poems/contract';
import { parse } from 'csv-parse/sync';
import { Clock } from '../common/clock/clock';
import { pdfText } from '../reports/testing/pdf-text';
import { CLASSIC, aWorkup, result } from '../testing/clinic';
import { callAs, tokenFor } from '../testing/http';
import { startTestApp, type TestApp } from '../testing/test-app';

const PERIOD = 'from=2031-03-01&to=2031-03-31';
const VEGF_LOW = {
  specimen: 'plasma',
  values: [{ code: '75628-8', name: 'VEGF', value: 90, unit: 'pg/mL' }],
};

/**
 * A correction that turns `criteria_met` into anything else retracts the verdict everywhere
 * (domain reference §5): lists, the completion report and its exports, FHIR — while the history
 * of verdicts keeps every snapshot with its cause and rules version.
 */
describe('a retracted verdict', () => {
  let app: TestApp;
  let clock: Clock;
  let kept: WorkupView;
  let retracted: WorkupView;
  const at = (iso: string) => {
    clock.now = () => new Date(iso);
  };

  async function get<T>(path: string): Promise<T> {
    const response = await callAs(app, 'auditor', 'GET', path);
    expect(response.status).toBe(200);
    return response.body as T;
  }

  async function download(query: string): Promise<Buffer> {
    const response = await fetch(
      `${app.baseUrl}/api/reports/completion?${query}`,
      {
        headers: { authorization: `Bearer ${await tokenFor(app, 'auditor')}` },
      },
    );
    expect(response.status).toBe(200);
    return Buffer.from(await response.arrayBuffer());
  }

  async function metWorkup(): Promise<WorkupView> {
    at('2031-03-02T09:00:00Z');
    let view = await aWorkup(app);
    at('2031-03-05T09:00:00Z');
    for (const [key, body] of Object.entries(CLASSIC)) {
      view = await result(app, view, key, body);
    }
    expect(view.evaluation.overall).toBe('criteria_met');
    expect(view.criteriaFirstMetAt).toBe('2031-03-05T09:00:00.000Z');
    return view;
  }

  beforeAll(async () => {
    app = await startTestApp();
    clock = app.app.get(Clock);
    kept = await metWorkup();
    retracted = await metWorkup();
    // The VEGF was mis-keyed: corrected, it no longer meets the major criterion.
    at('2031-03-08T09:00:00Z');
    retracted = await result(app, retracted, 'vegf', VEGF_LOW);
  });

  afterAll(async () => {
    await app.close();
  });

  it('the workup no longer reads criteria met, nor when they were first met', async () => {
    expect(retracted.evaluation.overall).not.toBe('criteria_met');
    expect(retracted.criteriaFirstMetAt).toBeNull();
    const read = await get<WorkupView>(`/api/workups/${retracted.id}`);
    expect(read.evaluation.overall).toBe(retracted.evaluation.overall);
    expect(read.criteriaFirstMetAt).toBeNull();
  });

  it('the patient list shows the corrected verdict', async () => {
    const page = await get<Page<PatientListItem>>('/api/patients?pageSize=100');
    const row = page.items.find((p) => p.workup?.id === retracted.id);
    expect(row?.workup?.overall).toBe(retracted.evaluation.overall);
  });

  it('the completion report counts it nowhere as met, in JSON, CSV and PDF', async () => {
    const report = await get<CompletionReport>(
      `/api/reports/completion?${PERIOD}`,
    );
    expect(report.summary.workups).toBe(2);
    expect(report.summary.byOverall.criteria_met).toBe(1);
    expect(report.summary.criteriaMet.workups).toBe(1);
    expect(report.summary.criteriaMet.medianDaysToCriteriaMet).toBe(3);
    const row = report.items.find((r) => r.workupId === retracted.id);
    expect(row).toMatchObject({
      overall: retracted.evaluation.overall,
      criteriaFirstMetAt: null,
      daysToCriteriaMet: null,
    });
    expect(
      report.items.find((r) => r.workupId === kept.id)?.daysToCriteriaMet,
    ).toBe(3);

    const met = await get<CompletionReport>(
      `/api/reports/completion?${PERIOD}&overall=criteria_met`,
    );
    expect(met.items.map((r) => r.workupId)).toEqual([kept.id]);

    const csv = parse((await download(`${PERIOD}&format=csv`)).toString(), {
      columns: true,
    }) as Record<string, string>[];
    expect(csv.find((r) => r['workupId'] === retracted.id)).toMatchObject({
      overall: retracted.evaluation.overall,
      criteriaFirstMetAt: '',
      daysToCriteriaMet: '',
    });

    const { text } = await pdfText(await download(`${PERIOD}&format=pdf`));
    expect(text).toContain('Overall: criteria met 1,');
    expect(text).toContain('Median days to criteria met: 3 (1 workups)');
  });

  it('the FHIR export has no POEMS Condition, and its evaluation reads the corrected verdict', async () => {
    const bundle = await get<Bundle>(
      `/api/patients/${retracted.patientId}/fhir`,
    );
    const types = (bundle.entry ?? []).map((e) => e.resource?.resourceType);
    expect(types).not.toContain('Condition');
    const evaluation = (bundle.entry ?? [])
      .map((e) => e.resource)
      .find(
        (r): r is Observation =>
          r?.resourceType === 'Observation' &&
          r.code.coding?.[0]?.code === 'criteria-evaluation',
      );
    expect(evaluation?.valueCodeableConcept?.coding?.[0]?.code).toBe(
      retracted.evaluation.overall,
    );
    const keptBundle = await get<Bundle>(
      `/api/patients/${kept.patientId}/fhir`,
    );
    expect(
      (keptBundle.entry ?? []).map((e) => e.resource?.resourceType),
    ).toContain('Condition');
  });

  it('the history of verdicts keeps the met verdict and marks its retraction', async () => {
    const history = await get<EvaluationSnapshotView[]>(
      `/api/workups/${retracted.id}/evaluations`,
    );
    expect(history[0]).toMatchObject({
      cause: 'workup opened',
      item: null,
      overall: 'incomplete',
      rulesVersion: RULES_VERSION,
      protocol: { key: 'poems-dispenzieri', version: 2 },
      retracted: false,
    });
    const metAt = history.findIndex((s) => s.overall === 'criteria_met');
    expect(history[metAt]).toMatchObject({
      evaluatedAt: '2031-03-05T09:00:00.000Z',
      cause: 'item result',
      retracted: false,
    });
    expect(history.at(-1)).toMatchObject({
      evaluatedAt: '2031-03-08T09:00:00.000Z',
      overall: retracted.evaluation.overall,
      cause: 'result corrected',
      item: { key: 'vegf', name: expect.stringContaining('VEGF') },
      rulesVersion: RULES_VERSION,
      retracted: true,
    });
    expect(history.filter((s) => s.retracted)).toHaveLength(1);

    const [event] = (await app.dataSource.query(
      `SELECT details FROM audit_events
        WHERE entity_id = $1 AND action = 'workup.evaluation'
        ORDER BY id DESC LIMIT 1`,
      [retracted.id],
    )) as { details: Record<string, unknown> }[];
    expect(event?.details).toMatchObject({
      correction: true,
      retracted: true,
      itemKey: 'vegf',
    });
  });

  it('met again on a corrected result, the criteria are met from then', async () => {
    at('2031-03-10T09:00:00Z');
    const again = await result(app, retracted, 'vegf', CLASSIC.vegf);
    expect(again.evaluation.overall).toBe('criteria_met');
    expect(again.criteriaFirstMetAt).toBe('2031-03-10T09:00:00.000Z');
    const report = await get<CompletionReport>(
      `/api/reports/completion?${PERIOD}`,
    );
    expect(report.summary.criteriaMet.workups).toBe(
      report.summary.byOverall.criteria_met,
    );
    expect(
      report.items.find((r) => r.workupId === retracted.id)?.daysToCriteriaMet,
    ).toBe(8);
  });

  it('404 for an unknown workup; a coordinator may read the history', async () => {
    const unknown = await callAs(
      app,
      'auditor',
      'GET',
      '/api/workups/00000000-0000-4000-8000-000000000000/evaluations',
    );
    expect(unknown.status).toBe(404);
    const coordinator = await callAs(
      app,
      'coordinator',
      'GET',
      `/api/workups/${kept.id}/evaluations`,
    );
    expect(coordinator.status).toBe(200);
  });
});
