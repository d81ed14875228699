import type { Page as PatientsPage, PatientListItem } from '@poems/contract';
import { ClinicApi } from '../support/clinic';
import {
  apiToken,
  expect,
  expectAccessible,
  signIn,
  test,
} from '../support/fixtures';

test('a hematologist moves a v1 workup to protocol version 2, seeing what changes first', async ({
  page,
  request,
}) => {
  // DEMO-0016 is the demo clinic's workup still on version 1 (fresh database per run).
  const token = await apiToken(request, 'hematologist');
  const found = await request.get('/api/patients?q=DEMO-0016', {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(found.status()).toBe(200);
  const patient = ((await found.json()) as PatientsPage<PatientListItem>)
    .items[0];
  expect(patient?.workup?.status).toBe('open');

  await signIn(page, 'hematologist');
  await page.goto(`/patients/${patient?.id}`);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Halvorsen, Ingrid' }),
  ).toBeVisible();

  const offer = page.getByRole('region', {
    name: 'Protocol version 2 is available',
  });
  await expect(offer).toContainText(
    'Biopsy of a bone lesion or plasmacytoma (CD138, κ/λ)',
  );
  await expect(offer).toContainText(
    'current items are kept with their status, results and history',
  );
  await offer.getByRole('button', { name: 'Upgrade to version 2' }).click();

  const dialog = page.getByRole('dialog', {
    name: 'Upgrade to protocol version 2',
  });
  await expect(dialog).toBeVisible();
  await dialog
    .getByRole('textbox', { name: 'Reason' })
    .fill('Sclerotic lesion suspected; version 2 adds the lesion biopsy.');
  await dialog.getByRole('button', { name: 'Upgrade', exact: true }).click();

  await expect(dialog).toBeHidden();
  await expect(offer).toBeHidden();
  await expect(page.getByRole('note').first()).toContainText('version 2');
  await page.getByRole('tab', { name: 'Verdict history' }).click();
  await expect(
    page.getByRole('list', { name: 'History of verdicts' }),
  ).toContainText('Protocol upgraded');
  await expectAccessible(page);
});

test('a corrected result that retracts criteria met shows in the verdict history', async ({
  page,
  request,
}) => {
  const clinic = await ClinicApi.as(request, 'hematologist');
  const patient = await clinic.registerPatient();
  const workup = await clinic.openWorkup(patient.id);
  const plasmaVegf = (value: number) => ({
    specimen: 'plasma',
    values: [{ code: '75628-8', name: 'VEGF', value, unit: 'pg/mL' }],
  });
  const results: [string, Record<string, unknown>][] = [
    [
      'emg_ncs',
      {
        report: 'Demyelinating polyradiculoneuropathy.',
        findings: [{ criterion: 'polyneuropathy', value: 'present' }],
      },
    ],
    ['serum_ife', { heavyChain: 'IgA', lightChain: 'lambda' }],
    ['physical_exam', { signs: ['hyperpigmentation'] }],
    ['vegf', plasmaVegf(640)],
  ];
  for (const [key, body] of results) {
    await clinic.act(workup.id, key, 'result', body);
  }
  expect((await clinic.workup(workup.id)).evaluation.overall).toBe(
    'criteria_met',
  );
  // The laboratory corrects the VEGF: below the 200 pg/mL criterion, no other major criterion.
  const corrected = await clinic.act(
    workup.id,
    'vegf',
    'result',
    plasmaVegf(95),
  );
  expect(corrected.evaluation.overall).not.toBe('criteria_met');

  await signIn(page, 'hematologist');
  await page.goto(`/patients/${patient.id}`);
  await expect(
    page.getByRole('heading', {
      level: 1,
      name: `${patient.familyName}, ${patient.givenName}`,
    }),
  ).toBeVisible();
  await page.getByRole('tab', { name: 'Verdict history' }).click();
  const history = page.getByRole('list', { name: 'History of verdicts' });
  await expect(history.getByText('Criteria met retracted')).toBeVisible();
  await expect(history).toContainText('Result corrected');
  await expectAccessible(page);
});
