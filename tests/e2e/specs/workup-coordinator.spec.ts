import { dateFromToday } from '../support/clinic';
import {
  expect,
  expectAccessible,
  screenshot,
  signIn,
  test,
  unique,
} from '../support/fixtures';

test('a coordinator registers a patient, opens a workup, schedules and orders tests, then works the worklist', async ({
  page,
}) => {
  // A whole journey with an accessibility scan at each step: longer than one interaction.
  test.setTimeout(240_000);
  const mrn = unique('C');
  const familyName = `Coordinated ${mrn.slice(2)}`;
  await signIn(page, 'coordinator');
  // Coordinators start on their worklist; registering starts from the patients.
  await expect(
    page.getByRole('heading', { level: 1, name: 'Worklist' }),
  ).toBeVisible();
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Patients' })
    .click();

  // Register, with the form checking the birth date first.
  await page.getByRole('button', { name: 'Register a patient' }).click();
  const register = page.getByRole('dialog', { name: 'Register a patient' });
  await register.getByLabel('Medical record number (MRN)').fill(mrn);
  await register.getByLabel('Given name').fill('Ada');
  await register.getByLabel('Family name').fill(familyName);
  await register.getByLabel('Birth date').fill(dateFromToday(3));
  await register.getByRole('combobox', { name: 'Sex' }).click();
  await page.getByRole('option', { name: 'Female' }).click();
  await register.getByRole('button', { name: 'Register' }).click();
  await expect(register.getByText('Must not be in the future.')).toBeVisible();
  await expectAccessible(page);
  await register.getByLabel('Birth date').fill('1968-02-29');
  await register.getByRole('button', { name: 'Register' }).click();

  await expect(
    page.getByRole('heading', { level: 1, name: `${familyName}, Ada` }),
  ).toBeVisible();
  await expect(page.getByText('No workup yet.')).toBeVisible();

  // Open the workup: the checklist and the decision-support banner appear.
  await page.getByRole('button', { name: 'Open a workup' }).click();
  await expect(page.getByRole('note')).toContainText(
    'POEMS syndrome — Mayo (Dispenzieri) criteria',
  );
  await expect(page.getByRole('note')).toContainText(
    "pending the hematologist's sign-off",
  );
  await expect(
    page.getByRole('button', { name: 'Open a workup' }),
  ).toBeHidden();

  // Schedule serum immunofixation.
  const ife = page.getByRole('article', { name: 'Serum immunofixation' });
  await ife
    .getByRole('button', { name: 'Schedule: Serum immunofixation' })
    .click();
  const schedule = page.getByRole('dialog', {
    name: 'Schedule: Serum immunofixation',
  });
  // The browser is in Tokyo, the clinic in New York: times are typed and read on the clinic's clock.
  await expect(schedule.getByText(/^Clinic time \(E[SD]T\)$/)).toBeVisible();
  await schedule.getByLabel('Date and time').fill(`${dateFromToday(5)}T09:30`);
  await schedule
    .getByLabel('Location (optional)')
    .fill('Haematology lab, room 2');
  await schedule.getByRole('button', { name: 'Schedule' }).click();
  await expect(schedule).toBeHidden();
  await expect(ife).toContainText('Scheduled');
  await expect(ife).toContainText('at Haematology lab, room 2');
  await expect(ife).toContainText(/09:30 E[SD]T/);
  await expect(
    ife.getByRole('button', { name: 'Reschedule: Serum immunofixation' }),
  ).toBeVisible();

  // Order the blood count, due yesterday: it is overdue at once.
  const cbc = page.getByRole('article', {
    name: 'Complete blood count with differential',
  });
  await cbc
    .getByRole('button', {
      name: 'Order: Complete blood count with differential',
    })
    .click();
  const order = page.getByRole('dialog', {
    name: 'Order: Complete blood count with differential',
  });
  await order.getByLabel('Due date (optional)').fill(dateFromToday(-1));
  await order.getByRole('button', { name: 'Order' }).click();
  await expect(order).toBeHidden();
  await expect(cbc).toContainText('Ordered');
  await expect(cbc).toContainText('Overdue');

  // A coordinator records no results and signs nothing off.
  await expect(
    page.locator('[data-action="result"], [data-action="review"]'),
  ).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Close workup' })).toBeHidden();
  await expectAccessible(page);
  await screenshot(page, 'workup-checklist-coordinator');

  // The patient list shows the overdue count and the open workup's status.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Patients' })
    .click();
  await page.getByLabel('Search by MRN or name').fill(mrn);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${mrn}`));
  const row = page.getByRole('row', { name: new RegExp(mrn) });
  await expect(row).toContainText('1 overdue');
  await expect(row).toContainText('Incomplete');
  await expect(row).toContainText('0 / 16 done');
  await expect(page.getByRole('row')).toHaveCount(2);
  await expectAccessible(page);
  await screenshot(page, 'patients');

  // The worklist: the overdue blood count, rescheduled inline with a new due date.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Worklist' })
    .click();
  await expect(page.getByRole('tab', { name: /^Overdue \d+/ })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  // The demo clinic's follow-up patients hold dozens of long-overdue instances: newest due first,
  // this patient's blood count (due yesterday) is on the first page.
  await page.goto('/worklist?sort=-dueDate');
  const overdueRow = page.getByRole('row', { name: new RegExp(familyName) });
  await expect(overdueRow).toContainText('Complete blood count');
  await expectAccessible(page);
  await screenshot(page, 'worklist');

  await overdueRow
    .getByRole('button', { name: /^Schedule: Complete blood count/ })
    .click();
  const inline = page.getByRole('dialog', {
    name: /^Schedule: Complete blood count/,
  });
  await inline.getByLabel('Date and time').fill(`${dateFromToday(2)}T08:00`);
  await inline.getByLabel('Due date (optional)').fill(dateFromToday(3));
  await inline.getByRole('button', { name: 'Schedule' }).click();
  await expect(inline).toBeHidden();
  await expect(
    page.getByRole('row', { name: new RegExp(familyName) }),
  ).toHaveCount(0);

  // Sorting goes through the address, so a reload or a shared link keeps it.
  await page.getByRole('columnheader', { name: 'Patient' }).click();
  await expect(page).toHaveURL(/sort=patientName/);

  await page.getByRole('tab', { name: /^Due soon/ }).click();
  await expect(page).toHaveURL(/bucket=due_soon/);
  await expect(
    page.getByRole('row', {
      name: new RegExp(`${familyName}.*Complete blood count`),
    }),
  ).toBeVisible();
});
