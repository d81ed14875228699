import { ClinicApi } from '../support/clinic';
import { expect, expectAccessible, signIn, test } from '../support/fixtures';

test('a hematologist sees an unjudgeable serum VEGF as indeterminate, with "repeat as plasma VEGF" as the next test', async ({
  page,
  request,
}) => {
  const clinic = await ClinicApi.as(request, 'hematologist');
  const patient = await clinic.registerPatient();
  const workup = await clinic.openWorkup(patient.id);
  const results: [string, Record<string, unknown>][] = [
    [
      'emg_ncs',
      {
        report: 'Demyelinating polyradiculoneuropathy.',
        findings: [{ criterion: 'polyneuropathy', value: 'present' }],
      },
    ],
    ['serum_ife', { heavyChain: 'IgA', lightChain: 'lambda' }],
    ['physical_exam', { signs: ['edema', 'hyperpigmentation'] }],
    ['bone_imaging', { lesions: 'none' }],
    ['body_imaging', { signs: [] }],
    [
      'vegf',
      {
        specimen: 'serum',
        values: [{ code: '75628-8', name: 'VEGF', value: 1480, unit: 'pg/mL' }],
      },
    ],
  ];
  for (const [key, body] of results) {
    await clinic.act(workup.id, key, 'result', body);
  }

  await signIn(page, 'hematologist');
  await page.goto(`/patients/${patient.id}`);
  await expect(
    page.getByRole('heading', {
      level: 1,
      name: `${patient.familyName}, ${patient.givenName}`,
    }),
  ).toBeVisible();

  await expect(
    page.getByText('Indeterminate', { exact: true }).first(),
  ).toBeVisible();
  await expect(page.getByText('Criteria not met', { exact: true })).toHaveCount(
    0,
  );
  await page.getByRole('tab', { name: 'Criteria summary' }).click();
  const nextTests = page.getByTestId('next-tests');
  await expect(nextTests.getByRole('listitem').first()).toContainText(
    'Repeat as plasma VEGF',
  );
  await expectAccessible(page);
});
