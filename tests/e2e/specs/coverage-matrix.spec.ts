import { aPatient, ClinicApi } from '../support/clinic';
import { expect, expectAccessible, signIn, test } from '../support/fixtures';

test('the coverage matrix fits 1280 px, keeps its tab on reload, and each cell leads to its item', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  const patient = aPatient();
  const api = await ClinicApi.as(request, 'hematologist');
  const { id } = await api.registerPatient(patient);
  const workup = await api.openWorkup(id);
  await api.act(workup.id, 'vegf', 'result', {
    specimen: 'plasma',
    values: [{ code: '75628-8', name: 'VEGF', value: 310, unit: 'pg/mL' }],
  });

  await signIn(page, 'hematologist');
  await page.goto(`/patients/${id}?tab=coverage`);
  const matrix = page.getByRole('table', { name: /Criteria coverage/ });
  await expect(matrix).toBeVisible();
  await page.reload();
  await expect(
    page.getByRole('tab', { name: 'Coverage matrix' }),
  ).toHaveAttribute('aria-selected', 'true');
  await expect(matrix).toBeVisible();

  // Every column in view: the region does not scroll sideways.
  const region = page.locator('pw-coverage-matrix [role="region"]');
  const { scrollWidth, clientWidth } = await region.evaluate((el) => ({
    scrollWidth: el.scrollWidth,
    clientWidth: el.clientWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);

  const cell = matrix
    .getByRole('row', { name: /^VEGF elevation/ })
    .locator('td[data-item="vegf"] a');
  // Screen readers hear the tooltip as the link's description; a pointer sees it on hover.
  await expect(cell).toHaveAccessibleDescription(
    /establishes VEGF elevation; finding: present/,
  );
  await cell.hover();
  await expect(page.locator('.mat-mdc-tooltip')).toContainText(
    /establishes VEGF elevation; finding: present/,
  );
  await expectAccessible(page);

  await cell.click();
  await expect(page).toHaveURL(/[?&]item=vegf(&|$)/);
  await expect(page.getByRole('tab', { name: 'Checklist' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(
    page.getByRole('article', {
      name: 'VEGF, plasma preferred (specimen recorded)',
    }),
  ).toHaveAttribute('aria-current', 'true');
});
