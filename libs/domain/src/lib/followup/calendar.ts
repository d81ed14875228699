/*
 * Calendar arithmetic on clinic dates (`YYYY-MM-DD`). Dates are compared as strings: the ISO form
 * sorts chronologically, and no time zone is involved once a date is a clinic date.
 */

const parts = (date: string): [number, number, number] => [
  Number(date.slice(0, 4)),
  Number(date.slice(5, 7)),
  Number(date.slice(8, 10)),
];

const pad = (n: number, width: number): string =>
  String(n).padStart(width, '0');

/** Days in a month (1–12) of a year, leap years included. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A date plus whole calendar months, the day clamped to the target month's end
 * (2025-01-31 + 1 month = 2025-02-28): how time points Mk are counted (poems-followup.md §1).
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(Math.min(d, daysInMonth(year, month)), 2)}`;
}

/** Days since 1970-01-01 of a date: cheap arithmetic for comparisons by distance. */
export function epochDay(date: string): number {
  const [y, m, d] = parts(date);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/** Whole days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return epochDay(to) - epochDay(from);
}

/** Completed years of age on a date: a birthday not yet reached that year does not count. */
export function completedYears(birthDate: string, on: string): number {
  const [by, bm, bd] = parts(birthDate);
  const [y, m, d] = parts(on);
  const beforeBirthday = m < bm || (m === bm && d < bd);
  return y - by - (beforeBirthday ? 1 : 0);
}

/** The later of two dates. */
export const laterOf = (a: string, b: string): string => (a >= b ? a : b);

/** The earlier of two dates. */
export const earlierOf = (a: string, b: string): string => (a <= b ? a : b);
