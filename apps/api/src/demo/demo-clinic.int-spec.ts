import type {
  EvaluationSnapshotView,
  FollowupView,
  Page,
  PatientListItem,
  WorklistPage,
  WorkupView,
} from '@poems/contract';
import { call, signIn } from '../testing/http';
import { startTestApp, type TestApp } from '../testing/test-app';
import { DEMO_FOLLOWUP_PATIENTS } from './demo-followup';
import { DEMO_PATIENTS } from './demo-patients';
import { DemoPatientsSeeder } from './demo-patients.seeder';
import { DEMO_PASSWORD } from './demo-credentials';

/** What a new user sees on first start of the demo. */
describe('the demo clinic', () => {
  let app: TestApp;
  let token: string;
  let patients: readonly PatientListItem[];

  beforeAll(async () => {
    app = await startTestApp({ env: { DEMO_SEED: 'true' } });
    token = (await signIn(app, 'hematologist', DEMO_PASSWORD)).accessToken;
    patients = (
      (await call(app, 'GET', '/api/patients?pageSize=200', { token }))
        .body as Page<PatientListItem>
    ).items;
  }, 300_000); // seeds the whole demo clinic through the services: minutes on a loaded machine

  afterAll(async () => {
    await app.close();
  });

  it('holds every demo patient', () => {
    expect(patients.map((p) => p.mrn).sort()).toEqual(
      [...DEMO_PATIENTS, ...DEMO_FOLLOWUP_PATIENTS].map((p) => p.mrn).sort(),
    );
  });

  it('tells each follow-up story', async () => {
    const followup = async (mrn: string): Promise<FollowupView> => {
      const patient = patients.find((p) => p.mrn === mrn);
      const response = await call(
        app,
        'GET',
        `/api/patients/${patient?.id}/follow-up`,
        { token },
      );
      expect(response.status).toBe(200);
      return response.body as FollowupView;
    };
    const at = (view: FollowupView, timePoint: string, domain: string) =>
      view.evaluation?.lines[0]?.timePoints
        .find((t) => t.key === timePoint)
        ?.domains.find((d) => d.domain === domain) as
        | Record<string, unknown>
        | undefined;

    const radiation = await followup('DEMO-F01');
    expect(radiation.evaluation?.staging.class).toBe('limited');
    expect(at(radiation, 'M6', 'vegf')).toMatchObject({ category: 'CR' });
    expect(at(radiation, 'M12', 'vegf')).toMatchObject({
      category: 'progression',
      relapse: true,
    });
    expect(radiation.evaluation?.lines[0]?.event).toMatchObject({
      kind: 'relapse',
      types: ['vegf'],
    });

    const asct = await followup('DEMO-F02');
    expect(at(asct, 'M6', 'radiographic')).toMatchObject({ category: 'CR' });
    expect(at(asct, 'M12', 'radiographic')).toMatchObject({
      category: 'progression',
      relapse: true,
    });

    const ldex = await followup('DEMO-F03');
    expect(at(ldex, 'M3', 'hematologic')).toMatchObject({ category: 'PR' });

    const notElevated = await followup('DEMO-F04');
    expect(at(notElevated, 'M3', 'vegf')).toMatchObject({
      category: 'not_evaluable',
      reason: 'baseline_not_elevated',
    });

    const overdue = await followup('DEMO-F05');
    expect(
      overdue.instances.some(
        (i) => i.timePoint === 'M6' && i.dueState === 'overdue',
      ),
    ).toBe(true);
  });

  it('leaves only the intended overdue follow-up instances: the past is recorded', async () => {
    const overdue: string[] = [];
    const unintended: string[] = [];
    for (const demo of DEMO_FOLLOWUP_PATIENTS) {
      const patient = patients.find((p) => p.mrn === demo.mrn);
      const view = (
        await call(app, 'GET', `/api/patients/${patient?.id}/follow-up`, {
          token,
        })
      ).body as FollowupView;
      for (const instance of view.instances) {
        if (instance.dueState === 'overdue') {
          overdue.push(`${demo.mrn} ${instance.timePoint} ${instance.itemKey}`);
          if (!(demo.missed ?? []).includes(instance.timePoint)) {
            unintended.push(overdue[overdue.length - 1] as string);
          }
        }
      }
    }
    expect(unintended).toEqual([]);
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.length).toBeLessThanOrEqual(10);
    expect(overdue.every((o) => o.startsWith('DEMO-F05 M6 '))).toBe(true);
  });

  it('shows each of the four overall results on open workups', () => {
    const overall = new Set(patients.map((p) => p.workup?.overall));
    expect(overall).toEqual(
      new Set([
        'incomplete',
        'criteria_met',
        'criteria_not_met',
        'indeterminate',
        undefined,
      ]),
    );
  });

  it('shows DEMO-0014 indeterminate, with "repeat as plasma VEGF" first among the next tests', async () => {
    const patient = patients.find((p) => p.mrn === 'DEMO-0014');
    expect(patient?.workup?.overall).toBe('indeterminate');
    const view = (
      await call(app, 'GET', `/api/workups/${patient?.workup?.id}`, { token })
    ).body as WorkupView;
    expect(view.evaluation.nextTests[0]).toMatchObject({
      criterion: 'vegf_elevation',
      action: 'repeat',
      items: ['vegf'],
      why: expect.stringMatching(/^Repeat as plasma VEGF: /),
    });
  });

  it('shows DEMO-0015 opened on v1 and upgraded to v2: the lesion biopsy met the clone, the upgrade in its verdict history', async () => {
    const patient = patients.find((p) => p.mrn === 'DEMO-0015');
    const view = (
      await call(app, 'GET', `/api/workups/${patient?.workup?.id}`, { token })
    ).body as WorkupView;
    expect(view.protocol).toEqual({ key: 'poems-dispenzieri', version: 2 });
    expect(view.evaluation.overall).toBe('criteria_met');
    expect(view.items.find((i) => i.key === 'lesion_biopsy')).toMatchObject({
      active: true,
      status: 'resulted',
    });
    const history = (
      await call(app, 'GET', `/api/workups/${view.id}/evaluations`, { token })
    ).body as EvaluationSnapshotView[];
    expect(history[0]?.protocol.version).toBe(1);
    const upgraded = history.findIndex((s) => s.cause === 'protocol upgraded');
    expect(history[upgraded]?.protocol.version).toBe(2);
    expect(history.slice(0, upgraded).map((s) => s.overall)).not.toContain(
      'criteria_met',
    );
  });

  it('keeps DEMO-0016 on v1, so the workup page offers the upgrade', async () => {
    const patient = patients.find((p) => p.mrn === 'DEMO-0016');
    const view = (
      await call(app, 'GET', `/api/workups/${patient?.workup?.id}`, { token })
    ).body as WorkupView;
    expect(view.protocol).toEqual({ key: 'poems-dispenzieri', version: 1 });
    expect(view.items.map((i) => i.key)).not.toContain('lesion_biopsy');
  });

  it('has a Castleman-variant flag and a κ review flag', async () => {
    const flags: string[] = [];
    for (const patient of patients.filter((p) => p.workup)) {
      const view = (
        await call(app, 'GET', `/api/workups/${patient.workup?.id}`, { token })
      ).body as WorkupView;
      flags.push(...view.evaluation.flags);
    }
    expect(flags).toEqual(
      expect.arrayContaining([
        'possible_castleman_variant',
        'kappa_clone_review',
      ]),
    );
  });

  it('fills every worklist bucket', async () => {
    const page = (await call(app, 'GET', '/api/worklist', { token }))
      .body as WorklistPage;
    for (const count of Object.values(page.counts)) {
      expect(count).toBeGreaterThan(0);
    }
  });

  it('seeds once: a second run adds nothing', async () => {
    await app.app.get(DemoPatientsSeeder).seed();
    const [{ n }] = (await app.dataSource.query(
      'SELECT count(*)::int AS n FROM workups',
    )) as [{ n: number }];
    expect(n).toBe(
      DEMO_PATIENTS.filter((p) => p.workup !== 'none').length +
        DEMO_FOLLOWUP_PATIENTS.length,
    );
  });
});
