import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..', '..');

/** The nine sample messages of the lab-interface reference (tests/fixtures/hl7). */
export const HL7_FIXTURES = [
  '01-vegf-plasma',
  '02-vegf-serum',
  '03-serum-ife',
  '04-serum-flc',
  '05-cbc',
  '06-endocrine',
  '07-vegf-corrected',
  '08-unknown-mrn',
  '09-unknown-loinc',
] as const;

/** A fixture's name. */
export type Hl7FixtureName = (typeof HL7_FIXTURES)[number];

/** A sample message as sent: segments ended by CR (the files keep LF). */
export function hl7Fixture(name: Hl7FixtureName): string {
  return readFileSync(
    join(ROOT, 'tests', 'fixtures', 'hl7', `${name}.hl7`),
    'utf8',
  )
    .replace(/\r?\n/g, '\r')
    .replace(/\r$/, '');
}

/** A FHIR fixture (tests/fixtures/fhir), parsed. */
export function fhirFixture<T = unknown>(name: string): T {
  return JSON.parse(
    readFileSync(
      join(ROOT, 'tests', 'fixtures', 'fhir', `${name}.json`),
      'utf8',
    ),
  ) as T;
}
