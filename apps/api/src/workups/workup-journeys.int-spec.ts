import type { WorkupView } from '@poems/contract';
import {
  act,
  aWorkup,
  CLASSIC,
  done,
  itemOf,
  result,
  statusOf,
} from '../testing/clinic';
import { callAs } from '../testing/http';
import { startTestApp, type TestApp } from '../testing/test-app';

/** Whole workups carried through the API, each ending where the criteria say it must. */
describe('workup journeys', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  async function classicCase(): Promise<WorkupView> {
    let view = await aWorkup(app);
    for (const [key, body] of Object.entries(CLASSIC)) {
      view = await result(app, view, key, body);
    }
    return view;
  }

  it('a classic λ case reaches criteria_met, from a coordinator scheduling to a hematologist signing off', async () => {
    let view = await aWorkup(app);
    expect(view.evaluation.overall).toBe('incomplete');
    expect(view.completion).toEqual({
      done: 0,
      closed: 0,
      total: 16,
      percent: 0,
    });

    view = await done(app, 'coordinator', view, 'emg_ncs', 'order', {
      dueDate: '2030-01-10',
    });
    view = await done(app, 'coordinator', view, 'emg_ncs', 'schedule', {
      scheduledAt: '2030-01-08T09:30:00+01:00',
      location: 'Neurophysiology lab 2',
    });
    view = await done(app, 'coordinator', view, 'emg_ncs', 'perform', {
      performedAt: '2025-01-08T10:15:00+01:00',
    });
    expect(itemOf(view, 'emg_ncs')).toMatchObject({
      status: 'performed',
      dueDate: '2030-01-10',
      scheduledAt: '2030-01-08T08:30:00.000Z',
      location: 'Neurophysiology lab 2',
      performedAt: '2025-01-08T09:15:00.000Z',
    });

    for (const [key, body] of Object.entries(CLASSIC)) {
      view = await result(app, view, key, body);
    }
    expect(view.evaluation.overall).toBe('criteria_met');
    expect(view.evaluation.criteria).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          key: 'polyneuropathy',
          status: 'met',
          evidence: ['emg_ncs'],
        }),
        expect.objectContaining({
          key: 'monoclonal_plasma_cell_disorder',
          status: 'met',
          evidence: ['serum_ife'],
        }),
        expect.objectContaining({
          key: 'vegf_elevation',
          status: 'met',
          evidence: ['vegf'],
        }),
        expect.objectContaining({ key: 'skin_changes', status: 'met' }),
      ]),
    );
    expect(view.evaluation.flags).toEqual([]);
    expect(view.evaluation.protocol).toEqual({
      key: 'poems-dispenzieri',
      version: 2,
    });
    expect(view.criteriaFirstMetAt).not.toBeNull();
    expect(itemOf(view, 'vegf').findings).toEqual([
      expect.objectContaining({
        criterion: 'vegf_elevation',
        value: 'present',
        source: 'inferred',
      }),
    ]);

    view = await done(app, 'hematologist', view, 'vegf', 'review', {
      note: 'Plasma, EDTA.',
    });
    expect(itemOf(view, 'vegf')).toMatchObject({ status: 'reviewed' });
    expect(itemOf(view, 'vegf').reviewedAt).not.toBeNull();
    expect(view.completion).toMatchObject({ done: 4, total: 16 });

    const snapshots = (await app.dataSource.query(
      'SELECT overall FROM workup_evaluations WHERE workup_id = $1 ORDER BY id',
      [view.id],
    )) as { overall: string }[];
    expect(snapshots.at(0)?.overall).toBe('incomplete');
    expect(snapshots.at(-1)?.overall).toBe('criteria_met');
  });

  it('a mandatory criterion ruled out makes the criteria unreachable', async () => {
    let view = await aWorkup(app);
    view = await result(app, view, 'emg_ncs', {
      report: 'Normal nerve conduction.',
      findings: [{ criterion: 'polyneuropathy', value: 'absent' }],
    });

    expect(statusOf(view, 'polyneuropathy')).toBe('not_met');
    expect(view.evaluation.overall).toBe('criteria_not_met');
    expect(view.evaluation.nextTests).toEqual([]);
  });

  it('Castleman disease without a clone raises the variant flag and never meets the criteria', async () => {
    let view = await aWorkup(app);
    view = await result(app, view, 'emg_ncs', CLASSIC.emg_ncs);
    view = await result(app, view, 'physical_exam', {
      signs: ['lymphadenopathy', 'edema'],
    });
    // Lymphadenopathy activates the conditional lymph node biopsy by itself.
    expect(itemOf(view, 'lymph_node_biopsy')).toMatchObject({
      active: true,
      status: 'planned',
    });
    view = await result(app, view, 'lymph_node_biopsy', {
      report: 'Hyaline-vascular Castleman disease.',
      findings: [{ criterion: 'castleman_disease', value: 'present' }],
    });
    for (const key of ['serum_ife', 'urine_ife']) {
      view = await result(app, view, key, { heavyChain: 'none' });
    }
    view = await result(app, view, 'bone_marrow_biopsy', {
      findings: [
        { criterion: 'monoclonal_plasma_cell_disorder', value: 'absent' },
      ],
    });
    // Version 2: while skeletal imaging is open, sclerotic lesions may yet call for a lesion
    // biopsy that could show the clone.
    expect(statusOf(view, 'monoclonal_plasma_cell_disorder')).toBe('pending');
    view = await result(app, view, 'bone_imaging', {
      modality: 'pet_ct',
      lesions: 'none',
    });

    expect(statusOf(view, 'castleman_disease')).toBe('met');
    expect(statusOf(view, 'monoclonal_plasma_cell_disorder')).toBe('not_met');
    expect(view.evaluation.flags).toContain('possible_castleman_variant');
    expect(view.evaluation.overall).toBe('criteria_not_met');
  });

  it('a κ clone meets the monoclonal criterion and asks for review', async () => {
    let view = await classicCase();
    view = await result(app, view, 'serum_ife', {
      heavyChain: 'IgG',
      lightChain: 'kappa',
    });

    expect(statusOf(view, 'monoclonal_plasma_cell_disorder')).toBe('met');
    expect(view.evaluation.flags).toEqual(['kappa_clone_review']);
    expect(view.evaluation.overall).toBe('criteria_met');
  });

  it('diabetes alone does not meet the endocrinopathy criterion; hypogonadism does', async () => {
    let view = await aWorkup(app);
    view = await result(app, view, 'endocrine_panel', {
      axes: {
        gonadal: 'normal',
        prolactin: 'normal',
        thyroid: 'normal',
        adrenal: 'normal',
        parathyroid: 'normal',
        glucose: 'abnormal',
      },
    });
    expect(statusOf(view, 'endocrinopathy')).toBe('not_met');

    view = await result(app, view, 'endocrine_panel', {
      axes: { gonadal: 'abnormal', glucose: 'abnormal', thyroid: 'normal' },
    });
    expect(statusOf(view, 'endocrinopathy')).toBe('met');
  });

  it('judges serum VEGF by the laboratory’s upper limit and plasma VEGF by the protocol cut-off', async () => {
    let view = await aWorkup(app);
    const vegf = (specimen: string, value: number, high?: number) => ({
      specimen,
      values: [
        {
          code: '75628-8',
          name: 'VEGF',
          value,
          unit: 'pg/mL',
          ...(high && { high }),
        },
      ],
    });

    view = await result(app, view, 'vegf', vegf('serum', 800, 1000));
    expect(statusOf(view, 'vegf_elevation')).toBe('not_met');

    view = await result(app, view, 'vegf', vegf('serum', 1200, 1000));
    expect(statusOf(view, 'vegf_elevation')).toBe('met');

    // 800 pg/mL in plasma is far above the 200 pg/mL cut-off.
    view = await result(app, view, 'vegf', vegf('plasma', 800));
    expect(statusOf(view, 'vegf_elevation')).toBe('met');

    view = await result(app, view, 'vegf', vegf('serum', 1200));
    expect(statusOf(view, 'vegf_elevation')).toBe('indeterminate');

    const missingSpecimen = await act(
      app,
      'hematologist',
      view,
      'vegf',
      'result',
      {
        values: [{ name: 'VEGF', value: 300, unit: 'pg/mL' }],
      },
    );
    expect(missingSpecimen.status).toBe(400);
    expect(missingSpecimen.body.errors).toEqual([
      expect.objectContaining({ field: 'specimen' }),
    ]);
  });

  it('a corrected result keeps the earlier one in history, returns the item to resulted and re-evaluates', async () => {
    let view = await classicCase();
    view = await done(app, 'hematologist', view, 'vegf', 'review');
    expect(view.evaluation.overall).toBe('criteria_met');
    const firstMet = view.criteriaFirstMetAt;

    view = await result(app, view, 'vegf', {
      specimen: 'plasma',
      values: [{ code: '75628-8', name: 'VEGF', value: 90, unit: 'pg/mL' }],
    });

    expect(itemOf(view, 'vegf').status).toBe('resulted');
    expect(itemOf(view, 'vegf').reviewedAt).toBeNull();
    expect(statusOf(view, 'vegf_elevation')).toBe('not_met');
    expect(view.evaluation.overall).not.toBe('criteria_met');
    // The verdict is retracted: no "criteria first met" while they are not met (the met
    // verdict stays in the history of verdicts).
    expect(firstMet).not.toBeNull();
    expect(view.criteriaFirstMetAt).toBeNull();

    const history = await callAs(
      app,
      'hematologist',
      'GET',
      `/api/workups/${view.id}/items/vegf/history`,
    );
    expect(history.status).toBe(200);
    expect(history.body.map((h: { action: string }) => h.action)).toEqual([
      'create',
      'result',
      'review',
      'result',
    ]);
    const correction = history.body.at(-1);
    expect(correction).toMatchObject({
      from: 'reviewed',
      to: 'resulted',
      details: {
        correction: true,
        previousResult: {
          specimen: 'plasma',
          values: [expect.objectContaining({ value: 450 })],
        },
      },
    });
    expect(correction.actor).toMatchObject({ role: 'hematologist' });
  });

  it('cancelled and not-indicated items close criteria, and reopening brings them back', async () => {
    let view = await aWorkup(app);
    view = await done(app, 'coordinator', view, 'fundoscopy', 'cancel', {
      reason: 'Patient declined',
    });
    expect(itemOf(view, 'fundoscopy')).toMatchObject({
      status: 'cancelled',
      reason: 'Patient declined',
    });
    expect(statusOf(view, 'papilledema')).toBe('not_met');
    const explanation = (v: WorkupView): string | undefined =>
      v.evaluation.criteria.find((c) => c.key === 'papilledema')?.explanation;
    // Who and why, as the coordinator's name read when they cancelled it.
    expect(explanation(view)).toBe(
      'Not assessed: fundoscopy cancelled by Test coordinator (Patient declined).',
    );

    view = await done(app, 'hematologist', view, 'fundoscopy', 'reopen', {
      reason: 'Agreed after counselling',
    });
    expect(itemOf(view, 'fundoscopy').status).toBe('planned');
    expect(statusOf(view, 'papilledema')).toBe('pending');
    expect(explanation(view)).not.toMatch(/cancelled/);

    view = await done(app, 'hematologist', view, 'pft', 'not-indicated', {
      reason: 'No respiratory symptoms',
    });
    expect(itemOf(view, 'pft').status).toBe('not_indicated');
    expect(view.completion).toMatchObject({ done: 0, closed: 1 });
  });

  it('a hematologist activates the lymph node biopsy by hand; required items cannot be activated', async () => {
    let view = await aWorkup(app);
    expect(itemOf(view, 'lymph_node_biopsy')).toMatchObject({
      active: false,
      required: false,
    });
    expect(view.completion.total).toBe(16);

    view = await done(
      app,
      'hematologist',
      view,
      'lymph_node_biopsy',
      'activate',
      {
        reason: 'Palpable axillary node',
      },
    );
    expect(itemOf(view, 'lymph_node_biopsy').active).toBe(true);
    expect(view.completion.total).toBe(17);

    const again = await act(
      app,
      'hematologist',
      view,
      'lymph_node_biopsy',
      'activate',
    );
    expect(again.status).toBe(422);
    const required = await act(app, 'hematologist', view, 'vegf', 'activate');
    expect(required.status).toBe(422);
  });

  it('closes and reopens a workup; a closed workup refuses item actions', async () => {
    let view = await aWorkup(app);
    const closed = await callAs(
      app,
      'hematologist',
      'POST',
      `/api/workups/${view.id}/close`,
      {
        version: view.version,
        reason: 'Alternative diagnosis: CIDP',
      },
    );
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'closed',
      closeReason: 'Alternative diagnosis: CIDP',
    });
    view = closed.body as WorkupView;

    const refused = await act(app, 'coordinator', view, 'cbc', 'order');
    expect(refused.status).toBe(422);

    const stale = await callAs(
      app,
      'hematologist',
      'POST',
      `/api/workups/${view.id}/reopen`,
      {
        version: view.version - 1,
        reason: 'New findings',
      },
    );
    expect(stale.status).toBe(409);

    const reopened = await callAs(
      app,
      'hematologist',
      'POST',
      `/api/workups/${view.id}/reopen`,
      {
        version: view.version,
        reason: 'New findings',
      },
    );
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'open', closedAt: null });
  });
});
