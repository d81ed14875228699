import type { APIRequestContext } from '@playwright/test';
import type { FollowupView, WorkupView } from '@poems/contract';
import { aPatient, ClinicApi, dateFromToday } from './clinic';
import { apiToken, expect } from './fixtures';

/** Plasma VEGF in pg/mL with Mayo's upper limit [S14]. */
export const plasmaVegf = (value: number): Record<string, unknown> => ({
  specimen: 'plasma',
  values: [{ code: '75628-8', name: 'VEGF', value, unit: 'pg/mL', high: 96.2 }],
});

/** The results of a classic λ case whose criteria are met, every one done `daysAgo` days ago. */
const CRITERIA_MET: Record<string, Record<string, unknown>> = {
  emg_ncs: {
    report: 'Demyelinating sensorimotor polyradiculoneuropathy.',
    findings: [{ criterion: 'polyneuropathy', value: 'present' }],
  },
  serum_ife: { heavyChain: 'IgA', lightChain: 'lambda' },
  vegf: plasmaVegf(600),
  physical_exam: { signs: ['edema', 'hyperpigmentation'] },
};

/** A fresh patient whose workup meets the criteria with results done `daysAgo` days ago. */
export async function aMetWorkup(
  request: APIRequestContext,
  daysAgo: number,
): Promise<{ workup: WorkupView; name: string; mrn: string }> {
  const clinic = await ClinicApi.as(request, 'hematologist');
  const registration = aPatient();
  const patient = await clinic.registerPatient(registration);
  let workup = await clinic.openWorkup(patient.id);
  // 16:00 UTC is the same calendar day in the clinic's zone (New York), whatever the season.
  const performedAt = `${dateFromToday(-daysAgo)}T16:00:00Z`;
  for (const [key, body] of Object.entries(CRITERIA_MET)) {
    workup = await clinic.act(workup.id, key, 'result', {
      ...body,
      performedAt,
    });
  }
  expect(workup.evaluation.overall).toBe('criteria_met');
  return {
    workup,
    name: `${registration.familyName}, ${registration.givenName}`,
    mrn: registration.mrn,
  };
}

/**
 * A patient in follow-up: criteria met and signed off, and lenalidomide–dexamethasone started
 * `startDaysAgo` days ago (so M3 is overdue once more than about 160 days have passed).
 */
export async function aPatientInFollowup(
  request: APIRequestContext,
  startDaysAgo: number,
): Promise<{
  patientId: string;
  name: string;
  mrn: string;
  view: FollowupView;
}> {
  const { workup, name, mrn } = await aMetWorkup(request, startDaysAgo + 10);
  const token = await apiToken(request, 'hematologist');
  const headers = { authorization: `Bearer ${token}` };
  const base = `/api/patients/${workup.patientId}/follow-up`;
  const signOff = await request.post(`${base}/diagnosis`, {
    headers,
    data: {
      workupId: workup.id,
      diagnosisDate: dateFromToday(-startDaysAgo - 5),
    },
  });
  expect(signOff.status(), 'diagnosis sign-off').toBe(201);
  const line = await request.post(`${base}/lines`, {
    headers,
    data: {
      intent: 'first_line',
      regimenClass: 'lenalidomide_dexamethasone',
      startDate: dateFromToday(-startDaysAgo),
    },
  });
  expect(line.status(), 'treatment line').toBe(201);
  return {
    patientId: workup.patientId,
    name,
    mrn,
    view: (await line.json()) as FollowupView,
  };
}
