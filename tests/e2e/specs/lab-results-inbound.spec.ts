import { ClinicApi, aPatient } from '../support/clinic';
import {
  expect,
  expectAccessible,
  screenshot,
  signIn,
  test,
  unique,
} from '../support/fixtures';
import { oru, sendOverMllp } from '../support/mllp';

const VEGF_OBX =
  'OBX|1|NM|75628-8^VEGF^LN||480|pg/mL^^UCUM|<96.2|H|||F|||20250312081500-0500';
const PLASMA = 'SPM|1|||PLAS^Plasma^HL70487^119361006^Plasma specimen^SCT';
const IGG_OBX =
  'OBX|1|NM|2465-3^IgG SerPl-mCnc^LN||980|mg/dL^^UCUM|700-1600|N|||F|||20250312081500-0500';

test('an ORU sent over MLLP results a pending VEGF item and changes the criteria on the open workup page', async ({
  page,
  request,
}) => {
  const clinic = await ClinicApi.as(request, 'coordinator');
  const patient = await clinic.registerPatient(
    aPatient({
      familyName: 'Lab-Inbound',
      givenName: 'Vera',
      birthDate: '1960-02-03',
      sex: 'female',
    }),
  );
  await clinic.openWorkup(patient.id);

  await signIn(page, 'hematologist');
  await page.goto(`/patients/${patient.id}`);
  await page.getByRole('tab', { name: 'Criteria summary' }).click();
  const vegfCriterion = page.locator(
    'pw-criteria-summary [data-criterion="vegf_elevation"]',
  );
  await expect(vegfCriterion).not.toContainText('Met');

  const controlId = unique('E2E-VEGF').slice(0, 20);
  const ack = await sendOverMllp(
    oru({
      controlId,
      mrn: patient.mrn,
      familyName: 'LAB-INBOUND',
      givenName: 'VERA',
      birthDate: '19600203',
      sex: 'F',
      observations: [VEGF_OBX],
      specimen: PLASMA,
    }),
  );
  expect(ack.split('\r')[1]).toBe(`MSA|AA|${controlId}`);

  await page.reload();
  await page.getByRole('tab', { name: 'Criteria summary' }).click();
  await expect(vegfCriterion).toContainText('Met');
  await page.getByRole('tab', { name: 'Checklist' }).click();
  const vegf = page.getByRole('article', {
    name: 'VEGF, plasma preferred (specimen recorded)',
  });
  await expect(vegf).toContainText('Resulted');
  await expect(vegf.getByTestId('result-source')).toHaveText(
    `Result from laboratory interface CITYLAB, message ${controlId}`,
  );
  await screenshot(page, 'workup-vegf-from-laboratory');
});

test('a hematologist applies an unknown-LOINC entry from the inbox to a checklist item', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const clinic = await ClinicApi.as(request, 'coordinator');
  const patient = await clinic.registerPatient(
    aPatient({
      familyName: 'Inbox-Apply',
      givenName: 'Ian',
      birthDate: '1955-05-06',
      sex: 'male',
    }),
  );
  await clinic.openWorkup(patient.id);
  const controlId = unique('E2E-IGG').slice(0, 20);
  const ack = await sendOverMllp(
    oru({
      controlId,
      mrn: patient.mrn,
      familyName: 'INBOX-APPLY',
      givenName: 'IAN',
      birthDate: '19550506',
      sex: 'M',
      observations: [IGG_OBX],
    }),
  );
  expect(ack).toContain(`MSA|AA|${controlId}`);
  expect(ack).toContain('|OBX^1^3|103^');

  await signIn(page, 'hematologist');
  const inboxLink = page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: /Inbox/ });
  await expect(inboxLink.getByTestId('inbox-badge')).toBeVisible();
  await inboxLink.click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Inbox' }),
  ).toBeVisible();
  const entry = page.getByTestId('inbox-entry').filter({ hasText: controlId });
  await expect(entry).toContainText('Test not on the checklist');
  await expect(entry).toContainText('980 mg/dL');
  await expectAccessible(page);

  await entry.getByRole('button', { name: 'Apply…' }).click();
  const choose = page.getByRole('dialog', { name: 'Apply the result' });
  await expect(
    choose.getByRole('radio', { name: new RegExp(patient.mrn) }),
  ).toBeChecked();
  await choose.getByRole('combobox', { name: 'Checklist item' }).click();
  await page
    .getByRole('option', { name: 'Serum protein electrophoresis (M-spike)' })
    .click();
  await choose.getByRole('button', { name: 'Continue to the result' }).click();

  const result = page.getByRole('dialog', {
    name: /Record result: Serum protein electrophoresis/,
  });
  await result
    .getByLabel('Report (free text, optional)')
    .fill('IgG 980 mg/dL (700-1600), from the laboratory.');
  await result.getByRole('button', { name: 'Save result' }).click();
  await expect(result).toBeHidden();
  await expect(
    page.getByTestId('inbox-entry').filter({ hasText: controlId }),
  ).toHaveCount(0);

  await page.goto(`/patients/${patient.id}`);
  await page.getByRole('tab', { name: 'Checklist' }).click();
  const spep = page.getByRole('article', {
    name: 'Serum protein electrophoresis (M-spike)',
  });
  await expect(spep).toContainText('Resulted');
  await expect(spep.getByTestId('result-source')).toHaveText(
    `Result applied from the inbox (laboratory interface CITYLAB, message ${controlId})`,
  );
});
