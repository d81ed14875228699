import { aPatient, ClinicApi } from '../support/clinic';
import { expect, expectAccessible, signIn, test } from '../support/fixtures';

const VIEWPORTS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

const vegf = (value: number) => ({
  specimen: 'plasma',
  values: [{ code: '75628-8', name: 'VEGF', value, unit: 'pg/mL' }],
});

for (const viewport of VIEWPORTS) {
  test.describe(`sign-off (${viewport.name})`, () => {
    test.use({
      viewport: { width: viewport.width, height: viewport.height },
    });

    test('a hematologist signs off; the banner names who and when; a later change marks it outdated', async ({
      page,
      request,
    }) => {
      test.setTimeout(240_000);
      const patient = aPatient();
      const api = await ClinicApi.as(request, 'hematologist');
      const { id } = await api.registerPatient(patient);
      const workup = await api.openWorkup(id);
      await api.act(workup.id, 'vegf', 'result', vegf(310));

      await signIn(page, 'hematologist');
      await page.goto(`/patients/${id}`);
      await expect(
        page.getByRole('heading', {
          level: 1,
          name: `${patient.familyName}, ${patient.givenName}`,
        }),
      ).toBeVisible();
      const banner = page.locator('pw-workup-overview p.banner');
      await expect(banner).toContainText('pending the hematologist');

      await page
        .locator('pw-workup-overview')
        .getByRole('button', { name: 'Sign off' })
        .click();
      const dialog = page.getByRole('dialog', {
        name: 'Sign off the evaluation',
      });
      await dialog.getByRole('button', { name: 'Sign off' }).click();
      await expect(dialog).toBeHidden();
      // Who and when, on the clinic's clock with its zone, whatever the browser's zone.
      await expect(banner).toContainText(
        /Signed off by .*Demo Hematologist.* E[SD]T/,
      );
      await expectAccessible(page);

      // A later correction outdates the sign-off and says what changed.
      await api.act(workup.id, 'vegf', 'result', vegf(150));
      await page.reload();
      await expect(banner).toContainText(/outdated since .* E[SD]T/);
      await expect(
        page.locator('pw-workup-overview .overview__changes'),
      ).toContainText('Changed since the sign-off');
      await expect(
        page.locator('pw-workup-overview').getByRole('button', {
          name: 'Sign off',
        }),
      ).toBeVisible();
      await expectAccessible(page);
    });
  });
}
