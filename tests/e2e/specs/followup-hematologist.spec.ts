import { dateFromToday } from '../support/clinic';
import {
  expect,
  expectAccessible,
  screenshot,
  signIn,
  test,
} from '../support/fixtures';
import { aMetWorkup, aPatientInFollowup } from '../support/followup';

test('a hematologist signs off a diagnosis, stages, records a line and a follow-up result, and sees the category and the VEGF trend change', async ({
  page,
  request,
}) => {
  // Several forms, each answered by the API, and two accessibility scans.
  test.setTimeout(420_000);
  // Criteria met 200 days ago with plasma VEGF 600: the baseline of a line started 190 days ago.
  const { workup } = await aMetWorkup(request, 200);

  await signIn(page, 'hematologist');
  await page.goto(`/patients/${workup.patientId}?workup=${workup.id}`);
  await page.getByRole('tab', { name: 'After the diagnosis' }).click();
  const section = page.getByRole('region', { name: 'After the diagnosis' });
  await expect(section.getByText('Not signed off yet.')).toBeVisible();

  // Diagnosis
  await section.getByLabel('Diagnosis date').fill(dateFromToday(-195));
  await section.getByRole('button', { name: 'Sign off the diagnosis' }).click();
  await expect(
    section.getByText(`Signed off on ${dateFromToday(-195)}`),
  ).toBeVisible();

  // Staging: one lesion, no marrow clone → limited
  const staging = section.getByRole('form', { name: 'Staging inputs' });
  await staging.getByLabel('Bone lesions (number or "diffuse")').fill('1');
  await staging.getByLabel('Iliac-crest marrow clone').click();
  await page.getByRole('option', { name: 'absent', exact: true }).click();
  await staging.getByRole('button', { name: 'Record staging' }).click();
  await expect(
    section.getByText('limited', { exact: true }).first(),
  ).toBeVisible();

  // Treatment line: LDex from 190 days ago, so M3 has passed
  const lineForm = section.getByRole('form', { name: 'New treatment line' });
  await lineForm.getByLabel('Regimen class').click();
  await page
    .getByRole('option', { name: 'lenalidomide dexamethasone', exact: true })
    .click();
  await lineForm.getByLabel('Start date').fill(dateFromToday(-190));
  await lineForm.getByRole('button', { name: 'Record the line' }).click();
  const line = section.getByRole('article', {
    name: /^Line 1: lenalidomide dexamethasone/,
  });
  await expect(line).toBeVisible();

  // The grid: M3's range has passed without a VEGF; the trend chart holds the baseline alone
  const m3Row = line.getByRole('row', { name: /^M3 / });
  await expect(m3Row.getByRole('cell').first()).toHaveText(
    /^not evaluable\s*no result in window/,
  );
  const vegfChart = line.getByRole('img', { name: /^VEGF\. / });
  await expect(vegfChart).toHaveAccessibleName(
    /^VEGF\. 1 results .*latest: VEGF 600 pg\/mL/,
  );
  await expect(
    line.getByText('tracker default, not a published criterion').first(),
  ).toBeVisible();

  // A follow-up result: VEGF 300 at M3, half the baseline → PR
  await line.getByRole('button', { name: /^Record result: vegf M3$/i }).click();
  const result = line.getByRole('form', { name: /^Result of vegf M3$/i });
  await result.getByLabel('Done on').fill(dateFromToday(-100));
  await result.getByLabel('VEGF (pg/mL)').fill('300');
  await result.getByLabel('Upper limit of normal').fill('96.2');
  await result.getByLabel('Specimen').click();
  await page.getByRole('option', { name: 'plasma', exact: true }).click();
  await result.getByRole('button', { name: 'Record the result' }).click();

  await expect(m3Row.getByRole('cell').first()).toHaveText(/^PR/);
  await expect(vegfChart).toHaveAccessibleName(
    /^VEGF\. 2 results .*latest: VEGF 300 pg\/mL/,
  );
  await line.getByText('VEGF values as a table').click();
  await expect(
    line.getByRole('row', { name: new RegExp(`^${dateFromToday(-100)} M3 `) }),
  ).toContainText('PR');
  await screenshot(page, 'followup-hematologist');
  await expectAccessible(page);
});

test('a coordinator sees an overdue follow-up instance on the worklist', async ({
  page,
  request,
}) => {
  test.setTimeout(300_000);
  const { name, mrn, patientId } = await aPatientInFollowup(request, 190);

  await signIn(page, 'coordinator');
  await page.goto(`/worklist?bucket=overdue`);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Worklist' }),
  ).toBeVisible();
  await page.getByLabel('Patient (MRN or name)').fill(mrn);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(
    new RegExp(`patient=${encodeURIComponent(mrn)}`),
  );
  const m3 = page.getByRole('link', {
    name: new RegExp(`VEGF.*\\(M3\\) for ${name}$`),
  });
  await expect(m3).toBeVisible();
  await expectAccessible(page);

  // The patient's follow-up tab lists the same instance as overdue.
  await page.goto(`/patients/${patientId}`);
  await page.getByRole('tab', { name: 'After the diagnosis' }).click();
  const open = page.getByRole('table', { name: /^Open instances of Line 1/ });
  await expect(
    open.getByRole('row', { name: /^vegf M3 .*overdue/i }),
  ).toBeVisible();
  await expectAccessible(page);
});
