import type {
  AbstractControl,
  ValidationErrors,
  ValidatorFn,
} from '@angular/forms';
import { isIsoDate } from '@poems/domain';

const pad = (n: number): string => String(n).padStart(2, '0');

/** Today's date (`YYYY-MM-DD`) in the browser's time zone. */
export function todayIso(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const LOCAL_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A `datetime-local` input value (`2026-03-10T09:30`) as an instant with the browser's offset
 * at that moment (`2026-03-10T09:30:00+01:00`); null when it is not a valid date and time.
 */
export function localDateTimeToIso(value: string): string | null {
  const match = LOCAL_DATE_TIME.exec(value);
  if (!match) {
    return null;
  }
  const [, y, mo, d, h, mi, s = '00'] = match;
  const date = new Date(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s),
  );
  if (Number.isNaN(date.getTime()) || date.getDate() !== Number(d)) {
    return null;
  }
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** An instant as a `datetime-local` input value in the browser's time zone. */
export function isoToLocalDateTime(iso: string | null | undefined): string {
  if (!iso) {
    return '';
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return '';
  }
  return `${todayIso(date)}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The current moment as a `datetime-local` input value. */
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
