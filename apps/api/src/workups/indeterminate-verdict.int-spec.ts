import type {
  AuditEventView,
  CompletionReport,
  Page,
  PatientDetailView,
  PatientListItem,
  WorkupView,
} from '@poems/contract';
import type { Bundle, Observation } from '@medplum/fhirtypes';
import { pdfText } from '../reports/testing/pdf-text';
import { CLASSIC, aWorkup, result, statusOf } from '../testing/clinic';
import { callAs, tokenFor } from '../testing/http';
import { startTestApp, type TestApp } from '../testing/test-app';

/**
 * "Cannot tell" is not "ruled out" (domain reference §5), on every surface that shows the overall
 * result. The classic case, but the only VEGF is a serum value sent without the laboratory's upper
 * limit, skeletal imaging shows no lesions and body imaging no lymphadenopathy: only the VEGF could
 * still give a major criterion, so the workup is `indeterminate`, never `criteria_not_met`.
 */
describe('an indeterminate verdict on every surface', () => {
  let app: TestApp;
  let view: WorkupView;

  const today = new Date().toISOString().slice(0, 10);
  const period = `from=${today.slice(0, 4)}-01-01&to=${today}`;

  async function get<T>(path: string): Promise<T> {
    const response = await callAs(app, 'auditor', 'GET', path);
    expect(response.status).toBe(200);
    return response.body as T;
  }

  async function download(path: string): Promise<Buffer> {
    const response = await fetch(`${app.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${await tokenFor(app, 'auditor')}` },
    });
    expect(response.status).toBe(200);
    return Buffer.from(await response.arrayBuffer());
  }

  beforeAll(async () => {
    app = await startTestApp();
    view = await aWorkup(app, { familyName: 'Serum', givenName: 'Vera' });
    view = await result(app, view, 'emg_ncs', CLASSIC.emg_ncs);
    view = await result(app, view, 'serum_ife', CLASSIC.serum_ife);
    view = await result(app, view, 'physical_exam', CLASSIC.physical_exam);
    view = await result(app, view, 'bone_imaging', { lesions: 'none' });
    view = await result(app, view, 'body_imaging', { signs: [] });
    view = await result(app, view, 'vegf', {
      specimen: 'serum',
      values: [{ code: '75628-8', name: 'VEGF', value: 2400, unit: 'pg/mL' }],
    });
  });

  afterAll(async () => {
    await app.close();
  });

  it('shows the workup indeterminate, with "repeat as plasma VEGF" as the first next test', async () => {
    const read = await get<WorkupView>(`/api/workups/${view.id}`);
    expect(statusOf(read, 'vegf_elevation')).toBe('indeterminate');
    expect(read.evaluation.overall).toBe('indeterminate');
    expect(read.evaluation.nextTests[0]).toEqual({
      criterion: 'vegf_elevation',
      action: 'repeat',
      items: ['vegf'],
      why: "Repeat as plasma VEGF: serum VEGF cannot be judged without the laboratory's upper limit; plasma VEGF ≥ 200 pg/mL meets VEGF elevation.",
    });
    expect(read.evaluation.explanation).toMatch(/^Indeterminate: /);
  });

  it('shows it on the patient list and the patient page', async () => {
    const list = await get<Page<PatientListItem>>(
      `/api/patients?q=${encodeURIComponent('Serum')}`,
    );
    expect(
      list.items.find((p) => p.id === view.patientId)?.workup?.overall,
    ).toBe('indeterminate');
    const patient = await get<PatientDetailView>(
      `/api/patients/${view.patientId}`,
    );
    expect(patient.workups.map((w) => w.overall)).toEqual(['indeterminate']);
  });

  it('counts and filters it in the completion report, in JSON, CSV and PDF', async () => {
    const all = await get<CompletionReport>(
      `/api/reports/completion?${period}`,
    );
    expect(all.summary.byOverall).toMatchObject({
      indeterminate: 1,
      criteria_not_met: 0,
    });
    const filtered = await get<CompletionReport>(
      `/api/reports/completion?${period}&overall=indeterminate`,
    );
    expect(filtered.items.map((r) => [r.workupId, r.overall])).toEqual([
      [view.id, 'indeterminate'],
    ]);
    const none = await get<CompletionReport>(
      `/api/reports/completion?${period}&overall=criteria_not_met`,
    );
    expect(none.items).toEqual([]);

    const csv = (
      await download(`/api/reports/completion?${period}&format=csv`)
    ).toString('utf8');
    expect(csv).toContain(',indeterminate,');
    const { text } = await pdfText(
      await download(`/api/reports/completion?${period}&format=pdf`),
    );
    expect(text).toContain(
      'Overall: criteria met 0, not met 0, indeterminate 1, incomplete 0',
    );
    expect(text).toContain('Overall result: any');
  });

  it('refuses an overall filter the contract does not know, naming it', async () => {
    const response = await callAs(
      app,
      'auditor',
      'GET',
      `/api/reports/completion?${period}&overall=ruled_out`,
    );
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('overall');
  });

  it('audits the change of verdict from incomplete to indeterminate', async () => {
    const events = await get<Page<AuditEventView>>(
      `/api/audit-events?patientId=${view.patientId}&action=workup.evaluation`,
    );
    expect(events.items.map((e) => e.diff)).toContainEqual({
      overall: { from: 'incomplete', to: 'indeterminate' },
    });
    expect(events.items.map((e) => e.diff)).not.toContainEqual(
      expect.objectContaining({
        overall: expect.objectContaining({ to: 'criteria_not_met' }),
      }),
    );
  });

  it('exports it in the FHIR bundle as the evaluation Observation’s value', async () => {
    const bundle = await get<Bundle>(`/api/patients/${view.patientId}/fhir`);
    const values = (bundle.entry ?? [])
      .map((e) => e.resource)
      .filter((r): r is Observation => r?.resourceType === 'Observation')
      .flatMap((o) => o.valueCodeableConcept?.coding ?? [])
      .filter((c) => c.system?.endsWith('/CodeSystem/poems-overall'))
      .map((c) => c.code);
    expect(values).toEqual(['indeterminate']);
  });

  it('offers "repeat nerve conduction studies" for an equivocal NCS, never criteria not met', async () => {
    let equivocal = await aWorkup(app, { familyName: 'Equivocal' });
    equivocal = await result(app, equivocal, 'emg_ncs', {
      report: 'Equivocal conduction slowing; technically limited study.',
      findings: [{ criterion: 'polyneuropathy', value: 'indeterminate' }],
    });
    for (const key of ['serum_ife', 'vegf', 'physical_exam'] as const) {
      equivocal = await result(app, equivocal, key, CLASSIC[key]);
    }
    expect(equivocal.evaluation.overall).toBe('indeterminate');
    expect(equivocal.evaluation.nextTests[0]).toMatchObject({
      criterion: 'polyneuropathy',
      action: 'repeat',
      items: ['emg_ncs'],
      why: expect.stringMatching(/^Repeat nerve conduction studies: /),
    });
  });

  it('describes the four overall results in the OpenAPI document', async () => {
    const document = JSON.stringify(await get<unknown>('/api/docs-json'));
    expect(document).toContain('indeterminate');
    expect(document).toMatch(/criteria_not_met[^"]*only when/);
  });
});
