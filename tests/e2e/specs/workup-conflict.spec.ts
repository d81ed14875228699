import { ClinicApi, dateFromToday } from '../support/clinic';
import { expect, expectAccessible, signIn, test } from '../support/fixtures';

test('a stale edit shows the conflict message, and Reload brings the latest so the retry succeeds', async ({
  page,
  request,
}) => {
  const clinic = await ClinicApi.as(request, 'coordinator');
  const patient = await clinic.registerPatient();
  const workup = await clinic.openWorkup(patient.id);

  await signIn(page, 'hematologist');
  await page.goto(`/patients/${patient.id}`);
  const cbc = page.getByRole('article', {
    name: 'Complete blood count with differential',
  });
  await expect(cbc).toContainText('Planned');

  // Meanwhile a coordinator orders the same item.
  await clinic.act(workup.id, 'cbc', 'order', { dueDate: dateFromToday(7) });

  await cbc
    .getByRole('button', {
      name: 'Schedule: Complete blood count with differential',
    })
    .click();
  const dialog = page.getByRole('dialog', {
    name: 'Schedule: Complete blood count with differential',
  });
  await dialog.getByLabel('Date and time').fill(`${dateFromToday(2)}T11:15`);
  await dialog.getByRole('button', { name: 'Schedule' }).click();

  await expect(dialog.getByRole('alert')).toContainText(
    'Someone else changed this item — reload the latest and retry',
  );
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Reload' }).click();
  await expect(dialog).toBeHidden();
  await expect(cbc).toContainText('Ordered');

  await cbc
    .getByRole('button', {
      name: 'Schedule: Complete blood count with differential',
    })
    .click();
  await dialog.getByLabel('Date and time').fill(`${dateFromToday(2)}T11:15`);
  await dialog.getByRole('button', { name: 'Schedule' }).click();
  await expect(dialog).toBeHidden();
  await expect(cbc).toContainText('Scheduled');
});

test('an item changed elsewhere: Reload shows its new state and the actions it now allows', async ({
  page,
  request,
}) => {
  const clinic = await ClinicApi.as(request, 'hematologist');
  const patient = await clinic.registerPatient();
  const workup = await clinic.openWorkup(patient.id);

  await signIn(page, 'hematologist');
  await page.goto(`/patients/${patient.id}`);
  const pft = page.getByRole('article', { name: 'Pulmonary function tests' });
  await expect(pft).toContainText('Planned');

  // Cancelled elsewhere: the page still offers Order, at a version that is now stale.
  await clinic.act(workup.id, 'pft', 'cancel', { reason: 'Not tolerated' });
  await pft
    .getByRole('button', { name: 'Order: Pulmonary function tests' })
    .click();
  const dialog = page.getByRole('dialog', {
    name: 'Order: Pulmonary function tests',
  });
  await dialog.getByRole('button', { name: 'Order' }).click();
  await expect(dialog.getByRole('alert')).toContainText(
    'reload the latest and retry',
  );
  await dialog.getByRole('button', { name: 'Reload' }).click();

  await expect(pft).toContainText('Cancelled');
  await expect(pft).toContainText('Reason: Not tolerated');
  await expect(
    pft.getByRole('button', { name: 'Order: Pulmonary function tests' }),
  ).toHaveCount(0);
  await expect(
    pft.getByRole('button', { name: 'Reopen: Pulmonary function tests' }),
  ).toBeVisible();
});
