import type { Locator, Page } from '@playwright/test';
import { ClinicApi } from '../support/clinic';
import {
  expect,
  expectAccessible,
  screenshot,
  signIn,
  test,
} from '../support/fixtures';

/** The matrix cell of a criterion (row) and an item (column). */
function cell(page: Page, criterion: string, itemKey: string): Locator {
  return page
    .getByRole('table', { name: /Criteria coverage/ })
    .getByRole('row', { name: new RegExp(`^${criterion}`) })
    .locator(`td[data-item="${itemKey}"]`);
}

async function openResult(page: Page, itemName: string): Promise<Locator> {
  await page.getByRole('tab', { name: 'Checklist' }).click();
  await page
    .getByRole('article', { name: itemName })
    .getByRole('button', { name: `Record result: ${itemName}` })
    .click();
  return page.getByRole('dialog', { name: `Record result: ${itemName}` });
}

async function save(dialog: Locator): Promise<void> {
  await dialog.getByRole('button', { name: 'Save result' }).click();
  await expect(dialog).toBeHidden();
}

test('a hematologist records results until the criteria are met, watching the matrix and summary change', async ({
  page,
  request,
}) => {
  // A whole journey with an accessibility scan at each step: longer than one interaction.
  test.setTimeout(240_000);
  const clinic = await ClinicApi.as(request, 'coordinator');
  const patient = await clinic.registerPatient();
  await clinic.openWorkup(patient.id);

  await signIn(page, 'hematologist');
  await page.goto(`/patients/${patient.id}`);
  await expect(
    page.getByRole('heading', {
      level: 1,
      name: `${patient.familyName}, ${patient.givenName}`,
    }),
  ).toBeVisible();
  const overview = page.locator('pw-workup-overview');
  await expect(overview).toContainText('Incomplete');

  await page.getByRole('tab', { name: 'Coverage matrix' }).click();
  await expect(cell(page, 'Polyradiculoneuropathy', 'emg_ncs')).toHaveText(
    /Establishes; finding: not yet/,
  );
  await expect(cell(page, 'Polyradiculoneuropathy', 'neuro_exam')).toHaveText(
    /Supports; finding: not yet/,
  );
  await expectAccessible(page);

  // EMG: nothing is inferred from it, the finding is asserted.
  const emg = await openResult(page, 'Nerve conduction studies + needle EMG');
  await expect(emg).toContainText('Nothing is inferred from this item');
  await emg
    .getByLabel('Report (free text, optional)')
    .fill('Demyelinating sensorimotor polyradiculoneuropathy.');
  await emg.getByRole('combobox', { name: 'Polyradiculoneuropathy' }).click();
  await page.getByRole('option', { name: 'Present' }).click();
  await expectAccessible(page);
  await save(emg);

  await page.getByRole('tab', { name: 'Coverage matrix' }).click();
  await expect(cell(page, 'Polyradiculoneuropathy', 'emg_ncs')).toHaveText(
    /Establishes; finding: present/,
  );
  await expect(
    page
      .getByRole('table', { name: /Criteria coverage/ })
      .getByRole('row', { name: /^Polyradiculoneuropathy/ }),
  ).toContainText('Met');

  // Serum immunofixation: IgA λ, the clone is inferred.
  const ife = await openResult(page, 'Serum immunofixation');
  await ife.getByRole('combobox', { name: 'Heavy chain' }).click();
  await page.getByRole('option', { name: 'IgA' }).click();
  await ife.getByRole('combobox', { name: 'Light chain' }).click();
  await page.getByRole('option', { name: 'λ (lambda)' }).click();
  await save(ife);

  // VEGF: the form refuses a result without its specimen (the domain's rule), then takes it.
  const vegf = await openResult(
    page,
    'VEGF, plasma preferred (specimen recorded)',
  );
  await vegf.getByLabel('Value of VEGF').fill('850');
  await vegf.getByRole('button', { name: 'Save result' }).click();
  await expect(
    vegf.getByText('specimen is required for VEGF (plasma or serum).'),
  ).toBeVisible();
  await vegf.getByRole('combobox', { name: 'Specimen' }).click();
  await page.getByRole('option', { name: 'Plasma' }).click();
  await save(vegf);

  await page.getByRole('tab', { name: 'Criteria summary' }).click();
  const summary = page.locator('pw-criteria-summary');
  await expect(
    summary.locator('[data-criterion="vegf_elevation"]'),
  ).toContainText('Met');
  await expect(summary).toContainText('Both mandatory criteria met');
  await expect(
    summary.getByRole('heading', { name: 'Next tests' }),
  ).toBeVisible();
  await expect(overview).toContainText('Incomplete');

  // Skin and volume examination: hyperpigmentation meets the minor criterion of skin changes.
  const exam = await openResult(page, 'Skin and volume examination');
  await exam.getByRole('checkbox', { name: 'Hyperpigmentation' }).check();
  await save(exam);

  await expect(overview).toContainText('Criteria met');
  await page.getByRole('tab', { name: 'Criteria summary' }).click();
  await expect(summary.locator('.explanation')).toHaveText(/^Criteria met\./);
  await expect(
    summary.locator('[data-criterion="skin_changes"]'),
  ).toContainText('Met by physical examination: hyperpigmentation.');
  await expect(
    summary.getByRole('heading', { name: 'Next tests' }),
  ).toBeHidden();
  await expectAccessible(page);
  await screenshot(page, 'workup-criteria-summary');

  await page.getByRole('tab', { name: 'Coverage matrix' }).click();
  await expect(cell(page, 'Skin changes', 'physical_exam')).toHaveText(
    /Establishes; finding: present/,
  );
  await expect(
    cell(page, 'Extravascular volume overload', 'physical_exam'),
  ).toHaveText(/Establishes; finding: absent/);
  await expectAccessible(page);
  await screenshot(page, 'workup-coverage-matrix');

  // The history of an item, in the side panel.
  await page.getByRole('tab', { name: 'Checklist' }).click();
  await page
    .getByRole('button', { name: 'History of Serum immunofixation' })
    .click();
  const history = page.getByRole('dialog', {
    name: 'History: Serum immunofixation',
  });
  await expect(history.getByRole('listitem').first()).toContainText(
    'Result recorded',
  );
  await expect(history).toContainText('Dr. Demo Hematologist (Hematologist)');
  await expectAccessible(page);
  await history.getByRole('button', { name: 'Close' }).click();

  // Review, then sign off by closing the workup; reopen it again.
  await page
    .getByRole('article', { name: 'Serum immunofixation' })
    .getByRole('button', { name: 'Review: Serum immunofixation' })
    .click();
  const review = page.getByRole('dialog', {
    name: 'Review: Serum immunofixation',
  });
  await review.getByRole('button', { name: 'Mark reviewed' }).click();
  await expect(review).toBeHidden();
  await expect(
    page.getByRole('article', { name: 'Serum immunofixation' }),
  ).toContainText('Reviewed');

  await page.getByRole('button', { name: 'Close workup' }).click();
  const close = page.getByRole('dialog', { name: 'Close the workup' });
  await close.getByRole('button', { name: 'Close the workup' }).click();
  await expect(close.getByText('Required.')).toBeVisible();
  await close
    .getByLabel('Reason')
    .fill('Criteria met; referred for treatment.');
  await close.getByRole('button', { name: 'Close the workup' }).click();
  await expect(close).toBeHidden();
  await expect(overview).toContainText('Closed');
  await expect(page.locator('[data-action]')).toHaveCount(0);
  await screenshot(page, 'workup-closed');

  await page.getByRole('button', { name: 'Reopen workup' }).click();
  const reopen = page.getByRole('dialog', { name: 'Reopen the workup' });
  await reopen.getByLabel('Reason').fill('Further review requested.');
  await reopen.getByRole('button', { name: 'Reopen the workup' }).click();
  await expect(overview).toContainText('Open');
  await expect(page.locator('[data-action]').first()).toBeVisible();
});

test('the workup page fits a tablet: the matrix scrolls sideways inside its region', async ({
  page,
  request,
}) => {
  const clinic = await ClinicApi.as(request, 'hematologist');
  const patient = await clinic.registerPatient();
  await clinic.openWorkup(patient.id);
  await page.setViewportSize({ width: 820, height: 1180 });

  await signIn(page, 'hematologist');
  await page.goto(`/patients/${patient.id}`);
  await page.getByRole('tab', { name: 'Coverage matrix' }).click();

  const region = page.getByRole('region', { name: /Criteria coverage/ });
  const { scrollWidth, clientWidth } = await region.evaluate((el) => ({
    scrollWidth: el.scrollWidth,
    clientWidth: el.clientWidth,
  }));
  expect(scrollWidth).toBeGreaterThan(clientWidth);
  const pageWidth = await page.evaluate(
    () => document.documentElement.scrollWidth,
  );
  expect(pageWidth).toBeLessThanOrEqual(820);
  await expectAccessible(page);
  await screenshot(page, 'workup-matrix-tablet');
});
