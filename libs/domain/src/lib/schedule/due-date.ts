import { isClosed, type ItemStatus } from '../workup/item-status';

/** Where an item stands against its due date. */
export type DueState = 'closed' | 'no_due_date' | 'overdue' | 'due_soon' | 'on_time';

/** What the due-date rule needs of an item. */
export interface DueItem {
  readonly status: ItemStatus;
  /** `YYYY-MM-DD`, a date in the clinic's calendar. */
  readonly dueDate: string | null | undefined;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a string is a real calendar date in `YYYY-MM-DD` form. */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) {
    return false;
  }
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Whether a string names an IANA time zone this runtime knows. */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

// Building a DateTimeFormat costs far more than formatting with one (about half a millisecond),
// and every request asks for today's date: one formatter per time zone, kept.
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** Today's date (`YYYY-MM-DD`) in the clinic's time zone at the given instant. */
export function todayIn(timeZone: string, now: Date): string {
  let format = dateFormats.get(timeZone);
  if (format === undefined) {
    // en-CA formats dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, format);
  }
  return format.format(now);
}

/** A calendar date plus a number of days (`YYYY-MM-DD`), independent of any time zone. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The calendar window of the due-date rule on a given clinic day. */
export interface DueWindow {
  /** Clinic "today": items due before it are overdue. */
  readonly today: string;
  /** Last day counted as due soon (inclusive). */
  readonly dueSoonUntil: string;
}

/** The due-date window for an instant in the clinic's time zone. */
export function dueWindow(now: Date, timeZone: string, dueSoonDays: number): DueWindow {
  const today = todayIn(timeZone, now);
  return { today, dueSoonUntil: addDays(today, dueSoonDays) };
}

/**
 * The one rule for due dates, used by worklists, badges and reports alike (domain reference §6):
 * overdue = open and due before today in the clinic's time zone; due soon = open and due within
 * the window (today included); an open item without a due date is its own group, never "on time".
 */
export function dueState(item: DueItem, window: DueWindow): DueState {
  if (isClosed(item.status)) {
    return 'closed';
  }
  if (!item.dueDate) {
    return 'no_due_date';
  }
  if (item.dueDate < window.today) {
    return 'overdue';
  }
  return item.dueDate <= window.dueSoonUntil ? 'due_soon' : 'on_time';
}

/** Overdue = open and due date before today in the clinic's time zone. */
export function isOverdue(item: DueItem, now: Date, timeZone: string): boolean {
  return dueState(item, dueWindow(now, timeZone, 0)) === 'overdue';
}
