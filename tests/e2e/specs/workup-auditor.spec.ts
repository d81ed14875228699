import { ClinicApi, dateFromToday } from '../support/clinic';
import {
  expect,
  expectAccessible,
  screenshot,
  signIn,
  test,
} from '../support/fixtures';

test('an auditor sees the whole workup read-only: no action buttons at all', async ({
  page,
  request,
}) => {
  const clinic = await ClinicApi.as(request, 'hematologist');
  const patient = await clinic.registerPatient();
  const workup = await clinic.openWorkup(patient.id);
  await clinic.act(workup.id, 'serum_ife', 'schedule', {
    scheduledAt: `${dateFromToday(4)}T10:00:00+00:00`,
  });
  await clinic.act(workup.id, 'vegf', 'result', {
    specimen: 'plasma',
    values: [{ code: '75628-8', name: 'VEGF', value: 310, unit: 'pg/mL' }],
  });

  await signIn(page, 'auditor');
  await expect(
    page.getByRole('button', { name: 'Register a patient' }),
  ).toBeHidden();
  await page.goto(`/patients/${patient.id}`);

  const vegf = page.getByRole('article', {
    name: 'VEGF, plasma preferred (specimen recorded)',
  });
  await expect(vegf).toContainText('Resulted');
  await expect(vegf).toContainText('310 pg/mL');
  await expect(vegf).toContainText(/Specimen\s*Plasma/);
  await expect(
    page.getByRole('article', { name: 'Serum immunofixation' }),
  ).toContainText('Scheduled');

  await expect(page.locator('[data-action]')).toHaveCount(0);
  for (const name of ['Open a workup', 'Close workup', 'Reopen workup']) {
    await expect(page.getByRole('button', { name })).toHaveCount(0);
  }
  await expect(
    page.getByRole('button', {
      name: 'History of VEGF, plasma preferred (specimen recorded)',
    }),
  ).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'workup-auditor');

  await page.getByRole('tab', { name: 'Criteria summary' }).click();
  await expect(
    page.locator('pw-criteria-summary [data-criterion="vegf_elevation"]'),
  ).toContainText('Met');
  await page.getByRole('tab', { name: 'Coverage matrix' }).click();
  await expect(
    page.getByRole('table', { name: /Criteria coverage/ }),
  ).toBeVisible();
  await expect(page.locator('[data-action]')).toHaveCount(0);
});
