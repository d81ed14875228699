import type { DecodedPatient, PatientIdentifier } from './inbound.types';

/** What the laboratory's patient identifiers give: one MRN to look up, or why not. */
export type MrnLookup =
  | { readonly kind: 'mrn'; readonly mrn: string }
  | { readonly kind: 'none'; readonly detail: string };

const isMedicalRecordNumber = (id: PatientIdentifier): boolean => (id.type ?? '').toUpperCase() === 'MR';

/**
 * The MRN to match by: every identifier is read (PID-3 repeats), and exactly one medical record
 * number of the trusted assigning authority may be there (`authority` unset: any `MR` id).
 * Other identifier types (state HIE ids, PID-2/PID-4) never identify the patient here.
 */
export function mrnOf(patient: DecodedPatient, authority: string | undefined): MrnLookup {
  const trusted = patient.identifiers.filter(
    (id) =>
      isMedicalRecordNumber(id) &&
      id.value.trim() !== '' &&
      (authority === undefined || id.authority.some((a) => a.trim().toLowerCase() === authority.trim().toLowerCase())),
  );
  const values = [...new Set(trusted.map((id) => id.value.trim()))];
  if (values.length === 0) {
    return { kind: 'none', detail: authority === undefined ? 'no medical record number (MR) sent' : 'no medical record number of the trusted assigning authority' };
  }
  if (values.length > 1) {
    return { kind: 'none', detail: 'more than one medical record number of the trusted authority' };
  }
  return { kind: 'mrn', mrn: values[0] as string };
}

/** Upper case, no accents, no punctuation or blanks: `Doé-Smith` and `DOE SMITH` compare equal. */
const comparable = (name: string): string =>
  name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]/gu, '');

/**
 * The wrong-patient guard: the registered patient found by MRN must have the birth date and family
 * name the laboratory sent. Anything missing or different is a mismatch, never a match.
 * @returns undefined when they agree, else what differs (no patient data in the text).
 */
export function demographicMismatch(
  sent: DecodedPatient,
  registered: { readonly familyName: string; readonly birthDate: string },
): string | undefined {
  const problems: string[] = [];
  if (sent.birthDate === undefined || sent.birthDate !== registered.birthDate) {
    problems.push('birth date');
  }
  if (sent.familyName === undefined || comparable(sent.familyName) !== comparable(registered.familyName) || comparable(sent.familyName) === '') {
    problems.push('family name');
  }
  return problems.length === 0 ? undefined : `${problems.join(' and ')} differ from the registered patient's`;
}
