import { isIsoDate } from '@poems/domain';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/** Bounds that keep dates plausible: typos like 0202 or 20225 are rejected, not stored. */
export interface DateBounds {
  /** Inclusive, `YYYY-MM-DD`. */
  readonly min?: string;
  /** Inclusive, `YYYY-MM-DD`. */
  readonly max?: string;
}

const DEFAULT_MIN = '1900-01-01';
const DEFAULT_MAX = '2199-12-31';

/** A real calendar date written `YYYY-MM-DD`, within bounds. */
export function IsCalendarDate(
  bounds: DateBounds = {},
  options?: ValidationOptions,
): PropertyDecorator {
  const min = bounds.min ?? DEFAULT_MIN;
  const max = bounds.max ?? DEFAULT_MAX;
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          isIsoDate(value) &&
          value >= min &&
          value <= max,
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be a date written YYYY-MM-DD between ${min} and ${max}`,
      },
    },
    options,
  );
}

// Date and time, with seconds and fraction optional, and a mandatory offset (Z or ±hh:mm).
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:\d{2}(\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

/** Largest offset in use anywhere on Earth (Line Islands, +14:00; the most western is −12:00). */
const MAX_OFFSET_MINUTES = 14 * 60;

/** Whether a `±hh:mm` offset (hours and minutes as written) is a real one: within ±14:00. */
export function isPlausibleOffset(hours: string, minutes: string): boolean {
  const [h, m] = [Number(hours), Number(minutes)];
  return m < 60 && h * 60 + m <= MAX_OFFSET_MINUTES;
}

/** Whether a string is an ISO 8601 instant with an explicit offset, within the date bounds. */
export function isInstant(value: unknown, bounds: DateBounds = {}): boolean {
  if (typeof value !== 'string') {
    return false;
  }
  const match = INSTANT.exec(value);
  if (match === null) {
    return false;
  }
  const date = `${match[1]}-${match[2]}-${match[3]}`;
  const [hours, minutes] = [Number(match[4]), Number(match[5])];
  const offsetValid =
    match[8] === 'Z' || isPlausibleOffset(match[9] ?? '', match[10] ?? '');
  return (
    offsetValid &&
    isIsoDate(date) &&
    hours < 24 &&
    minutes < 60 &&
    !Number.isNaN(Date.parse(value)) &&
    date >= (bounds.min ?? DEFAULT_MIN) &&
    date <= (bounds.max ?? DEFAULT_MAX)
  );
}

/** An ISO 8601 date-time with an explicit offset (`2026-03-01T09:30:00+01:00` or `…Z`). */
export function IsInstant(
  bounds: DateBounds = {},
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value: unknown) => isInstant(value, bounds),
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be a date-time with an offset within ±14:00, e.g. 2026-03-01T09:30:00+01:00`,
      },
    },
    options,
  );
}
