import type { FollowupView, WorkupView } from '@poems/contract';
import { aWorkup, CLASSIC, result } from './clinic';
import { callAs } from './http';
import type { TestApp } from './test-app';

/**
 * The clinic's today in follow-up tests: worked example 11 (LDex from 2025-01-15) then has M3
 * overdue (due 2025-05-15) and the M6 window open.
 */
export const FOLLOWUP_TODAY = new Date('2025-08-01T10:00:00Z');

/** VEGF in pg/mL with Mayo's plasma upper limit [S14]. */
export const vegf = (
  value: number,
  specimen = 'plasma',
): Record<string, unknown> => ({
  specimen,
  values: [{ code: '75628-8', name: 'VEGF', value, unit: 'pg/mL', high: 96.2 }],
});

/** Options of {@link aPatientInFollowup}; each step can be left out to test the one before. */
export interface FollowupSetup {
  readonly familyName?: string;
  /** The plasma VEGF at the workup (pg/mL); 600 unless set. */
  readonly vegfAtWorkup?: number;
  /** Stop after the sign-off (no line). */
  readonly line?: boolean;
}

/** What {@link aPatientInFollowup} built. */
export interface PatientInFollowup {
  readonly patientId: string;
  readonly workup: WorkupView;
  readonly view: FollowupView;
  /** `/api/patients/:id/follow-up`. */
  readonly base: string;
}

async function expectStatus<T>(
  response: { status: number; body: unknown },
  status: number,
): Promise<T> {
  if (response.status !== status) {
    throw new Error(
      `answered ${response.status}: ${JSON.stringify(response.body)}`,
    );
  }
  return response.body as T;
}

/** A classic λ case whose criteria are met on 2025-01-05, with the given plasma VEGF. */
export async function aMetWorkup(
  app: TestApp,
  setup: Pick<FollowupSetup, 'familyName' | 'vegfAtWorkup'> = {},
): Promise<WorkupView> {
  let view = await aWorkup(
    app,
    setup.familyName ? { familyName: setup.familyName } : {},
  );
  for (const [key, body] of Object.entries(CLASSIC)) {
    view = await result(app, view, key, {
      ...(key === 'vegf' ? vegf(setup.vegfAtWorkup ?? 600) : body),
      performedAt: '2025-01-05T09:00:00Z',
    });
  }
  if (view.evaluation.overall !== 'criteria_met') {
    throw new Error(`the workup is ${view.evaluation.overall}`);
  }
  return view;
}

/**
 * A patient in follow-up as a hematologist sets one up: a met workup, the diagnosis signed off
 * on 2025-01-10, and (unless `line: false`) lenalidomide–dexamethasone from 2025-01-15.
 */
export async function aPatientInFollowup(
  app: TestApp,
  setup: FollowupSetup = {},
): Promise<PatientInFollowup> {
  const workup = await aMetWorkup(app, setup);
  const base = `/api/patients/${workup.patientId}/follow-up`;
  let view = await expectStatus<FollowupView>(
    await callAs(app, 'hematologist', 'POST', `${base}/diagnosis`, {
      workupId: workup.id,
      diagnosisDate: '2025-01-10',
    }),
    201,
  );
  if (setup.line !== false) {
    view = await expectStatus<FollowupView>(
      await callAs(app, 'hematologist', 'POST', `${base}/lines`, {
        intent: 'first_line',
        regimenClass: 'lenalidomide_dexamethasone',
        startDate: '2025-01-15',
      }),
      201,
    );
  }
  return { patientId: workup.patientId, workup, view, base };
}

/** The instance of an item at a time point. */
export function instanceOf(
  view: FollowupView,
  itemKey: string,
  timePoint: string,
): FollowupView['instances'][number] {
  const found = view.instances.find(
    (i) => i.itemKey === itemKey && i.timePoint === timePoint,
  );
  if (!found) {
    throw new Error(`no instance ${itemKey} ${timePoint}`);
  }
  return found;
}
