import { aPatient, ClinicApi, dateFromToday } from '../support/clinic';
import {
  expect,
  expectAccessible,
  screenshot,
  signIn,
  test,
} from '../support/fixtures';

const CBC = 'Complete blood count with differential';
const IFE = 'Serum immunofixation';
const VEGF = 'VEGF, plasma preferred (specimen recorded)';

const VIEWPORTS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

for (const viewport of VIEWPORTS) {
  test.describe(`worklist as an in-basket (${viewport.name})`, () => {
    test.use({
      viewport: { width: viewport.width, height: viewport.height },
    });

    test('a coordinator starts on the worklist, filters to a patient, acts on several items at once and lands on an item', async ({
      page,
      request,
    }) => {
      // A journey through several pages with an accessibility scan on each: minutes on a loaded
      // CI machine (measured 3 min there for the desktop run).
      test.setTimeout(420_000);
      const patient = aPatient();
      const api = await ClinicApi.as(request, 'coordinator');
      const { id } = await api.registerPatient(patient);
      const workup = await api.openWorkup(id);
      const name = `${patient.familyName}, ${patient.givenName}`;

      await signIn(page, 'coordinator');
      await expect(page).toHaveURL(/\/worklist$/);
      await expect(
        page.getByRole('heading', { level: 1, name: 'Worklist' }),
      ).toBeVisible();

      // Unscheduled, narrowed to this patient by MRN: only their items remain. The bucket by its
      // address: at phone width the tab bar pages its tabs behind arrows.
      await page.goto('/worklist?bucket=unscheduled');
      await expect(
        page.getByRole('heading', { level: 1, name: 'Worklist' }),
      ).toBeVisible();
      await page.getByLabel('Patient (MRN or name)').fill(patient.mrn);
      await page.getByRole('button', { name: 'Apply' }).click();
      await expect(page).toHaveURL(
        new RegExp(`patient=${encodeURIComponent(patient.mrn)}`),
      );
      const cbcBox = page.getByRole('checkbox', {
        name: `Select ${CBC} for ${name}`,
      });
      await expect(cbcBox).toBeVisible();
      await expect(
        page.getByRole('row').filter({ hasNotText: name }),
      ).toHaveCount(1); // the header row only
      await expectAccessible(page);

      // Bulk schedule two items; meanwhile someone else orders the immunofixation.
      await cbcBox.check();
      await page
        .getByRole('checkbox', { name: `Select ${IFE} for ${name}` })
        .check();
      const bar = page.getByRole('toolbar', { name: 'Selected items' });
      await expect(bar).toContainText('2 selected');
      await bar.getByRole('button', { name: 'Schedule selected' }).click();
      const dialog = page.getByRole('dialog', { name: /^Schedule: 2 items/ });
      await dialog.getByLabel('Date and time').fill(`${dateFromToday(3)}T09:30`);
      await dialog.getByLabel('Location (optional)').fill('Lab 2');
      await dialog.getByLabel('Due date (optional)').fill(dateFromToday(4));
      await api.act(workup.id, 'serum_ife', 'order', {});
      await dialog.getByRole('button', { name: 'Schedule' }).click();
      await expect(dialog.getByRole('status')).toHaveText(
        'Scheduled: 1 of 2. 1 not done.',
      );
      await expect(dialog.getByRole('listitem')).toHaveText([
        `${IFE} — ${name}: Changed by someone else meanwhile: reload the list and try it again.`,
      ]);
      await expectAccessible(page);
      await screenshot(page, `worklist-bulk-report-${viewport.name}`);
      await dialog.getByRole('button', { name: 'Done' }).click();
      await expect(dialog).toBeHidden();
      await expect(
        page.getByRole('checkbox', { name: `Select ${CBC} for ${name}` }),
      ).toHaveCount(0);
      await expect(
        page.getByRole('checkbox', { name: `Select ${IFE} for ${name}` }),
      ).toBeVisible();

      // Mark VEGF performed in bulk: it waits for its result, performed today, 0 days waiting.
      await page
        .getByRole('checkbox', { name: `Select ${VEGF} for ${name}` })
        .check();
      await bar.getByRole('button', { name: 'Mark selected performed' }).click();
      const perform = page.getByRole('dialog', {
        name: /^Mark performed: 1 item/,
      });
      await perform.getByRole('button', { name: 'Mark performed' }).click();
      await expect(perform.getByRole('status')).toHaveText(
        'Marked performed: all 1.',
      );
      await perform.getByRole('button', { name: 'Done' }).click();

      await page.goto(
        `/worklist?bucket=awaiting_result&patient=${encodeURIComponent(patient.mrn)}`,
      );
      await expect(
        page.getByRole('heading', { level: 1, name: 'Worklist' }),
      ).toBeVisible();
      const waiting = page.getByRole('row', { name: new RegExp(VEGF.slice(0, 4)) });
      await expect(waiting).toContainText(name);
      await expect(waiting).toContainText('0 days');
      await expect(
        page.getByRole('columnheader', { name: 'Performed' }),
      ).toBeVisible();

      // Grouped by patient: one heading for the patient.
      await page.getByRole('checkbox', { name: 'Group by patient' }).check();
      await expect(page).toHaveURL(/group=patient/);
      await expect(page.locator('tr.group-row')).toHaveCount(1);
      await expect(page.locator('tr.group-row')).toContainText(
        `${name}MRN ${patient.mrn} · 1 item`,
      );
      await expectAccessible(page);
      await screenshot(page, `worklist-grouped-${viewport.name}`);

      // The link lands on the item: scrolled to, focused and marked.
      await page
        .getByRole('link', { name: `${VEGF} for ${name}` })
        .click();
      await expect(
        page.getByRole('heading', { level: 1, name }),
      ).toBeVisible();
      await expect(page).toHaveURL(/item=vegf/);
      const item = page.getByRole('article', { name: VEGF });
      await expect(item).toHaveAttribute('aria-current', 'true');
      await expect(item).toBeFocused();
      await expect(item).toBeInViewport();
      await expectAccessible(page);
    });
  });
}
