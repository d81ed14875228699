import type {
  AbstractControl,
  ValidationErrors,
  ValidatorFn,
} from '@angular/forms';
import {
  clinicDateOf,
  clinicIsoInstant,
  clinicWallTimeToInstant,
  instantAsClinicWallTime,
  isIsoDate,
} from '@poems/domain';
import { clinicZone } from '../clock/clinic-zone';

/** Today's date (`YYYY-MM-DD`) in the clinic's calendar, whatever the browser's zone. */
export function todayIso(now: Date = new Date()): string {
  return clinicDateOf(now, clinicZone());
}

/**
 * A `datetime-local` input value (`2026-03-10T09:30`), read as the clinic's wall time, as an
 * instant with the clinic's offset (`2026-03-10T09:30:00-05:00`); null when it is not a valid
 * date and time.
 */
export function localDateTimeToIso(value: string): string | null {
  const instant = clinicWallTimeToInstant(value, clinicZone());
  return instant === undefined ? null : clinicIsoInstant(instant, clinicZone());
}

/** An instant as a `datetime-local` input value on the clinic's clock. */
export function isoToLocalDateTime(iso: string | null | undefined): string {
  if (!iso) {
    return '';
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? ''
    : instantAsClinicWallTime(date, clinicZone());
}

/** The current moment as a `datetime-local` input value on the clinic's clock. */
export function nowLocalDateTime(now: Date = new Date()): string {
  return isoToLocalDateTime(now.toISOString());
}

/** A `YYYY-MM-DD` date that exists; empty values pass (pair with `required`). */
export const isoDateValidator: ValidatorFn = (
  control: AbstractControl,
): ValidationErrors | null => {
  const value: unknown = control.value;
  return typeof value !== 'string' || value === '' || isIsoDate(value)
    ? null
    : { isoDate: true };
};

/** A `datetime-local` value that is a real instant; empty values pass. */
export const dateTimeValidator: ValidatorFn = (
  control: AbstractControl,
): ValidationErrors | null => {
  const value: unknown = control.value;
  return typeof value !== 'string' ||
    value === '' ||
    localDateTimeToIso(value) !== null
    ? null
    : { dateTime: true };
};

/** A `YYYY-MM-DD` date not after today (`today` is injectable for tests). */
export function notInFutureValidator(
  today: () => string = () => todayIso(),
): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const value: unknown = control.value;
    return typeof value === 'string' && isIsoDate(value) && value > today()
      ? { future: true }
      : null;
  };
}
