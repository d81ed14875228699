import { readFile } from 'node:fs/promises';
import type { Bundle } from '@medplum/fhirtypes';
import { ClinicApi } from '../support/clinic';
import {
  expect,
  expectAccessible,
  screenshot,
  signIn,
  test,
} from '../support/fixtures';

/** Every `reference` string anywhere in a FHIR resource tree. */
function referencesIn(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.flatMap(referencesIn);
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, v]) =>
      key === 'reference' && typeof v === 'string' ? [v] : referencesIn(v),
    );
  }
  return [];
}

test('a hematologist exports the workup on screen as a FHIR Bundle whose references all resolve inside it', async ({
  page,
  request,
}) => {
  const clinic = await ClinicApi.as(request, 'hematologist');
  const patient = await clinic.registerPatient();
  const workup = await clinic.openWorkup(patient.id);
  await clinic.act(workup.id, 'vegf', 'result', {
    specimen: 'plasma',
    values: [{ code: '75628-8', name: 'VEGF', value: 310, unit: 'pg/mL' }],
  });

  await signIn(page, 'hematologist');
  await page.goto(`/patients/${patient.id}`);
  await expect(
    page.getByRole('heading', {
      level: 1,
      name: `${patient.familyName}, ${patient.givenName}`,
    }),
  ).toBeVisible();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'FHIR export' }).click(),
  ]);

  expect(file.suggestedFilename()).toBe(`patient-${patient.mrn}-fhir.json`);
  const bundle = JSON.parse(
    await readFile(await file.path(), 'utf8'),
  ) as Bundle;
  expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
  const entries = bundle.entry ?? [];
  const fullUrls = entries.map((e) => e.fullUrl);
  expect(new Set(fullUrls).size).toBe(entries.length);
  const references = referencesIn(bundle);
  expect(references.length).toBeGreaterThan(0);
  for (const reference of references) {
    expect(fullUrls).toContain(reference);
  }
  const patients = entries.filter(
    (e) => e.resource?.resourceType === 'Patient',
  );
  expect(patients).toHaveLength(1);
  expect(JSON.stringify(patients[0]?.resource)).toContain(patient.mrn);
  expect(
    entries.filter((e) => e.resource?.resourceType === 'CarePlan'),
  ).toHaveLength(1);
  await expect(
    page.getByRole('status').filter({ hasText: 'Saved patient-' }),
  ).toHaveCount(1);
  await expectAccessible(page);
  await screenshot(page, 'workup-fhir-export');
});
