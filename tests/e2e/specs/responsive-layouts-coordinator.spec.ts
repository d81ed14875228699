import type { Locator, Page } from '@playwright/test';
import { aPatient, ClinicApi } from '../support/clinic';
import { expect, expectAccessible, signIn, test } from '../support/fixtures';
import { expectStableLayout } from '../support/layout';

const WIDTHS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'tablet', width: 768, height: 1024 },
  { name: 'desktop', width: 1440, height: 900 },
] as const;

/** Nothing on the page scrolls sideways: the document is no wider than the window. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement?.scrollWidth ?? Infinity,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, page.url()).toBeLessThanOrEqual(innerWidth);
}

/** The element lies within the window's width (not behind a sideways scroll of its region). */
async function expectWithinWidth(page: Page, locator: Locator): Promise<void> {
  await expect(locator).toBeVisible();
  const box = await locator.boundingBox();
  const width = page.viewportSize()?.width ?? 0;
  expect(box, 'a box').not.toBeNull();
  expect(box?.x ?? -1).toBeGreaterThanOrEqual(0);
  expect((box?.x ?? 0) + (box?.width ?? Infinity)).toBeLessThanOrEqual(width);
}

test('patient list, workup page and worklist fit a phone, a tablet and a desktop', async ({
  page,
  request,
}) => {
  // Three widths × three pages, each scanned by axe: minutes on a loaded CI machine.
  test.setTimeout(600_000);
  // Fixed name and birth date, so the screenshots hold the same text on every run; the MRN is
  // unique (and masked) so the search finds this patient only.
  const patient = aPatient({
    givenName: 'Vera',
    familyName: 'Responsive',
    birthDate: '1958-03-21',
    sex: 'female',
  });
  const name = 'Responsive, Vera';
  const hematologist = await ClinicApi.as(request, 'hematologist');
  const { id } = await hematologist.registerPatient(patient);
  const workup = await hematologist.openWorkup(id);
  await hematologist.act(workup.id, 'vegf', 'result', {
    specimen: 'plasma',
    values: [{ code: '75628-8', name: 'VEGF', value: 310, unit: 'pg/mL' }],
  });

  await signIn(page, 'coordinator');
  for (const viewport of WIDTHS) {
    await test.step(`${viewport.name} (${viewport.width} px)`, async () => {
      await page.setViewportSize({
        width: viewport.width,
        height: viewport.height,
      });
      const compact = viewport.width < 960;
      // What changes between runs: the MRN, dates relative to today, other tests' inbox count.
      const volatile = [
        page.getByTestId('inbox-badge'),
        page.locator('.shell-menu'),
      ];

      // The patient list.
      await page.goto(`/patients?q=${encodeURIComponent(patient.mrn)}`);
      const row = page.getByRole('row').filter({ hasText: name });
      await expect(row).toHaveCount(1);
      await expect(page.getByText('API: up / database: up')).toBeVisible();
      await expectNoSidewaysScroll(page);
      await expectWithinWidth(page, row.getByRole('link', { name }));
      await expectStableLayout(page);
      // Header and disclaimer leave at least two thirds of the first screen to the page.
      const header = await page.locator('header.shell-header').boundingBox();
      expect(header?.height ?? Infinity).toBeLessThan(viewport.height / 3);
      await expectAccessible(page);
      await expect(page).toHaveScreenshot(`patients-${viewport.name}.png`, {
        mask: [...volatile, row.locator('td').first()],
        maxDiffPixelRatio: 0.02,
      });

      // The workup page: sticky patient, first action a button, the rest behind "More".
      await page.goto(`/patients/${id}`);
      await expect(
        page.getByRole('heading', { name: /^Workup opened/ }),
      ).toBeVisible();
      await expectNoSidewaysScroll(page);
      await expectStableLayout(page);
      const item = page.getByRole('article', { name: 'Serum immunofixation' });
      await expectWithinWidth(
        page,
        item.getByRole('button', { name: 'Order: Serum immunofixation' }),
      );
      if (compact) {
        await expect(
          item.getByRole('button', { name: 'Schedule: Serum immunofixation' }),
        ).toHaveCount(0);
        await item
          .getByRole('button', { name: 'More actions on Serum immunofixation' })
          .click();
        const menu = page.getByRole('menu');
        await expect(
          menu.getByRole('menuitem', { name: 'Schedule' }),
        ).toBeVisible();
        await page.keyboard.press('Escape');
        await expect(menu).toHaveCount(0);
        await expectWithinWidth(
          page,
          item.getByRole('button', { name: 'History of Serum immunofixation' }),
        );
      } else {
        await expect(
          item.getByRole('button', { name: 'Schedule: Serum immunofixation' }),
        ).toBeVisible();
      }
      await expectAccessible(page);
      await page.evaluate(() => {
        (document.activeElement as HTMLElement | null)?.blur();
        window.scrollTo(0, 0);
      });
      await expect(page).toHaveScreenshot(`workup-${viewport.name}.png`, {
        mask: [
          ...volatile,
          page.locator('.patient-facts div').first(),
          page.locator('.overview__title'),
          page.locator('.item__facts'),
        ],
        maxDiffPixelRatio: 0.02,
      });
      await page.evaluate(() => window.scrollTo(0, 3000));
      const sticky = page.locator('.patient-header');
      await expect(sticky.getByRole('heading', { name })).toBeInViewport();
      expect((await sticky.boundingBox())?.y ?? -1).toBeLessThanOrEqual(1);

      // The coverage matrix: a list per criterion on a phone; cells reached by keyboard tell
      // item and finding in a tooltip.
      await page.goto(`/patients/${id}?tab=coverage`);
      const vegfCell =
        viewport.width < 600
          ? page.locator(
              '[data-criterion="vegf_elevation"] li[data-item="vegf"] a',
            )
          : page
              .getByRole('row', { name: /^VEGF elevation/ })
              .locator('td[data-item="vegf"] a');
      await expect(vegfCell).toBeVisible();
      await expectNoSidewaysScroll(page);
      await page.getByRole('tab', { name: 'Coverage matrix' }).focus();
      // Tab order from the tab bar into the coverage: at most the region, then links in order.
      for (let stops = 0; stops < 80; stops++) {
        await page.keyboard.press('Tab');
        if (await vegfCell.evaluate((el) => el === document.activeElement)) {
          break;
        }
      }
      await expect(vegfCell).toBeFocused();
      // The tooltip of the cell the focus reached (the one it left may still be fading out).
      await expect(
        page.locator('.mat-mdc-tooltip').filter({
          hasText:
            'VEGF, plasma preferred (specimen recorded) — establishes VEGF elevation; finding: present',
        }),
      ).toBeVisible();
      await expectAccessible(page);

      // The worklist: due dates and actions in view, not behind a sideways scroll.
      await page.goto(
        `/worklist?bucket=unscheduled&patient=${encodeURIComponent(patient.mrn)}`,
      );
      const ife = page
        .getByRole('row')
        .filter({ hasText: 'Serum immunofixation' });
      await expect(ife).toHaveCount(1);
      await expectNoSidewaysScroll(page);
      await expectStableLayout(page);
      await expectWithinWidth(page, ife.locator('td[data-label="Due"]'));
      await expectWithinWidth(
        page,
        ife.getByRole('button', { name: /^Schedule: Serum immunofixation/ }),
      );
      await expectAccessible(page);
    });
  }
});
