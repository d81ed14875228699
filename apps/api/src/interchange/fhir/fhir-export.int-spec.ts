import type {
  Bundle,
  CarePlan,
  Condition,
  Resource,
  Task,
} from '@medplum/fhirtypes';
import type { WorkupView } from '@poems/contract';
import {
  auditCount,
  aWorkup,
  CLASSIC,
  done,
  result,
} from '../../testing/clinic';
import { call, callAs, tokenFor } from '../../testing/http';
import { startTestApp, type TestApp } from '../../testing/test-app';

const TASK_STATUSES = [
  'draft',
  'requested',
  'received',
  'accepted',
  'rejected',
  'ready',
  'cancelled',
  'in-progress',
  'on-hold',
  'failed',
  'completed',
  'entered-in-error',
];
const REQUEST_STATUSES = [
  'draft',
  'active',
  'on-hold',
  'revoked',
  'completed',
  'entered-in-error',
  'unknown',
];

function resources<T extends Resource>(
  bundle: Bundle,
  type: T['resourceType'],
): T[] {
  return (bundle.entry ?? [])
    .map((e) => e.resource)
    .filter((r): r is T => r?.resourceType === type);
}

function referencesIn(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.flatMap(referencesIn);
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, v]) =>
      key === 'reference' && typeof v === 'string' ? [v] : referencesIn(v),
    );
  }
  return [];
}

describe('FHIR export', () => {
  let app: TestApp;
  let met: WorkupView;

  async function exportBundle(
    patientId: string,
    query = '',
  ): Promise<{ response: Response; bundle: Bundle }> {
    const response = await fetch(
      `${app.baseUrl}/api/patients/${patientId}/fhir${query}`,
      {
        headers: {
          authorization: `Bearer ${await tokenFor(app, 'auditor')}`,
        },
      },
    );
    return { response, bundle: (await response.json()) as Bundle };
  }

  beforeAll(async () => {
    app = await startTestApp();
    met = await aWorkup(app, { familyName: 'Crow', givenName: 'Fukase' });
    met = await done(app, 'coordinator', met, 'cbc', 'order', {
      dueDate: '2030-02-01',
    });
    met = await done(app, 'coordinator', met, 'spep', 'cancel', {
      reason: 'Duplicate order',
    });
    for (const [key, body] of Object.entries(CLASSIC)) {
      met = await result(app, met, key, body);
    }
    expect(met.evaluation.overall).toBe('criteria_met');
  });

  afterAll(async () => {
    await app.close();
  });

  it('answers a FHIR collection Bundle whose references all resolve, with valid statuses, and one audit event', async () => {
    const before = await auditCount(app, {
      action: 'fhir.export',
      patientId: met.patientId,
    });

    const { response, bundle } = await exportBundle(met.patientId);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/fhir+json; charset=utf-8',
    );
    expect(bundle).toMatchObject({
      resourceType: 'Bundle',
      type: 'collection',
    });
    const fullUrls = new Set((bundle.entry ?? []).map((e) => e.fullUrl));
    for (const reference of referencesIn(bundle)) {
      expect(fullUrls).toContain(reference);
    }
    const [carePlan] = resources<CarePlan>(bundle, 'CarePlan');
    expect(REQUEST_STATUSES).toContain(carePlan?.status);
    const tasks = resources<Task>(bundle, 'Task');
    expect(tasks).toHaveLength(met.items.filter((i) => i.active).length);
    for (const task of tasks) {
      expect(TASK_STATUSES).toContain(task.status);
    }
    expect(
      tasks.find((t) => t.identifier?.[0]?.value === `${met.id}/cbc`),
    ).toMatchObject({
      status: 'requested',
      restriction: { period: { end: '2030-02-01' } },
    });
    expect(
      tasks.find((t) => t.identifier?.[0]?.value === `${met.id}/spep`),
    ).toMatchObject({
      status: 'cancelled',
      statusReason: { text: 'Duplicate order' },
    });
    expect(
      await auditCount(app, {
        action: 'fhir.export',
        patientId: met.patientId,
      }),
    ).toBe(before + 1);
  });

  it('has a provisional POEMS Condition until the evidence is reviewed, then a confirmed one', async () => {
    const condition = async (): Promise<Condition | undefined> =>
      resources<Condition>(
        (await exportBundle(met.patientId)).bundle,
        'Condition',
      )[0];

    expect((await condition())?.verificationStatus?.coding?.[0]?.code).toBe(
      'provisional',
    );
    expect((await condition())?.code?.coding?.map((c) => c.code)).toEqual([
      'ORPHA:2905',
      '192240',
    ]);

    const behind = [
      ...new Set(
        met.evaluation.criteria
          .filter((c) => c.status === 'met')
          .flatMap((c) => c.evidence),
      ),
    ];
    let view = met;
    for (const key of behind.slice(0, -1)) {
      view = await done(app, 'hematologist', view, key, 'review');
    }
    expect((await condition())?.verificationStatus?.coding?.[0]?.code).toBe(
      'provisional',
    );
    view = await done(app, 'hematologist', view, behind.at(-1) ?? '', 'review');
    expect((await condition())?.verificationStatus?.coding?.[0]?.code).toBe(
      'confirmed',
    );
  });

  it('exports every workup of the patient, or only the one asked for', async () => {
    let first = await aWorkup(app, { familyName: 'Twice' });
    first = (
      await callAs(
        app,
        'hematologist',
        'POST',
        `/api/workups/${first.id}/close`,
        {
          version: first.version,
          reason: 'Referred elsewhere',
        },
      )
    ).body as WorkupView;
    const second = (
      await callAs(
        app,
        'hematologist',
        'POST',
        `/api/patients/${first.patientId}/workups`,
        {},
      )
    ).body as WorkupView;

    const all = await exportBundle(first.patientId);
    const one = await exportBundle(first.patientId, `?workup=${second.id}`);

    expect(
      resources<CarePlan>(all.bundle, 'CarePlan').map((c) => [c.id, c.status]),
    ).toEqual([
      [first.id, 'revoked'],
      [second.id, 'active'],
    ]);
    expect(
      resources<CarePlan>(one.bundle, 'CarePlan').map((c) => c.id),
    ).toEqual([second.id]);
    expect(resources(all.bundle, 'Condition')).toHaveLength(0);
  });

  it('answers 404 for an unknown patient or a workup of another patient, 400 for bad queries', async () => {
    const other = await aWorkup(app, { familyName: 'Other' });
    const token = await tokenFor(app, 'auditor');
    const get = (path: string): Promise<{ status: number }> =>
      call(app, 'GET', path, { token });

    expect(
      (await get(`/api/patients/${crypto.randomUUID()}/fhir`)).status,
    ).toBe(404);
    expect(
      (await get(`/api/patients/${met.patientId}/fhir?workup=${other.id}`))
        .status,
    ).toBe(404);
    expect(
      (await get(`/api/patients/${met.patientId}/fhir?workup=nope`)).status,
    ).toBe(400);
    expect(
      (await get(`/api/patients/${met.patientId}/fhir?format=xml`)).status,
    ).toBe(400);
    expect((await get('/api/patients/not-a-uuid/fhir')).status).toBe(400);
  });

  it('is for hematologists and auditors only', async () => {
    expect(
      (
        await callAs(
          app,
          'hematologist',
          'GET',
          `/api/patients/${met.patientId}/fhir`,
        )
      ).status,
    ).toBe(200);
    for (const role of ['coordinator', 'admin'] as const) {
      expect(
        (await callAs(app, role, 'GET', `/api/patients/${met.patientId}/fhir`))
          .status,
      ).toBe(403);
    }
  });
});
