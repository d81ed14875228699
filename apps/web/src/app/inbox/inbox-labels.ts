import type { InboxReason } from '@poems/domain';

/** Why an entry waits, as a hematologist reads it. */
export const INBOX_REASON_LABELS: Readonly<Record<InboxReason, string>> = {
  unknown_patient: 'Unknown patient',
  demographic_mismatch: 'Name or birth date differ from the registered patient',
  no_open_workup: 'No open workup',
  unknown_code: 'Test not on the checklist',
  unit_mismatch: 'Unit does not fit the test',
  specimen_missing: 'Specimen missing',
  coded_value_unmapped: 'Coded answer not mapped',
  already_resulted: 'Item already has a result',
  correction_without_original: 'Correction without the original result',
  status_P: 'Preliminary result',
  lab_cancelled: 'Cancelled by the laboratory',
  wrong_patient: 'Wrong patient (laboratory)',
  result_deleted: 'Deleted by the laboratory',
  value_not_numeric: 'Value is not a number',
  item_closed: 'Item takes no result',
  result_invalid: 'Result refused by the checks',
};
