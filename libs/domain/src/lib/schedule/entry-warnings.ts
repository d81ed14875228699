import { formatClinicDateTime } from './clinic-time';

/** Something about an entry worth a second look, never a reason to refuse it. */
export interface EntryWarning {
  readonly code: 'scheduled_in_past' | 'performed_before_appointment';
  readonly message: string;
}

/** Minutes of slack before a time counts as "in the past": typing takes time. */
const PAST_GRACE_MS = 5 * 60_000;

/**
 * Warnings for scheduling a test at `scheduledAt`: a time already past is allowed (a booking
 * recorded after the fact) but is usually a typo in the date.
 */
export function scheduleWarnings(scheduledAt: Date, now: Date, timeZone: string): EntryWarning[] {
  return scheduledAt.getTime() < now.getTime() - PAST_GRACE_MS
    ? [
        {
          code: 'scheduled_in_past',
          message: `${formatClinicDateTime(scheduledAt, timeZone)} is in the past. Save anyway if the booking is recorded after the fact.`,
        },
      ]
    : [];
}

/**
 * Warnings for marking a test performed at `performedAt` when it was booked for `scheduledAt`:
 * earlier than the appointment is possible (a walk-in) but is usually the wrong day.
 */
export function performWarnings(performedAt: Date, scheduledAt: Date | null, timeZone: string): EntryWarning[] {
  return scheduledAt !== null && performedAt.getTime() < scheduledAt.getTime()
    ? [
        {
          code: 'performed_before_appointment',
          message: `Performed before its appointment (${formatClinicDateTime(scheduledAt, timeZone)}). Save anyway if it was done early.`,
        },
      ]
    : [];
}
