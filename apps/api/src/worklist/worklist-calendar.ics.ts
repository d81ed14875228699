import { formatClinicDateTime } from '@poems/domain';
import ical from 'ical-generator';
import { itemNameAndKind } from './worklist-row';
import type { CalendarRecord } from './worklist-calendar.repository';

/** Media type of the feed. */
export const CALENDAR_CONTENT_TYPE = 'text/calendar; charset=utf-8';

/** How long an appointment shows in the calendar: items carry a start time only. */
export const EVENT_DURATION_MS = 60 * 60 * 1000;

/** Domain part of every event's UID (RFC 5545 recommends one). */
const UID_DOMAIN = 'poems-workup.dev';

/**
 * An iCalendar feed with one event per scheduled item. Calendars are synced to phones and shared
 * mailboxes, so an event names the item and the patient's MRN only — never the patient's name —
 * and links to the patient page by its id. The UID is the item's id: rescheduling moves the
 * event instead of adding one, and SEQUENCE (the item's version) tells clients which is newer.
 * Times are UTC instants (each calendar shows them on its own device's clock); the description
 * names the clinic's wall time, which is what the patient was told.
 */
export function worklistCalendar(
  records: readonly CalendarRecord[],
  now: Date,
  timeZone: string,
): string {
  const calendar = ical({
    name: 'POEMS workup: scheduled items',
    prodId: {
      company: 'poems-workup',
      product: 'worklist-calendar',
      language: 'EN',
    },
  });
  for (const record of records) {
    const { name } = itemNameAndKind(record);
    const item = {
      name: record.time_point ? `${name} (${record.time_point})` : name,
    };
    const what = record.time_point
      ? 'POEMS follow-up item'
      : 'POEMS workup item';
    calendar.createEvent({
      id: `${record.item_id}@${UID_DOMAIN}`,
      sequence: record.version,
      stamp: now,
      lastModified: record.updated_at,
      start: record.scheduled_at,
      end: new Date(record.scheduled_at.getTime() + EVENT_DURATION_MS),
      summary: `${item.name} (MRN ${record.mrn})`,
      location: record.location,
      description: `${what}: ${item.name}\nClinic time: ${formatClinicDateTime(record.scheduled_at, timeZone)}\nPatient page: /patients/${record.patient_id}`,
    });
  }
  return calendar.toString();
}
