/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are read loosely on purpose */
import type { Role } from '@poems/domain';
import type { FollowupView, WorkupView } from '@poems/contract';
import type {
  Bundle,
  CarePlan,
  Condition,
  Observation,
} from '@medplum/fhirtypes';
import { Clock } from '../common/clock/clock';
import { fhirValidationErrors } from '../inbound/fhir/fhir-definitions';
import { aWorkup, registerPatient } from '../testing/clinic';
import {
  aMetWorkup,
  aPatientInFollowup,
  FOLLOWUP_TODAY,
  instanceOf,
  vegf,
  type PatientInFollowup,
} from '../testing/followup';
import { callAs, type TestResponse } from '../testing/http';
import { startTestApp, type TestApp } from '../testing/test-app';

describe('follow-up after the diagnosis (persistence and API)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
    // The clinic's today for every test: worked example 11 (LDex from 2025-01-15) is in its M6 range.
    app.app.get(Clock).now = () => FOLLOWUP_TODAY;
  });

  afterAll(async () => {
    await app.close();
  });

  const base = (patientId: string) => `/api/patients/${patientId}/follow-up`;

  async function ok(
    response: TestResponse,
    status = 200,
  ): Promise<FollowupView> {
    if (response.status !== status) {
      throw new Error(
        `answered ${response.status}: ${JSON.stringify(response.body)}`,
      );
    }
    return response.body as FollowupView;
  }

  const metWorkup = (): Promise<WorkupView> => aMetWorkup(app);
  const signedOff = (): Promise<PatientInFollowup> =>
    aPatientInFollowup(app, { line: false });
  const withLine = (): Promise<PatientInFollowup> => aPatientInFollowup(app);
  const instance = instanceOf;
  const post = (
    role: Role,
    patientId: string,
    path: string,
    body: unknown,
  ): Promise<TestResponse> =>
    callAs(app, role, 'POST', `${base(patientId)}/${path}`, body);

  const vegfAt = (view: FollowupView, timePoint: string) =>
    view.evaluation?.lines[0]?.timePoints
      .find((t) => t.key === timePoint)
      ?.domains.find((d) => d.domain === 'vegf') as any;

  async function rows(sql: string, params: unknown[]): Promise<any[]> {
    return (await app.dataSource.query(sql, params)) as any[];
  }

  describe('diagnosis sign-off', () => {
    it('signs off a criteria_met workup with history and audit in the same change', async () => {
      const { workup, view } = await signedOff();

      expect(view.diagnosis).toMatchObject({
        workupId: workup.id,
        diagnosisDate: '2025-01-10',
        protocol: { key: 'poems-followup', version: 1 },
      });
      expect(view.evaluation?.diagnosisDate).toBe('2025-01-10');
      expect(view.trackerDefaultNotice).toBe(
        'tracker default, not a published criterion',
      );
      expect(
        await rows(
          `SELECT action, to_status FROM followup_history WHERE patient_id = $1`,
          [workup.patientId],
        ),
      ).toEqual([{ action: 'sign_off', to_status: 'signed_off' }]);
      expect(
        await rows(
          `SELECT entity_type, diff->'diagnosisDate'->>'to' AS date FROM audit_events
            WHERE patient_id = $1 AND action = 'followup.diagnosis.sign_off'`,
          [workup.patientId],
        ),
      ).toEqual([{ entity_type: 'diagnosis', date: '2025-01-10' }]);
    });

    it('refuses a second sign-off with 409 and writes nothing', async () => {
      const { workup } = await signedOff();

      const again = await post('hematologist', workup.patientId, `diagnosis`, {
        workupId: workup.id,
      });

      expect(again.status).toBe(409);
      expect(
        await rows(
          `SELECT count(*)::int AS n FROM diagnoses WHERE patient_id = $1`,
          [workup.patientId],
        ),
      ).toEqual([{ n: 1 }]);
    });

    it('refuses a workup whose criteria are not met with 422', async () => {
      const workup = await aWorkup(app);

      const response = await post(
        'hematologist',
        workup.patientId,
        `diagnosis`,
        {
          workupId: workup.id,
        },
      );

      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ status: 422 });
    });

    it("answers 404 for another patient's workup", async () => {
      const workup = await metWorkup();
      const other = await registerPatient(app);

      const response = await post('hematologist', other.id, `diagnosis`, {
        workupId: workup.id,
      });

      expect(response.status).toBe(404);
    });

    it.each([
      [{}, 'workupId'],
      [{ workupId: 'not-a-uuid' }, 'workupId'],
      [
        {
          workupId: '00000000-0000-4000-8000-000000000000',
          diagnosisDate: '2025-13-01',
        },
        'diagnosisDate',
      ],
      [{ workupId: '00000000-0000-4000-8000-000000000000', extra: 1 }, 'extra'],
    ])('answers 400 with the invalid field for %j', async (body, field) => {
      const patient = await registerPatient(app);

      const response = await post(
        'hematologist',
        patient.id,
        `diagnosis`,
        body,
      );

      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: any) => e.field)).toContain(field);
    });

    it('refuses a future diagnosis date with 400', async () => {
      const workup = await metWorkup();

      const response = await post(
        'hematologist',
        workup.patientId,
        `diagnosis`,
        {
          workupId: workup.id,
          diagnosisDate: '2025-08-02',
        },
      );

      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        {
          field: 'diagnosisDate',
          message: 'diagnosisDate must not be in the future',
        },
      ]);
    });

    it.each(['coordinator', 'auditor', 'admin'] as Role[])(
      '%s may not sign off (403) and nothing is written',
      async (role) => {
        const workup = await metWorkup();

        const response = await post(role, workup.patientId, `diagnosis`, {
          workupId: workup.id,
        });

        expect(response.status).toBe(403);
        expect(
          await rows(
            `SELECT count(*)::int AS n FROM diagnoses WHERE patient_id = $1`,
            [workup.patientId],
          ),
        ).toEqual([{ n: 0 }]);
      },
    );
  });

  describe('reading', () => {
    it('lets hematologists, coordinators and auditors read, audited; admins see none of it', async () => {
      const { workup } = await signedOff();

      for (const role of ['hematologist', 'coordinator', 'auditor'] as Role[]) {
        expect(
          (await callAs(app, role, 'GET', base(workup.patientId))).status,
        ).toBe(200);
      }
      expect(
        (await callAs(app, 'admin', 'GET', base(workup.patientId))).status,
      ).toBe(403);
      expect(
        await rows(
          `SELECT count(*)::int AS n FROM audit_events WHERE patient_id = $1 AND action = 'followup.read'`,
          [workup.patientId],
        ),
      ).toEqual([{ n: 3 }]);
    });

    it('answers an empty follow-up before the sign-off, and 404 for an unknown patient', async () => {
      const patient = await registerPatient(app);

      const view = await ok(
        await callAs(app, 'hematologist', 'GET', base(patient.id)),
      );

      expect(view).toMatchObject({
        diagnosis: null,
        evaluation: null,
        lines: [],
        instances: [],
      });
      expect(
        (
          await callAs(
            app,
            'hematologist',
            'GET',
            base('00000000-0000-4000-8000-000000000000'),
          )
        ).status,
      ).toBe(404);
    });
  });

  describe('staging and risk', () => {
    it('keeps every staging record, the newest deciding the class', async () => {
      const { workup } = await signedOff();
      const url = `${base(workup.patientId)}/staging`;

      let view = await ok(
        await callAs(app, 'hematologist', 'POST', url, {
          boneLesionCount: 2,
          marrowClone: 'not_done',
        }),
        201,
      );
      expect(view.evaluation?.staging).toMatchObject({
        class: 'indeterminate',
        missingInputs: ['marrow_clone'],
      });

      view = await ok(
        await callAs(app, 'hematologist', 'POST', url, {
          boneLesionCount: 1,
          marrowClone: 'absent',
        }),
        201,
      );
      expect(view.evaluation?.staging.class).toBe('limited');
      expect(view.stagingHistory).toBe(2);
      expect(
        await rows(
          `SELECT result->>'class' AS class FROM staging_records WHERE patient_id = $1 ORDER BY recorded_at`,
          [workup.patientId],
        ),
      ).toEqual([{ class: 'indeterminate' }, { class: 'limited' }]);
      expect(
        await rows(
          `SELECT count(*)::int AS n FROM audit_events WHERE patient_id = $1 AND action = 'followup.staging.record'`,
          [workup.patientId],
        ),
      ).toEqual([{ n: 2 }]);
    });

    it('answers 400 for a bad lesion count and 422 before the sign-off', async () => {
      const { workup } = await signedOff();
      const bad = await post('hematologist', workup.patientId, `staging`, {
        boneLesionCount: -1,
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('boneLesionCount');

      const patient = await registerPatient(app);
      const early = await post('hematologist', patient.id, `staging`, {
        boneLesionCount: 1,
      });
      expect(early.status).toBe(422);
    });

    it('records risk inputs and groups them with the tracker default, labelled', async () => {
      const { workup } = await signedOff();

      const view = await ok(
        await post('hematologist', workup.patientId, `risk`, {
          observations: [
            { kind: 'pleural_effusion', date: '2025-01-08', present: true },
            { kind: 'pasp', date: '2025-01-08', mmHg: 35 },
            {
              kind: 'egfr',
              date: '2025-01-08',
              value: 75,
              method: 'ckd_epi_2021',
            },
            { kind: 'albumin', date: '2025-01-08', gPerDl: 3.0 },
          ],
        }),
        201,
      );

      // Born 1961-04-12: 63 at diagnosis, so two factors (age, effusion) → high.
      expect(view.evaluation?.risk).toMatchObject({
        group: 'high',
        min: 2,
        max: 2,
      });
      expect(view.evaluation?.risk.flags).toContain('low_albumin');
      expect(view.evaluation?.risk.trackerDefaults).toContain(
        'beijing_factor_count',
      );
      expect(view.riskHistory).toBe(1);
    });

    it('answers 400 for an observation without its value', async () => {
      const { workup } = await signedOff();

      const response = await post('hematologist', workup.patientId, `risk`, {
        observations: [{ kind: 'pasp', date: '2025-01-08' }],
      });

      expect(response.status).toBe(400);
      expect(response.body.errors[0].field).toBe('observations[0]');
    });

    it.each(['coordinator', 'auditor'] as Role[])(
      '%s may not stage (403)',
      async (role) => {
        const { workup } = await signedOff();
        expect(
          (
            await post(role, workup.patientId, `staging`, {
              boneLesionCount: 1,
            })
          ).status,
        ).toBe(403);
      },
    );
  });

  describe('treatment lines', () => {
    it('creates a line with its schedule of dated instances', async () => {
      const { patientId, view } = await withLine();

      expect(view.lines).toMatchObject([
        { lineNumber: 1, version: 1, startDate: '2025-01-15' },
      ]);
      // Worked example 11: the M3 window is 2025-03-16…2025-05-15, so the M3 VEGF is due 2025-05-15.
      expect(instance(view, 'vegf', 'M3')).toMatchObject({
        targetDate: '2025-04-15',
        dueDate: '2025-05-15',
        status: 'planned',
        dueState: 'overdue',
        active: true,
      });
      expect(instance(view, 'vegf', 'M6').dueState).toBe('on_time');
      expect(
        await rows(
          `SELECT action FROM followup_history WHERE patient_id = $1 AND entity_type = 'treatment_line'`,
          [patientId],
        ),
      ).toEqual([{ action: 'create' }]);
      expect(
        await rows(
          `SELECT count(*)::int AS n FROM audit_events WHERE patient_id = $1 AND action = 'followup.line.create'`,
          [patientId],
        ),
      ).toEqual([{ n: 1 }]);
    });

    it("answers 400 with the domain's field errors", async () => {
      const { workup } = await signedOff();

      const response = await post('hematologist', workup.patientId, `lines`, {
        intent: 'first_line',
        regimenClass: 'other',
        startDate: '2025-01-15',
      });

      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: any) => e.field)).toContain(
        'regimenText',
      );
    });

    it('updates with the current version, refuses a stale one with 409, and ends the line', async () => {
      const { patientId, view } = await withLine();
      const line = view.lines[0] as FollowupView['lines'][number];
      const url = `${base(patientId)}/lines/${line.id}`;

      const updated = await ok(
        await callAs(app, 'hematologist', 'PATCH', url, {
          version: 1,
          regimenClass: 'melphalan_dexamethasone',
        }),
      );
      expect(updated.lines[0]).toMatchObject({
        version: 2,
        regimenClass: 'melphalan_dexamethasone',
      });

      const stale = await callAs(app, 'hematologist', 'PATCH', url, {
        version: 1,
        intent: 'salvage',
      });
      expect(stale.status).toBe(409);
      expect(stale.body.current).toMatchObject({
        version: 2,
        intent: 'first_line',
      });

      const ended = await ok(
        await callAs(app, 'hematologist', 'POST', `${url}/end`, {
          version: 2,
          endDate: '2025-07-01',
          stopReason: 'completed',
        }),
      );
      expect(ended.lines[0]).toMatchObject({
        version: 3,
        endDate: '2025-07-01',
        stopReason: 'completed',
      });
      expect(
        (
          await callAs(app, 'hematologist', 'POST', `${url}/end`, {
            version: 3,
            endDate: '2025-07-02',
            stopReason: 'completed',
          })
        ).status,
      ).toBe(422);
      expect(
        await rows(
          `SELECT action, from_status, to_status FROM followup_history
            WHERE entity_id = $1 ORDER BY id`,
          [line.id],
        ),
      ).toEqual([
        { action: 'create', from_status: null, to_status: 'ongoing' },
        { action: 'update', from_status: 'ongoing', to_status: 'ongoing' },
        { action: 'end', from_status: 'ongoing', to_status: 'ended' },
      ]);
      expect(
        await rows(
          `SELECT diff->'endDate'->>'to' AS "endDate" FROM audit_events WHERE entity_id = $1 AND action = 'followup.line.end'`,
          [line.id],
        ),
      ).toEqual([{ endDate: '2025-07-01' }]);
    });

    it("cancels line 1's open instances when line 2 is recorded (superseded_by_line)", async () => {
      const { patientId } = await withLine();

      const view = await ok(
        await post('hematologist', patientId, `lines`, {
          intent: 'salvage',
          regimenClass: 'melphalan_dexamethasone',
          startDate: '2025-06-01',
        }),
        201,
      );

      const first = view.lines[0]?.id;
      const open = view.instances.filter(
        (i) =>
          i.lineId === first &&
          i.active &&
          ['planned', 'scheduled'].includes(i.status),
      );
      expect(open).toEqual([]);
      expect(
        view.instances.find(
          (i) =>
            i.lineId === first && i.itemKey === 'vegf' && i.timePoint === 'M12',
        ),
      ).toMatchObject({ status: 'cancelled', reason: 'superseded_by_line' });
    });

    it.each(['coordinator', 'auditor'] as Role[])(
      '%s may not record a line (403)',
      async (role) => {
        const { workup } = await signedOff();
        expect(
          (
            await post(role, workup.patientId, `lines`, {
              intent: 'first_line',
              regimenClass: 'radiation',
              startDate: '2025-02-01',
            })
          ).status,
        ).toBe(403);
      },
    );
  });

  describe('follow-up results', () => {
    it('categorises VEGF at M3 and M6 (worked example 11) and closes the instances', async () => {
      const line = await withLine();
      const { patientId } = line;
      let { view } = line;
      const url = (id: string) => `${base(patientId)}/instances/${id}/result`;

      const m3 = instance(view, 'vegf', 'M3');
      view = await ok(
        await callAs(app, 'hematologist', 'POST', url(m3.id), {
          version: m3.version,
          performedOn: '2025-04-20',
          ...vegf(300),
        }),
      );
      expect(vegfAt(view, 'M3')).toMatchObject({
        status: 'assessed',
        category: 'PR',
      });
      expect(instance(view, 'vegf', 'M3')).toMatchObject({
        status: 'resulted',
        dueState: 'closed',
      });

      const m6 = instance(view, 'vegf', 'M6');
      view = await ok(
        await callAs(app, 'hematologist', 'POST', url(m6.id), {
          version: m6.version,
          performedOn: '2025-07-10',
          ...vegf(90),
        }),
      );
      expect(vegfAt(view, 'M6')).toMatchObject({ category: 'CR' });
      expect(vegfAt(view, 'M6').trackerDefaults.length).toBeGreaterThan(0);
      expect(
        view.rules.find((r) => r.id === vegfAt(view, 'M6').trackerDefaults[0])
          ?.label,
      ).toBe('D');
      expect(
        await rows(
          `SELECT status FROM followup_instances WHERE id = ANY($1) ORDER BY time_point`,
          [[m3.id, m6.id]],
        ),
      ).toEqual([{ status: 'resulted' }, { status: 'resulted' }]);
      expect(
        await rows(
          `SELECT count(*)::int AS n FROM audit_events WHERE patient_id = $1 AND action = 'followup.result'`,
          [patientId],
        ),
      ).toEqual([{ n: 2 }]);
    });

    it('keeps a corrected result beside its correction; the correction counts', async () => {
      const line = await withLine();
      const { patientId } = line;
      let { view } = line;
      const m3 = instance(view, 'vegf', 'M3');
      const url = `${base(patientId)}/instances/${m3.id}/result`;
      view = await ok(
        await callAs(app, 'hematologist', 'POST', url, {
          version: 1,
          performedOn: '2025-04-20',
          ...vegf(300),
        }),
      );
      const original = view.results.find((r) => r.source === 'followup');

      view = await ok(
        await callAs(app, 'hematologist', 'POST', url, {
          version: 2,
          performedOn: '2025-04-20',
          corrects: original?.id,
          ...vegf(320),
        }),
      );

      expect(vegfAt(view, 'M3').category).toBe('stable');
      const series = view.results.filter((r) => r.source === 'followup');
      expect(series).toHaveLength(2);
      expect(
        series.find((r) => r.id === original?.id)?.correctedBy,
      ).toBeTruthy();
      expect(
        await rows(
          `SELECT action FROM followup_history WHERE patient_id = $1 AND entity_type = 'followup_result' ORDER BY id`,
          [patientId],
        ),
      ).toEqual([{ action: 'record' }, { action: 'correct' }]);
      expect(
        (
          await callAs(app, 'hematologist', 'POST', url, {
            version: 3,
            performedOn: '2025-04-20',
            corrects: original?.id,
            ...vegf(310),
          })
        ).status,
      ).toBe(409);
    });

    it('records ONLS and mRS on a neurological examination', async () => {
      const line = await withLine();
      const { patientId } = line;
      let { view } = line;
      const m3 = instance(view, 'neuro_exam', 'M3');

      view = await ok(
        await post('hematologist', patientId, `instances/${m3.id}/result`, {
          version: m3.version,
          performedOn: '2025-04-20',
          onlsArm: 1,
          onlsLeg: 3,
          onls: 4,
          mrs: 2,
        }),
      );

      expect(
        view.results.find((r) => r.itemKey === 'neuro_exam')?.result,
      ).toMatchObject({ onls: 4, mrs: 2 });
    });

    it.each([
      [
        {
          performedOn: '2025-04-20',
          values: [{ name: 'VEGF', value: 300, unit: 'pg/mL' }],
        },
        'specimen',
      ],
      [{ performedOn: '2025-09-01', ...vegf(300) }, 'performedOn'],
      [{ ...vegf(300) }, 'performedOn'],
      [{ performedOn: '2025-04-20', ...vegf(300), onls: 3 }, 'onls'],
    ])('answers 400 for %j', async (body, field) => {
      const { patientId, view } = await withLine();
      const m3 = instance(view, 'vegf', 'M3');

      const response = await post(
        'hematologist',
        patientId,
        `instances/${m3.id}/result`,
        {
          version: m3.version,
          ...body,
        },
      );

      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: any) => e.field)).toContain(field);
    });

    it('refuses a stale instance version with 409, and coordinators with 403', async () => {
      const { patientId, view } = await withLine();
      const m3 = instance(view, 'vegf', 'M3');
      const url = `${base(patientId)}/instances/${m3.id}/result`;

      expect(
        (
          await callAs(app, 'coordinator', 'POST', url, {
            version: 1,
            performedOn: '2025-04-20',
            ...vegf(300),
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await callAs(app, 'hematologist', 'POST', url, {
            version: 7,
            performedOn: '2025-04-20',
            ...vegf(300),
          })
        ).status,
      ).toBe(409);
      expect(
        await rows(
          `SELECT count(*)::int AS n FROM followup_results WHERE patient_id = $1`,
          [patientId],
        ),
      ).toEqual([{ n: 0 }]);
    });
  });

  describe('instance actions', () => {
    it('coordinators schedule and mark performed, with history and audit; stale versions are 409', async () => {
      const line = await withLine();
      const { patientId } = line;
      let { view } = line;
      const m6 = instance(view, 'serum_ife', 'M6');
      const url = (action: string) =>
        `${base(patientId)}/instances/${m6.id}/${action}`;

      view = await ok(
        await callAs(app, 'coordinator', 'POST', url('schedule'), {
          version: 1,
          scheduledAt: '2025-08-10T08:00:00Z',
          location: 'Day unit',
        }),
      );
      expect(instance(view, 'serum_ife', 'M6')).toMatchObject({
        status: 'scheduled',
        location: 'Day unit',
        version: 2,
      });
      expect(
        (
          await callAs(app, 'coordinator', 'POST', url('perform'), {
            version: 1,
            performedAt: '2025-07-30T08:00:00Z',
          })
        ).status,
      ).toBe(409);
      view = await ok(
        await callAs(app, 'coordinator', 'POST', url('perform'), {
          version: 2,
          performedAt: '2025-07-30T08:00:00Z',
        }),
      );
      expect(instance(view, 'serum_ife', 'M6').status).toBe('performed');
      expect(
        await rows(
          `SELECT action, from_status, to_status FROM followup_history WHERE entity_id = $1 ORDER BY id`,
          [m6.id],
        ),
      ).toEqual([
        { action: 'schedule', from_status: 'planned', to_status: 'scheduled' },
        { action: 'perform', from_status: 'scheduled', to_status: 'performed' },
      ]);
      expect(
        await rows(
          `SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id`,
          [m6.id],
        ),
      ).toEqual([
        { action: 'followup.instance.schedule' },
        { action: 'followup.instance.perform' },
      ]);
    });

    it('a cancelled instance leaves its domain not evaluable at that time point', async () => {
      const line = await withLine();
      const { patientId } = line;
      let { view } = line;
      const m3 = instance(view, 'vegf', 'M3');

      view = await ok(
        await post('coordinator', patientId, `instances/${m3.id}/cancel`, {
          version: 1,
          reason: 'Patient abroad',
        }),
      );

      expect(instance(view, 'vegf', 'M3')).toMatchObject({
        status: 'cancelled',
        reason: 'Patient abroad',
      });
      expect(vegfAt(view, 'M3')).toMatchObject({
        category: 'not_evaluable',
        reason: 'no_result_in_window',
      });
    });

    it.each([
      ['auditor', 'schedule', { scheduledAt: '2025-08-10T08:00:00Z' }],
      ['admin', 'perform', { performedAt: '2025-07-30T08:00:00Z' }],
      ['coordinator', 'activate', {}],
    ] as const)('%s may not %s (403)', async (role, action, body) => {
      const { patientId, view } = await withLine();
      const m6 = instance(view, 'serum_ife', 'M6');

      const response = await post(
        role,
        patientId,
        `instances/${m6.id}/${action}`,
        {
          version: 1,
          ...body,
        },
      );

      expect(response.status).toBe(403);
    });
  });

  describe('FHIR export', () => {
    it('adds the diagnosis Condition with its onset and Observations of staging, risk and categories, all valid R4', async () => {
      const line = await withLine();
      const { patientId } = line;
      let { view } = line;
      await ok(
        await post('hematologist', patientId, `staging`, {
          boneLesionCount: 1,
          marrowClone: 'absent',
        }),
        201,
      );
      const m3 = instance(view, 'vegf', 'M3');
      view = await ok(
        await post('hematologist', patientId, `instances/${m3.id}/result`, {
          version: m3.version,
          performedOn: '2025-04-20',
          ...vegf(300),
        }),
      );

      const response = await callAs(
        app,
        'auditor',
        'GET',
        `/api/patients/${patientId}/fhir`,
      );

      expect(response.status).toBe(200);
      const bundle = response.body as Bundle;
      const resources = (bundle.entry ?? []).map((e) => e.resource);
      const errors = [bundle, ...resources].flatMap((r) =>
        r
          ? fhirValidationErrors(r).map(
              (e) => `${r.resourceType} ${e.field}: ${e.message}`,
            )
          : ['no resource'],
      );
      expect(errors).toEqual([]);
      const diagnosis = resources.find(
        (r): r is Condition =>
          r?.resourceType === 'Condition' &&
          (r as Condition).onsetDateTime !== undefined,
      );
      expect(diagnosis).toMatchObject({
        onsetDateTime: '2025-01-10',
        verificationStatus: { coding: [{ code: 'confirmed' }] },
        stage: [{ summary: { coding: [{ code: 'limited' }] } }],
      });
      const observation = (code: string) =>
        resources.find(
          (r): r is Observation =>
            r?.resourceType === 'Observation' &&
            (r as Observation).code.coding?.[0]?.code === code,
        );
      expect(
        observation('staging')?.valueCodeableConcept?.coding?.[0]?.code,
      ).toBe('limited');
      expect(observation('risk')?.note?.[0]?.text).toContain(
        'not the published nomogram',
      );
      const vegfObservation = observation('response-vegf');
      expect(vegfObservation?.valueCodeableConcept?.coding?.[0]?.code).toBe(
        'PR',
      );
      expect(vegfObservation?.note?.[0]?.text).toContain(
        'tracker default, not a published criterion',
      );
      const plans = resources.filter(
        (r): r is CarePlan =>
          r?.resourceType === 'CarePlan' &&
          (r as CarePlan).title?.startsWith('POEMS follow-up schedule') ===
            true,
      );
      expect(plans).toHaveLength(1);
      const [plan] = plans as [CarePlan];
      const conditionEntry = bundle.entry?.find(
        (e) => e.resource === diagnosis,
      );
      expect(plan).toMatchObject({
        status: 'active',
        intent: 'plan',
        title: 'POEMS follow-up schedule, line 1',
        period: { start: '2025-01-15' },
        addresses: [{ reference: conditionEntry?.fullUrl }],
      });
      expect(plan.note?.[0]?.text).toContain('Follow-up schedule');
      const scheduled = view.instances.filter((i) => i.active);
      expect(plan.activity).toHaveLength(scheduled.length);
      const activity = (itemKey: string, timePoint: string) =>
        plan.activity?.find(
          (a) =>
            a.detail?.code?.coding?.[0]?.code === itemKey &&
            a.detail.description?.startsWith(`${timePoint} of line 1:`),
        )?.detail;
      expect(activity('vegf', 'M3')).toMatchObject({
        kind: 'ServiceRequest',
        status: 'completed',
        scheduledPeriod: { start: '2025-03-16', end: '2025-05-15' },
      });
      const m6 = instance(view, 'vegf', 'M6');
      expect(activity('vegf', 'M6')).toMatchObject({
        status: 'not-started',
        scheduledPeriod: { start: m6.windowStart, end: m6.dueDate },
      });
    });
  });
});
