import type { Locator } from '@playwright/test';
import { ClinicApi } from '../support/clinic';
import {
  expect,
  expectAccessible,
  screenshot,
  signIn,
  test,
} from '../support/fixtures';

const PHONE = { width: 390, height: 844 };
const CBC = 'Complete blood count with differential';

/** How far an element's content reaches past its box sideways (0 when it fits). */
const overflowOf = (element: Locator): Promise<number> =>
  element.evaluate((el) => el.scrollWidth - el.clientWidth);

test('on a phone the result dialog stacks each value’s fields at full width, with nothing cut off or scrolling sideways (#16 §4)', async ({
  page,
  request,
}) => {
  const clinic = await ClinicApi.as(request, 'coordinator');
  const patient = await clinic.registerPatient();
  await clinic.openWorkup(patient.id);

  await signIn(page, 'hematologist');
  await page.goto(`/patients/${patient.id}`);
  await page.getByRole('tab', { name: 'Checklist' }).click();
  await page
    .getByRole('article', { name: CBC })
    .getByRole('button', { name: `Record result: ${CBC}` })
    .click();
  const dialog = page.getByRole('dialog', { name: `Record result: ${CBC}` });
  await expect(dialog).toBeVisible();
  // The dialog itself at phone width, whichever way the page offers the action there.
  await page.setViewportSize(PHONE);

  const firstRow = dialog.locator('.values-table tbody tr').first();
  const value = firstRow.getByLabel(/^Value/);
  const unit = firstRow.getByLabel(/^Unit/);
  const low = firstRow.getByLabel(/^Low/);
  await expect(value).toBeVisible();

  // Stacked: one field under the other, each as wide as the dialog allows.
  const valueBox = await value.boundingBox();
  const unitBox = await unit.boundingBox();
  const lowBox = await low.boundingBox();
  expect(valueBox).not.toBeNull();
  expect(unitBox).not.toBeNull();
  expect(lowBox).not.toBeNull();
  if (valueBox && unitBox && lowBox) {
    expect(unitBox.y).toBeGreaterThan(valueBox.y + valueBox.height);
    expect(lowBox.y).toBeGreaterThan(unitBox.y + unitBox.height);
    expect(valueBox.width).toBeGreaterThan(PHONE.width / 2);
    expect(valueBox.x + valueBox.width).toBeLessThanOrEqual(PHONE.width);
  }

  // Labels whole ("Value", never "V.."), and no sideways scroll in the dialog or the page.
  for (const label of await firstRow.locator('.mdc-floating-label').all()) {
    expect(await overflowOf(label)).toBeLessThanOrEqual(0);
  }
  expect(await overflowOf(dialog.locator('.table-scroll'))).toBe(0);
  expect(await overflowOf(dialog.locator('mat-dialog-content'))).toBe(0);
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth),
  ).toBeLessThanOrEqual(PHONE.width);

  await expectAccessible(page);
  await screenshot(page, 'result-dialog-phone');
});
