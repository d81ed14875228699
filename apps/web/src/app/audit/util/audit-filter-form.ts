import type {
  AbstractControl,
  FormControl,
  FormGroup,
  NonNullableFormBuilder,
  ValidationErrors,
  ValidatorFn,
} from '@angular/forms';
import { dateTimeValidator } from '../../core/forms/dates';
import {
  ACTOR_PATTERN,
  type AuditFilters,
  type AuditOutcomeFilter,
  CODE_PATTERN,
  PATIENT_TEXT_PATTERN,
  UUID_PATTERN,
} from './audit-query';

/** The filter form's values, as typed ('' for a filter not set). */
export interface AuditFilterFormValue {
  readonly from: string;
  readonly to: string;
  readonly actor: string;
  readonly patient: string;
  readonly action: string;
  readonly entityType: string;
  readonly outcome: AuditOutcomeFilter | '';
}

export const OUTCOME_LABELS: Readonly<Record<AuditOutcomeFilter, string>> = {
  success: 'Success',
  failure: 'Failure',
};

const CODE_MESSAGE = 'Letters, digits, dots, colons, dashes or underscores.';

/** A pattern the trimmed value must match, with the message to show otherwise. */
function matches(pattern: RegExp, message: string): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const value: unknown = control.value;
    return typeof value !== 'string' ||
      value.trim() === '' ||
      pattern.test(value.trim())
      ? null
      : { message };
  };
}

function notBeforeFrom(control: AbstractControl): ValidationErrors | null {
  const from: unknown = control.parent?.get('from')?.value;
  const to: unknown = control.value;
  return typeof from === 'string' &&
    typeof to === 'string' &&
    from !== '' &&
    to !== '' &&
    to < from
    ? { message: 'Must not be before the start.' }
    : null;
}

/** The filter form: one control per filter. */
export type AuditFilterForm = FormGroup<{
  [K in keyof AuditFilterFormValue]: FormControl<AuditFilterFormValue[K]>;
}>;

/** The filter form, refusing values the API would reject. */
export function auditFilterForm(fb: NonNullableFormBuilder): AuditFilterForm {
  return fb.group({
    from: ['', [dateTimeValidator]],
    to: ['', [dateTimeValidator, notBeforeFrom]],
    actor: ['', [matches(ACTOR_PATTERN, 'Enter a username or a user id.')]],
    patient: [
      '',
      [
        matches(
          PATIENT_TEXT_PATTERN,
          'Enter an MRN, a name or a patient id (at most 200 characters).',
        ),
      ],
    ],
    action: ['', [matches(CODE_PATTERN, CODE_MESSAGE)]],
    entityType: ['', [matches(CODE_PATTERN, CODE_MESSAGE)]],
    outcome: ['' as AuditOutcomeFilter | ''],
  });
}

/** The form's values for the applied filters. */
export function filterFormValue(f: AuditFilters): AuditFilterFormValue {
  return {
    from: f.from ?? '',
    to: f.to ?? '',
    actor: f.actor ?? '',
    patient: f.patientId ?? f.patient ?? '',
    action: f.action ?? '',
    entityType: f.entityType ?? '',
    outcome: f.outcome ?? '',
  };
}

/** The filters the form asks for, without the blank ones. */
export function filtersOf(value: AuditFilterFormValue): AuditFilters {
  const text = (s: string): string | undefined =>
    s.trim() === '' ? undefined : s.trim();
  const filters: AuditFilters = {
    from: text(value.from),
    to: text(value.to),
    actor: text(value.actor),
    // A patient id stays an id (exact); anything else is looked for as an MRN or a name.
    ...(UUID_PATTERN.test(value.patient.trim())
      ? { patientId: text(value.patient) }
      : { patient: text(value.patient) }),
    action: text(value.action),
    entityType: text(value.entityType),
    outcome: value.outcome === '' ? undefined : value.outcome,
  };
  return Object.fromEntries(
    Object.entries(filters).filter(([, v]) => v !== undefined),
  ) as AuditFilters;
}

/** Suggestions that contain what was typed. */
export function suggest(options: readonly string[], typed: string): string[] {
  const needle = typed.trim().toLowerCase();
  return options.filter((o) => o.toLowerCase().includes(needle));
}
