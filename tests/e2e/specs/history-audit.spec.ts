import { aPatient, ClinicApi } from '../support/clinic';
import { expect, expectAccessible, signIn, test } from '../support/fixtures';

const VEGF = 'VEGF, plasma preferred (specimen recorded)';

const VIEWPORTS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

const vegf = (value: number) => ({
  specimen: 'plasma',
  values: [{ code: '75628-8', name: 'VEGF', value, unit: 'pg/mL' }],
});

for (const viewport of VIEWPORTS) {
  test.describe(`readable history and audit (${viewport.name})`, () => {
    test.use({
      viewport: { width: viewport.width, height: viewport.height },
    });

    test('a hematologist reads an item’s history in words: the first result, then its correction old → new', async ({
      page,
      request,
    }) => {
      test.setTimeout(240_000);
      const patient = aPatient();
      const api = await ClinicApi.as(request, 'hematologist');
      const { id } = await api.registerPatient(patient);
      const workup = await api.openWorkup(id);
      await api.act(workup.id, 'vegf', 'result', vegf(310));
      await api.act(workup.id, 'vegf', 'result', vegf(150));

      await signIn(page, 'hematologist');
      // Hematologists start on the patients, their review queue in sight.
      await expect(page).toHaveURL(/\/patients$/);
      await expect(page.locator('[data-review-queue]')).toContainText(
        /awaits? your review/,
      );

      await page.goto(`/patients/${id}`);
      await expect(
        page.getByRole('heading', {
          level: 1,
          name: `${patient.familyName}, ${patient.givenName}`,
        }),
      ).toBeVisible();
      await page.getByRole('button', { name: `History of ${VEGF}` }).click();
      const history = page.getByRole('dialog', { name: `History: ${VEGF}` });
      const entries = history.locator('li.history__entry');
      // Newest recorded first: the correction, then the first result, then the planning.
      await expect(entries).toHaveCount(3);
      const correction = entries.nth(0);
      await expect(correction.getByRole('heading')).toHaveText(
        /Result corrected\s*Correction/,
      );
      await expect(
        correction.locator('dl > div').filter({ hasText: /^VEGF/ }),
      ).toHaveText(/310 pg\/mL\s*→\s*changed to\s*150 pg\/mL/);
      await expect(correction).toContainText('Finding: VEGF elevation');
      await expect(correction).toContainText(
        /By Demo Hematologist|By Dr\. Demo Hematologist/,
      );
      // Times on the clinic's clock, named, whatever the browser's zone.
      await expect(correction.locator('.history__meta')).toContainText(
        /recorded .* E[SD]T/,
      );
      const first = entries.nth(1);
      await expect(first.getByRole('heading')).toHaveText('Result recorded');
      await expect(
        first.locator('dl > div').filter({ hasText: /^VEGF/ }),
      ).toContainText('310 pg/mL');
      await expect(first).not.toContainText('150 pg/mL');
      await expectAccessible(page);
    });

    test('an auditor finds a patient’s result events by MRN and the action family, and reads what changed', async ({
      page,
      request,
    }) => {
      test.setTimeout(240_000);
      const patient = aPatient();
      const api = await ClinicApi.as(request, 'hematologist');
      const { id } = await api.registerPatient(patient);
      const workup = await api.openWorkup(id);
      await api.act(workup.id, 'vegf', 'result', vegf(310));
      await api.act(workup.id, 'vegf', 'result', vegf(150));

      await signIn(page, 'auditor');
      await page.goto('/audit');
      await expect(
        page.getByRole('heading', { level: 1, name: 'Audit' }),
      ).toBeVisible();
      await expect(page.locator('[data-chain-status]')).not.toHaveText(
        'Verifying…',
      );
      await page.getByLabel('Patient', { exact: true }).fill(patient.mrn);
      await page.getByLabel('Action', { exact: true }).fill('result');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await expect(page).toHaveURL(
        new RegExp(`patient=${encodeURIComponent(patient.mrn)}&action=result`),
      );
      const table = page.getByRole('region', { name: 'Audit events' });
      const rows = table.locator('tbody tr.mat-mdc-row:not(.expanded-row)');
      await expect(rows).toHaveCount(2);
      await expect(rows.nth(0)).toContainText('item.result');
      await expect(rows.nth(1)).toContainText('item.result');

      // Newest first: the correction, read as values old → new.
      await rows
        .first()
        .getByRole('button', { name: /^Details of event/ })
        .click();
      const details = table.locator('.expanded-row:not([hidden])');
      await expect(
        details.locator('.diff tbody tr').filter({ hasText: /^VEGF/ }),
      ).toHaveText(/VEGF\s*310 pg\/mL\s*150 pg\/mL/);
      await expect(details.locator('.facts')).toContainText(/Correction\s*yes/);
      await expect(details).not.toContainText('{"');
      await expectAccessible(page);
    });
  });
}
