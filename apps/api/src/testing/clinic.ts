/* eslint-disable @typescript-eslint/no-explicit-any -- request bodies of the builders are free-form on purpose: tests send invalid ones too */
import type { CriterionKey, Role } from '@poems/domain';
import type {
  ItemActionPath,
  PatientView,
  WorkupItemView,
  WorkupView,
} from '@poems/contract';
import { randomBytes } from 'node:crypto';
import { callAs, type TestResponse } from './http';
import type { TestApp } from './test-app';

/** A registration body with valid defaults and a fresh MRN. */
export function aPatient(
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    mrn: `T-${randomBytes(5).toString('hex')}`,
    givenName: 'Ada',
    familyName: 'Lovelace',
    birthDate: '1961-04-12',
    sex: 'female',
    ...overrides,
  };
}

/** Registers a patient; throws unless the API answers 201. */
export async function registerPatient(
  app: TestApp,
  overrides: Record<string, unknown> = {},
  role: Role = 'coordinator',
): Promise<PatientView> {
  const response = await callAs(
    app,
    role,
    'POST',
    '/api/patients',
    aPatient(overrides),
  );
  if (response.status !== 201) {
    throw new Error(
      `registering answered ${response.status}: ${JSON.stringify(response.body)}`,
    );
  }
  return response.body as PatientView;
}

/** Registers a patient and opens their workup. */
export async function aWorkup(
  app: TestApp,
  patient: Record<string, unknown> = {},
  role: Role = 'hematologist',
): Promise<WorkupView> {
  const { id } = await registerPatient(app, patient);
  const response = await callAs(
    app,
    role,
    'POST',
    `/api/patients/${id}/workups`,
    {},
  );
  if (response.status !== 201) {
    throw new Error(
      `opening answered ${response.status}: ${JSON.stringify(response.body)}`,
    );
  }
  return response.body as WorkupView;
}

/** One item of a workup view. */
export function itemOf(view: WorkupView, key: string): WorkupItemView {
  const found = view.items.find((i) => i.key === key);
  if (found === undefined) {
    throw new Error(`no item ${key}`);
  }
  return found;
}

/** The status of one criterion in a workup view. */
export function statusOf(view: WorkupView, criterion: CriterionKey): string {
  return (
    view.evaluation.criteria.find((c) => c.key === criterion)?.status ??
    'missing'
  );
}

/**
 * Posts an item action with the item's current version (read from `view`) unless the body names
 * one; returns the raw response.
 */
export async function act(
  app: TestApp,
  role: Role,
  view: WorkupView,
  key: string,
  action: ItemActionPath,
  body: Record<string, any> = {},
): Promise<TestResponse> {
  return callAs(
    app,
    role,
    'POST',
    `/api/workups/${view.id}/items/${key}/${action}`,
    {
      version: itemOf(view, key).version,
      ...body,
    },
  );
}

/** {@link act}, expecting 200; returns the updated workup. */
export async function done(
  app: TestApp,
  role: Role,
  view: WorkupView,
  key: string,
  action: ItemActionPath,
  body: Record<string, any> = {},
): Promise<WorkupView> {
  const response = await act(app, role, view, key, action, body);
  if (response.status !== 200) {
    throw new Error(
      `${action} ${key} answered ${response.status}: ${JSON.stringify(response.body)}`,
    );
  }
  return response.body as WorkupView;
}

/** Records a result as a hematologist. */
export function result(
  app: TestApp,
  view: WorkupView,
  key: string,
  body: Record<string, any>,
): Promise<WorkupView> {
  return done(app, 'hematologist', view, key, 'result', body);
}

/** Result bodies of a classic λ POEMS case, item by item. */
export const CLASSIC = {
  emg_ncs: {
    report: 'Demyelinating sensorimotor polyradiculoneuropathy.',
    findings: [{ criterion: 'polyneuropathy', value: 'present' }],
  },
  serum_ife: { heavyChain: 'IgA', lightChain: 'lambda' },
  vegf: {
    specimen: 'plasma',
    values: [{ code: '75628-8', name: 'VEGF', value: 450, unit: 'pg/mL' }],
  },
  physical_exam: { signs: ['edema', 'hyperpigmentation'] },
} as const;

/** How many audit events a database holds for an entity. */
export async function auditCount(
  app: TestApp,
  where: {
    readonly entityId?: string;
    readonly patientId?: string;
    readonly action?: string;
  },
): Promise<number> {
  const rows = (await app.dataSource.query(
    `SELECT count(*)::int AS n FROM audit_events
      WHERE ($1::text IS NULL OR entity_id = $1)
        AND ($2::uuid IS NULL OR patient_id = $2)
        AND ($3::text IS NULL OR action = $3)`,
    [where.entityId ?? null, where.patientId ?? null, where.action ?? null],
  )) as { n: number }[];
  return rows[0]?.n ?? 0;
}
