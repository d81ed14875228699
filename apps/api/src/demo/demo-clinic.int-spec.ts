import type {
  Page,
  PatientListItem,
  WorklistPage,
  WorkupView,
} from '@poems/domain';
import { call, signIn } from '../testing/http';
import { startTestApp, type TestApp } from '../testing/test-app';
import { DEMO_PATIENTS } from './demo-patients';
import { DemoPatientsSeeder } from './demo-patients.seeder';
import { DEMO_PASSWORD } from './demo-users.seeder';

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
  });

  afterAll(async () => {
    await app.close();
  });

  it('holds every demo patient', () => {
    expect(patients.map((p) => p.mrn).sort()).toEqual(
      DEMO_PATIENTS.map((p) => p.mrn).sort(),
    );
  });

  it('shows each of the three overall results on open workups', () => {
    const overall = new Set(patients.map((p) => p.workup?.overall));
    expect(overall).toEqual(
      new Set(['incomplete', 'criteria_met', 'criteria_not_met', undefined]),
    );
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
    expect(n).toBe(DEMO_PATIENTS.filter((p) => p.workup !== 'none').length);
  });
});
